// Targets of every kind: reduce/increase by with trajectory, met, distance,
// projection, absolute, within a tolerance band, comparator; a missing
// baseline is an error on the outcome.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::test;

namespace {

/// The LSP PSA1 rows for theft of vehicle, 2003/04 to 2006/07.
const std::vector<std::pair<std::string, std::optional<double>>> kTheftOfVehicle{
    {"2003/04", 1029}, {"2004/05", 721}, {"2005/06", 640}, {"2006/07", 547}};

/// A run of one indicator with one group target; built in place, since
/// the assessment points at the dataset and pack it holds.
struct Run {
    Dataset data;
    Pack pack;
    Assessment result;

    Run() = default;
    Run(const DatasetBuilder& b, TargetRule t, Polarity p = Polarity::higher_is_better, const std::string& as_at = "")
        : data(b.build()) {
        Group g = make_group("g", {"x"}, last_two(pct(1.5)));
        g.polarity = p;
        g.target = t;
        g.target->id.clear();
        pack = make_pack({g});
        AssessOptions opt;
        opt.as_at = as_at;
        result = assess(pack, prepare(pack, data), opt);
    }
    Run(const Run&) = delete;
    const Outcome& outcome(const std::string& area = "A") const { return outcome_of(result, "x", area); }
};

}  // namespace

TEST_CASE("reduce by a percentage: target, trajectory, on track", "[assess][targets]") {
    Run r(DatasetBuilder().indicator("x").series("x", "A", kTheftOfVehicle),
          progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08"), Polarity::lower_is_better);
    const Outcome& o = r.outcome();
    REQUIRE(o.target);
    const TargetOutcome& t = *o.target;
    CHECK(t.target == Approx(848.925));
    REQUIRE(t.baseline);
    CHECK(t.baseline->value == 1029);
    REQUIRE(t.due);
    CHECK(t.due->label == "2007/08");
    REQUIRE(t.trajectory);
    CHECK(*t.trajectory == Approx(893.94375));
    CHECK(t.on_track);
    CHECK(t.met);
    CHECK(t.distance == Approx(547 - 848.925));
    CHECK(*t.distance_pct == Approx((547 - 848.925) / 848.925 * 100));
    // Projection: -93 over 12 months, carried 12 months to March 2008.
    REQUIRE(t.projection);
    CHECK(*t.projection == Approx(454));
    CHECK(t.will_meet);
}

TEST_CASE("reduce by: off track when the value is worse than the trajectory", "[assess][targets]") {
    // 2005/06 is 24 of 48 months in: trajectory 1029 - 180.075 / 2 = 938.9625.
    Run r(DatasetBuilder().indicator("x").series("x", "A", {{"2003/04", 1029}, {"2004/05", 980}, {"2005/06", 950}}),
          progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08"), Polarity::lower_is_better);
    const TargetOutcome& t = *r.outcome().target;
    CHECK(*t.trajectory == Approx(938.9625));
    CHECK_FALSE(t.on_track);
    CHECK_FALSE(t.met);
    CHECK(t.distance == Approx(950 - 848.925));
    // -30 a year carried 24 months: 890, short of 848.925.
    CHECK(*t.projection == Approx(890));
    CHECK_FALSE(t.will_meet);
}

TEST_CASE("increase by an absolute amount, higher is better", "[assess][targets]") {
    Run r(DatasetBuilder().indicator("x").series("x", "A", {{"2020", 100}, {"2021", 104}, {"2022", 106}}),
          progress_target(TargetRule::Kind::increase_by, 10, false, "2020", "2024"), Polarity::lower_is_better);
    const TargetOutcome& t = *r.outcome().target;
    CHECK(t.target == 110);
    CHECK(*t.trajectory == Approx(105));  // half way, in months
    CHECK(t.on_track);                    // increase_by is higher-is-better whatever the polarity
    CHECK_FALSE(t.met);
    CHECK(t.distance == Approx(4));
    CHECK(*t.projection == Approx(110));
    CHECK(t.will_meet);
}

TEST_CASE("the trajectory stops at the target after the due date", "[assess][targets]") {
    Run r(DatasetBuilder().indicator("x").series("x", "A", {{"2020", 100}, {"2026", 95}}),
          progress_target(TargetRule::Kind::reduce_by, 10, false, "2020", "2022"), Polarity::lower_is_better);
    CHECK(*r.outcome().target->trajectory == Approx(90));
    CHECK_FALSE(r.outcome().target->on_track);
}

TEST_CASE("a missing baseline leaves the outcome unrated with the reason, not a failed rule", "[assess][targets]") {
    DatasetBuilder b;
    b.indicator("x").series("x", "A", {{"2003/04", NA}, {"2004/05", 721}, {"2005/06", 640}});
    Run r;
    r.data = b.build();
    Group g = make_group("g", {"x"}, last_two(pct(1.5)));
    g.rating = lsp_rating();
    r.pack = make_pack({g});
    r.pack.targets.push_back(progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08", "bcs"));
    r.pack.targets.back().indicator = "x";
    r.result = assess(r.pack, prepare(r.pack, r.data));
    const Outcome& o = r.outcome();
    // A gap in the data, not a failed rule: unrated with the reason, and the run does not fail.
    CHECK(o.error.empty());
    CHECK(o.target_gap == "target 'bcs' (targets.lua:5): no value for baseline 2003/04");
    CHECK_FALSE(o.target);
    CHECK(o.rating == -1);
    CHECK(o.rating_reason == "target 'bcs' (targets.lua:5): no value for baseline 2003/04");
    CHECK(r.result.errors.empty());
}

TEST_CASE("absolute target: reach the amount, polarity-aware", "[assess][targets]") {
    TargetRule t;
    t.kind = TargetRule::Kind::absolute;
    t.amount = 60;
    Run higher(DatasetBuilder().indicator("x").series("x", "A", {{"2006", 58}}), t);
    CHECK(higher.outcome().target->target == 60);
    CHECK_FALSE(higher.outcome().target->met);
    CHECK_FALSE(higher.outcome().target->on_track);
    CHECK(higher.outcome().target->distance == Approx(2));
    CHECK(*higher.outcome().target->distance_pct == Approx(2.0 / 60 * 100));
    CHECK_FALSE(higher.outcome().target->projection);

    Run lower(DatasetBuilder().indicator("x").series("x", "A", {{"2006", 58}}), t, Polarity::lower_is_better);
    CHECK(lower.outcome().target->met);
    CHECK(lower.outcome().target->on_track);
    CHECK(lower.outcome().target->distance == Approx(-2));

    Run neutral(DatasetBuilder().indicator("x").series("x", "A", {{"2006", 60}}), t, Polarity::neutral);
    CHECK(neutral.outcome().target->met);  // neutral reads as "reach at least"
}

TEST_CASE("within a tolerance band, absolute or as a percentage", "[assess][targets]") {
    TargetRule t;
    t.kind = TargetRule::Kind::within;
    t.amount = 90;
    t.tolerance = 2;
    Run r(DatasetBuilder()
              .indicator("x")
              .series("x", "A", {{"2006", 92}})
              .series("x", "B", {{"2006", 87.5}})
              .series("x", "C", {{"2006", 88.5}}),
          t);
    CHECK(r.outcome("A").target->met);  // the edge is inside
    CHECK(r.outcome("A").target->distance == 0);
    CHECK_FALSE(r.outcome("B").target->met);
    CHECK(r.outcome("B").target->distance == Approx(0.5));
    CHECK(r.outcome("C").target->on_track);

    t.tolerance_percent = true;  // 2% of 90 = 1.8
    Run p(DatasetBuilder().indicator("x").series("x", "A", {{"2006", 91.8}}).series("x", "B", {{"2006", 92}}), t);
    CHECK(p.outcome("A").target->met);
    CHECK_FALSE(p.outcome("B").target->met);
    CHECK(p.outcome("B").target->distance == Approx(0.2));
}

TEST_CASE("comparator: the other series' value at the same period", "[assess][targets]") {
    TargetRule t;
    t.kind = TargetRule::Kind::comparator;
    t.comparator_area = "England";
    Run r(DatasetBuilder()
              .indicator("x")
              .series("x", "A", {{"2005/06", 10}, {"2006/07", 12}})
              .series("x", "B", {{"2005/06", 9}, {"2006/07", 8}})
              .series("x", "England", {{"2005/06", 11}, {"2006/07", NA}}),
          t, Polarity::lower_is_better, "");
    // 2006/07 has no national value: no target, and the trace says why.
    CHECK_FALSE(r.outcome("A").target);
    CHECK(explains(r.outcome("A"), "no value for x in England"));

    Run earlier(DatasetBuilder()
                    .indicator("x")
                    .series("x", "A", {{"2005/06", 10}, {"2006/07", 12}})
                    .series("x", "B", {{"2005/06", 12}})
                    .series("x", "England", {{"2005/06", 11}}),
                t, Polarity::lower_is_better, "2005/06");
    CHECK(earlier.outcome("A").target->target == 11);
    CHECK(earlier.outcome("A").target->met);
    CHECK(earlier.outcome("A").target->distance == Approx(-1));
    CHECK_FALSE(earlier.outcome("B").target->met);
    CHECK(earlier.outcome("B").target->distance == Approx(1));
}

TEST_CASE("comparator indicator in the same area", "[assess][targets]") {
    TargetRule t;
    t.kind = TargetRule::Kind::comparator;
    t.comparator_indicator = "national";
    Run r(DatasetBuilder()
              .indicator("x")
              .indicator("national")
              .series("x", "A", {{"2006", 70}})
              .series("national", "A", {{"2006", 65}}),
          t);
    CHECK(r.outcome().target->target == 65);
    CHECK(r.outcome().target->met);
}

TEST_CASE("an unknown comparator area is an input error", "[assess][targets]") {
    TargetRule t;
    t.kind = TargetRule::Kind::comparator;
    t.comparator_area = "Englnd";
    CHECK_THROWS_WITH(
        Run(DatasetBuilder().indicator("x").series("x", "A", {{"2006", 1}}).series("x", "England", {{"2006", 1}}), t),
        Catch::Contains("area 'Englnd' is not in dataset") && Catch::Contains("did you mean 'England'"));
}

TEST_CASE("the target explanation shows the figures", "[assess][targets]") {
    Run r(DatasetBuilder().indicator("x").series("x", "A", kTheftOfVehicle),
          progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08"), Polarity::lower_is_better);
    INFO(trace(r.outcome()));
    CHECK(explains(r.outcome(),
                   "target: reduce by 17.5% from 1029 (2003/04) by 2007/08 = 848.93; trajectory at "
                   "2006/07: 893.94; 547 is at or better than the trajectory -> on track"));
}
