-- Whole-dataset tests: the seed's rows as published in the Q2 2024/25
-- summary (datasets/pcc2024q2). Changes and % changes are the data's exact
-- figures; the seed prints them truncated to one decimal (-6.97% as -6.9%).

test "the seed's volume and % changes, arrows and our ratings" {
  data = "../../../datasets/pcc2024q2",
  expect = {
    -- The seed publishes no arrows or ratings, so the assessment has nothing
    -- of its own to check: 0. Its volume, % and points changes are checked
    -- by `assay audit datasets/pcc2024q2 --rules rules/pcc2024q2`, which
    -- finds exactly the seed's four wrong signs (asb_incidents_police,
    -- domestic_abuse_crimes, nhs_sharps_admissions_under_25,
    -- serious_violence_all_ages; datasets/pcc2024q2/README.md).
    checks = 0,
    errors = 0,
    groups = {
      calls_999 = { ratings = { GREEN = 1 } },
      calls_101 = { ratings = { GREEN = 1 } },
      neighbourhood_crime = { ratings = { GREEN = 6 } },
      asb = { ratings = { GREEN = 1 } },
      vawg = { ratings = { GREEN = 5 } },
      serious_violence = { ratings = { GREEN = 6, RED = 1 } },
      charge_rates = { ratings = { GREEN = 6, AMBER = 1 } },
    },
    outcomes = {
      calls_999_received = { arrow = "decreased", rating = "none", change = -8486, change_pct = -6.969906,
                             period = "12 months to Sept 2024" },
      calls_999_answered_10s = { arrow = "improved", rating = "GREEN", change = 1.5, value = 89.2 },
      calls_101_received = { arrow = "decreased", rating = "none", change = -12466, change_pct = -5.636541 },
      calls_101_answered_2min = { arrow = "improved", rating = "GREEN", change = 16.7 },
      total_recorded_crime = { arrow = "improved", rating = "GREEN", change = -7657, change_pct = -9.335186 },
      theft_from_person = { arrow = "improved", rating = "GREEN", change = -173, change_pct = -38.189845 },
      residential_burglary = { arrow = "improved", rating = "GREEN", change = -919, change_pct = -22.691358 },
      vehicle_crime = { arrow = "improved", rating = "GREEN", change = -269, change_pct = -5.989757 },
      robbery = { arrow = "improved", rating = "GREEN", change = -84, change_pct = -9.190372 },
      total_neighbourhood_crime = { arrow = "improved", rating = "GREEN", change = -1445, change_pct = -14.584174 },
      -- The seed prints the volume change as 1,047; the data (and its prose) give -1,047.
      asb_incidents_police = { arrow = "improved", rating = "GREEN", change = -1047, change_pct = -5.792852 },
      -- The seed prints 1133; the data give -1,133.
      domestic_abuse_crimes = { arrow = "improved", rating = "GREEN", change = -1133, change_pct = -7.914222 },
      domestic_abuse_arrest_rate = { arrow = "improved", rating = "GREEN", change = 1.4 },
      domestic_abuse_repeat_rate = { arrow = "improved", rating = "GREEN", change = -1.9 },
      sexual_offences = { arrow = "improved", rating = "GREEN", change = -124, change_pct = -4.632051 },
      rape_offences = { arrow = "improved", rating = "GREEN", change = -83, change_pct = -8.478039 },
      homicides = { arrow = "improved", rating = "GREEN", change = -1, change_pct = -8.333333 },
      nhs_sharps_admissions_all_ages = { arrow = "declined", rating = "RED", change = 25, change_pct = 38.461538,
                                         period = "12 months to June 2024" },
      -- The seed prints 25%; the data (and its prose, "a 25% reduction") give -25%.
      nhs_sharps_admissions_under_25 = { arrow = "improved", rating = "GREEN", change = -5, change_pct = -25,
                                         period = "12 months to June 2024" },
      -- The seed prints 8.8%; the data give -8.8%.
      serious_violence_all_ages = { arrow = "improved", rating = "GREEN", change = -176, change_pct = -8.813220 },
      serious_violence_youth = { arrow = "improved", rating = "GREEN", change = -127, change_pct = -19.598765 },
      knife_serious_violence_all_ages = { arrow = "improved", rating = "GREEN", change = -76, change_pct = -8.482143 },
      knife_serious_violence_youth = { arrow = "improved", rating = "GREEN", change = -85, change_pct = -24.853801 },
    },
  },
}

test "charge rates against the national rate" {
  data = "../../../datasets/pcc2024q2",
  expect = {
    outcomes = {
      charge_rate_all_crime = { area = "Cleveland", rating = "GREEN", target = 6.4, met = true },
      charge_rate_domestic_burglary = { area = "Cleveland", rating = "GREEN", target = 4.3 },
      charge_rate_violence_against_the_person = { area = "Cleveland", rating = "GREEN", target = 5.6 },
      charge_rate_robbery = { area = "Cleveland", rating = "GREEN", target = 6.5 },
      charge_rate_shoplifting = { area = "Cleveland", rating = "GREEN", target = 16.4 },
      -- 3.6% against 4.2%: 0.6 points below, within the 1-point band.
      charge_rate_sexual_offences = { area = "Cleveland", rating = "AMBER", target = 4.2, met = false, distance = 0.6 },
      charge_rate_possession_of_weapons = { area = "Cleveland", rating = "GREEN", target = 28.3 },
    },
  },
}

test "the National rows are the comparator: a column, not indicators" {
  data = "../../../datasets/pcc2024q2",
  expect = {
    groups = { charge_rates = { assessed = 7, unrated = 0 } },
  },
}

test "as at 12 months to Sept 2023: the year before" {
  data = "../../../datasets/pcc2024q2",
  as_at = "12 months to Sept 2023",
  expect = {
    outcomes = {
      calls_999_received = { arrow = "increased", rating = "none", change = 8576, period = "12 months to Sept 2023" },
      -- 79,481 -> 82,023: +3.2%
      total_recorded_crime = { arrow = "declined", rating = "RED", change = 2542 },
      -- June rows: June 2023 is before Sept 2023, so they are assessed as at June 2023.
      nhs_sharps_admissions_all_ages = { arrow = "improved", rating = "GREEN", period = "12 months to June 2023", change = -35 },
    },
  },
}
