-- Whole-dataset tests on the seed's tables (datasets/hotspots2024).
-- Every LSOA row: the difference and % change (which the seed prints, to
-- whole per cent), the arrow, and how it compares with the all-Stockton
-- change printed beside it. Outcomes are keyed by indicator, so there is one
-- test per area.

test "Billingham Town Centre (LSOA 002E): the seed's changes against all Stockton" {
  data = "../../../datasets/hotspots2024",
  expect = {
    outcomes = {
      asb = { area = "Billingham Town Centre (LSOA 002E)", change = -15, change_pct = -11.194030, arrow = "improved", rating = "Better than Stockton" },  -- -11% against -3%
      criminal_damage_arson = { area = "Billingham Town Centre (LSOA 002E)", change = -36, change_pct = -40.449438, arrow = "improved", rating = "Better than Stockton" },  -- -40% against -14%
      public_order = { area = "Billingham Town Centre (LSOA 002E)", change = -34, change_pct = -47.887324, arrow = "improved", rating = "Better than Stockton" },  -- -48% against -32%
      violence_sexual = { area = "Billingham Town Centre (LSOA 002E)", change = -58, change_pct = -33.142857, arrow = "improved", rating = "Better than Stockton" },  -- -33% against -15%
      burglary = { area = "Billingham Town Centre (LSOA 002E)", change = -38, change_pct = -80.851064, arrow = "improved", rating = "Better than Stockton" },  -- -81% against -14%
      shoplifting = { area = "Billingham Town Centre (LSOA 002E)", change = -40, change_pct = -36.036036, arrow = "improved", rating = "Better than Stockton" },  -- -36% against -5%
      drugs = { area = "Billingham Town Centre (LSOA 002E)", change = -4, change_pct = -44.444444, arrow = "improved", rating = "Better than Stockton" },  -- -44% against -3%
      robbery = { area = "Billingham Town Centre (LSOA 002E)", change = 5, change_pct = 71.428571, arrow = "declined", rating = "Worse than Stockton" },  -- +71% against -22%
    },
  },
}

test "Thornaby Town Centre (LSOA 020C): the seed's changes against all Stockton" {
  data = "../../../datasets/hotspots2024",
  expect = {
    outcomes = {
      asb = { area = "Thornaby Town Centre (LSOA 020C)", change = -115, change_pct = -54.502370, arrow = "improved", rating = "Better than Stockton" },  -- -55% against -3%
      criminal_damage_arson = { area = "Thornaby Town Centre (LSOA 020C)", change = -58, change_pct = -61.702128, arrow = "improved", rating = "Better than Stockton" },  -- -62% against -14%
      public_order = { area = "Thornaby Town Centre (LSOA 020C)", change = -10, change_pct = -16.393443, arrow = "improved", rating = "Worse than Stockton" },  -- -16% against -32%
      violence_sexual = { area = "Thornaby Town Centre (LSOA 020C)", change = -8, change_pct = -5.970149, arrow = "improved", rating = "Worse than Stockton" },  -- -6% against -15%
      burglary = { area = "Thornaby Town Centre (LSOA 020C)", change = -31, change_pct = -70.454545, arrow = "improved", rating = "Better than Stockton" },  -- -70% against -14%
      shoplifting = { area = "Thornaby Town Centre (LSOA 020C)", change = 32, change_pct = 44.444444, arrow = "declined", rating = "Worse than Stockton" },  -- +44% against -5%
      drugs = { area = "Thornaby Town Centre (LSOA 020C)", change = 7, change_pct = 350.000000, arrow = "declined", rating = "Worse than Stockton" },  -- +350% against -3%
      robbery = { area = "Thornaby Town Centre (LSOA 020C)", change = -2, change_pct = -33.333333, arrow = "improved", rating = "Better than Stockton" },  -- -33% against -22%
    },
  },
}

test "Stockton Town Centre: the seed's changes against all Stockton" {
  data = "../../../datasets/hotspots2024",
  expect = {
    outcomes = {
      asb = { area = "Stockton Town Centre", change = -80, change_pct = -11.283498, arrow = "improved", rating = "Better than Stockton" },  -- -11% against -3%
      criminal_damage_arson = { area = "Stockton Town Centre", change = 30, change_pct = 9.063444, arrow = "declined", rating = "Worse than Stockton" },  -- +9% against -14%
      public_order = { area = "Stockton Town Centre", change = -173, change_pct = -30.619469, arrow = "improved", rating = "In line with Stockton" },  -- -31% against -32%
      violence_sexual = { area = "Stockton Town Centre", change = -160, change_pct = -9.840098, arrow = "improved", rating = "In line with Stockton" },  -- -10% against -15%: 5 points, the edge
      burglary = { area = "Stockton Town Centre", change = -26, change_pct = -12.264151, arrow = "improved", rating = "In line with Stockton" },  -- -12% against -14%
      shoplifting = { area = "Stockton Town Centre", change = 39, change_pct = 10.483871, arrow = "declined", rating = "Worse than Stockton" },  -- +10% against -5%
      drugs = { area = "Stockton Town Centre", change = -12, change_pct = -6.122449, arrow = "improved", rating = "In line with Stockton" },  -- -6% against -3%
      robbery = { area = "Stockton Town Centre", change = -7, change_pct = -10.000000, arrow = "improved", rating = "Worse than Stockton" },  -- -10% against -22%
    },
  },
}

test "the whole LSOA table, the patrols and the police change" {
  data = "../../../datasets/hotspots2024",
  expect = {
    groups = {
      lsoa_outcomes = { ratings = { ["Better than Stockton"] = 12, ["In line with Stockton"] = 4, ["Worse than Stockton"] = 8 },
                        arrows = { improved = 19, declined = 5 }, unrated = 0 },
      patrols = { assessed = 12, unrated = 12 },
      hotspot_police_change = { ratings = { GREEN = 3 } },
    },
    outcomes = {
      asb_hotspot_police_change = { area = "Stockton Town Centre", value = -22, rating = "GREEN" },
      patrol_hours = { area = "Billingham Central", value = 373.433333, arrow = "none", rating = "none" },
    },
    -- The seed publishes no arrows or ratings: nothing for the assessment to
    -- check. Its differences and % changes are checked by `assay audit
    -- datasets/hotspots2024 --rules rules/hotspots2024`: none is wrong.
    checks = 0,
    errors = 0,
  },
}
