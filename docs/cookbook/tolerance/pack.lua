-- Green on or better than target; amber within 10 % short of it, or better
-- than the same quarter last year; red otherwise. Targets come from the data.
pack "tolerance" { title = "Quarterly KPIs: 10 % tolerance" }

scale "rag" {
  { "RED", meaning = "More than 10 % short of target and no better than a year ago" },
  { "AMBER", meaning = "Within 10 % of target, or better than the same quarter last year" },
  { "GREEN", meaning = "On or better than target" },
}

group "kpis" {
  arrow = arrow.same_period_last_year { },
  target = { value = data "target" },
  rating = first {
    { met, GREEN },
    { no(short_of(pct(10))), AMBER },
    { improved, AMBER },
    { otherwise, RED },
  },
  indicators = { "calls_answered", "missed_bins", "sickness_days", "rent_collected", "new_homes",
                 "complaints_on_time", "fly_tipping_cleared" },
}
