// Ratings: first_match cases (conditions, unrated cases, no data, no rule)
// and script rules through a fake ScriptHost, including ones that fail.
#include "fixtures.hpp"

#include "assess/ratings.hpp"

#include <catch2/catch.hpp>

#include <memory>

using namespace assay;
using namespace assay::test;
using K = Condition::Kind;
using assay::assess_detail::holds;

namespace {

/// Three areas of one lower-is-better indicator with the PSA1 target:
/// A on track, B improved but off track, C worse; D has no data.
DatasetBuilder psa1_data() {
    DatasetBuilder b;
    b.indicator("x", Polarity::lower_is_better)
        .series("x", "A", {{"2003/04", 1029}, {"2005/06", 640}, {"2006/07", 547}})
        .series("x", "B", {{"2003/04", 1029}, {"2005/06", 1000}, {"2006/07", 950}})
        .series("x", "C", {{"2003/04", 1029}, {"2005/06", 1000}, {"2006/07", 1100}})
        .series("x", "D", {{"2003/04", NA}, {"2005/06", NA}, {"2006/07", NA}});
    return b;
}

/// A group over "x" with the PSA1 target and the given rating rule.
Group psa1_group(RatingRule rating) {
    Group g = make_group("psa1", {"x"}, last_two(pct(1.5)));
    g.target = progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08");
    g.rating = std::move(rating);
    return g;
}

}  // namespace

TEST_CASE("first_match: the first case that holds decides", "[assess][ratings]") {
    Dataset d = psa1_data().build();
    Pack pack = make_pack({psa1_group(lsp_rating())});
    Assessment a = assess(pack, prepare(pack, d));
    CHECK(outcome_of(a, "x", "A").rating == 2);
    CHECK(outcome_of(a, "x", "B").rating == 1);
    CHECK(outcome_of(a, "x", "C").rating == 0);
    const Outcome& none = outcome_of(a, "x", "D");
    CHECK(none.rating == -1);
    CHECK(none.rating_reason == "no data");
    INFO(trace(outcome_of(a, "x", "A")));
    CHECK(explains(outcome_of(a, "x", "A"), "rating: case 1 'on_track' holds -> GREEN (first, psa1.lua:10)"));
}

TEST_CASE("first_match: unrated cases and no case holding", "[assess][ratings]") {
    Dataset d = psa1_data().build();
    RatingRule r = first_match({{cond(K::declined, "declined"), -1, "under review"}, {cond(K::met, "met"), 2, ""}});
    Pack pack = make_pack({psa1_group(r)});
    Assessment a = assess(pack, prepare(pack, d));
    CHECK(outcome_of(a, "x", "A").rating == 2);
    CHECK(outcome_of(a, "x", "B").rating == -1);
    CHECK(outcome_of(a, "x", "B").rating_reason == "no case applies");
    CHECK(outcome_of(a, "x", "C").rating == -1);
    CHECK(outcome_of(a, "x", "C").rating_reason == "under review");
}

TEST_CASE("no rating rule gives no rating", "[assess][ratings]") {
    Dataset d = psa1_data().build();
    Pack pack = make_pack({psa1_group(RatingRule{})});
    Assessment a = assess(pack, prepare(pack, d));
    CHECK(outcome_of(a, "x", "A").rating == -1);
    CHECK(outcome_of(a, "x", "A").rating_reason == "no rating rule");
}

TEST_CASE("conditions", "[assess][ratings]") {
    Outcome o;
    o.current = Point{0, 50};
    o.arrow = Arrow::improved;
    Polarity hi = Polarity::higher_is_better, lo = Polarity::lower_is_better;
    CHECK(holds(cond(K::always), o, hi));
    CHECK(holds(cond(K::improved), o, hi));
    CHECK_FALSE(holds(cond(K::declined), o, hi));
    CHECK_FALSE(holds(cond(K::static_), o, hi));
    CHECK_FALSE(holds(cond(K::peak), o, hi));
    CHECK(holds(cond(K::has_arrow), o, hi));
    // No target: every target condition is false.
    CHECK_FALSE(holds(cond(K::on_track), o, hi));
    CHECK_FALSE(holds(cond(K::met), o, hi));
    CHECK_FALSE(holds(cond(K::will_meet), o, hi));
    CHECK_FALSE(holds(cond(K::has_target), o, hi));
    Condition within5 = cond(K::distance_within);
    within5.band = Band{Band::Kind::absolute, 5};
    CHECK_FALSE(holds(within5, o, hi));
    // better_than is polarity-aware and inclusive.
    CHECK(holds(cond(K::better_than, "", 50), o, hi));
    CHECK(holds(cond(K::better_than, "", 49), o, hi));
    CHECK_FALSE(holds(cond(K::better_than, "", 51), o, hi));
    CHECK(holds(cond(K::better_than, "", 51), o, lo));
    CHECK_FALSE(holds(cond(K::better_than, "", 49), o, lo));
    CHECK(holds(cond(K::better_than, "", 50), o, Polarity::neutral));

    o.target = TargetOutcome{};
    o.target->target = 60;
    o.target->distance = 5;
    o.target->distance_pct = 5.0 / 60 * 100;
    o.target->on_track = true;
    CHECK(holds(cond(K::has_target), o, hi));
    CHECK(holds(cond(K::on_track), o, hi));
    CHECK_FALSE(holds(cond(K::met), o, hi));
    CHECK(holds(within5, o, hi));
    within5.band.width = 4.9;
    CHECK_FALSE(holds(within5, o, hi));
    Condition within_pct = cond(K::distance_within);
    within_pct.band = Band{Band::Kind::relative, 8.4};
    CHECK(holds(within_pct, o, hi));  // 8.33%
    within_pct.band.width = 8.3;
    CHECK_FALSE(holds(within_pct, o, hi));

    CHECK(holds(combine(K::all, {cond(K::improved), cond(K::on_track)}), o, hi));
    CHECK_FALSE(holds(combine(K::all, {cond(K::improved), cond(K::met)}), o, hi));
    CHECK(holds(combine(K::any, {cond(K::declined), cond(K::on_track)}), o, hi));
    CHECK_FALSE(holds(combine(K::any, {cond(K::declined), cond(K::met)}), o, hi));
    CHECK(holds(combine(K::not_, {cond(K::met)}), o, hi));
    CHECK_FALSE(holds(combine(K::not_, {cond(K::improved)}), o, hi));

    o.arrow = Arrow::none;
    CHECK_FALSE(holds(cond(K::has_arrow), o, hi));
}

TEST_CASE("script ratings go through the host; failures are recorded and rate nothing", "[assess][ratings]") {
    auto host = std::make_shared<FakeHost>();
    Dataset d = psa1_data().build();
    int fn = host->add_rate([&](const Outcome& o) -> ScriptResult {
        const std::string& area = d.areas[d.series[o.series].area];
        if (area == "B") return ScriptResult{-1, "psa1.lua:14: attempt to index a nil value", ""};
        if (area == "C") throw std::runtime_error("host exploded");
        if (o.target && o.target->on_track) return ScriptResult{2, "", ""};
        return ScriptResult{-1, "", "not enough data"};
    });
    RatingRule r;
    r.kind = RatingRule::Kind::script;
    r.script = fn;
    r.name = "psa1_rating";
    r.where = SourceLoc{"psa1.lua", 13, 0};
    Pack pack = make_pack({psa1_group(r)});
    pack.host = host;
    Assessment a = assess(pack, prepare(pack, d));

    CHECK(outcome_of(a, "x", "A").rating == 2);
    CHECK(outcome_of(a, "x", "A").error.empty());
    const Outcome& b = outcome_of(a, "x", "B");
    CHECK(b.rating == -1);
    CHECK(b.error == "rule 'psa1_rating' (psa1.lua:13): psa1.lua:14: attempt to index a nil value");
    const Outcome& c = outcome_of(a, "x", "C");
    CHECK(c.rating == -1);
    CHECK(c.error == "rule 'psa1_rating' (psa1.lua:13): host exploded");
    CHECK(outcome_of(a, "x", "D").rating_reason == "no data");
    CHECK(host->calls == 3);  // D has no value, so no call
    REQUIRE(a.errors.size() == 2);
    CHECK(a.errors[0] ==
          "rule 'psa1_rating' (psa1.lua:13) failed for indicator 'x' area 'B': psa1.lua:14: attempt "
          "to index a nil value");
    CHECK(a.errors[1] == "rule 'psa1_rating' (psa1.lua:13) failed for indicator 'x' area 'C': host exploded");
}

TEST_CASE("a script rating outside the scale is an error, a nil rating keeps its reason", "[assess][ratings]") {
    auto host = std::make_shared<FakeHost>();
    Dataset d = psa1_data().build();
    int fn = host->add_rate([&](const Outcome& o) -> ScriptResult {
        if (o.arrow == Arrow::improved) return ScriptResult{3, "", ""};
        return ScriptResult{-1, "", "gap not measured"};
    });
    RatingRule r;
    r.kind = RatingRule::Kind::script;
    r.script = fn;
    r.name = "f";
    Pack pack = make_pack({psa1_group(r)});
    pack.host = host;
    Assessment a = assess(pack, prepare(pack, d));
    CHECK(outcome_of(a, "x", "A").rating == -1);
    CHECK(outcome_of(a, "x", "A").error == "rule 'f': returned level 3, not a level of scale 'rag'");
    CHECK(outcome_of(a, "x", "C").rating == -1);
    CHECK(outcome_of(a, "x", "C").error.empty());
    CHECK(outcome_of(a, "x", "C").rating_reason == "gap not measured");
}

TEST_CASE("a first_match level outside the scale is an input error", "[assess][ratings]") {
    Dataset d = psa1_data().build();
    Pack pack = make_pack({psa1_group(first_match({{cond(K::always, "otherwise"), 5, ""}}))});
    CHECK_THROWS_WITH(assess(pack, prepare(pack, d)), Catch::Contains("rating case 1 gives level 5"));
}

TEST_CASE("funnel conditions: positional ones ignore polarity, better and worse honour it", "[assess][ratings]") {
    // A funnel comparison with England at 99.8 %: the area above the upper limit.
    auto funnel_cond = [](K kind) {
        Condition c = cond(kind);
        c.comparator_area = "England";
        c.level = 0.998;
        return c;
    };
    auto placed = [](int verdict, bool neutral) {
        Outcome o;
        o.current = Point{0, 80};
        Comparison f;
        f.area = "England";
        f.level = 0.998;
        f.funnel = true;
        f.neutral = neutral;
        f.verdict = verdict;
        o.comparisons.push_back(f);
        return o;
    };
    const Polarity hi = Polarity::higher_is_better, lo = Polarity::lower_is_better, neutral = Polarity::neutral;
    Outcome above = placed(1, false), below = placed(-1, false), within = placed(0, false);
    CHECK(holds(funnel_cond(K::above_funnel), above, hi));
    CHECK(holds(funnel_cond(K::above_funnel), above, lo));
    CHECK(holds(funnel_cond(K::better_than_funnel), above, hi));
    CHECK_FALSE(holds(funnel_cond(K::worse_than_funnel), above, hi));
    CHECK(holds(funnel_cond(K::worse_than_funnel), above, lo));
    CHECK_FALSE(holds(funnel_cond(K::better_than_funnel), above, lo));
    CHECK(holds(funnel_cond(K::better_than_funnel), below, lo));
    CHECK(holds(funnel_cond(K::worse_than_funnel), below, hi));
    // Within the limits: neither better nor worse.
    CHECK(holds(funnel_cond(K::within_funnel), within, hi));
    CHECK_FALSE(holds(funnel_cond(K::better_than_funnel), within, hi));
    CHECK_FALSE(holds(funnel_cond(K::worse_than_funnel), within, lo));
    // A neutral indicator has no better side: only the positional conditions hold.
    Outcome n = placed(1, true);
    CHECK(holds(funnel_cond(K::above_funnel), n, neutral));
    CHECK_FALSE(holds(funnel_cond(K::better_than_funnel), n, neutral));
    CHECK_FALSE(holds(funnel_cond(K::worse_than_funnel), n, neutral));
    // Another level or comparator, or a place that cannot be judged, never holds.
    Condition at95 = funnel_cond(K::better_than_funnel);
    at95.level = 0.95;
    CHECK_FALSE(holds(at95, above, hi));
    Condition wales = funnel_cond(K::better_than_funnel);
    wales.comparator_area = "Wales";
    CHECK_FALSE(holds(wales, above, hi));
    Outcome unknown = placed(1, false);
    unknown.comparisons[0].verdict.reset();
    CHECK_FALSE(holds(funnel_cond(K::better_than_funnel), unknown, hi));
}
