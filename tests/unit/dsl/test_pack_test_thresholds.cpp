// `assay test` for schemes whose thresholds come from the data: cases give
// them inline (for every period, or as whole rows of the officer's sheet),
// check the group's named arrows, and take the indicator's polarity from
// the pack's dataset when neither the case nor the group gives one. The
// expected ratings are worked out by hand from the schemes' definitions.
#include "dsl_fixture.hpp"

#include <assay/dataset.hpp>
#include <assay/pack_test.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace assay;
using namespace assay::test;
namespace fs = std::filesystem;

namespace {

// Target plus a floor standard, with a long-term arrow against a year ago (four quarters).
const char* kFloorPack = R"(pack "floor" { title = "Floor" }
scale "rag" { "RED", "AMBER", "GREEN" }
group "kpis" {
  arrow = arrow.last_two { },
  long_arrow = arrow.periods_back(4, { }),
  target = { value = data "target" },
  rating = first {
    { met, GREEN },
    { better_than(data "floor"), AMBER },
    { otherwise, RED },
  },
  indicators = { "calls", "sickness" },
}
)";

// A pack folder with tests/ and, when `with_data`, a data/ folder whose
// indicators.csv says sickness days are lower-is-better.
class FloorPack {
public:
    FloorPack(const std::string& tests, bool with_data) : tp_(PackFiles{{"pack.lua", kFloorPack}}) {
        fs::create_directories(tp_.dir() / "tests");
        std::ofstream(tp_.dir() / "tests" / "t.lua", std::ios::binary) << tests;
        if (!with_data) return;
        fs::create_directories(tp_.dir() / "data");
        std::ofstream(tp_.dir() / "data" / "indicators.csv", std::ios::binary)
            << "id,title,unit,polarity,decimals\n"
               "calls,% calls answered,percent,higher_is_better,0\n"
               "sickness,Sickness days,count,lower_is_better,1\n";
        std::ofstream(tp_.dir() / "data" / "observations.csv", std::ios::binary)
            << "indicator,area,period,value\ncalls,Town,2024 Q3,91\nsickness,Town,2024 Q3,8.4\n";
    }
    PackTestRun run() const {
        Pack pack = load_pack(tp_.dir());
        PackTests tests = load_pack_tests(pack);
        PackTestOptions options;
        options.load_dataset = [](const fs::path& p) { return load_dataset(p); };
        return run_pack_tests(pack, tests, options);
    }
    // The load error of the tests, without the temporary folder.
    std::string load_error() const {
        Pack pack = load_pack(tp_.dir());
        try {
            load_pack_tests(pack);
        } catch (const InputError& e) {
            std::string text = e.what();
            const std::string prefix = (tp_.dir() / "tests").string() + "/";
            return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
        }
        return "no error";
    }

private:
    TempPack tp_;
};

// "key: expected E, got A" for each mismatch of each failing result, and errors.
std::string failures(const PackTestRun& run) {
    std::string out;
    for (const PackTestResult& r : run.results) {
        if (!r.error.empty()) out += r.name + ": could not run: " + r.error + "\n";
        for (const TestMismatch& m : r.mismatches)
            out += r.name + ": " + m.key + ": expected " + m.expected + ", got " + m.actual + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("cases give thresholds for every period, or per period as whole rows", "[pack_test][thresholds]") {
    // calls (higher is better): 91 against 90 is met; 87 misses 90 but is above the floor 85;
    // 84 is below it. A row's own target (95 in 2023 Q3) is that quarter's alone.
    FloorPack p(R"(cases "floor" {
  group = "kpis", indicator = { polarity = "higher_is_better" }, floor = 85,
  { "met", target = 90, series = { ["2024 Q3"] = 91 }, expect = { rating = "GREEN", met = true, target = 90 } },
  { "above the floor", target = 90, series = { ["2024 Q3"] = 87 }, expect = { rating = "AMBER", met = false } },
  { "below the floor", target = 90, series = { ["2024 Q3"] = 84 }, expect = { rating = "RED" } },
  { "rows", data = { { "2023 Q3", 91, target = 95 }, { period = "2024 Q3", value = 91, target = 90, floor = "N/A" } },
    expect = { rating = "GREEN", target = 90, period = "2024 Q3" } },
  { "a row without its floor", data = { { "2024 Q3", 87, target = 90, floor = "N/A" } },
    expect = { rating = "none", reason = "no floor for 2024 Q3" } },
  { "no target", series = { ["2024 Q3"] = 91 }, expect = { rating = "none", reason = "no target for 2024 Q3" } },
}
)",
                false);
    PackTestRun run = p.run();
    CHECK(failures(run) == "");
    CHECK(run.passed == 6);

    // The same cases expecting other ratings fail, naming the key.
    FloorPack wrong(R"(cases "floor" {
  group = "kpis", indicator = { polarity = "higher_is_better" }, floor = 85,
  { "above the floor", target = 90, series = { ["2024 Q3"] = 87 }, expect = { rating = "GREEN" } },
  { "rows", data = { { "2023 Q3", 91, target = 95 }, { "2024 Q3", 91, target = 90 } }, expect = { target = 95 } },
}
)",
                    false);
    CHECK(failures(wrong.run()) ==
          "floor: above the floor: rating: expected GREEN, got AMBER\nfloor: rows: target: expected 95, got 90\n");
}

TEST_CASE("cases check the group's named arrows", "[pack_test][thresholds]") {
    // 2023 Q3 100, then 96, 95, 97, 90 in 2024 Q3: down on the quarter (90 < 97) and on the year (90 < 100).
    const std::string series =
        R"(series = { ["2023 Q3"] = 100, ["2023 Q4"] = 96, ["2024 Q1"] = 95, ["2024 Q2"] = 97, ["2024 Q3"] = 90 })";
    FloorPack p(
        "cases \"arrows\" { group = \"kpis\", target = 80, indicator = { polarity = \"higher_is_better\" },\n"
        "  { \"both\", " +
            series +
            ", expect = { arrow = \"declined\", long_arrow = \"declined\" } },\n"
            "  { \"as a table\", " +
            series + ", expect = { arrows = { long = \"declined\" } } },\n" + "  { \"wrong\", " + series +
            ", expect = { long_arrow = \"improved\" } },\n}\n",
        false);
    PackTestRun run = p.run();
    CHECK(failures(run) == "arrows: wrong: arrows.long: expected improved, got declined\n");
    CHECK(run.passed == 2);

    FloorPack typo(
        "cases \"arrows\" { group = \"kpis\",\n  { \"x\", series = { [\"2024 Q3\"] = 1 }, expect = { "
        "arrows = { lng = \"static\" } } },\n}\n",
        false);
    CHECK(typo.load_error() ==
          "t.lua:1: cases 'arrows': case 'x': expect: group 'kpis' has no arrow named 'lng' (it declares 'long') "
          "(did you mean 'long'?)");
    FloorPack shorthand(
        "cases \"arrows\" { group = \"kpis\",\n  { \"x\", series = { [\"2024 Q3\"] = 1 }, expect = { "
        "short_arrow = \"static\" } },\n}\n",
        false);
    CHECK(shorthand.load_error().find("group 'kpis' has no arrow named 'short'") != std::string::npos);
}

TEST_CASE("a case takes the polarity the pack's dataset gives, unless it gives its own", "[pack_test][thresholds]") {
    // sickness is lower-is-better in data/indicators.csv: 8.4 days against a target of 8 and a floor
    // of 9 misses the target but is inside the floor (AMBER); read as higher-is-better, it would meet it.
    const char* tests = R"(cases "polarity" {
  group = "kpis", indicator_id = "sickness", target = 8, floor = 9,
  { "from the data", series = { ["2024 Q3"] = 8.4 }, expect = { rating = "AMBER", met = false } },
  { "the case's own", indicator = { polarity = "higher_is_better" }, series = { ["2024 Q3"] = 8.4 },
    expect = { rating = "GREEN" } },
}
)";
    FloorPack with(tests, true);
    CHECK(failures(with.run()) == "");
    FloorPack without(tests, false);  // no dataset: neutral, which reads higher as better
    CHECK(failures(without.run()) ==
          "polarity: from the data: met: expected false, got true\n"
          "polarity: from the data: rating: expected AMBER, got GREEN\n");

    // A dataset named by the test must have the indicator.
    FloorPack named(R"(cases "named" {
  group = "kpis", indicator_id = "calls", dataset = "../data", target = 90,
  { "ok", series = { ["2024 Q3"] = 91 }, expect = { rating = "GREEN" } },
}
)",
                    true);
    CHECK(failures(named.run()) == "");
    FloorPack outside(R"(cases "named" {
  group = "kpis", dataset = "../../elsewhere", target = 90,
  { "ok", series = { ["2024 Q3"] = 91 }, expect = { rating = "GREEN" } },
}
)",
                      true);
    CHECK(outside.load_error().find("lies outside the pack's folder") != std::string::npos);
}

TEST_CASE("mistakes in inline thresholds name the file, line and case", "[pack_test][thresholds]") {
    FloorPack both(
        "cases \"x\" { group = \"kpis\",\n  { \"a\", series = { [\"2024 Q3\"] = 1 }, data = { { \"2024 "
        "Q3\", 1 } }, expect = { rating = \"RED\" } },\n}\n",
        false);
    CHECK(both.load_error().starts_with("t.lua:1: cases 'x': case 'a': give the figures once"));
    FloorPack bad(
        "cases \"x\" { group = \"kpis\",\n  { \"a\", target = \"9x\", series = { [\"2024 Q3\"] = 1 }, "
        "expect = { rating = \"RED\" } },\n}\n",
        false);
    CHECK(bad.load_error().starts_with("t.lua:1: cases 'x': case 'a': target = \"9x\":"));
    FloorPack typo(
        "cases \"x\" { group = \"kpis\",\n  { \"a\", flor = 9, series = { [\"2024 Q3\"] = 1 }, "
        "expect = { rating = \"RED\" } },\n}\n",
        false);
    CHECK(typo.load_error() == "t.lua:1: cases 'x': case 'a': unknown field 'flor' (did you mean 'floor'?)");
    FloorPack row(
        "cases \"x\" { group = \"kpis\",\n  { \"a\", data = { { \"2024 Q3\", 1, targt = 2 } }, "
        "expect = { rating = \"RED\" } },\n}\n",
        false);
    CHECK(row.load_error() ==
          "t.lua:1: cases 'x': case 'a': data: row 1: unknown field 'targt' (did you mean "
          "'target'?)");
}
