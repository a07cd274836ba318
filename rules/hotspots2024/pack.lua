-- Scrutiny Review of Welcoming and Safe Town Centres (Police and Crime
-- Commissioner for Cleveland): the Stockton ASB hotspots and Safer Streets
-- LSOAs, July 2022 - June 2024, from datasets/hotspots2024. What is the
-- seed's and what is ours is marked in each file.
--
-- The seed's: the three tables (outcomes by LSOA and crime type beside the
-- "% inc / dec for all stockton"; the summary of hotspot patrols; the police
-- % change in ASB in the hotspots), the figures, and % changes rounded
-- half-up to whole per cent (Thornaby ASB -54.50% printed -55%).
-- Ours: the arrows, the comparison with all Stockton as a rating, and the
-- rating of the police % change.

pack "hotspots2024" {
  title = "Welcoming and Safe Town Centres: ASB hotspots and Safer Streets LSOAs",
  version = "1.0.0",
  rounding = "half_up",
  -- The seed's presentation: patrol hours as h:mm:ss ("373:26:00"), and no
  -- thousands separators ("1066").
  presentation = { hms = true, thousands = "never" },
}

-- Ours: how each area's change compares with the change for the whole of
-- Stockton-on-Tees, the seed's own yardstick (the column it prints beside
-- every row).
scale "vs_district" {
  { "Worse than Stockton", symbol = "●", colour = "#d4351c",
    meaning = "The area's % change (to whole per cent, as printed) is more than 5 points above the change for all Stockton" },
  { "In line with Stockton", symbol = "●", colour = "#f47738",
    meaning = "The area's % change is within 5 points of the change for all Stockton (5 points counts as in line)" },
  { "Better than Stockton", symbol = "●", colour = "#00703c",
    meaning = "The area's % change is more than 5 points below the change for all Stockton" },
}

-- Ours: a plain traffic light for the police % change in the hotspots.
scale "rag" {
  { "RED", symbol = "●", colour = "#d4351c", meaning = "ASB reports rose by more than 5%" },
  { "AMBER", symbol = "●", colour = "#f47738", meaning = "ASB reports within 5% of the year before" },
  { "GREEN", symbol = "●", colour = "#00703c", meaning = "ASB reports fell by more than 5%" },
}

arrows {
  improved = { "▲", "Fewer incidents / crimes than the year before (more than 5% fewer)" },
  static   = { "◀▶", "Within 5% of the year before" },
  declined = { "▼", "More incidents / crimes than the year before (more than 5% more)" },
  increased = { "↑", "Up on the year before (activity: neither better nor worse)" },
  decreased = { "↓", "Down on the year before (activity: neither better nor worse)" },
}
