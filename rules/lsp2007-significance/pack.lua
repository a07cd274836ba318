-- LSP Performance Management 2007, PSA1 table, with arrows decided by
-- statistical significance instead of a fixed static band: which of the
-- published arrows do the counts support?
--
-- The seed's (datasets/lsp2007): the indicators, the figures, the key's
-- traffic lights and arrow symbols. Ours: the arrow rule. Each crime count
-- is treated as a Poisson count (docs/statistics.md); an arrow moves only
-- when the 95 % confidence interval of the rate ratio of the last two years
-- excludes 1. The population is taken as unchanged between the two years.

pack "lsp2007-significance" {
  title = "LSP 2007 PSA1 arrows by significance",
  version = "1.0.0",
  rounding = "half_up",
}

scale "rag" {
  { "RED", symbol = "●", colour = "#d4351c",
    meaning = "Performance is static or retrograde i.e. moving in the wrong direction and will not meet target." },
  { "AMBER", symbol = "●", colour = "#f47738",
    meaning = "Performance is improving, but not at a rate sufficient to meet target." },
  { "GREEN", symbol = "●", colour = "#00703c",
    meaning = "Performance is improving at a rate sufficient to meet or exceed target." },
}

arrows {
  improved = { "▲", "A statistically significant improvement over the last 2 datasets (95 % confidence)" },
  static   = { "◀▶", "No statistically significant change over the last 2 datasets (95 % confidence)" },
  declined = { "▼", "A statistically significant decline over the last 2 datasets (95 % confidence)" },
}
