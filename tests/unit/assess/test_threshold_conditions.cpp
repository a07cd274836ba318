// Band conditions against the target or a threshold of the data: within
// (either side), short_of and better_by (one side, "more than"), and
// better_than a threshold. Expected results follow from the definitions:
// a percentage band is that % of the reference; the edge counts as within
// and not as "more than", up to binary noise.
#include "fixtures.hpp"

#include "assess/ratings.hpp"

#include <catch2/catch.hpp>

using namespace assay;
using K = Condition::Kind;
using assay::assess_detail::holds;
using assay::assess_detail::ThresholdReader;

namespace {

Condition band_cond(K kind, Band band, std::string reference = "", std::string band_column = "") {
    Condition c;
    c.kind = kind;
    c.band = band;
    c.reference = std::move(reference);
    c.band_column = std::move(band_column);
    return c;
}

Band pct(double w) {
    return Band{Band::Kind::relative, w};
}
Band units(double w) {
    return Band{Band::Kind::absolute, w};
}

/// An outcome valued `v` with the target `target` (none when NaN).
Outcome valued(double v, double target = NAN) {
    Outcome o;
    o.current = Point{0, v};
    if (!std::isnan(target)) {
        o.target.emplace();
        o.target->target = target;
    }
    return o;
}

Threshold threshold(std::string name, double value, bool percent = false) {
    Threshold t;
    t.name = std::move(name);
    t.value = value;
    t.percent = percent;
    t.text = format_number(value) + (percent ? "%" : "");
    return t;
}

const Polarity higher = Polarity::higher_is_better;
const Polarity lower = Polarity::lower_is_better;

}  // namespace

TEST_CASE("within: either side of the target, the edge included despite binary noise", "[assess][thresholds]") {
    Condition c = band_cond(K::within, pct(5));
    CHECK(holds(c, valued(8.4, 8), lower));  // (8.4 - 8) / 8 computes as 5.000000000000004 %
    CHECK(holds(c, valued(7.6, 8), lower));  // the other side
    CHECK_FALSE(holds(c, valued(8.41, 8), lower));
    CHECK_FALSE(holds(c, valued(7.59, 8), higher));
    CHECK(holds(band_cond(K::within, units(2)), valued(92, 90), higher));
    CHECK_FALSE(holds(band_cond(K::within, units(2)), valued(87.9, 90), higher));
    CHECK_FALSE(holds(c, valued(8.0), higher));  // no target: nothing to be within
}

TEST_CASE("short_of: worse than the target by more than the band, by polarity", "[assess][thresholds]") {
    Condition c = band_cond(K::short_of, pct(10));
    CHECK_FALSE(holds(c, valued(81, 90), higher));  // exactly 10 % (9) short: not more than
    CHECK(holds(c, valued(80.9, 90), higher));
    CHECK_FALSE(holds(c, valued(120, 90), higher));  // beyond the target is never short
    CHECK_FALSE(holds(c, valued(38.5, 35), lower));  // 3.5 over a lower-is-better target of 35: 10 %
    CHECK(holds(c, valued(38.6, 35), lower));
    CHECK_FALSE(holds(c, valued(20, 35), lower));
}

TEST_CASE("better_by: better than the target by more than the band", "[assess][thresholds]") {
    Condition c = band_cond(K::better_by, pct(5));
    CHECK_FALSE(holds(c, valued(89.25, 85), higher));  // 4.25 better: exactly 5 %
    CHECK(holds(c, valued(89.3, 85), higher));
    CHECK(holds(c, valued(94, 100), lower));  // 6 under a lower-is-better 100
    CHECK_FALSE(holds(c, valued(106, 100), lower));
}

TEST_CASE("thresholds of the data: reference, band, and a missing one", "[assess][thresholds]") {
    Dataset d;
    d.thresholds = {threshold("floor", 45), threshold("target", 8), threshold("tolerance", 5, true)};
    std::sort(d.thresholds.begin(), d.thresholds.end(),
              [](const Threshold& a, const Threshold& b) { return a.name < b.name; });
    ThresholdReader th{&d, 0, 0, {}, {}};

    Condition floor;
    floor.kind = K::better_than;
    floor.reference = "floor";
    CHECK(holds(floor, valued(45), lower, &th));
    CHECK(holds(floor, valued(30), lower, &th));
    CHECK_FALSE(holds(floor, valued(45.1), lower, &th));
    CHECK(holds(floor, valued(45.1), higher, &th));
    CHECK(th.missing.empty());
    REQUIRE(th.read.size() == 1);
    CHECK(th.read[0]->name == "floor");

    // The tolerance "5%" is 5 % of the reference (the data's target 8): 0.4.
    Condition band = band_cond(K::within, units(0), "target", "tolerance");
    CHECK(holds(band, valued(8.4), higher, &th));
    CHECK_FALSE(holds(band, valued(8.5), higher, &th));

    Condition comparator = band_cond(K::within, pct(5), "comparator");
    ThresholdReader fresh{&d, 0, 0, {}, {}};
    CHECK_FALSE(holds(comparator, valued(8), higher, &fresh));
    CHECK(fresh.missing == "comparator");
    // In another period the data gives nothing.
    ThresholdReader later{&d, 0, 1, {}, {}};
    CHECK_FALSE(holds(floor, valued(1), lower, &later));
    CHECK(later.missing == "floor");
}
