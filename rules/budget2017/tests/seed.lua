-- Whole-dataset tests on the seed's budget table (datasets/budget2017).
-- For every expenditure line: the forecast's rating and its distance from
-- the revised budget, which is the seed's (Under)/Overspend, Forecast -
-- Revised budget. Where the seed's printed figure differs by its £1k
-- rounding, the comment says so: we rate the data, not the print.

test "every forecast line against its revised budget" {
  data = "../../../datasets/budget2017",
  expect = {
    -- The seed publishes no arrows or ratings: nothing for the assessment to
    -- check. Its (Under)/Overspend column and totals are checked by
    -- `assay audit datasets/budget2017 --rules rules/budget2017`: no errors,
    -- and the seven £1k rounding differences of datasets/budget2017/README.md.
    checks = 0,
    errors = 0,
    outcomes = {
      opcc_staff_pay = { area = "Forecast", rating = "GREEN", target = 645, distance = 0 },  -- +0.00%
      opcc_non_pay = { area = "Forecast", rating = "GREEN", target = 200, distance = 1 },  -- +0.50%; printed 0
      opcc_total = { area = "Forecast", rating = "GREEN", target = 845, distance = 1 },  -- +0.12%; printed 0
      pcc_initiatives = { area = "Forecast", rating = "RED", target = 2406, distance = -167 },  -- -6.94%
      victims_witnesses_services = { area = "Forecast", rating = "AMBER", target = 839, distance = -33 },  -- -3.93%
      pcc_initiatives_total = { area = "Forecast", rating = "RED", target = 3245, distance = -200 },  -- -6.16%
      corporate_staff_pay = { area = "Forecast", rating = "GREEN", target = 330, distance = 0 },  -- +0.00%
      corporate_non_pay = { area = "Forecast", rating = "GREEN", target = 100, distance = 1 },  -- +1.00%, exactly on the 1% edge; printed 0
      corporate_pfi = { area = "Forecast", rating = "GREEN", target = 6915, distance = -30 },  -- -0.43%
      corporate_asset_management = { area = "Forecast", rating = "AMBER", target = 1605, distance = -70 },  -- -4.36%
      corporate_total = { area = "Forecast", rating = "AMBER", target = 8950, distance = -99 },  -- -1.11%; printed (100)
      force_police_pay = { area = "Forecast", rating = "GREEN", target = 66741, distance = 200 },  -- +0.30%
      force_police_overtime = { area = "Forecast", rating = "GREEN", target = 1376, distance = 0 },  -- +0.00%
      force_staff_pay = { area = "Forecast", rating = "GREEN", target = 9728, distance = 0 },  -- +0.00%
      force_pcso_pay = { area = "Forecast", rating = "GREEN", target = 4142, distance = 0 },  -- +0.00%
      force_pay_total = { area = "Forecast", rating = "GREEN", target = 81987, distance = 200 },  -- +0.24%
      force_major_contracts_total = { area = "Forecast", rating = "GREEN", target = 20100, distance = 70 },  -- +0.35%
      force_other_pay_training = { area = "Forecast", rating = "GREEN", target = 354, distance = 0 },  -- +0.00%
      force_injury_medical_pensions = { area = "Forecast", rating = "GREEN", target = 2433, distance = 0 },  -- +0.00%
      force_premises = { area = "Forecast", rating = "AMBER", target = 3582, distance = -60 },  -- -1.68%
      force_supplies_services = { area = "Forecast", rating = "AMBER", target = 7279, distance = 90 },  -- +1.24%
      force_transport = { area = "Forecast", rating = "GREEN", target = 1576, distance = 0 },  -- +0.00%
      force_external_support = { area = "Forecast", rating = "GREEN", target = 2587, distance = 0 },  -- +0.00%
      force_non_pay = { area = "Forecast", rating = "GREEN", target = 17811, distance = 30 },  -- +0.17%
      force_total = { area = "Forecast", rating = "GREEN", target = 119898, distance = 300 },  -- +0.25%
    },
    groups = {
      opcc = { rating = "GREEN", ratings = { GREEN = 3 } },
      pcc_initiatives = { rating = "RED", ratings = { RED = 2, AMBER = 1 } },
      corporate = { rating = "AMBER", ratings = { GREEN = 3, AMBER = 2 } },
      force = { rating = "AMBER", ratings = { GREEN = 12, AMBER = 2 } },
      funding = { rating = "none" },
      reserves = { rating = "none" },
    },
  },
}

test "only the Forecast column is rated" {
  data = "../../../datasets/budget2017",
  expect = {
    outcomes = {
      pcc_initiatives = { area = "Original budget", rating = "none", reason = "only the forecast is rated" },
      force_total = { area = "Revised budget", rating = "none", reason = "only the forecast is rated" },
    },
  },
}

test "funding and the (Surplus)/Deficit lines are not rated" {
  data = "../../../datasets/budget2017",
  expect = {
    outcomes = {
      funding_partnership_income = { area = "Forecast", rating = "none", reason = "no rating rule", target = -2727 },
      funding_total = { area = "Forecast", rating = "none", target = -131768 },
      net_surplus_deficit = { area = "Forecast", rating = "none", value = 0, target = 0 },
      transfers_general_fund = { area = "Forecast", rating = "none", reason = "no rating rule" },
    },
  },
}
