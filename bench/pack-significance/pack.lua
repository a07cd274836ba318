-- The benchmark pack (bench/pack) with the arrow decided by significance
-- instead of a static band of 1.5 %: the counts move only on a significant
-- change (rate ratio, 95 %), as the profiles do. bench/run.sh times the two
-- side by side. Indicators that carry no counts (the percentages, rates,
-- ratio and money of the default data) get no arrow, with the reason.

pack "bench-significance" {
  title = "Benchmark: neighbourhood indicators, arrows by significance",
  version = "1.0.0",
  rounding = "half_up",
}

scale "rag" {
  { "RED",   symbol = "●", colour = "#d4351c", meaning = "Not on track, and not improving" },
  { "AMBER", symbol = "●", colour = "#f47738", meaning = "Not on track, but improving" },
  { "GREEN", symbol = "●", colour = "#00703c", meaning = "On track to meet the target" },
}

group "neighbourhood" {
  title = "Neighbourhood indicators",
  arrow = arrow.significant { level = 95 },
  target = { reduce_by = pct(10), from = "2022-01", by = "2025-12" },
  scale = "rag",
  rating = first {
    { on_track, GREEN },
    { improved, AMBER },
    { otherwise, RED },
  },
  indicators = {
    "burglary", "robbery", "vehicle", "violence", "asb", "shoplift", "drugs",
    "calls", "answer10s", "satisfied", "repeat_da", "crime_rate", "solved", "spend",
  },
}
