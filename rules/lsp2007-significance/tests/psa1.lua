-- Expected arrows worked by hand from the counts: rate ratio RR = O2/O1,
-- 95 % CI RR x exp(+/- 1.959964 sqrt(1/O1 + 1/O2)); significant when the
-- interval excludes 1 (docs/statistics.md). For a zero count, the exact
-- conditional limits: 0 -> n events, lower limit of the share 0.025^(1/n).

cases "significance arrows" {
  group = "psa1",
  { "Robbery 75 -> 76: CI 0.74 to 1.39 includes 1, static",
    series = { ["2003/04"] = 77, ["2004/05"] = 107, ["2005/06"] = 75, ["2006/07"] = 76 },
    expect = { arrow = "static", change = 1 } },
  { "10 -> 12 (+20 %): CI 0.52 to 2.78, static, where a 1.5 % band says declined",
    series = { ["2003/04"] = 10, ["2005/06"] = 10, ["2006/07"] = 12 },
    expect = { arrow = "static" } },
  { "BCS comparator 10,797 -> 10,634: CI 0.959 to 1.012, static",
    series = { ["2003/04"] = 10202, ["2005/06"] = 10797, ["2006/07"] = 10634 },
    expect = { arrow = "static" } },
  { "Theft of Vehicle 640 -> 547: CI 0.76 to 0.96, improved",
    series = { ["2003/04"] = 1029, ["2005/06"] = 640, ["2006/07"] = 547 },
    expect = { arrow = "improved" } },
  { "Criminal Damage 5,180 -> 5,456: CI 1.014 to 1.094, declined",
    series = { ["2003/04"] = 4317, ["2005/06"] = 5180, ["2006/07"] = 5456 },
    expect = { arrow = "declined" } },
  { "0 -> 4: exact, lower limit 0.66 includes 1, static",
    series = { ["2003/04"] = 5, ["2005/06"] = 0, ["2006/07"] = 4 },
    expect = { arrow = "static" } },
  { "0 -> 9: exact, lower limit 1.97 excludes 1, declined",
    series = { ["2003/04"] = 5, ["2005/06"] = 0, ["2006/07"] = 9 },
    expect = { arrow = "declined" } },
  { "0 -> 0: no events in either year, static",
    series = { ["2003/04"] = 5, ["2005/06"] = 0, ["2006/07"] = 0 },
    expect = { arrow = "static" } },
}

-- The whole dataset: of the eleven published arrows, the counts support
-- seven. Theft from Vehicle (published ▼, RR 1.04, CI 0.96 to 1.13),
-- Vehicle Interference (▲, 0.87, 0.73 to 1.03), Common Assault (▼, 1.02,
-- 0.92 to 1.14) and the BCS comparator total (▲, 0.985, 0.959 to 1.012)
-- changed by no more than chance: static.
test "2007: which published arrows the counts support" {
  data = "../../../datasets/lsp2007",
  expect = {
    groups = {
      psa1 = { arrows = { improved = 4, static = 6, declined = 1 }, assessed = 11 },
    },
    outcomes = {
      theft_of_vehicle = { arrow = "improved" },
      theft_from_vehicle = { arrow = "static" },
      vehicle_interference = { arrow = "static" },
      domestic_burglary = { arrow = "improved" },
      cycle_theft = { arrow = "improved" },
      theft_from_person = { arrow = "static" },
      robbery = { arrow = "static" },
      common_assault = { arrow = "static" },
      wounding = { arrow = "improved" },
      criminal_damage = { arrow = "declined" },
      bcs_comparator = { arrow = "static" },
    },
    checks = 4,
    errors = 0,
  },
}
