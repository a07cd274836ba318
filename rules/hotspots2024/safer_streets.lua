-- Overall Outcomes in the hotspot and Safer Streets LSOA (Police.UK data):
-- incidents / crimes by type, July 2022 - June 2023 against July 2023 -
-- June 2024, in Billingham, Thornaby and Stockton town centres.
--
-- The seed's: the rows, the figures, the difference and % change, and the
-- "% inc / dec for all stockton" printed beside each crime type (the
-- dataset's district_change_<type>, area Stockton-on-Tees).
-- Ours: the arrow's 5% static band, and the rating: each area's % change
-- set against the all-Stockton % change for the same crime type. The
-- all-Stockton change is known only to whole per cent, so the area's change
-- is first rounded the way the seed prints it (half-up to whole per cent:
-- -54.50% is -55%), then compared: more than 5 points lower (better) is
-- "Better than Stockton", more than 5 points higher "Worse than Stockton",
-- otherwise "In line with Stockton" (5 points exactly is in line: Stockton
-- Town Centre violence -10% against -15%). Small counts move by large
-- percentages (Thornaby drugs 2 -> 9 is +350%); the rating says only how the
-- % change compares.

local district_area = "Stockton-on-Tees"
local band = 5  -- percentage points either side of the all-Stockton change

-- x rounded half-up (away from zero) to a whole number, as the seed prints %.
local function whole(x)
  if x >= 0 then return math.floor(x + 0.5) end
  return -math.floor(-x + 0.5)
end

local function versus_district(a)
  if not a:has_arrow() then return nil, "no earlier year to compare with" end
  if a.previous == 0 then return nil, "no % change: the earlier year was zero" end
  -- A dataset without the all-Stockton series (a test's one-indicator
  -- series, a later year's data) leaves the row unrated, saying why.
  local found, district = pcall(a.lookup, a, "district_change_" .. a.indicator, district_area)
  if not found then return nil, "no % change for all Stockton: " .. tostring(district) end
  if district == nil then return nil, "no % change for all Stockton in " .. a.period end
  -- From the counts, so that a change of exactly x.5% is not blurred by the
  -- binary division: (119 - 134) * 100 / 134.
  local gap = whole(a.change * 100 / math.abs(a.previous)) - district
  if gap < -band then return BETTER_THAN_STOCKTON end
  if gap > band then return WORSE_THAN_STOCKTON end
  return IN_LINE_WITH_STOCKTON
end

group "lsoa_outcomes" {
  title = "Overall Outcomes in the hotspot and Safer Streets LSOA",
  theme = "hotspots",
  arrow = arrow.last_two { static_within = pct(5) },
  scale = "vs_district",
  rating = versus_district,
  comment = "{change} ({change_pct})",
  -- The seed's yardstick, printed beside every row: the % change for the
  -- whole of Stockton-on-Tees by crime type. A column, not indicators.
  comparators = {
    { title = "% inc / dec for all Stockton", area = district_area, indicator = "district_change_{indicator}" },
  },
  indicators = {
    "asb", "criminal_damage_arson", "public_order", "violence_sexual",
    "burglary", "shoplifting", "drugs", "robbery",
  },
}
