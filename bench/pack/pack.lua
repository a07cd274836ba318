-- The benchmark pack: the LSP-style assessment that bench/reference.cpp does
-- by hand, written in the Assay DSL, over the fourteen indicators that
-- assay-gen writes by default (36 months from 2022-01, so the last month is
-- 2024-12 and the target falls due twelve months later, in 2025-12).

pack "bench" {
  title = "Benchmark: neighbourhood indicators, LSP-style assessment",
  version = "1.0.0",
  rounding = "half_up",
}

scale "rag" {
  { "RED",   symbol = "●", colour = "#d4351c", meaning = "Not on track, and not improving" },
  { "AMBER", symbol = "●", colour = "#f47738", meaning = "Not on track, but improving" },
  { "GREEN", symbol = "●", colour = "#00703c", meaning = "On track to meet the target" },
}

-- Latest month against the previous available one; a change within 1.5 %
-- of the previous value is static.
local last_two = arrow.last_two { static_within = pct(1.5) }

group "neighbourhood" {
  title = "Neighbourhood indicators",
  arrow = last_two,
  -- Reduce by 10 % from the first month by a year after the last one.
  target = { reduce_by = pct(10), from = "2022-01", by = "2025-12" },
  scale = "rag",
  rating = first {
    { on_track, GREEN },
    { improved, AMBER },
    { otherwise, RED },
  },
  indicators = {
    "burglary", "robbery", "vehicle", "violence", "asb", "shoplift", "drugs",
    "calls", "answer10s", "satisfied", "repeat_da", "crime_rate", "solved", "spend",
  },
}
