-- Neighbourhood Crime, and Tackling anti-social behaviour in communities.
--
-- The seed's: the rows and figures; Total neighbourhood crime is the sum of
-- the four crimes above it (sum_of in the dataset). Polarity (ours, in the
-- dataset): crimes and ASB incidents lower is better.
-- Ours: rules and comments (pack.lua).

group "neighbourhood_crime" {
  title = "Neighbourhood Crime",
  theme = "delivery",
  arrow = year_on_year,
  scale = "rag",
  rating = year_on_year_rating,
  indicators = {
    "total_recorded_crime", "theft_from_person", "residential_burglary",
    "vehicle_crime", "robbery", "total_neighbourhood_crime",
  },
}

group "asb" {
  title = "Tackling anti-social behaviour in communities",
  theme = "delivery",
  arrow = year_on_year,
  scale = "rag",
  rating = year_on_year_rating,
  indicators = { "asb_incidents_police" },
}
