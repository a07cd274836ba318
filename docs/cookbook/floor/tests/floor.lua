-- Tests of the target and floor standard:
--   assay test docs/cookbook/floor --allow-data docs/cookbook
cases "floor standard" {
  group = "kpis",
  dataset = "../../kpis.csv",          -- polarity, title, decimals from the officer's sheet
  floor = 85,                          -- every case, every quarter
  { "above the floor: AMBER", indicator_id = "calls_answered", target = 90,
    series = { ["2024 Q3"] = 87 }, expect = { rating = "AMBER" } },
  { "exactly on the floor counts as at it: AMBER", indicator_id = "calls_answered", target = 90,
    series = { ["2024 Q3"] = 85 }, expect = { rating = "AMBER" } },
  { "below the floor: RED", indicator_id = "calls_answered", target = 90,
    series = { ["2024 Q3"] = 84.9 }, expect = { rating = "RED" } },
  { "each year its own target", indicator_id = "calls_answered",
    data = { { "2023 Q3", 91, target = 95 }, { "2024 Q3", 91, target = 90 } },
    expect = { rating = "GREEN", target = 90 } },
  { "no floor this quarter", indicator_id = "calls_answered",
    data = { { "2024 Q3", 87, target = 90, floor = "N/A" } },
    expect = { rating = "none", reason = "no floor for 2024 Q3" } },
  { "lower is better, from the sheet: 9.5 days is past a floor of 9", indicator_id = "sickness_days",
    target = 8, floor = 9, series = { ["2024 Q3"] = 9.5 }, expect = { rating = "RED" } },
}

test "the officer's sheet, 2024 Q3" {
  data = "../../kpis.csv",
  expect = {
    groups = { kpis = { ratings = { GREEN = 2, AMBER = 2, RED = 1 }, unrated = 2 } },
    outcomes = {
      missed_bins = { rating = "AMBER" },
      rent_collected = { rating = "RED" },
      fly_tipping_cleared = { rating = "none", reason = "no floor for 2024 Q3" },
    },
  },
}
