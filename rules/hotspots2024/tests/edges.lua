-- The comparison with all Stockton at and around its edges. It needs the
-- all-Stockton series beside the area's, so each case is an area of a small
-- fixture dataset (tests/edges: all Stockton ASB -3%; every area from 200).

-- Outcomes are keyed by indicator, so each edge area gets its own test.
local edges = {
  { "Minus 8", "In line with Stockton", "-8% is 5 points better than -3%: in line" },
  { "Minus 9", "Better than Stockton", "-9% is 6 points better: better" },
  { "Plus 2", "In line with Stockton", "+2% is 5 points worse: in line" },
  { "Plus 3", "Worse than Stockton", "+3% is 6 points worse: worse" },
  { "Minus 7.5", "In line with Stockton", "-7.5% rounds to -8%: in line" },
  { "Minus 8.5", "Better than Stockton", "-8.5% rounds to -9%: better" },
  { "Plus 1.5", "In line with Stockton", "+1.5% rounds to +2%: in line" },
  { "Plus 2.5", "Worse than Stockton", "+2.5% rounds to +3%: worse" },
}
for _, e in ipairs(edges) do
  test(e[3]) {
    data = "edges",
    expect = { outcomes = { asb = { area = e[1], rating = e[2] } } },
  }
end

test "no % change, or no all-Stockton figure: not rated" {
  data = "edges",
  expect = {
    outcomes = {
      asb = { area = "From zero", arrow = "declined", rating = "none", reason = "the earlier year was zero" },
      robbery = { area = "Minus 8", arrow = "improved", rating = "none", reason = "no % change for all Stockton in Jul 23 - Jun 24" },
    },
    groups = {
      lsoa_outcomes = { ratings = { ["Better than Stockton"] = 2, ["In line with Stockton"] = 4, ["Worse than Stockton"] = 2 },
                        unrated = 2 },
      hotspot_police_change = { ratings = { GREEN = 1, AMBER = 2, RED = 1 } },
    },
    errors = 0,
  },
}
