// Roll-ups: counts per group and theme, and worst, best, majority (ties go
// to the worse), mean score thresholds and script roll-ups.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <memory>

using namespace assay;
using namespace assay::test;
using K = Condition::Kind;

namespace {

/// Rates by arrow: improved GREEN, static AMBER, declined RED.
RatingRule by_arrow() {
    return first_match({{cond(K::improved, "improved"), 2, ""},
                        {cond(K::static_, "static"), 1, ""},
                        {cond(K::declined, "declined"), 0, ""}});
}

/// a, b improve; c is static; d declines; e has no data.
Dataset five_indicators() {
    return DatasetBuilder()
        .indicator("a")
        .indicator("b")
        .indicator("c")
        .indicator("d")
        .indicator("e")
        .series("a", "A", {{"2005", 10}, {"2006", 12}})
        .series("b", "A", {{"2005", 10}, {"2006", 11}})
        .series("c", "A", {{"2005", 10}, {"2006", 10}})
        .series("d", "A", {{"2005", 10}, {"2006", 9}})
        .series("e", "A", {{"2005", NA}, {"2006", NA}})
        .build();
}

/// A group over `indicators` rated by arrow and rolled up by `kind`.
Group rolled(const std::string& id, std::vector<std::string> indicators, RollupRule::Kind kind) {
    Group g = make_group(id, std::move(indicators), last_two(pct(1.5)));
    g.rating = by_arrow();
    g.rollup.kind = kind;
    g.rollup.text = "rollup";
    g.rollup.where = SourceLoc{id + ".lua", 20, 0};
    return g;
}

/// The LSP theme roll-up: mean score on the five-point scale.
RollupRule five_point_mean() {
    RollupRule r;
    r.kind = RollupRule::Kind::mean;
    r.thresholds = {{0.8, 4}, {0.6, 3}, {0.4, 2}, {0.2, 1}, {0, 0}};
    r.text = "mean";
    return r;
}

}  // namespace

TEST_CASE("group counts: ratings by label, arrows by name, assessed and unrated", "[assess][rollup]") {
    Dataset d = five_indicators();
    Pack pack = make_pack({rolled("g", {"a", "b", "c", "d", "e"}, RollupRule::Kind::worst)});
    Assessment a = assess(pack, prepare(pack, d));
    REQUIRE(a.groups.size() == 1);
    const Counts& c = a.groups[0].counts;
    CHECK(c.ratings == std::map<std::string, int>{{"GREEN", 2}, {"AMBER", 1}, {"RED", 1}});
    CHECK(c.arrows == std::map<std::string, int>{{"improved", 2}, {"static", 1}, {"declined", 1}, {"none", 1}});
    CHECK(c.assessed == 4);
    CHECK(c.unrated == 1);
}

TEST_CASE("worst, best and majority", "[assess][rollup]") {
    Dataset d = five_indicators();
    Pack pack =
        make_pack({rolled("worst", {"a", "b", "c", "d", "e"}, RollupRule::Kind::worst),
                   rolled("best", {"c", "d", "e"}, RollupRule::Kind::best),
                   rolled("majority", {"a", "b", "c", "d"}, RollupRule::Kind::majority),
                   rolled("tie", {"a", "c", "d"}, RollupRule::Kind::majority),
                   rolled("none", {"e"}, RollupRule::Kind::worst), rolled("norule", {"a"}, RollupRule::Kind::none)});
    Assessment a = assess(pack, prepare(pack, d));
    CHECK(a.groups[0].rating == 0);
    CHECK(a.groups[0].explanation.at(0) == "worst of 4 rated indicators: RED -> RED (rollup, worst.lua:20)");
    CHECK(a.groups[1].rating == 1);
    CHECK(a.groups[2].rating == 2);
    CHECK(a.groups[3].rating == 0);  // one each: the worse wins
    CHECK(a.groups[4].rating == -1);
    CHECK(a.groups[5].rating == -1);
}

TEST_CASE("a group rolled up into another scale maps by label", "[assess][rollup]") {
    Dataset d = five_indicators();
    Group g = rolled("g", {"a", "c"}, RollupRule::Kind::worst);
    g.scale_rollup = "five_point";
    Pack pack = make_pack({g});
    pack.scales.push_back(make_scale("five_point", {"RED", "AMBER RED", "AMBER", "AMBER GREEN", "GREEN"}));
    CHECK(assess(pack, prepare(pack, d)).groups[0].rating == 2);  // AMBER
}

TEST_CASE("theme: mean score over its groups' rated indicators, first threshold reached", "[assess][rollup]") {
    Dataset d = five_indicators();
    Pack pack = make_pack(
        {rolled("g1", {"a", "b"}, RollupRule::Kind::none), rolled("g2", {"c", "d", "e"}, RollupRule::Kind::none)});
    pack.scales.push_back(make_scale("five_point", {"RED", "AMBER RED", "AMBER", "AMBER GREEN", "GREEN"}));
    Theme t;
    t.id = "crime";
    t.scale = "five_point";
    t.groups = {"g1", "g2"};
    t.rollup = five_point_mean();
    pack.themes.push_back(t);
    Assessment a = assess(pack, prepare(pack, d));
    REQUIRE(a.themes.size() == 1);
    const ThemeOutcome& th = a.themes[0];
    // Scores 1, 1, 0.5, 0: mean 0.625.
    CHECK(th.rating == 3);
    CHECK(th.explanation.at(0) == "mean score 0.63 over 4 rated indicators >= 0.6 -> AMBER GREEN (mean)");
    CHECK(th.counts.assessed == 4);
    CHECK(th.counts.unrated == 1);
    CHECK(th.counts.ratings.at("GREEN") == 2);

    // Drop a and the mean falls to 0.5: AMBER.
    pack.themes[0].groups = {"g2"};
    pack.groups[1].indicators = {"b", "c", "d"};
    CHECK(assess(pack, prepare(pack, d)).themes[0].rating == 2);
}

TEST_CASE("a theme naming an unknown group is an input error", "[assess][rollup]") {
    Dataset d = five_indicators();
    Pack pack = make_pack({rolled("psa1", {"a"}, RollupRule::Kind::none)});
    Theme t;
    t.id = "crime";
    t.groups = {"psa2"};
    pack.themes.push_back(t);
    CHECK_THROWS_WITH(assess(pack, prepare(pack, d)),
                      Catch::Contains("group 'psa2' is not declared (did you mean 'psa1'?)"));
}

TEST_CASE("script roll-ups get the counts; a failing one is recorded", "[assess][rollup]") {
    auto host = std::make_shared<FakeHost>();
    int good = host->add_rollup([](const Counts& c) -> ScriptResult {
        return ScriptResult{c.ratings.count("RED") ? 0 : 2, "", ""};
    });
    int bad = host->add_rollup([](const Counts&) -> ScriptResult { return ScriptResult{-1, "g.lua:9: boom", ""}; });
    Dataset d = five_indicators();
    Group g1 = rolled("g1", {"a", "b"}, RollupRule::Kind::script);
    g1.rollup.script = good;
    Group g2 = rolled("g2", {"a", "d"}, RollupRule::Kind::script);
    g2.rollup.script = good;
    Group g3 = rolled("g3", {"a"}, RollupRule::Kind::script);
    g3.rollup.script = bad;
    Pack pack = make_pack({g1, g2, g3});
    pack.host = host;
    Assessment a = assess(pack, prepare(pack, d));
    CHECK(a.groups[0].rating == 2);
    CHECK(a.groups[1].rating == 0);
    CHECK(a.groups[2].rating == -1);
    REQUIRE(a.errors.size() == 1);
    CHECK(a.errors[0] == "roll-up of group 'g3' (g3.lua:20) failed: g.lua:9: boom");
}
