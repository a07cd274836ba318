-- A district council's quarterly performance table: its own indicator
-- codes, trend words and ratings by distance from each year's target.
pack "council_quarterly" {
  title = "Westshire Council: quarterly performance",
  version = "1.0.0",
  rounding = "half_up",
}

scale "rag" {
  { "RED",   colour = "#d4351c", meaning = "More than 10% short of target" },
  { "AMBER", colour = "#f47738", meaning = "Within 10% of target" },
  { "GREEN", colour = "#00703c", meaning = "Target met, or within 5% of it" },
}

arrows {
  improved = { symbol = "▲", word = "Better", meaning = "Better than the previous quarter" },
  static   = { symbol = "◀▶", word = "No change", meaning = "The same as the previous quarter" },
  declined = { symbol = "▼", word = "Worse", meaning = "Worse than the previous quarter" },
}

group "corporate" {
  title = "Corporate plan indicators",
  arrow = arrow.last_two { },
  scale = "rag",
  rating = first {
    { met, GREEN },
    { distance_within(pct(5)), GREEN },    -- exactly 5% short is still GREEN
    { distance_within(pct(10)), AMBER },   -- exactly 10% short is still AMBER
    { otherwise, RED },
  },
  rollup = worst,
  indicators = { "1.1.2.PI", "NI 195", "PAM/012", "LPI 157a" },
}

-- Targets agreed for each year: the year that holds a quarter's figure gives its target.
target "recycling" { indicator = "1.1.2.PI", values = { ["2024/25"] = 72, ["2025/26"] = 74 } }
target "litter" { indicator = "NI 195", values = { ["2024/25"] = 11, ["2025/26"] = 10 } }
target "prevention" { indicator = "PAM/012", values = { ["2024/25"] = 48, ["2025/26"] = 50 } }
target "planning" { indicator = "LPI 157a", values = { ["2024/25"] = 60, ["2025/26"] = 65 } }
