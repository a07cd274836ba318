-- Tests of better / worse than a comparator (the national figure):
--   assay test docs/cookbook/comparator --allow-data docs/cookbook
cases "±5 % of the comparator" {
  group = "kpis",
  dataset = "../../kpis.csv",
  { "91 against a national 88 is 3.4 % better: AMBER", indicator_id = "calls_answered",
    comparator = 88, series = { ["2024 Q3"] = 91 }, expect = { rating = "AMBER" } },
  { "93 against 88 is 5.7 % better: GREEN", indicator_id = "calls_answered",
    comparator = 88, series = { ["2024 Q3"] = 93 }, expect = { rating = "GREEN" } },
  { "lower is better: 37 bins against 45 is 17.8 % better: GREEN", indicator_id = "missed_bins",
    comparator = 45, series = { ["2024 Q3"] = 37 }, expect = { rating = "GREEN" } },
  { "84 against 95 is 11.6 % worse: RED", indicator_id = "rent_collected",
    comparator = 95, series = { ["2024 Q3"] = 84 }, expect = { rating = "RED" } },
  { "no national figure for the quarter: not rated", indicator_id = "new_homes",
    data = { { "2023 Q3", 100, comparator = 105 }, { "2024 Q3", 120 } },
    expect = { rating = "none", reason = "no comparator for 2024 Q3" } },
}
