-- The crime theme's assessment on the five-point scale.
--
-- The seed's: the scale and its two results (2006 AMBER RED, 2007 proposed
-- AMBER GREEN). The seed does not say how the theme was rated.
-- Ours: each rated indicator scores RED 0, AMBER 1/2, GREEN 1. A mean below
-- 1/3 is RED, from 2/3 GREEN, and in between AMBER, which the direction of
-- travel tips: AMBER GREEN when more indicators improved than declined,
-- AMBER RED when more declined than improved. Assessed as at 2005/06 this
-- gives the seed's 2006 AMBER RED; as at 2006/07 its 2007 AMBER GREEN.

theme "crime" {
  title = "Crime Theme Assessment",
  scale = "five_point",
  groups = { "psa1", "gap_national", "gap_deprived", "drugs" },
  rollup = function(c)
    local rated = (c.ratings.RED or 0) + (c.ratings.AMBER or 0) + (c.ratings.GREEN or 0)
    if rated == 0 then return nil, "no rated indicators" end
    local mean = ((c.ratings.AMBER or 0) * 0.5 + (c.ratings.GREEN or 0)) / rated
    if mean < 1 / 3 then return RED end
    if mean >= 2 / 3 then return GREEN end
    local up = (c.arrows.improved or 0) + (c.arrows.peak or 0)
    local down = c.arrows.declined or 0
    if up > down then return AMBER_GREEN end
    if down > up then return AMBER_RED end
    return AMBER
  end,
  rollup_text = "Each rated indicator scores RED 0, AMBER 1/2, GREEN 1. Mean below 1/3: RED; from 2/3: GREEN; "
             .. "otherwise AMBER, tipped to AMBER GREEN when more indicators improved than declined "
             .. "and to AMBER RED when more declined than improved.",
}
