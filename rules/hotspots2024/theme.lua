-- The seed's tables in the seed's order: patrols, the police outcome in the
-- hotspots, then the LSOA outcomes with the all-Stockton change they are
-- compared with. Ours: no overall rating; the seed gives none.

theme "hotspots" {
  title = "ASB Hotspots and Safer Streets, Stockton-on-Tees",
  groups = { "patrols", "hotspot_police_change", "lsoa_outcomes" },
}
