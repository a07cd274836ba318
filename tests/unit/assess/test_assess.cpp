// The whole run: outcome order, as-at cut-off, unknown names, streaming,
// comments, and the LSP 2007 PSA1 theft-of-vehicle line end to end.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <tuple>

using namespace assay;
using namespace assay::test;

namespace {

/// The seed's PSA1 theft-of-vehicle line and a second area.
Dataset lsp_data() {
    return DatasetBuilder("lsp2007")
        .indicator("theft_of_vehicle", Polarity::lower_is_better)
        .indicator("theft_from_vehicle", Polarity::lower_is_better)
        .period("2002/03")  // a year the dataset lists without values
        .series("theft_of_vehicle", "Redcar & Cleveland",
                {{"2003/04", 1029}, {"2004/05", 721}, {"2005/06", 640}, {"2006/07", 547}})
        .series("theft_from_vehicle", "Redcar & Cleveland",
                {{"2003/04", 1542}, {"2004/05", 1034}, {"2005/06", 1082}, {"2006/07", 1126}})
        .build();
}

/// The PSA1 group of the LSP pack.
Pack lsp_pack() {
    Group g = make_group("psa1", {"theft_of_vehicle", "theft_from_vehicle"}, last_two(pct(1.5)));
    g.where = SourceLoc{"psa1.lua", 12, 0};
    g.target = progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08", "");
    g.rating = lsp_rating();
    g.rollup.kind = RollupRule::Kind::worst;
    return make_pack({g});
}

/// (group, indicator, area) of each outcome, in order.
std::vector<std::tuple<uint32_t, std::string, std::string>> order_of(const Assessment& a) {
    std::vector<std::tuple<uint32_t, std::string, std::string>> out;
    for (const Outcome& o : a.outcomes) {
        const Series& s = a.dataset->series[o.series];
        out.emplace_back(o.group, a.dataset->indicators[s.indicator].id, a.dataset->areas[s.area]);
    }
    return out;
}

}  // namespace

TEST_CASE("LSP 2007: theft of vehicle improved and on track to the PSA1 target", "[assess][lsp]") {
    Dataset d = lsp_data();
    Pack pack = lsp_pack();
    Assessment a = assess(pack, prepare(pack, d));
    const Outcome& o = outcome_of(a, "theft_of_vehicle", "Redcar & Cleveland");
    INFO(trace(o));
    CHECK(o.arrow == Arrow::improved);
    CHECK(*o.change == -93);
    CHECK(*o.change_pct == Approx(-14.53125));
    REQUIRE(o.target);
    CHECK(o.target->target == Approx(848.925));
    CHECK(*o.target->trajectory == Approx(893.94375));
    CHECK(o.target->on_track);
    CHECK(o.rating == 2);
    CHECK(o.explanation == std::vector<std::string>{
                               "2006/07: 547; compared with 2005/06: 640",
                               "change -93 (-14.53%); lower is better; outside the static band of 1.5% -> improved "
                               "(arrow.last_two, psa1.lua:3)",
                               "target: reduce by 17.5% from 1029 (2003/04) by 2007/08 = 848.93; trajectory at "
                               "2006/07: 893.94; 547 is at or better than the trajectory -> on track",
                               "547 meets the target (targets.lua:5)",
                               "projection to 2007/08 at the recent rate: 454 -> will meet",
                               "rating: case 1 'on_track' holds -> GREEN (first, psa1.lua:10)",
                           });
    // Theft from vehicle rose 4.1% (declined) but is still far below its
    // trajectory: GREEN, as is the group (worst of two GREENs).
    const Outcome& from = outcome_of(a, "theft_from_vehicle", "Redcar & Cleveland");
    CHECK(from.arrow == Arrow::declined);
    CHECK(from.target->on_track);
    CHECK(from.rating == 2);
    CHECK(a.groups[0].rating == 2);
    CHECK(a.as_at == "2006/07");
    CHECK(a.errors.empty());
}

TEST_CASE("outcomes follow group order, then indicator order, then area order", "[assess][order]") {
    Dataset d = DatasetBuilder()
                    .indicator("x")
                    .indicator("y")
                    .series("x", "North", {{"2006", 1}})
                    .series("y", "South", {{"2006", 1}})
                    .series("x", "South", {{"2006", 1}})
                    .series("y", "East", {{"2006", 1}})
                    .build();
    Pack pack = make_pack({make_group("g1", {"y", "x"}), make_group("g2", {"x"})});
    Assessment a = assess(pack, prepare(pack, d));
    using T = std::tuple<uint32_t, std::string, std::string>;
    CHECK(order_of(a) == std::vector<T>{{0, "y", "South"},
                                        {0, "y", "East"},
                                        {0, "x", "North"},
                                        {0, "x", "South"},
                                        {1, "x", "North"},
                                        {1, "x", "South"}});
}

TEST_CASE("an indicator the dataset lacks is an input error with a suggestion", "[assess][errors]") {
    Dataset d = lsp_data();
    Pack pack = lsp_pack();
    pack.groups[0].indicators[0] = "theft_of_vehicel";
    CHECK_THROWS_WITH(assess(pack, prepare(pack, d)),
                      "group 'psa1' (psa1.lua:12): indicator 'theft_of_vehicel' is not in dataset "
                      "'lsp2007' (did you mean 'theft_of_vehicle'?)");
    pack.groups[0].indicators[0] = "robbery";
    CHECK_THROWS_WITH(assess(pack, prepare(pack, d)),
                      "group 'psa1' (psa1.lua:12): indicator 'robbery' is not in dataset 'lsp2007'");
    CHECK_THROWS_AS(assess(pack, prepare(pack, d)), InputError);
}

TEST_CASE("as-at: later values are ignored; an unknown period is an input error", "[assess][as_at]") {
    Dataset d = lsp_data();
    Pack pack = lsp_pack();
    AssessOptions opt;
    opt.as_at = "2005/06";
    Assessment a = assess(pack, prepare(pack, d), opt);
    CHECK(a.as_at == "2005/06");
    const Outcome& o = outcome_of(a, "theft_of_vehicle", "Redcar & Cleveland");
    CHECK(o.current->value == 640);
    CHECK(o.previous->value == 721);
    CHECK(d.periods[d.obs_period[*o.latest_obs]].label == "2005/06");
    // 24 of 48 months: trajectory 938.9625; 640 is on track.
    CHECK(*o.target->trajectory == Approx(938.9625));

    opt.as_at = "2002/03";
    Assessment early = assess(pack, prepare(pack, d), opt);
    CHECK(outcome_of(early, "theft_of_vehicle", "Redcar & Cleveland").arrow_reason == "no data");
    CHECK(early.groups[0].rating == -1);

    opt.as_at = "2008/09";
    CHECK_THROWS_WITH(assess(pack, prepare(pack, d), opt),
                      "as-at period '2008/09' is not a period of dataset 'lsp2007' (known "
                      "periods: 2002/03, 2003/04, 2004/05, 2005/06, 2006/07)");
    opt.as_at = "2005-06";
    CHECK_THROWS_AS(assess(pack, prepare(pack, d), opt), InputError);
}

TEST_CASE("a streamed run passes the same outcomes in the same order", "[assess][stream]") {
    Dataset d = DatasetBuilder()
                    .indicator("x", Polarity::lower_is_better)
                    .indicator("y", Polarity::higher_is_better)
                    .series("x", "A", {{"2003/04", 1029}, {"2005/06", 640}, {"2006/07", 547}})
                    .series("x", "B", {{"2003/04", 100}, {"2005/06", 120}, {"2006/07", NA}})
                    .series("x", "C", {{"2003/04", NA}, {"2006/07", 5}})
                    .series("y", "A", {{"2005/06", 5}, {"2006/07", 5}})
                    .series("y", "C", {{"2006/07", NA}})
                    .build();
    Pack pack = lsp_pack();
    pack.groups[0].indicators = {"x", "y"};
    pack.groups.push_back(make_group("again", {"y"}));
    for (bool explain : {true, false}) {
        AssessOptions opt;
        opt.explain = explain;
        Assessment collected = assess(pack, prepare(pack, d), opt);
        std::vector<Outcome> streamed;
        Assessment s =
            assess(pack, prepare(pack, d), opt, [&](const Assessment&, const Outcome& o) { streamed.push_back(o); });
        CHECK(s.outcomes.empty());
        REQUIRE(streamed.size() == collected.outcomes.size());
        REQUIRE(streamed.size() == 7);
        for (size_t i = 0; i < streamed.size(); ++i) {
            const Outcome& a = collected.outcomes[i];
            const Outcome& b = streamed[i];
            INFO("outcome " << i);
            CHECK(a.group == b.group);
            CHECK(a.series == b.series);
            CHECK(a.latest_obs == b.latest_obs);
            CHECK(a.current.has_value() == b.current.has_value());
            CHECK(a.previous.has_value() == b.previous.has_value());
            CHECK(a.change == b.change);
            CHECK(a.arrow == b.arrow);
            CHECK(a.arrow_reason == b.arrow_reason);
            CHECK(a.rating == b.rating);
            CHECK(a.rating_reason == b.rating_reason);
            CHECK(a.target.has_value() == b.target.has_value());
            if (a.target && b.target) CHECK(a.target->target == b.target->target);
            CHECK(a.error == b.error);
            CHECK(a.target_gap == b.target_gap);
            CHECK(a.explanation == b.explanation);
            CHECK(a.explanation.empty() == !explain);
        }
        REQUIRE(s.groups.size() == collected.groups.size());
        for (size_t g = 0; g < s.groups.size(); ++g) {
            CHECK(s.groups[g].rating == collected.groups[g].rating);
            CHECK(s.groups[g].counts.ratings == collected.groups[g].counts.ratings);
            CHECK(s.groups[g].counts.arrows == collected.groups[g].counts.arrows);
        }
        CHECK(s.errors == collected.errors);
        // x in C and y in A have no baseline value: a gap in the data, so they
        // are unrated with the reason and the run reports no failed rule.
        CHECK(s.errors.empty());
        size_t gaps = 0;
        for (const Outcome& o : streamed) gaps += !o.target_gap.empty() && o.rating == -1;
        CHECK(gaps == 2);
    }
}

TEST_CASE("comments: the group's template, else the latest observation's note", "[assess][comment]") {
    Dataset d = DatasetBuilder()
                    .indicator("x", Polarity::lower_is_better, 1)
                    .series("x", "A", {{"2005/06", 2.5}, {"2006/07", 2.25}})
                    .series("x", "B", {{"2005/06", 2.5}, {"2006/07", NA}})
                    .note("x", "B", "2006/07", "National data for 2006 is not yet available")
                    .build();
    Pack pack = make_pack({make_group("g", {"x"})});
    Assessment plain = assess(pack, prepare(pack, d));
    CHECK(outcome_of(plain, "x", "A").comment.empty());
    // B's figure is 2005/06's (2006/07 is N/A): the comment says so after the note.
    CHECK(outcome_of(plain, "x", "B").comment ==
          "National data for 2006 is not yet available; latest figure 2005/06; none for 2006/07");

    pack.groups[0].comment = "{title} {arrow}: {previous} -> {value} ({change_pct}) {{kept}} {unknown}";
    Assessment templated = assess(pack, prepare(pack, d));
    CHECK(outcome_of(templated, "x", "A").comment == "x improved: 2.5 -> 2.3 (-10.0%) {kept}} {unknown}");
}
