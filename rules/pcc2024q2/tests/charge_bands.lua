-- Charge rates against the national rate at and around the 1-point edge.
-- The comparison needs two areas, so the cases are rows of a small fixture
-- dataset (tests/charge_bands) rather than inline one-area series.

test "charge rates: GREEN at or above national, AMBER within 1 point below, RED beyond" {
  data = "charge_bands",
  expect = {
    outcomes = {
      charge_rate_all_crime = { area = "Cleveland", rating = "GREEN", met = true, target = 6.4 },
      charge_rate_domestic_burglary = { area = "Cleveland", rating = "AMBER", met = false, distance = 1 },
      charge_rate_robbery = { area = "Cleveland", rating = "RED", distance = 1.1 },
      charge_rate_shoplifting = { area = "Cleveland", rating = "GREEN" },
      charge_rate_sexual_offences = { area = "Cleveland", rating = "none", reason = "no national rate" },
    },
    -- The four National rows are the comparator column, not outcomes: one unrated.
    groups = { charge_rates = { ratings = { GREEN = 2, AMBER = 1, RED = 1 }, unrated = 1 } },
    errors = 0,
  },
}
