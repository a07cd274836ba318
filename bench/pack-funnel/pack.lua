-- Areas on a funnel plot around the national figure: the data that
-- `assay-gen --counts` writes (numerators and denominators, and a national
-- row "England" from the areas' totals). The funnel conditions name a place
-- on the plot, so each group holds indicators of one polarity.

pack "bench-funnel" {
  title = "Benchmark: neighbourhoods on a funnel plot around England",
  version = "1.0.0",
}

scale "rag" {
  { "RED",   colour = "#d4351c", meaning = "Significantly worse than England (outside the 99.8 % funnel)" },
  { "AMBER", colour = "#f47738", meaning = "Worse than England at 95 %, within the 99.8 % funnel" },
  { "GREEN", colour = "#00703c", meaning = "Similar to or better than England" },
}

-- Lower is better: above the funnel is worse.
group "harm" {
  title = "Crime and repeat victimisation",
  arrow = arrow.none,
  scale = "rag",
  rating = first {
    { above_funnel("England", 99.8), RED },
    { above_funnel("England", 95), AMBER },
    { otherwise, GREEN },
  },
  indicators = { "crime_rate", "repeat_da" },
}

-- Higher is better: below the funnel is worse.
group "service" {
  title = "Service to the public",
  arrow = arrow.none,
  scale = "rag",
  rating = first {
    { below_funnel("England", 99.8), RED },
    { below_funnel("England", 95), AMBER },
    { otherwise, GREEN },
  },
  indicators = { "answer10s", "satisfied" },
}
