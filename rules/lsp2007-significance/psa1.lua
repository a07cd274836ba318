-- Progress against PSA1 targets: counts of recorded crime, lower is better.
-- As in the lsp2007 pack (a 17.5 % reduction from 2003/04 by 2007/08, on
-- the straight-line trajectory), but the arrow is arrow.significant: Robbery
-- 75 -> 76 is static because the change is noise (95 % CI of the rate ratio
-- 0.74 to 1.39), not because it is inside a 1.5 % band.

group "psa1" {
  title = "Progress against PSA1 Targets (arrows by significance)",
  polarity = "lower_is_better",
  arrow = arrow.significant { level = 95 },
  target = { reduce_by = pct(17.5), from = "2003/04", by = "2007/08" },
  scale = "rag",
  rating = first {
    { on_track, GREEN },
    { improved, AMBER },
    { otherwise, RED },
  },
  indicators = {
    "theft_of_vehicle", "theft_from_vehicle", "vehicle_interference",
    "domestic_burglary", "cycle_theft", "theft_from_person", "robbery",
    "common_assault", "wounding", "criminal_damage", "bcs_comparator",
  },
}
