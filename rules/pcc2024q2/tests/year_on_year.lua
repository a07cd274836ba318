-- Table-driven cases for the year-on-year rules (pack.lua): the 1% static
-- band and its edges, polarity, neutral volumes, rows to a different month,
-- and a missing year. Each case is a one-indicator dataset.

cases "crimes: lower is better, static within 1% of the previous 12 months" {
  group = "neighbourhood_crime",
  indicator = { polarity = "lower_is_better", unit = "count", decimals = 0 },
  { "falls 22.7% (the seed's residential burglary): improved, GREEN",
    series = { ["12 months to Sept 2022"] = "3,497", ["12 months to Sept 2023"] = "4,050", ["12 months to Sept 2024"] = "3,131" },
    expect = { arrow = "improved", rating = "GREEN", change = -919, change_pct = -22.691358,
               period = "12 months to Sept 2024" } },
  { "falls exactly 1%: the edge is static, AMBER",
    series = { ["12 months to Sept 2023"] = 1000, ["12 months to Sept 2024"] = 990 },
    expect = { arrow = "static", rating = "AMBER", change = -10, change_pct = -1 } },
  { "falls 1.1%: just beyond the band, improved, GREEN",
    series = { ["12 months to Sept 2023"] = 1000, ["12 months to Sept 2024"] = 989 },
    expect = { arrow = "improved", rating = "GREEN" } },
  { "rises exactly 1%: the edge is static, AMBER",
    series = { ["12 months to Sept 2023"] = 1000, ["12 months to Sept 2024"] = 1010 },
    expect = { arrow = "static", rating = "AMBER", change_pct = 1 } },
  { "rises 1.1%: just beyond the band, declined, RED",
    series = { ["12 months to Sept 2023"] = 1000, ["12 months to Sept 2024"] = 1011 },
    expect = { arrow = "declined", rating = "RED" } },
  { "no change: static, AMBER",
    series = { ["12 months to Sept 2023"] = 0, ["12 months to Sept 2024"] = 0 },
    expect = { arrow = "static", rating = "AMBER" } },
  { "compares with the same 12 months a year earlier, not two years",
    series = { ["12 months to Sept 2022"] = 500, ["12 months to Sept 2023"] = 400, ["12 months to Sept 2024"] = 450 },
    expect = { arrow = "declined", rating = "RED", change = 50 } },
  { "nothing a year earlier: no arrow, not rated",
    series = { ["12 months to Sept 2022"] = 500, ["12 months to Sept 2024"] = 450 },
    expect = { arrow = "none", rating = "none", reason = "a year earlier" } },
  { "a latest N/A: the last available year is assessed",
    series = { ["12 months to Sept 2022"] = 500, ["12 months to Sept 2023"] = 400, ["12 months to Sept 2024"] = "N/A" },
    expect = { arrow = "improved", rating = "GREEN", period = "12 months to Sept 2023", change = -100 } },
}

cases "rows to a different month keep their period" {
  group = "serious_violence",
  indicator = { polarity = "lower_is_better", unit = "count", decimals = 0 },
  { "12 months to June: June 2024 against June 2023 (the seed's 65 -> 90)",
    indicator_id = "nhs_sharps_admissions_all_ages",
    series = { ["12 months to June 2022"] = 100, ["12 months to June 2023"] = 65, ["12 months to June 2024"] = 90 },
    expect = { arrow = "declined", rating = "RED", period = "12 months to June 2024", change = 25, change_pct = 38.461538 } },
  { "under-25s 20 -> 15: improved",
    indicator_id = "nhs_sharps_admissions_under_25",
    series = { ["12 months to June 2023"] = 20, ["12 months to June 2024"] = 15 },
    expect = { arrow = "improved", rating = "GREEN", period = "12 months to June 2024", change_pct = -25 } },
}

cases "rates: higher is better, the band is 1% of the rate" {
  group = "calls_999",
  indicator = { polarity = "higher_is_better", unit = "percent", decimals = 1 },
  { "87.7% -> 89.2% (+1.5pts, +1.7%): improved, GREEN",
    indicator_id = "calls_999_answered_10s",
    series = { ["12 months to Sept 2023"] = "87.7%", ["12 months to Sept 2024"] = "89.2%" },
    expect = { arrow = "improved", rating = "GREEN", change = 1.5, change_pct = 1.710376 } },
  { "50% -> 50.5% (+1%): the edge is static, AMBER",
    indicator_id = "calls_999_answered_10s",
    series = { ["12 months to Sept 2023"] = "50%", ["12 months to Sept 2024"] = "50.5%" },
    expect = { arrow = "static", rating = "AMBER" } },
  { "50% -> 49.4% (-1.2%): declined, RED",
    indicator_id = "calls_999_answered_10s",
    series = { ["12 months to Sept 2023"] = "50%", ["12 months to Sept 2024"] = "49.4%" },
    expect = { arrow = "declined", rating = "RED", change = -0.6 } },
}

cases "call volumes are demand: increased or decreased, not rated" {
  group = "calls_999",
  indicator = { polarity = "neutral", unit = "count", decimals = 0 },
  { "121,752 -> 113,266: decreased, not rated",
    series = { ["12 months to Sept 2023"] = "121,752", ["12 months to Sept 2024"] = "113,266" },
    expect = { arrow = "decreased", rating = "none", change = -8486, change_pct = -6.969906, reason = "demand" } },
  { "113,176 -> 121,752: increased, not rated",
    series = { ["12 months to Sept 2022"] = "113,176", ["12 months to Sept 2023"] = "121,752" },
    expect = { arrow = "increased", rating = "none" } },
  { "within 1%: static, still not rated",
    series = { ["12 months to Sept 2023"] = 1000, ["12 months to Sept 2024"] = 1005 },
    expect = { arrow = "static", rating = "none" } },
}

-- A case is one area, and a comparator area missing from the data is an
-- input error, so the comparison with the national rate is pinned by the
-- whole-dataset tests (seed.lua, charge_bands.lua). Here: the National row.
cases "charge rates: the National row" {
  group = "charge_rates",
  indicator = { polarity = "higher_is_better", unit = "percent", decimals = 1 },
  area = "National",
  { "the comparator itself is not rated",
    series = { ["2023/24"] = "6.4%" },
    expect = { rating = "none", reason = "the national rate" } },
}
