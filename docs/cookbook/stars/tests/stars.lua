-- Tests of star / circle / triangle around a ±5 % band:
--   assay test docs/cookbook/stars --allow-data docs/cookbook
cases "±5 % of the target" {
  group = "kpis",
  dataset = "../../kpis.csv",
  { "8.4 days against 8 is exactly 5 % over: a circle (the edge counts)", indicator_id = "sickness_days",
    target = 8, series = { ["2024 Q3"] = 8.4 }, expect = { rating = "Circle" } },
  { "7.6 days against 8 is exactly 5 % under, lower is better: a circle, not a star", indicator_id = "sickness_days",
    target = 8, series = { ["2024 Q3"] = 7.6 }, expect = { rating = "Circle" } },
  { "7.5 days is better by more than 5 %: a star", indicator_id = "sickness_days",
    target = 8, series = { ["2024 Q3"] = 7.5 }, expect = { rating = "Star" } },
  { "8.5 days is more than 5 % over: a triangle", indicator_id = "sickness_days",
    target = 8, series = { ["2024 Q3"] = 8.5 }, expect = { rating = "Triangle" } },
  { "higher is better: 95 against 90 is better by 5.6 %: a star", indicator_id = "calls_answered",
    target = 90, series = { ["2024 Q3"] = 95 }, expect = { rating = "Star" } },
}

test "the officer's sheet, 2024 Q3" {
  data = "../../kpis.csv",
  expect = {
    groups = { kpis = { ratings = { Star = 1, Circle = 2, Triangle = 3 }, unrated = 1 } },
    outcomes = { sickness_days = { rating = "Circle" }, complaints_on_time = { rating = "Star" } },
  },
}
