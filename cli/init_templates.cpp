// The scaffold `assay init` writes, as raw string literals: a commented
// pack (a scale, arrows, a target, a group with a first-match rating and a
// roll-up), three indicators of example data that give one rating of each
// level, and tests of both kinds that pass against them.
#include <init_templates.hpp>

namespace assay::cli {

namespace {

constexpr std::string_view kPack = R"lua(-- {{name}}: a rule pack. Every .lua file in this folder is read, pack.lua
-- first; files in sub-folders (data/, tests/) are not rules.
--
-- Try it:
--   assay run {{name}} {{name}}/data        the report
--   assay key {{name}}                      the key to assessment, from these rules
--   assay explain {{name}} {{name}}/data burglary
--   assay check {{name}} --data {{name}}/data
--   assay test {{name}}                     the tests in tests/
-- docs/rules.md describes everything used below.

pack "{{name}}" {
  title = "{{name}}: performance review",
  version = "0.1.0",
  rounding = "half_up",          -- how figures are rounded: half_up, half_even or truncate
}

-- The ratings, worst first. `meaning` is printed in the key as "How identified".
-- Declaring the scale also defines RED, AMBER and GREEN for the rules below.
scale "rag" {
  { "RED",   colour = "#d4351c", meaning = "Not on track to meet the target, and not improving" },
  { "AMBER", colour = "#f47738", meaning = "Improving, but not fast enough to meet the target" },
  { "GREEN", colour = "#00703c", meaning = "On track to meet the target" },
}

-- How the direction-of-travel arrows print, and what the key says they mean.
arrows {
  improved = { "▲", "Performance has improved since the previous year" },
  static   = { "◀▶", "Performance is within 2% of the previous year" },
  declined = { "▼", "Performance has got worse since the previous year" },
}

-- The arrow: this year against the last year with a value. A change of up to
-- 2% of last year's figure (either way, 2% itself included) is static.
local yearly = arrow.last_two { static_within = pct(2) }

group "crime" {
  title = "Reducing crime",
  polarity = "lower_is_better",  -- fewer crimes is better: a fall is an improvement
  arrow = yearly,
  -- Each indicator must fall by 10% from its 2021/22 figure by 2024/25. It is
  -- "on track" when at or below the straight line from baseline to target.
  target = { reduce_by = pct(10), from = "2021/22", by = "2024/25" },
  scale = "rag",
  -- The first case that holds gives the rating.
  rating = first {
    { no(has_arrow), unrated "no trend data yet" },
    { on_track, GREEN },
    { improved, AMBER },
    { otherwise, RED },
  },
  rollup = worst,                -- the table's own rating: its worst indicator's
  indicators = { "burglary", "vehicle_crime", "criminal_damage" },
}
)lua";

constexpr std::string_view kIndicators = R"csv(id,title,unit,polarity,decimals,source,notes
burglary,Domestic burglary,count,lower_is_better,0,Example police force,
vehicle_crime,Vehicle crime,count,lower_is_better,0,Example police force,
criminal_damage,Criminal damage,count,lower_is_better,0,Example police force,
)csv";

constexpr std::string_view kObservations = R"csv(indicator,area,period,value,note
# Example figures: replace them with yours (one row per indicator, area and period).
# The targets are 10% below 2021/22 by 2024/25; in 2023/24 the straight line
# to them stands two thirds of the way down.
burglary,Example town,2021/22,400,
burglary,Example town,2022/23,380,
burglary,Example town,2023/24,350,
vehicle_crime,Example town,2021/22,300,
vehicle_crime,Example town,2022/23,310,
vehicle_crime,Example town,2023/24,295,
criminal_damage,Example town,2021/22,500,
criminal_damage,Example town,2022/23,505,
criminal_damage,Example town,2023/24,510,
)csv";

constexpr std::string_view kTests = R"lua(-- Tests of the {{name}} rules: run them with `assay test {{name}}`.

-- Table-driven cases: each builds a one-indicator dataset from `series` and
-- assesses it with the group; `expect` lists what must come out.
cases "crime: arrows" {
  group = "crime",
  { "a fall of more than 2% is an improvement",
    series = { ["2022/23"] = 100, ["2023/24"] = 97 },
    expect = { arrow = "improved", change_pct = -3 } },
  { "a rise of exactly 2% is static (the band's edge counts as static)",
    series = { ["2022/23"] = 100, ["2023/24"] = 102 },
    expect = { arrow = "static" } },
  { "a missing latest figure: the last two available are compared",
    series = { ["2021/22"] = 100, ["2022/23"] = 90, ["2023/24"] = "N/A" },
    expect = { arrow = "improved", period = "2022/23" } },
}

cases "crime: ratings" {
  group = "crime",
  { "below the line to the target: GREEN",
    series = { ["2021/22"] = 400, ["2022/23"] = 380, ["2023/24"] = 350 },
    expect = { rating = "GREEN", on_track = true, target = 360 } },
  { "improving but above the line: AMBER",
    series = { ["2021/22"] = 300, ["2022/23"] = 310, ["2023/24"] = 295 },
    expect = { rating = "AMBER", on_track = false } },
  { "static and above the line: RED",
    series = { ["2021/22"] = 500, ["2022/23"] = 505, ["2023/24"] = 510 },
    expect = { arrow = "static", rating = "RED" } },
  { "one figure only (the baseline year): no trend, no rating",
    series = { ["2021/22"] = 400 },
    expect = { arrow = "none", rating = "none", reason = "no trend data yet" } },
}

-- A whole-dataset test: the example data assessed with the whole pack.
test "the example data" {
  data = "../data",
  expect = {
    groups = { crime = { rating = "RED", ratings = { GREEN = 1, AMBER = 1, RED = 1 } } },
    outcomes = {
      burglary = { arrow = "improved", rating = "GREEN" },
      vehicle_crime = { arrow = "improved", rating = "AMBER" },
      criminal_damage = { arrow = "static", rating = "RED" },
    },
    checks = 0,
  },
}
)lua";

constexpr std::string_view kReadme = R"md(# {{name}}

A rule pack for Assay, made by `assay init`.

| file | what it is |
| --- | --- |
| `pack.lua` | the rules: the scale, the arrows, the target and the rating of the "crime" table |
| `data/` | example figures: `indicators.csv` (one row per indicator) and `observations.csv` (one row per figure) |
| `tests/` | the pack's own tests: `assay test {{name}}` |

    assay run {{name}} {{name}}/data
    assay key {{name}}
    assay check {{name}} --data {{name}}/data
    assay test {{name}}

While editing, `assay run {{name}} {{name}}/data --watch` reprints the report
whenever a rule or a figure changes.
)md";

}  // namespace

const std::vector<TemplateFile>& init_templates() {
    static const std::vector<TemplateFile> files = {
        {"pack.lua", kPack},
        {"data/indicators.csv", kIndicators},
        {"data/observations.csv", kObservations},
        {"tests/{{name}}.lua", kTests},
        {"README.md", kReadme},
    };
    return files;
}

}  // namespace assay::cli
