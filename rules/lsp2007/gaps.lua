-- Narrowing the gap: Borough and National; deprived neighbourhoods and
-- Borough. A gap is printed so that a higher figure is better for the
-- Borough (or for the deprived areas), so both tables are higher-is-better.
--
-- The seed's: the figures and the key ("Gap has closed or performance is
-- better than National" GREEN; "Gap has narrowed, but has not been closed"
-- AMBER; "Gap ... has widened" RED).
-- Ours: a gap that stayed static (not narrowed) is RED, as static
-- performance is in the key's first line; a gap of 0 or better is closed.

local gap_rating = first {
  { better_than(0), GREEN },
  { improved, AMBER },
  { otherwise, RED },
}

group "gap_national" {
  title = "Narrowing the gap – Borough and National",
  theme = "crime",
  polarity = "higher_is_better",
  arrow = key_arrow,
  scale = "rag",
  rating = gap_rating,
  presentation = { sign_values = true },  -- the seed's signed gaps: "+0.4", "-1.9"
  indicators = {
    "gap_national_theft_from_vehicle", "gap_national_theft_of_vehicle",
    "gap_national_vehicle_interference", "gap_national_domestic_burglary",
    "gap_national_robbery", "gap_national_criminal_damage",
  },
}

group "gap_deprived" {
  title = "Narrowing the gap – deprived neighbourhoods and Borough",
  theme = "crime",
  polarity = "higher_is_better",
  arrow = key_arrow,
  scale = "rag",
  rating = gap_rating,
  presentation = { sign_values = true },  -- the seed's signed gaps: "+0.4", "-1.9"
  indicators = {
    "gap_deprived_theft_of_vehicle", "gap_deprived_theft_from_vehicle",
    "gap_deprived_vehicle_interference", "gap_deprived_domestic_burglary",
    "gap_deprived_cycle_theft", "gap_deprived_theft_from_person",
    "gap_deprived_robbery", "gap_deprived_common_assault",
    "gap_deprived_wounding", "gap_deprived_criminal_damage",
    "gap_deprived_bcs_comparator",
  },
}
