-- Police and Crime Plan Delivery Performance Summary 2024-2025 Quarter 2
-- (Office of the Police and Crime Commissioner for Cleveland). Reproduces the
-- seed's "Performance measures" tables from datasets/pcc2024q2, adding arrows
-- and ratings the seed does not print. What is the seed's and what is ours is
-- marked in each file.
--
-- The seed's: rolling twelve months compared with the previous twelve months
-- ("Volume change v's previous 12 months", "% Change on previous 12
-- months"), points change for rates ("+1.5pts"), and % changes that are
-- truncated, not rounded (999 calls -6.97% printed -6.9%): rounding "truncate".
-- Ours: the static band, the arrows, the ratings and the comments (pack.lua,
-- below, and solving.lua).

pack "pcc2024q2" {
  title = "Police and Crime Plan Delivery Performance Summary 2024-2025 Quarter 2",
  version = "1.0.0",
  rounding = "truncate",
  -- The seed's presentation: thousands separators on every figure ("3,497"),
  -- the two change columns ("Volume change v's previous 12 months", "% Change
  -- on previous 12 months"), a rate's change in points ("+1.5pts") with "-"
  -- for its % change, and no "+" on other changes ("25", "38.4").
  presentation = {
    thousands = "always",
    changes = { "volume", "pct" },
    points = true,
    not_applicable = "-",
  },
  -- The seed's first page: who publishes it and the quarter it reviews.
  report = { organisation = "Office of the Police and Crime Commissioner for Cleveland", period = "2024-2025 Quarter 2" },
}

-- Ours: the seed rates nothing. Ratings follow the direction of travel over
-- the year, and for the charge rates the national comparison (solving.lua).
scale "rag" {
  { "RED", symbol = "●", colour = "#d4351c",
    meaning = "Worse than the previous 12 months by more than 1%; charge rate more than 1 point below the national rate." },
  { "AMBER", symbol = "●", colour = "#f47738",
    meaning = "Within 1% of the previous 12 months (static); charge rate below the national rate by 1 point or less." },
  { "GREEN", symbol = "●", colour = "#00703c",
    meaning = "Better than the previous 12 months by more than 1%; charge rate at or above the national rate." },
}

-- Ours: arrows. Call volumes are demand, neither better nor worse, so they
-- go up or down rather than improve or decline.
arrows {
  improved  = { "▲", "Better than the previous 12 months" },
  static    = { "◀▶", "Within 1% of the previous 12 months" },
  declined  = { "▼", "Worse than the previous 12 months" },
  increased = { "↑", "More than the previous 12 months (demand: neither better nor worse)" },
  decreased = { "↓", "Fewer than the previous 12 months (demand: neither better nor worse)" },
}

-- The seed's comparison: each rolling year against the same twelve months a
-- year earlier ("v's previous 12 months"). The two NHS rows run to June, so
-- they compare June 2024 with June 2023 and keep their own period.
-- Ours: a change within 1% of the earlier figure is static (the edge counts
-- as static). It is relative for rates too: 1% of 87.7% is 0.877 points, so
-- the seed's "slight improvement" in 999 answer times (+1.5pts, +1.7%) is an
-- improvement.
year_on_year = arrow.same_period_last_year { static_within = pct(1) }

-- Ours: the rating. GREEN improved beyond the static band, AMBER static, RED
-- declined beyond it. Volumes of demand (polarity neutral) are not rated, nor
-- is a figure with nothing a year earlier to compare with.
year_on_year_rating = function(a)
  if a.polarity == "neutral" then return nil, "a volume of demand, neither better nor worse: not rated" end
  if not a:has_arrow() then return nil, "no figure for the same 12 months a year earlier" end
  if a:improved() then return GREEN end
  if a:static() then return AMBER end
  return RED
end
