-- Table-driven cases. A case is a one-area series, and a comparator area
-- missing from the data is an input error, so the comparison with the
-- revised budget is pinned by bands.lua (a fixture) and seed.lua. Here: a
-- Revised budget line on its own, its own comparator.

cases "the Revised budget column is not rated" {
  group = "pcc_initiatives",
  indicator = { polarity = "lower_is_better", unit = "currency", decimals = 0 },
  area = "Revised budget",
  { "a revised budget line meets itself but is not rated",
    series = { ["2017/18"] = "2,406" },
    expect = { rating = "none", arrow = "none", met = true, distance = 0, target = 2406,
               reason = "only the forecast is rated" } },
  { "an overspent revised budget is still not rated (only the Forecast column is)",
    series = { ["2017/18"] = "(2,406)" },
    expect = { rating = "none", value = -2406 } },
}
