// What SPEC says the DSL must express, written as packs and assessed end to
// end: a county/PCC-style rating (distance from target, arrow against the
// same period last year), tolerance bands, scales of stars and symbols,
// assurance levels, and comments from templates.
#include "dsl_fixture.hpp"

using namespace assay;
using namespace assay::test;

namespace {

// % of 999 calls answered within 10 seconds, by financial quarter; the
// target is 90%. Each area tells a different story against last year.
Dataset quarterly_calls() {
    return DatasetBuilder()
        .indicator("calls_10s", Polarity::higher_is_better, 1, "", "", "percent")
        // Within 5% of target and better than a year ago (worse than last quarter).
        .series("calls_10s", "A", {{"2023/24 Q2", 85}, {"2024/25 Q1", 88}, {"2024/25 Q2", 87}})
        // Within 5% but worse than a year ago (better than last quarter).
        .series("calls_10s", "B", {{"2023/24 Q2", 89}, {"2024/25 Q1", 86}, {"2024/25 Q2", 87}})
        // Better than a year ago but 8.9% short of target.
        .series("calls_10s", "C", {{"2023/24 Q2", 80}, {"2024/25 Q2", 82}})
        // Target met.
        .series("calls_10s", "D", {{"2023/24 Q2", 92}, {"2024/25 Q2", 91}})
        // Within 5%, nothing a year earlier.
        .series("calls_10s", "E", {{"2024/25 Q1", 86}, {"2024/25 Q2", 88}})
        .build();
}

const char* const kDistanceAndYear = R"lua(
target "calls" { indicator = "calls_10s", value = 90 }

group "calls" {
  arrow = arrow.same_period_last_year { static_within = 0.5 },
  rating = first {
    { met, GREEN },
    { all { distance_within(pct(5)), improved }, GREEN },
    { distance_within(pct(5)), AMBER },
    { otherwise, RED },
  },
  indicators = { "calls_10s" },
}
)lua";

}  // namespace

TEST_CASE("RAG by distance from target with the arrow against the same period last year", "[dsl][reach]") {
    Pack p = load_groups(kDistanceAndYear);
    Dataset d = quarterly_calls();
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.errors.empty());

    const Outcome& area_a = outcome_of(a, "calls_10s", "A");
    CHECK(area_a.arrow == Arrow::improved);  // 87 against 85 a year ago, not 88 last quarter
    CHECK(d.periods[area_a.previous->period].label == "2023/24 Q2");
    REQUIRE(area_a.target);
    CHECK(area_a.target->distance == Approx(3));
    CHECK(rating_of(a, area_a) == "GREEN");
    CHECK(explains(area_a, "compared with 2023/24 Q2 (a year earlier)"));

    const Outcome& area_b = outcome_of(a, "calls_10s", "B");
    CHECK(area_b.arrow == Arrow::declined);
    CHECK(rating_of(a, area_b) == "AMBER");

    const Outcome& area_c = outcome_of(a, "calls_10s", "C");
    CHECK(area_c.arrow == Arrow::improved);
    CHECK(rating_of(a, area_c) == "RED");

    CHECK(rating_of(a, outcome_of(a, "calls_10s", "D")) == "GREEN");

    const Outcome& area_e = outcome_of(a, "calls_10s", "E");
    CHECK(area_e.arrow == Arrow::none);
    CHECK(contains(area_e.arrow_reason, "a year earlier"));
    CHECK(rating_of(a, area_e) == "AMBER");
}

TEST_CASE("a tolerance band around a target is met on either side, in units or percent", "[dsl][reach]") {
    Pack p = load_groups(R"lua(
target "units" { indicator = "u", value = 90, within = 2 }
target "share" { indicator = "s", value = 90, within = pct(2) }
group "g" {
  rating = first { { met, GREEN }, { otherwise, RED } },
  indicators = { "u", "s" },
}
)lua");
    Dataset d = DatasetBuilder()
                    .indicator("u", Polarity::higher_is_better, 1)
                    .indicator("s", Polarity::higher_is_better, 1)
                    .series("u", "edge_low", {{"2024", 88}})
                    .series("u", "below", {{"2024", 87.9}})
                    .series("u", "edge_high", {{"2024", 92}})
                    .series("u", "above", {{"2024", 92.1}})
                    .series("s", "edge_low", {{"2024", 88.2}})  // 90 - 2% of 90
                    .series("s", "below", {{"2024", 88.1}})
                    .build();
    Assessment a = assess(p, prepare(p, d));
    CHECK(rating_of(a, outcome_of(a, "u", "edge_low")) == "GREEN");
    CHECK(rating_of(a, outcome_of(a, "u", "below")) == "RED");
    CHECK(rating_of(a, outcome_of(a, "u", "edge_high")) == "GREEN");
    CHECK(rating_of(a, outcome_of(a, "u", "above")) == "RED");
    CHECK(rating_of(a, outcome_of(a, "s", "edge_low")) == "GREEN");
    CHECK(rating_of(a, outcome_of(a, "s", "below")) == "RED");
    CHECK(p.targets.at(0).text == "stay within 2 of 90");
    CHECK(p.targets.at(1).text == "stay within 2% of 90");
}

TEST_CASE("scales of any length with stars, circles and triangles as labels and symbols", "[dsl][reach]") {
    Pack p = load({{"pack.lua", R"lua(pack "t" { }
scale "stars" {
  { "★", meaning = "Poor" }, { "★★", meaning = "Fair" }, { "★★★", meaning = "Good" }, { "★★★★", meaning = "Excellent" },
}
scale "traffic" {
  { "Off track", symbol = "▼", colour = "#d4351c" }, { "At risk", symbol = "●" }, { "On track", symbol = "▲" },
}
)lua"},
                   {"groups.lua", R"lua(
group "satisfaction" {
  scale = "stars",
  rating = first { { better_than(90), "★★★★" }, { better_than(80), "★★★" }, { better_than(60), "★★" },
                   { otherwise, "★" } },
  indicators = { "satisfied" },
}
group "delivery" {
  scale = "traffic",
  rating = function(a)
    if a.value >= 95 then return ON_TRACK end
    if a.value >= 80 then return "At risk" end
    return OFF_TRACK
  end,
  indicators = { "delivered" },
}
)lua"}});
    const Scale* stars = p.find_scale("stars");
    REQUIRE(stars);
    REQUIRE(stars->levels.size() == 4);
    CHECK(stars->levels[3].label == "★★★★");
    CHECK(stars->levels[3].meaning == "Excellent");
    CHECK(p.find_scale("traffic")->levels[0].symbol == "▼");

    Dataset d = DatasetBuilder()
                    .indicator("satisfied", Polarity::higher_is_better, 0, "", "", "percent")
                    .indicator("delivered", Polarity::higher_is_better, 0, "", "", "percent")
                    .series("satisfied", "A", {{"2024", 85}})
                    .series("satisfied", "B", {{"2024", 55}})
                    .series("delivered", "A", {{"2024", 96}})
                    .series("delivered", "B", {{"2024", 81}})
                    .build();
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.errors.empty());
    CHECK(rating_of(a, outcome_of(a, "satisfied", "A")) == "★★★");
    CHECK(rating_of(a, outcome_of(a, "satisfied", "B")) == "★");
    CHECK(rating_of(a, outcome_of(a, "delivered", "A")) == "On track");
    CHECK(rating_of(a, outcome_of(a, "delivered", "B")) == "At risk");
    CHECK(contains(render(a, Format::json), "\"rating\": \"★★★\""));
    CHECK(contains(render(a, Format::terminal), "★★★"));
}

TEST_CASE("assurance levels are a scale with their own constants and roll-ups", "[dsl][reach]") {
    Pack p = load({{"pack.lua", R"lua(pack "audit" { }
scale "assurance" { "Not Assured", "Partly Assured", "Assured" }
)lua"},
                   {"groups.lua", R"lua(
target "closed" { indicator = "actions_closed", value = 100 }
group "controls" {
  rating = first { { met, ASSURED }, { improved, PARTLY_ASSURED }, { otherwise, NOT_ASSURED } },
  rollup = worst,
  indicators = { "actions_closed" },
}
)lua"}});
    Dataset d = DatasetBuilder()
                    .indicator("actions_closed", Polarity::higher_is_better, 0, "", "", "percent")
                    .series("actions_closed", "Finance", {{"2023", 100}, {"2024", 100}})
                    .series("actions_closed", "HR", {{"2023", 70}, {"2024", 85}})
                    .series("actions_closed", "IT", {{"2023", 70}, {"2024", 60}})
                    .build();
    Assessment a = assess(p, prepare(p, d));
    CHECK(rating_of(a, outcome_of(a, "actions_closed", "Finance")) == "Assured");
    CHECK(rating_of(a, outcome_of(a, "actions_closed", "HR")) == "Partly Assured");
    CHECK(rating_of(a, outcome_of(a, "actions_closed", "IT")) == "Not Assured");
    REQUIRE(a.groups.size() == 1);
    CHECK(a.groups[0].rating == 0);  // worst: Not Assured
    CHECK(a.groups[0].counts.ratings.at("Partly Assured") == 1);
}

TEST_CASE("comments are filled in from templates with the indicator's figures", "[dsl][reach]") {
    Pack p = load_groups(R"lua(
target "calls" { indicator = "calls_10s", value = 90 }
group "calls" {
  arrow = arrow.same_period_last_year { },
  rating = first { { met, GREEN }, { distance_within(pct(5)), AMBER }, { otherwise, RED } },
  comment = "{title} in {area}: {value}% in {period} ({change} pts on {previous_period}); {arrow}, {rating}; "
         .. "target {target}, {distance} to go {{not a field} {unknown} {{value}",
  indicators = { "calls_10s" },
}
)lua");
    Dataset d = quarterly_calls();
    Assessment a = assess(p, prepare(p, d));
    CHECK(outcome_of(a, "calls_10s", "A").comment ==
          "calls_10s in A: 87.0% in 2024/25 Q2 (2.0 pts on 2023/24 Q2); improved, AMBER; target 90.0, 3.0 to go "
          "{not a field} {unknown} {value}");
    CHECK(outcome_of(a, "calls_10s", "E").comment ==
          "calls_10s in E: 88.0% in 2024/25 Q2 (N/A pts on ); none, AMBER; target 90.0, 2.0 to go {not a field} "
          "{unknown} {value}");
}
