-- Progress against Drugs Targets.
--
-- The seed's: the figures, the DIP KPI targets (60 %, 85 %, 95 %, in the
-- indicators' titles) and that no assessment is made without trend data.
-- Ours: with trend data but no target figure (people in treatment), an
-- improving indicator is AMBER and any other RED, as in the key.

target "dip_kpi1" { indicator = "dip_kpi1", value = 60 }
target "dip_kpi2" { indicator = "dip_kpi2", value = 85 }
target "dip_kpi3" { indicator = "dip_kpi3", value = 95 }

group "drugs" {
  title = "Progress against Drugs Targets",
  theme = "crime",
  polarity = "higher_is_better",
  arrow = key_arrow,
  scale = "rag",
  rating = first {
    { no(has_arrow), unrated "an assessment of performance can not be made without trend data" },
    { on_track, GREEN },
    { improved, AMBER },
    { otherwise, RED },
  },
  indicators = {
    "drug_treatment_total", "drug_treatment_retained",
    "dip_kpi1", "dip_kpi2", "dip_kpi3",
  },
}
