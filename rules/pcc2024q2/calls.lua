-- Access to Police Services: Emergency Calls (999 service) and Non-emergency
-- calls (101 service).
--
-- The seed's: the rows, the figures, "Volume change" for the call volumes and
-- "pts" change for the answer rates. Polarity (ours, in the dataset): call
-- volumes neutral, % answered higher is better.
-- Ours: rules and comments (pack.lua).

group "calls_999" {
  title = "Access to Police Services – Emergency Calls (999 service)",
  theme = "delivery",
  arrow = year_on_year,
  scale = "rag",
  rating = year_on_year_rating,
  indicators = { "calls_999_received", "calls_999_answered_10s" },
}

group "calls_101" {
  title = "Access to Police Services – Non-emergency calls (101 service)",
  theme = "delivery",
  arrow = year_on_year,
  scale = "rag",
  rating = year_on_year_rating,
  indicators = { "calls_101_received", "calls_101_answered_2min" },
}
