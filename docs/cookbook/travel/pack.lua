-- Short- and long-term direction of travel: the quarter against the one
-- before (short) and against the same quarter a year earlier (long, four
-- quarters back); a change of 1 % or less either way is no change. Green
-- when better on both, amber when better on one, red otherwise.
pack "travel" { title = "Quarterly KPIs: short- and long-term direction of travel" }

scale "rag" {
  { "RED", meaning = "Better on neither the last quarter nor a year ago" },
  { "AMBER", meaning = "Better than the last quarter or than a year ago, not both" },
  { "GREEN", meaning = "Better than both the last quarter and a year ago" },
}

group "kpis" {
  arrow = arrow.last_two { static_within = pct(1) },
  long_arrow = arrow.periods_back(4, { static_within = pct(1) }),
  rating = first {
    { all { improved, improved_over("long") }, GREEN },
    { any { improved, improved_over("long") }, AMBER },
    { otherwise, RED },
  },
  indicators = { "calls_answered", "missed_bins", "rent_collected", "sickness_days", "complaints_on_time" },
}
