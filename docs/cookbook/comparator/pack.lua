-- Against a comparator (the national or family-group figure for the same
-- quarter, in the sheet's comparator column): green when better than it by
-- more than 5 %, amber within 5 % of it either side, red otherwise.
pack "comparator" { title = "Quarterly KPIs against the national figure" }

scale "rag" {
  { "RED", meaning = "Worse than the national figure by more than 5 %" },
  { "AMBER", meaning = "Within 5 % of the national figure, either side" },
  { "GREEN", meaning = "Better than the national figure by more than 5 %" },
}

group "kpis" {
  rating = first {
    { better_by(pct(5), data "comparator"), GREEN },
    { within(pct(5), data "comparator"), AMBER },
    { otherwise, RED },
  },
  indicators = { "calls_answered", "missed_bins", "sickness_days", "rent_collected", "new_homes",
                 "complaints_on_time", "fly_tipping_cleared" },
}
