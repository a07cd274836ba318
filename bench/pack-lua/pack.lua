-- The benchmark pack (bench/pack) with its rating written as a Lua function
-- instead of the built-in `first { ... }`: the same ratings, so the same
-- lines (its target on the same line as there, as reasons name the line);
-- bench/run.sh times the two side by side (the goal is within 1.1x).

pack "bench-lua" {
  title = "Benchmark: neighbourhood indicators, rated by a Lua function",
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
  rating = function(a)
    if a:on_track() then return GREEN end
    if a:improved() then return AMBER end
    return RED
  end,
  indicators = {
    "burglary", "robbery", "vehicle", "violence", "asb", "shoplift", "drugs",
    "calls", "answer10s", "satisfied", "repeat_da", "crime_rate", "solved", "spend",
  },
}
