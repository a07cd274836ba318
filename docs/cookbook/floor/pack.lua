-- Green: at or better than target; amber: at or better than the floor
-- standard; red: below the floor. Targets and floors come from the data.
pack "floor" { title = "Quarterly KPIs: target and floor" }

scale "rag" {
  { "RED", meaning = "Below the floor standard" },
  { "AMBER", meaning = "At or above the floor, short of target" },
  { "GREEN", meaning = "At or better than target" },
}

group "kpis" {
  target = { value = data "target" },
  rating = first {
    { met, GREEN },
    { better_than(data "floor"), AMBER },
    { otherwise, RED },
  },
  indicators = { "calls_answered", "missed_bins", "sickness_days", "rent_collected", "new_homes",
                 "complaints_on_time", "fly_tipping_cleared" },
}
