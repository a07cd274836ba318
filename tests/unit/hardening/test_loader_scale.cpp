// Loaders stay near-linear in the size of their input: hundreds of
// thousands of distinct periods or indicators load in seconds. Each input
// here took minutes when every new name was compared with every earlier
// one. Hidden from the ordinary run ([.scale]); ctest runs them as one test
// with a TIMEOUT (tests/CMakeLists.txt), so a quadratic loader fails there.
#include "sandbox_fixture.hpp"

#include <assay/dataset.hpp>
#include <assay/pack.hpp>

#include <catch2/catch.hpp>

#include <string>

using assay::hardening::TempDir;
using namespace assay;

namespace {

// "1950-01" style label of month `m` counted from January 1950.
std::string month_label(int m) {
    std::string month = std::to_string(m % 12 + 1);
    return std::to_string(1950 + m / 12) + "-" + (month.size() == 1 ? "0" + month : month);
}

}  // namespace

TEST_CASE("scale: 600,000 distinct range periods load", "[.scale]") {
    // Ranges from each of 1,200 months, 1 to 500 months long: all distinct.
    TempDir dir;
    std::string obs = "indicator,area,period,value\n";
    obs.reserve(600000 * 48);
    int n = 0;
    for (int length = 0; length < 500; ++length)
        for (int first = 0; first < 1200; ++first, ++n)
            obs += "x,A" + std::to_string(n) + "," + month_label(first) + " to " + month_label(first + length) + ",1\n";
    dir.write("obs.csv", obs);
    Dataset d = load_dataset(dir.path() / "obs.csv");
    CHECK(d.periods.size() == 600000);
    CHECK(d.obs_value.size() == 600000);
}

TEST_CASE("scale: 400,000 indicators load, and a duplicate among them is found", "[.scale]") {
    TempDir dir;
    std::string ind = "id,title\n";
    for (int i = 0; i < 400000; ++i) ind += "i" + std::to_string(i) + ",Indicator " + std::to_string(i) + "\n";
    dir.write("d/indicators.csv", ind);
    dir.write("d/observations.csv", "indicator,area,period,value\ni399999,A,2006/07,1\n");
    Dataset d = load_dataset(dir.path() / "d");
    CHECK(d.indicators.size() == 400000);
    dir.write("d/indicators.csv", ind + "i17,Again\n");
    try {
        load_dataset(dir.path() / "d");
        FAIL("loaded");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find(":400002:1: indicator id \"i17\" is declared twice (first at line 19)") !=
              std::string::npos);
    }
}

TEST_CASE("scale: a group of 400,000 indicators loads", "[.scale]") {
    TempDir dir;
    std::string pack = R"(pack "big" { title = "Big" }
scale "rag" { "RED", "GREEN" }
group "g" {
  arrow = arrow.last_two { static_within = pct(1.5) },
  rating = first { { improved, GREEN }, { otherwise, RED } },
  indicators = {
)";
    for (int i = 0; i < 400000; ++i) pack += "\"i" + std::to_string(i) + "\",\n";
    pack += "  },\n}\n";
    dir.write("pack.lua", pack);
    Pack p = load_pack(dir.path(), SandboxLimits{100'000'000, 256u << 20});
    REQUIRE(p.groups.size() == 1);
    CHECK(p.groups[0].indicators.size() == 400000);
}
