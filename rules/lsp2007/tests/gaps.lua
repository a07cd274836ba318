-- Narrowing the gap: the Borough against National, and the deprived
-- neighbourhoods against the Borough. Gaps are printed so that higher is
-- better; a gap of 0 or above is closed (GREEN), a narrowing gap is AMBER,
-- and a gap that is static or widened is RED.

cases "Gap with National" {
  group = "gap_national",
  indicator = { unit = "rate", decimals = 1 },
  { "gap closed: at or above 0 is GREEN whatever the arrow (the seed's Robbery)",
    series = { ["2003/04"] = 1.4, ["2004/05"] = 1.7, ["2005/06"] = 1.3, ["2006/07"] = "N/A" },
    expect = { arrow = "declined", rating = "GREEN", period = "2005/06" } },
  { "exactly 0 is closed",
    series = { ["2004/05"] = -0.5, ["2005/06"] = 0 },
    expect = { arrow = "improved", rating = "GREEN" } },
  { "narrowed but not closed: AMBER (the seed's Vehicle Interference)",
    series = { ["2003/04"] = -0.1, ["2004/05"] = -1.1, ["2005/06"] = -0.7, ["2006/07"] = "N/A" },
    expect = { arrow = "improved", rating = "AMBER", change = 0.4 } },
  { "static gap: RED (the seed's Theft of a Motor Vehicle)",
    series = { ["2004/05"] = -0.6, ["2005/06"] = -0.6 },
    expect = { arrow = "static", rating = "RED" } },
  { "widened: RED (the seed's Domestic Burglary)",
    series = { ["2003/04"] = -0.1, ["2004/05"] = 1.7, ["2005/06"] = -0.7 },
    expect = { arrow = "declined", rating = "RED" } },
  { "no trend data: no arrow, and an open gap is RED",
    series = { ["2005/06"] = -0.7 },
    expect = { arrow = "none", rating = "RED" } },
}

cases "Gap with the deprived neighbourhoods" {
  group = "gap_deprived",
  indicator_id = "gap_deprived_robbery",
  indicator = { unit = "rate", decimals = 1 },
  { "a negative gap moving up 1.5% of its size is static (the band is relative to |previous|)",
    series = { ["2005/06"] = -2.0, ["2006/07"] = -1.97 },
    expect = { arrow = "static", rating = "RED" } },
  { "moving up 2% narrows the gap: AMBER",
    series = { ["2005/06"] = -2.0, ["2006/07"] = -1.96 },
    expect = { arrow = "improved", rating = "AMBER", change_pct = 2 } },
  { "moving down widens it: RED (the seed's Theft from Person)",
    series = { ["2005/06"] = -1.2, ["2006/07"] = -1.5 },
    expect = { arrow = "declined", rating = "RED", change_pct = -25 } },
  { "higher is better even when the data says otherwise",
    indicator = { polarity = "lower_is_better" },
    series = { ["2005/06"] = -1.2, ["2006/07"] = -1.5 },
    expect = { arrow = "declined" } },
}
