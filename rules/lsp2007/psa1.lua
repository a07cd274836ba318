-- Progress against PSA1 targets (counts of recorded crime; lower is better).
--
-- The seed's: the indicators, the figures and the key.
-- Ours: the targets. The seed gives only the overall PSA1 target, "Reduce 10
-- BCS comparator crime indicators by 17.5% by 2007/08" from the 2003/04
-- baseline; we hold each comparator crime to the same 17.5 % reduction, and
-- judge "a rate sufficient to meet target" by the straight-line trajectory
-- from the 2003/04 baseline to the 2007/08 target.
-- Ours: a crime that is on its trajectory is GREEN even in a year it rose
-- (it will still meet the target); the key's RED is "static or retrograde
-- and will not meet target".

group "psa1" {
  title = "Progress against PSA1 Targets",
  theme = "crime",
  polarity = "lower_is_better",
  arrow = key_arrow,
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
