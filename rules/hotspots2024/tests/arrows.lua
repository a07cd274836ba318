-- Table-driven cases for the LSOA arrow: the last two years, static within
-- 5% of the earlier year (the edge is static). A case is a one-indicator
-- series, with no all-Stockton figure beside it, so the comparison rating is
-- "not rated" here and is pinned by edges.lua (a fixture) and seed.lua.

cases "LSOA arrows: static within 5% of the year before" {
  group = "lsoa_outcomes",
  indicator = { polarity = "lower_is_better", unit = "count", decimals = 0 },
  area = "Test LSOA",
  { "134 -> 119 (the seed's Billingham ASB, -11.2%): improved",
    series = { ["Jul 22 - Jun 23"] = 134, ["Jul 23 - Jun 24"] = 119 },
    expect = { arrow = "improved", change = -15, change_pct = -11.194030, period = "Jul 23 - Jun 24",
               rating = "none", reason = "no % change for all Stockton" } },
  { "200 -> 190 (-5%): the edge is static",
    series = { ["Jul 22 - Jun 23"] = 200, ["Jul 23 - Jun 24"] = 190 },
    expect = { arrow = "static", change_pct = -5 } },
  { "200 -> 189 (-5.5%): improved",
    series = { ["Jul 22 - Jun 23"] = 200, ["Jul 23 - Jun 24"] = 189 },
    expect = { arrow = "improved" } },
  { "200 -> 210 (+5%): the edge is static",
    series = { ["Jul 22 - Jun 23"] = 200, ["Jul 23 - Jun 24"] = 210 },
    expect = { arrow = "static", change_pct = 5 } },
  { "200 -> 211 (+5.5%): declined",
    series = { ["Jul 22 - Jun 23"] = 200, ["Jul 23 - Jun 24"] = 211 },
    expect = { arrow = "declined" } },
  { "one year only: no arrow, not rated",
    series = { ["Jul 23 - Jun 24"] = 119 },
    expect = { arrow = "none", rating = "none", reason = "no earlier year" } },
}

cases "patrols: activity, neutral, not rated" {
  group = "patrols",
  indicator = { polarity = "neutral", unit = "count", decimals = 0 },
  area = "Test hotspot",
  { "a single period: no arrow, no rating",
    series = { ["Aug 2023 - Jun 2024"] = 408 },
    expect = { arrow = "none", rating = "none", value = 408 } },
  { "hours as h:mm:ss are read as hours",
    indicator_id = "patrol_hours",
    series = { ["Aug 2023 - Jun 2024"] = "373:26:00" },
    expect = { rating = "none", value = 373.433333 } },
}

cases "police % change in the hotspots: 5% either way is AMBER" {
  group = "hotspot_police_change",
  indicator = { polarity = "lower_is_better", unit = "percent", decimals = 0 },
  area = "Test hotspot",
  { "-22% (the seed's Stockton Town Centre): GREEN",
    series = { ["Jul 23 - Jun 24"] = "-22%" }, expect = { rating = "GREEN", value = -22 } },
  { "-5%: the edge is AMBER", series = { ["Jul 23 - Jun 24"] = "-5%" }, expect = { rating = "AMBER" } },
  { "-5.1%: GREEN", series = { ["Jul 23 - Jun 24"] = "-5.1%" }, expect = { rating = "GREEN" } },
  { "+5%: the edge is AMBER", series = { ["Jul 23 - Jun 24"] = "5%" }, expect = { rating = "AMBER" } },
  { "+5.1%: RED", series = { ["Jul 23 - Jun 24"] = "+5.1%" }, expect = { rating = "RED" } },
  { "N/A: not rated", series = { ["Jul 23 - Jun 24"] = "N/A" }, expect = { rating = "none", reason = "no data" } },
}
