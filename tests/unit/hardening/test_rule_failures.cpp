// A rule that fails (an error, a loop, a memory bomb) becomes an error on
// that indicator naming the rule, its file:line, the indicator, the area and
// the limit hit; the other indicators are still assessed; and a rule that
// runs out of budget again and again stops being called, so a hostile pack
// cannot stretch a national run to hours.
#include "sandbox_fixture.hpp"

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/pack.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace assay;
using assay::hardening::has;
using assay::hardening::TempDir;

namespace {

// A dataset of `n` areas, one indicator, two years each.
void write_dataset(const TempDir& dir, int n) {
    std::string obs = "indicator,area,period,value\n";
    for (int i = 0; i < n; ++i)
        obs += "x,Area " + std::to_string(i) + ",2005/06,10\nx,Area " + std::to_string(i) + ",2006/07,8\n";
    dir.write("data/indicators.csv", "id,title,unit,polarity,decimals\nx,X,count,lower,0\n");
    dir.write("data/observations.csv", obs);
}

void write_pack(const TempDir& dir, const std::string& rating_body) {
    dir.write("pack/pack.lua", "pack \"p\" { title = \"P\" }\nscale \"rag\" { \"RED\", \"AMBER\", \"GREEN\" }\n");
    dir.write("pack/groups.lua",
              "group \"g\" {\n"
              "  title = \"G\",\n"
              "  rating = function(a)\n" +
                  rating_body +
                  "\n    return GREEN\n"
                  "  end,\n"
                  "  indicators = { \"x\" },\n"
                  "}\n");
}

int count_with(const std::vector<std::string>& errors, std::string_view text) {
    int n = 0;
    for (const std::string& e : errors) n += has(e, text) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("rules: a failing rule names itself, its place, the indicator and the limit", "[hardening][rules]") {
    TempDir dir;
    write_dataset(dir, 4);
    write_pack(dir,
               "    if a.area == 'Area 1' then while true do end end\n"
               "    if a.area == 'Area 2' then pcall(string.rep, 'x', 1e9) end");
    SandboxLimits limits;
    limits.instructions = 1'000'000;
    Pack pack = load_pack(dir.path() / "pack", limits);
    Assessment a = assess(pack, prepare(pack, load_dataset(dir.path() / "data")), AssessOptions{});
    REQUIRE(a.errors.size() == 2);
    CHECK(has(a.errors[0], "rule 'g.rating' (groups.lua:3)"));
    CHECK(has(a.errors[0], "indicator 'x' area 'Area 1'"));
    CHECK(has(a.errors[0], "groups.lua:4: instruction budget of 1000000 exceeded"));
    CHECK(has(a.errors[1], "indicator 'x' area 'Area 2'"));
    CHECK(has(a.errors[1], "memory limit of 64 MiB exceeded"));
    // The others are assessed, and the failed ones have no rating.
    int rated = 0, failed = 0;
    for (const Outcome& o : a.outcomes) {
        if (o.rating >= 0) ++rated;
        if (!o.error.empty()) {
            ++failed;
            CHECK(o.rating < 0);
        }
    }
    CHECK(rated == 2);
    CHECK(failed == 2);
}

TEST_CASE("rules: a rule that runs out of budget for every indicator stops being called", "[hardening][rules]") {
    TempDir dir;
    write_dataset(dir, 200);
    write_pack(dir, "    while true do end");
    SandboxLimits limits;
    limits.instructions = 2'000'000;
    Pack pack = load_pack(dir.path() / "pack", limits);
    Assessment a = assess(pack, prepare(pack, load_dataset(dir.path() / "data")), AssessOptions{});
    REQUIRE(a.errors.size() == 200);
    CHECK(count_with(a.errors, "instruction budget of 2000000 exceeded") == 10);
    CHECK(count_with(a.errors, "not run: the rule ran out of its instruction budget or time limit 10 times") == 190);
    for (const Outcome& o : a.outcomes) CHECK(o.rating < 0);
}
