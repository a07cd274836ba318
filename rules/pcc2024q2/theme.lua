-- The seed's sections in the seed's order. Ours: no overall rating; the seed
-- gives none and a summary of unlike measures would say little.

theme "delivery" {
  title = "Police and Crime Plan Delivery Performance Summary",
  groups = { "calls_999", "calls_101", "neighbourhood_crime", "asb", "vawg", "serious_violence", "charge_rates" },
}
