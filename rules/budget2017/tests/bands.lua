-- The variance bands at and around their edges. A forecast is compared
-- with another area (the revised budget), so each case is a line of a small
-- fixture dataset (tests/bands: revised budget 1,000 unless said) rather than
-- an inline one-area series.

test "variance bands: within 1% GREEN, within 5% AMBER, beyond RED (edges inclusive)" {
  data = "bands",
  expect = {
    outcomes = {
      opcc_staff_pay = { area = "Forecast", rating = "GREEN", distance = 10 },                -- +1.0%: edge
      opcc_non_pay = { area = "Forecast", rating = "AMBER", distance = 11 },                  -- +1.1%
      opcc_total = { area = "Forecast", rating = "GREEN", distance = -10 },                   -- -1.0%: edge
      pcc_initiatives = { area = "Forecast", rating = "AMBER", distance = -11 },              -- -1.1%
      victims_witnesses_services = { area = "Forecast", rating = "AMBER", distance = 50 },    -- +5.0%: edge
      pcc_initiatives_total = { area = "Forecast", rating = "RED", distance = 51 },           -- +5.1%
      corporate_staff_pay = { area = "Forecast", rating = "AMBER", distance = -50 },          -- -5.0%: edge
      corporate_non_pay = { area = "Forecast", rating = "RED", distance = -51 },              -- -5.1%
      force_police_pay = { area = "Forecast", rating = "AMBER", distance = -20 },             -- (1,020) against (1,000): 2%
    },
  },
}

test "a zero budget, a missing revised budget and funding" {
  data = "bands",
  expect = {
    outcomes = {
      corporate_pfi = { area = "Forecast", rating = "GREEN", target = 0, distance = 0 },
      corporate_asset_management = { area = "Forecast", rating = "RED", target = 0, distance = 5 },
      corporate_total = { area = "Forecast", rating = "none", reason = "no revised budget" },
      funding_government_grant = { area = "Forecast", rating = "none", reason = "no rating rule" },
    },
    groups = {
      opcc = { rating = "AMBER" },
      pcc_initiatives = { rating = "RED" },
      corporate = { rating = "RED" },
    },
  },
}
