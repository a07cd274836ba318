// The escape hatch's reach: a:lookup(indicator [, area [, period]]) reads
// another series (an area's change against the district's), never past the
// period assessed, and a.unit / a.title / a.polarity describe the indicator.
#include "dsl_fixture.hpp"

using namespace assay;
using namespace assay::test;

namespace {

const char* const kY1 = "Jul 22 - Jun 23";
const char* const kY2 = "Jul 23 - Jun 24";

// Town-centre hotspots and the change for the whole district.
Dataset hotspots() {
    return DatasetBuilder()
        .indicator("asb", Polarity::lower_is_better)
        .indicator("district_change_asb", Polarity::lower_is_better, 0, "", "", "percent")
        .indicator("population", Polarity::neutral)
        .series("asb", "Billingham", {{kY1, 134}, {kY2, 119}})
        .series("asb", "Thornaby", {{kY1, 100}, {kY2, 97}})
        .series("asb", "Stockton", {{kY1, 100}, {kY2, 110}})
        .series("district_change_asb", "Stockton-on-Tees", {{kY2, -5}})
        .series("population", "Billingham", {{kY1, 9000}, {kY2, NA}})
        .build();
}

Pack with_rating(const std::string& body) {
    return load_groups("group \"asb\" {\n  rating = function(a)\n" + body +
                       "\n  end,\n  indicators = { \"asb\" },\n}\n");
}

}  // namespace

TEST_CASE("a rule compares an area's change with the district's through a:lookup", "[dsl][lookup]") {
    Pack p = with_rating(R"(
    local district = a:lookup("district_change_asb", "Stockton-on-Tees")
    if district == nil or a.change_pct == nil then return nil, "no district figure" end
    if a.change_pct < district then return GREEN end
    if a.change_pct <= 0 then return AMBER end
    return RED)");
    Dataset d = hotspots();
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.errors.empty());
    CHECK(rating_of(a, outcome_of(a, "asb", "Billingham")) == "GREEN");  // -11.2% against -5%
    CHECK(rating_of(a, outcome_of(a, "asb", "Thornaby")) == "AMBER");    // -3%
    CHECK(rating_of(a, outcome_of(a, "asb", "Stockton")) == "RED");      // +10%

    // Assessed as at the first year there is no district figure yet.
    AssessOptions first_year;
    first_year.as_at = kY1;
    Assessment early = assess(p, prepare(p, d), first_year);
    const Outcome& o = outcome_of(early, "asb", "Billingham");
    CHECK(o.rating == -1);
    CHECK(o.rating_reason == "no district figure");
}

TEST_CASE("a:lookup defaults to the same area and period, and gives nil for what the data lacks", "[dsl][lookup]") {
    Pack p = with_rating(R"(
    local here = a:lookup("population")
    local before = a:lookup("population", nil, "Jul 22 - Jun 23")
    local own = a:lookup("asb", nil, "Jul 22 - Jun 23")
    local elsewhere = a:lookup("asb", "Thornaby")
    local never = a:lookup("asb", "Stockton-on-Tees")
    local unknown_period = a:lookup("asb", nil, "2030/31")
    return nil, string.format("%s %s %s %s %s %s", tostring(here), tostring(before), tostring(own),
                              tostring(elsewhere), tostring(never), tostring(unknown_period)))");
    Dataset d = hotspots();
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.errors.empty());
    // The 2023/24 population is N/A: nil; earlier periods and other areas can be read.
    CHECK(outcome_of(a, "asb", "Billingham").rating_reason == "nil 9000.0 134.0 97.0 nil nil");
    CHECK(outcome_of(a, "asb", "Thornaby").rating_reason == "nil nil 100.0 97.0 nil nil");
}

TEST_CASE("a:lookup cannot see past the period assessed", "[dsl][lookup]") {
    Pack p = with_rating(R"(
    return nil, tostring(a:lookup("asb", nil, "Jul 23 - Jun 24")) .. " " .. tostring(a:lookup("asb", "Thornaby")))");
    Dataset d = hotspots();
    AssessOptions first_year;
    first_year.as_at = kY1;
    Assessment a = assess(p, prepare(p, d), first_year);
    CHECK(outcome_of(a, "asb", "Billingham").rating_reason == "nil 100.0");
    Assessment latest = assess(p, prepare(p, d));
    CHECK(outcome_of(latest, "asb", "Billingham").rating_reason == "119.0 97.0");
}

TEST_CASE("a:lookup mistakes are rule failures naming what was expected", "[dsl][lookup]") {
    Dataset d = hotspots();
    auto failure = [&](const std::string& call) {
        Pack p = with_rating("    local x = " + call + "\n    return RED");
        Assessment a = assess(p, prepare(p, d));
        REQUIRE(a.errors.size() == 3);  // every area's rating fails the same way
        CHECK(outcome_of(a, "asb", "Billingham").rating == -1);
        return a.errors.front();
    };
    CHECK(contains(failure("a:lookup(\"district_change_asbb\", \"Stockton-on-Tees\")"),
                   "a:lookup: indicator 'district_change_asbb' is not in the dataset (did you mean "
                   "'district_change_asb'?)"));
    CHECK(contains(failure("a:lookup(\"asb\", \"Stockton-on-Tess\")"),
                   "a:lookup: area 'Stockton-on-Tess' is not in the dataset (did you mean 'Stockton-on-Tees'?)"));
    CHECK(contains(failure("a:lookup(\"asb\", nil, \"Q5 2024\")"), "a:lookup: period \"Q5 2024\""));
    CHECK(contains(failure("a:lookup(3)"),
                   "a:lookup(indicator [, area [, period]]): the indicator must be an id in quotes, got the number 3"));
    CHECK(contains(failure("a.lookup(\"asb\")"), "call methods of `a` with a colon"));
}

TEST_CASE("a rule reads the indicator's unit, title and polarity", "[dsl][lookup]") {
    Pack p = load_groups(R"lua(
group "g" {
  polarity = "higher_is_better",
  rating = function(a) return nil, a.unit .. "|" .. a.title .. "|" .. a.polarity end,
  indicators = { "district_change_asb" },
}
)lua");
    Dataset d = hotspots();
    Assessment a = assess(p, prepare(p, d));
    // The group's polarity overrides the dataset's.
    CHECK(outcome_of(a, "district_change_asb", "Stockton-on-Tees").rating_reason ==
          "percent|district_change_asb|higher_is_better");
}
