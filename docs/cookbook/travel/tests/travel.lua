-- Tests of the short- and long-term direction of travel:
--   assay test docs/cookbook/travel --allow-data docs/cookbook
cases "short and long term" {
  group = "kpis",
  dataset = "../../quarters.csv",      -- polarity from the officer's wide table
  { "better on the quarter and on the year: GREEN", indicator_id = "calls_answered",
    series = { ["2023 Q3"] = 80, ["2023 Q4"] = 84, ["2024 Q1"] = 86, ["2024 Q2"] = 88, ["2024 Q3"] = 91 },
    expect = { arrow = "improved", long_arrow = "improved", rating = "GREEN" } },
  { "lower is better: up on the quarter, down on the year: AMBER", indicator_id = "missed_bins",
    series = { ["2023 Q3"] = 40, ["2023 Q4"] = 36, ["2024 Q1"] = 35, ["2024 Q2"] = 34, ["2024 Q3"] = 36 },
    expect = { arrows = { long = "improved" }, arrow = "declined", rating = "AMBER" } },
  { "a 1 % change is no change, on either arrow: RED", indicator_id = "calls_answered",
    series = { ["2023 Q3"] = 100, ["2023 Q4"] = 90, ["2024 Q1"] = 90, ["2024 Q2"] = 100, ["2024 Q3"] = 101 },
    expect = { arrow = "static", long_arrow = "static", rating = "RED" } },
  { "a year of figures is needed for the long arrow", indicator_id = "calls_answered",
    series = { ["2024 Q2"] = 88, ["2024 Q3"] = 91 },
    expect = { arrow = "improved", long_arrow = "none", rating = "AMBER" } },
}

test "the officer's wide table, 2024 Q3" {
  data = "../../quarters.csv",
  expect = {
    groups = { kpis = { ratings = { GREEN = 1, AMBER = 2, RED = 2 } } },
    outcomes = {
      calls_answered = { arrow = "improved", long_arrow = "improved", rating = "GREEN" },
      missed_bins = { arrow = "declined", long_arrow = "improved", rating = "AMBER" },
      rent_collected = { arrow = "declined", long_arrow = "declined", rating = "RED" },
      sickness_days = { arrow = "static", long_arrow = "declined", rating = "RED" },
      complaints_on_time = { arrow = "static", long_arrow = "improved", rating = "AMBER" },
    },
  },
}
