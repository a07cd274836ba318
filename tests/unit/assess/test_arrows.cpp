// Arrows: static band edges (relative and absolute, inclusive), polarity,
// peak, missing latest value, no previous, series breaks, same period last
// year and periods back.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::test;

namespace {

/// The outcome of one series under one arrow rule.
Outcome arrow_of(std::vector<std::pair<std::string, std::optional<double>>> rows, ArrowRule rule,
                 Polarity p = Polarity::higher_is_better, int decimals = 0, const std::string& unit = "count") {
    Dataset d = DatasetBuilder().indicator("x", p, decimals, "", "", unit).series("x", "A", rows).build();
    Pack pack = make_pack({make_group("g", {"x"}, std::move(rule))});
    Assessment a = assess(pack, prepare(pack, d));
    REQUIRE(a.outcomes.size() == 1);
    return a.outcomes[0];
}

}  // namespace

TEST_CASE("relative static band: inclusive at the edge, polarity decides outside", "[assess][arrows]") {
    SECTION("exactly 1.5% up is static") {
        Outcome o = arrow_of({{"2005/06", 1000}, {"2006/07", 1015}}, last_two(pct(1.5)));
        CHECK(o.arrow == Arrow::static_);
        CHECK(*o.change == Approx(15));
        CHECK(*o.change_pct == Approx(1.5));
    }
    SECTION("just over 1.5% up improves when higher is better") {
        CHECK(arrow_of({{"2005/06", 1000}, {"2006/07", 1015.01}}, last_two(pct(1.5))).arrow == Arrow::improved);
    }
    SECTION("exactly 1.5% down is static, just over declines") {
        CHECK(arrow_of({{"2005/06", 1000}, {"2006/07", 985}}, last_two(pct(1.5))).arrow == Arrow::static_);
        CHECK(arrow_of({{"2005/06", 1000}, {"2006/07", 984.99}}, last_two(pct(1.5))).arrow == Arrow::declined);
    }
    SECTION("binary noise at the edge does not move the boundary") {
        // 0.3045 - 0.3 is not exactly 1.5% of 0.3 in binary.
        CHECK(arrow_of({{"2005/06", 0.3}, {"2006/07", 0.3045}}, last_two(pct(1.5))).arrow == Arrow::static_);
    }
    SECTION("a zero previous value: static only when unchanged") {
        Outcome same = arrow_of({{"2005/06", 0}, {"2006/07", 0}}, last_two(pct(1.5)));
        CHECK(same.arrow == Arrow::static_);
        CHECK_FALSE(same.change_pct);
        CHECK(arrow_of({{"2005/06", 0}, {"2006/07", 1}}, last_two(pct(1.5))).arrow == Arrow::improved);
    }
    SECTION("1.4% is inside the band, 1.6% outside") {
        // 1.4% then 1.6% of the previous value.
        CHECK(arrow_of({{"2004/05", 500}, {"2005/06", 507}}, last_two(pct(1.5))).arrow == Arrow::static_);
        CHECK(arrow_of({{"2004/05", 500}, {"2005/06", 508}}, last_two(pct(1.5))).arrow == Arrow::improved);
    }
}

TEST_CASE("absolute static band: inclusive in the indicator's units", "[assess][arrows]") {
    // -0.9 -> -1.1 is a change of -0.2000000000000001 in binary.
    CHECK(arrow_of({{"2005/06", -0.9}, {"2006/07", -1.1}}, last_two(units(0.2)), Polarity::higher_is_better, 1).arrow ==
          Arrow::static_);
    CHECK(
        arrow_of({{"2005/06", -0.9}, {"2006/07", -1.11}}, last_two(units(0.2)), Polarity::higher_is_better, 1).arrow ==
        Arrow::declined);
    CHECK(
        arrow_of({{"2005/06", -0.9}, {"2006/07", -0.69}}, last_two(units(0.2)), Polarity::higher_is_better, 1).arrow ==
        Arrow::improved);
    CHECK(arrow_of({{"2005/06", 50}, {"2006/07", 50.2}}, last_two(units(0.2))).arrow == Arrow::static_);
}

TEST_CASE("polarity turns a change into improved, declined, increased or decreased", "[assess][arrows]") {
    std::vector<std::pair<std::string, std::optional<double>>> down{{"2005/06", 640}, {"2006/07", 547}};
    std::vector<std::pair<std::string, std::optional<double>>> up{{"2005/06", 547}, {"2006/07", 640}};
    CHECK(arrow_of(down, last_two(pct(1.5)), Polarity::lower_is_better).arrow == Arrow::improved);
    CHECK(arrow_of(up, last_two(pct(1.5)), Polarity::lower_is_better).arrow == Arrow::declined);
    CHECK(arrow_of(down, last_two(pct(1.5)), Polarity::higher_is_better).arrow == Arrow::declined);
    CHECK(arrow_of(up, last_two(pct(1.5)), Polarity::higher_is_better).arrow == Arrow::improved);
    CHECK(arrow_of(up, last_two(pct(1.5)), Polarity::neutral).arrow == Arrow::increased);
    CHECK(arrow_of(down, last_two(pct(1.5)), Polarity::neutral).arrow == Arrow::decreased);
}

TEST_CASE("the group's polarity overrides the indicator's", "[assess][arrows]") {
    Dataset d = DatasetBuilder()
                    .indicator("x", Polarity::higher_is_better)
                    .series("x", "A", {{"2005", 10}, {"2006", 8}})
                    .build();
    Group g = make_group("g", {"x"});
    g.polarity = Polarity::lower_is_better;
    Pack pack = make_pack({g});
    CHECK(assess(pack, prepare(pack, d)).outcomes[0].arrow == Arrow::improved);
}

TEST_CASE("peak is checked first and is polarity-aware", "[assess][arrows]") {
    const Polarity up = Polarity::higher_is_better, down = Polarity::lower_is_better;
    CHECK(arrow_of({{"2005/06", 100}, {"2006/07", 100}}, last_two(pct(1.5), 100), up, 0, "percent").arrow ==
          Arrow::peak);
    CHECK(arrow_of({{"2005/06", 98}, {"2006/07", 99.9}}, last_two(pct(1.5), 100), up, 0, "percent").arrow ==
          Arrow::improved);
    CHECK(arrow_of({{"2006/07", 100}}, last_two(pct(1.5), 100), up, 0, "percent").arrow == Arrow::peak);
    CHECK(arrow_of({{"2005/06", 3}, {"2006/07", 0}}, last_two(pct(1.5), 0), down, 0, "percent").arrow == Arrow::peak);
    CHECK(arrow_of({{"2005/06", 3}, {"2006/07", 1}}, last_two(pct(1.5), 0), down, 0, "percent").arrow ==
          Arrow::improved);
}

TEST_CASE("peak applies to percentages only: a count has no maximum", "[assess][arrows]") {
    // 568 people in treatment is not "at its maximum (i.e. 100%)".
    CHECK(arrow_of({{"2005/06", 541}, {"2006/07", 568}}, last_two(pct(1.5), 100)).arrow == Arrow::improved);
    CHECK(arrow_of({{"2005/06", 75}, {"2006/07", 76}}, last_two(pct(1.5), 100), Polarity::lower_is_better).arrow ==
          Arrow::static_);
}

TEST_CASE("a missing latest value: the last two available values are used, and the trace says so", "[assess][arrows]") {
    Dataset d = DatasetBuilder()
                    .indicator("gap", Polarity::higher_is_better, 1)
                    .series("gap", "A", {{"2003/04", 0.4}, {"2004/05", 2.0}, {"2005/06", 1.8}, {"2006/07", NA}})
                    .build();
    Pack pack = make_pack({make_group("g", {"gap"}, last_two(pct(1.5)))});
    Assessment a = assess(pack, prepare(pack, d));
    const Outcome& o = a.outcomes[0];
    REQUIRE(o.current);
    CHECK(d.periods[o.current->period].label == "2005/06");
    CHECK(d.periods[o.previous->period].label == "2004/05");
    REQUIRE(o.latest_obs);
    CHECK(d.periods[d.obs_period[*o.latest_obs]].label == "2006/07");
    CHECK(o.arrow == Arrow::declined);
    CHECK(explains(o, "2006/07: N/A; using the last available datasets"));
}

TEST_CASE("no previous value and no value at all", "[assess][arrows]") {
    Outcome one = arrow_of({{"2006/07", 547}}, last_two(pct(1.5)));
    CHECK(one.arrow == Arrow::none);
    CHECK(one.arrow_reason == "no earlier dataset to compare with");
    CHECK_FALSE(one.previous);
    CHECK_FALSE(one.change);

    Outcome none = arrow_of({{"2005/06", NA}, {"2006/07", NA}}, last_two(pct(1.5)));
    CHECK(none.arrow == Arrow::none);
    CHECK(none.arrow_reason == "no data");
    CHECK_FALSE(none.current);
}

TEST_CASE("a series break stops the comparison across it", "[assess][arrows]") {
    DatasetBuilder b;
    b.indicator("retained", Polarity::higher_is_better, 0, "2006/07", "The NTA changed the measure")
        .series("retained", "A", {{"2004/05", 72}, {"2005/06", 45}, {"2006/07", 77}});
    Dataset d = b.build();
    Pack pack = make_pack({make_group("drugs", {"retained"}, last_two(pct(1.5)))});
    Assessment a = assess(pack, prepare(pack, d));
    const Outcome& o = a.outcomes[0];
    CHECK(o.arrow == Arrow::none);
    CHECK(o.arrow_reason == "measurement changed in 2006/07: no comparison possible (The NTA changed the measure)");
    CHECK(o.previous);
    CHECK_FALSE(o.change);

    // Before the change, the comparison stands.
    AssessOptions before;
    before.as_at = "2005/06";
    CHECK(assess(pack, prepare(pack, d), before).outcomes[0].arrow == Arrow::declined);
}

TEST_CASE("same period last year compares like spans", "[assess][arrows]") {
    ArrowRule rule = last_two(pct(0));
    rule.compare = ArrowRule::Compare::same_period_last_year;
    Dataset d = DatasetBuilder()
                    .indicator("calls", Polarity::higher_is_better)
                    .series("calls", "A", {{"2023 Q2", 80}, {"2023 Q3", 95}, {"2024 Q1", 70}, {"2024 Q2", 85}})
                    .series("calls", "B", {{"2023 Q2", NA}, {"2024 Q1", 70}, {"2024 Q2", 60}})
                    .series("calls", "C", {{"2024 Q1", 70}, {"2024 Q2", 60}})
                    .build();
    Pack pack = make_pack({make_group("g", {"calls"}, rule)});
    Assessment a = assess(pack, prepare(pack, d));
    const Outcome& oa = outcome_of(a, "calls", "A");
    CHECK(d.periods[oa.previous->period].label == "2023 Q2");
    CHECK(oa.arrow == Arrow::improved);
    CHECK(outcome_of(a, "calls", "B").arrow_reason == "no value for 2023 Q2 a year earlier");
    CHECK(outcome_of(a, "calls", "C").arrow_reason == "no value for 2023 Q2 a year earlier");
}

TEST_CASE("periods back compares with the value n datasets earlier", "[assess][arrows]") {
    ArrowRule rule = last_two(pct(1.5));
    rule.compare = ArrowRule::Compare::periods_back;
    rule.span = 2;
    Dataset d = DatasetBuilder()
                    .indicator("x", Polarity::lower_is_better)
                    .series("x", "A", {{"2003/04", 1029}, {"2004/05", 721}, {"2005/06", 500}, {"2006/07", 800}})
                    .series("x", "B", {{"2005/06", 500}, {"2006/07", 800}})
                    .build();
    Pack pack = make_pack({make_group("g", {"x"}, rule)});
    Assessment a = assess(pack, prepare(pack, d));
    const Outcome& o = outcome_of(a, "x", "A");
    CHECK(d.periods[o.previous->period].label == "2004/05");
    CHECK(o.arrow == Arrow::declined);
    CHECK(outcome_of(a, "x", "B").arrow_reason == "no earlier dataset to compare with");
}

TEST_CASE("the arrow explanation names the numbers and the rule", "[assess][arrows]") {
    Outcome o = arrow_of({{"2005/06", 640}, {"2006/07", 547}}, last_two(pct(1.5)), Polarity::lower_is_better);
    INFO(trace(o));
    CHECK(explains(o, "2006/07: 547; compared with 2005/06: 640"));
    CHECK(explains(o,
                   "change -93 (-14.53%); lower is better; outside the static band of 1.5% -> improved "
                   "(arrow.last_two, psa1.lua:3)"));
}
