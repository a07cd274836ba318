-- ASB Hotspots Outcomes: changes in ASB incident reports in the hotspots,
-- July 2022 - June 2023 against July 2023 - June 2024 (police data only).
--
-- The seed's: the three hotspots and their % change. The figure is itself a
-- change, so it has one period and no arrow.
-- Ours: a fall of more than 5% is GREEN, within 5% either way AMBER (the
-- edge counts as within), a rise of more than 5% RED. These are the
-- hotspots (micro-locations, police data); the LSOA table above measures
-- larger areas from Police.UK data, so the two are not expected to agree.

group "hotspot_police_change" {
  title = "ASB Hotspots Outcomes – Police % change",
  theme = "hotspots",
  polarity = "lower_is_better",
  scale = "rag",
  rating = function(a)
    if a.value == nil then return nil, "no data" end
    if a.value < -5 - 1e-9 then return GREEN end
    if a.value > 5 + 1e-9 then return RED end
    return AMBER
  end,
  comment = "{value}% on July 2022 – June 2023",
  indicators = { "asb_hotspot_police_change" },
}
