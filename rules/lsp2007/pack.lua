-- LSP Performance Management 2007: Crime theme assessment
-- (Redcar & Cleveland Partnership). Reproduces the seed's tables from the
-- data in datasets/lsp2007 using the seed's own "Key to assessment of
-- performance". What is the seed's and what is ours is marked in each file.

pack "lsp2007" {
  title = "LSP Performance Management 2007: Crime Theme Assessment",
  version = "1.0.0",
  rounding = "half_up",
  -- The seed's presentation: no thousands separators ("10202", "10797").
  presentation = { thousands = "never" },
  -- The seed's first page: who publishes it and the year it reviews.
  report = { organisation = "Redcar & Cleveland Partnership", period = "2006/07" },
}

-- The seed's traffic lights (its key, word for word).
scale "rag" {
  { "RED", symbol = "●", colour = "#d4351c",
    meaning = "Performance is static or retrograde i.e. moving in the wrong direction and will not meet target. Gap between Borough and National has widened." },
  { "AMBER", symbol = "●", colour = "#f47738",
    meaning = "Performance is improving, but not at a rate sufficient to meet target. Gap has narrowed, but has not been closed." },
  { "GREEN", symbol = "●", colour = "#00703c",
    meaning = "Performance is improving at a rate sufficient to meet or exceed target. Gap has closed or performance is better than National." },
}

-- The theme assessment's five-point scale (the seed: "2006 Assessment AMBER
-- RED", "2007 Proposed Assessment AMBER GREEN").
scale "five_point" {
  { "RED", colour = "#d4351c" },
  { "AMBER RED", colour = "#e3611a" },
  { "AMBER", colour = "#f47738" },
  { "AMBER GREEN", colour = "#85994b" },
  { "GREEN", colour = "#00703c" },
}

-- The seed's directional arrows (its key, word for word).
arrows {
  improved = { "▲", "Performance has improved over the last 2 datasets" },
  static   = { "◀▶", "Performance has remained static over the last 2 datasets" },
  declined = { "▼", "Performance has declined/got worse over the last 2 datasets" },
  peak     = { "★", "Performance has peaked and is at its maximum (i.e. 100%)" },
}
