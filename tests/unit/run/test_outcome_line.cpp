// The JSON Lines written from pieces (OutcomeLines) against write_outcome,
// the one definition of an outcome's JSON: the same bytes for every outcome
// of the bundled packs on their data (latest and earlier as-at periods, so
// that stale figures, missing values and targets not yet due appear), the
// council fixture, the cookbook's schemes and the hand-built fixture, with
// strings that need escaping. The fast path must also be taken, or the
// comparison would prove nothing.
#include "../report/fixture.hpp"
#include "report/json_writer.hpp"
#include "report/outcome_json.hpp"
#include "report/outcome_line.hpp"

#include <assay/assessment.hpp>
#include <assay/run.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <random>
#include <string>

using namespace assay;

namespace {

const std::filesystem::path src = ASSAY_SOURCE_DIR;

/// Compares every outcome's line; returns how many were written from pieces.
size_t same_lines(const Assessment& a, const std::string& what) {
    reporting::OutcomeLines lines(a);
    for (const Outcome& o : a.outcomes) {
        std::string generic;
        reporting::JsonWriter w(generic, -1);
        reporting::write_outcome(w, a, o, false, std::nullopt);
        generic += '\n';
        std::string fast;
        lines.write(o, fast);
        INFO(what << ", outcome of series " << o.series);
        REQUIRE(fast == generic);
    }
    return lines.fast_lines();
}

/// Every outcome of `pack` on `data`, as at the latest period and each earlier one.
size_t same_lines_at_every_period(const std::filesystem::path& pack, const std::filesystem::path& data) {
    RunInputs in = load_run(pack, data);
    size_t fast = same_lines(assess(in), pack.string());
    for (const Period& p : in.data.dataset().periods) {
        AssessOptions o;
        o.as_at = p.label;
        fast += same_lines(assess(in, o), pack.string() + " as at " + p.label);
    }
    return fast;
}

}  // namespace

TEST_CASE("JSON Lines from pieces equal write_outcome on every bundled pack", "[report][jsonl]") {
    for (const char* name : {"lsp2007", "pcc2024q2", "hotspots2024", "budget2017"}) {
        INFO(name);
        CHECK(same_lines_at_every_period(src / "rules" / name, src / "datasets" / name) > 0);
    }
    same_lines_at_every_period(src / "rules/lsp2007-significance",
                               src / "datasets/lsp2007");  // intervals: mostly whole
    CHECK(same_lines_at_every_period(src / "tests/council/pack", src / "tests/council/data") > 0);
}

TEST_CASE("JSON Lines from pieces equal write_outcome on the cookbook's schemes", "[report][jsonl]") {
    const std::filesystem::path cb = src / "docs/cookbook";
    size_t fast = 0;
    for (const char* name : {"tolerance", "stars", "floor", "comparator"})
        fast += same_lines_at_every_period(cb / name, cb / "kpis.csv");
    fast += same_lines_at_every_period(cb / "travel", cb / "quarters.csv");
    CHECK(fast > 0);
}

TEST_CASE("JSON Lines from pieces escape names and texts as write_outcome does", "[report][jsonl]") {
    report_test::Fixture f;
    CHECK(same_lines(f.a, "the fixture") > 0);
    // Quotes, backslashes, control characters, non-ASCII and invalid UTF-8,
    // and a name longer than a short string, in every string a line carries.
    const std::string odd[] = {
        "say \"no\"", "back\\slash", "tab\there", "Ynys Môn", std::string("bad \xff byte"), std::string(300, 'x'), ""};
    for (const std::string& s : odd) {
        report_test::Fixture g;
        for (std::string& area : g.data.areas) area = s + area;
        for (Indicator& i : g.data.indicators) i.title = s;
        for (Period& p : g.data.periods) p.label += s;
        for (Outcome& o : g.a.outcomes) {
            o.comment = s;
            if (o.arrow == Arrow::none) o.arrow_reason = s;
        }
        CHECK(same_lines(g.a, "the fixture with '" + s + "'") > 0);
    }
}

TEST_CASE("JSON Lines from pieces fall back whole when a line is too long for them", "[report][jsonl]") {
    report_test::Fixture f;
    const std::string huge(20000, 'y');
    for (Outcome& o : f.a.outcomes) o.comment = huge;
    CHECK(same_lines(f.a, "comments of 20000 bytes") == 0);
}

TEST_CASE("JSON Lines from pieces round derived figures as write_outcome does", "[report][jsonl]") {
    // Figures a rule derives (change, target, trajectory, distance...) are
    // rounded to 6 places by the pack's convention: written from their
    // rounded units here, by record_value there. Many figures, of every
    // kind that takes a different way: 6 places or fewer, whole, ratios,
    // near a half at the sixth and the ninth place, large, tiny, -0.
    std::mt19937_64 rng(17);
    std::uniform_int_distribution<int64_t> whole(-3'000'000'000, 3'000'000'000);
    std::uniform_int_distribution<int> kind(0, 6), places(0, 9);
    std::uniform_real_distribution<double> near_half(0.3, 0.7);
    auto figure = [&]() -> double {
        switch (kind(rng)) {
            case 0:
                return static_cast<double>(whole(rng)) / std::pow(10.0, places(rng));
            case 1:
                return static_cast<double>(whole(rng) % 100000) / static_cast<double>(1 + whole(rng) % 997 + 997);
            case 2:
                return (static_cast<double>(whole(rng) % 1000000000) + 0.5) / 1e6;
            case 3:
                return (static_cast<double>(whole(rng) % 1000000000000000) + near_half(rng)) / 1e9;
            case 4:
                return static_cast<double>(whole(rng)) * 1e6;
            case 5:
                return static_cast<double>(whole(rng)) * 1e-12;
            default:
                return (whole(rng) & 1) ? -0.0 : std::nextafter(0.0, 1.0);
        }
    };
    size_t fast = 0;
    for (Rounding mode : {Rounding::half_up, Rounding::half_even, Rounding::truncate}) {
        report_test::Fixture f;
        f.pack.rounding = mode;
        for (int i = 0; i < 400; ++i) {
            for (Outcome& o : f.a.outcomes) {
                o.change = figure();
                o.change_pct = figure();
                if (i % 2 == 0) {  // an interval, as a group that uses statistics gives
                    ValueInterval ci;
                    ci.level = (i % 4 == 0) ? 0.95 : 0.998;
                    ci.lower = figure();
                    ci.upper = figure();
                    ci.method = (i % 3 == 0) ? "exact Poisson" : "Wilson \"score\"";
                    o.interval = ci;
                } else {
                    o.interval.reset();
                }
                if (o.target) {
                    o.target->target = figure();
                    o.target->trajectory = figure();
                    o.target->distance = figure();
                    o.target->distance_pct = figure();
                    o.target->projection = figure();
                }
            }
            fast += same_lines(f.a, "derived figures");
        }
    }
    CHECK(fast > 1000);
}
