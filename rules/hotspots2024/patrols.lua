-- Summary of hotspot patrols in town centres, August 2023 - June 2024.
--
-- The seed's: the rows, the figures (patrol hours as h:mm:ss) and the
-- examples of activities (each row's note, shown as the comment).
-- Ours: activity, not outcome: neutral and not rated. One period only, so
-- there is no arrow. The seed's Totals row (1060:26:00 hours, 1066 patrols,
-- 428 and 813 engagements) is not an area of the dataset: the report does
-- not print it (the DSL has no total across areas; the seeds tests check
-- that the seed's totals add up).

group "patrols" {
  title = "Summary of hotspot patrols in town centres, August 2023 – June 2024",
  theme = "hotspots",
  polarity = "neutral",
  comment = "{note}",
  indicators = { "patrol_hours", "patrols", "resident_engagement", "business_engagement" },
}
