-- Star: better than target by more than 5 %; circle: within 5 % of target,
-- either side; triangle: more than 5 % short of target.
pack "stars" { title = "Quarterly KPIs: star, circle, triangle" }

scale "shapes" {
  { "Triangle", symbol = "▲", meaning = "More than 5 % short of target" },
  { "Circle", symbol = "●", meaning = "Within 5 % of target, either side" },
  { "Star", symbol = "★", meaning = "Better than target by more than 5 %" },
}

group "kpis" {
  target = { value = data "target" },
  rating = first {
    { better_by(pct(5)), STAR },
    { within(pct(5)), CIRCLE },
    { otherwise, TRIANGLE },
  },
  indicators = { "calls_answered", "missed_bins", "sickness_days", "rent_collected", "new_homes",
                 "complaints_on_time", "fly_tipping_cleared" },
}
