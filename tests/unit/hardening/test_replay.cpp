// Replayed rating calls: a rating function's call whose reads of `a` match
// an earlier call's is answered from that call (lua_host.cpp, Replay). The
// oracle is the same assessment with explain on, where every call runs Lua:
// the ratings, reasons and errors must be the same, and so must the
// instructions charged to the run.
#include "sandbox_fixture.hpp"

#include "lua/lua_host.hpp"

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/pack.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace assay;
using assay::hardening::has;
using assay::hardening::TempDir;

namespace {

const SandboxLimits kLimits{2'000'000, 16u << 20};

// `n` areas of indicator x (higher is better), two years each, values that
// give improved, static and declined arrows and a few missing.
void write_dataset(const TempDir& dir, int n) {
    std::string obs = "indicator,area,period,value\n";
    for (int i = 0; i < n; ++i) {
        const std::string area = "Area " + std::to_string(i);
        const std::string latest = i % 13 == 0 ? "N/A" : std::to_string(i % 7);
        obs +=
            "x," + area + ",2005/06," + std::to_string((i * 3) % 5 + 1) + "\nx," + area + ",2006/07," + latest + "\n";
    }
    dir.write("data/indicators.csv", "id,title,unit,polarity,decimals\nx,X,count,higher,0\n");
    dir.write("data/observations.csv", obs);
}

void write_pack(const TempDir& dir, const std::string& groups) {
    dir.write("pack/pack.lua", "pack \"p\" { title = \"P\" }\nscale \"rag\" { \"RED\", \"AMBER\", \"GREEN\" }\n");
    dir.write("pack/groups.lua", groups);
}

// Each outcome's rating, reason and error, by group and area.
std::map<std::string, std::string> results(const Assessment& a) {
    std::map<std::string, std::string> out;
    for (const Outcome& o : a.outcomes) {
        const std::string key = std::to_string(o.group) + " " + a.dataset->areas[a.dataset->series[o.series].area];
        out[key] = std::to_string(o.rating) + " [" + o.rating_reason + "] " + o.error;
    }
    return out;
}

lua::LuaHost& host_of(const Pack& p) {
    auto* h = dynamic_cast<lua::LuaHost*>(p.host.get());
    REQUIRE(h != nullptr);
    return *h;
}

struct Both {
    std::map<std::string, std::string> ran, replayed;
    uint64_t ran_instructions = 0, replayed_instructions = 0;
    uint64_t replays = 0;  // calls answered by replay with explain off
};

// The assessment with explain on (every call runs) and off (calls replay).
Both assess_both(const TempDir& dir, const SandboxLimits& limits = kLimits) {
    Pack pack = load_pack(dir.path() / "pack", limits);
    const Dataset data = load_dataset(dir.path() / "data");
    lua::LuaHost& host = host_of(pack);
    Both b;
    AssessOptions explain;
    explain.explain = true;
    const uint64_t before = host.replayed_calls();
    b.ran = results(assess(pack, prepare(pack, data), explain));
    b.ran_instructions = host.sandbox().run_instructions_used();
    CHECK(host.replayed_calls() == before);  // explain lists what each call read: none is replayed
    AssessOptions quick;
    quick.explain = false;
    b.replayed = results(assess(pack, prepare(pack, data), quick));
    b.replayed_instructions = host.sandbox().run_instructions_used();
    b.replays = host.replayed_calls() - before;
    return b;
}

}  // namespace

TEST_CASE("replay: a rule's calls replayed give what running them gives", "[hardening][replay]") {
    TempDir dir;
    write_dataset(dir, 300);
    write_pack(dir, R"(
group "g" {
  title = "G",
  arrow = arrow.last_two { static_within = pct(1.5) },
  rating = function(a)
    if a.value == nil then return nil, "no value" end
    if a:improved() then return GREEN end
    if a.value >= 5 then return AMBER end
    if a.arrow == "static" then return nil, "static at " .. a.value end
    local n = 0
    for i = 1, 3000 do n = n + i end  -- work the budget counts
    return RED
  end,
  indicators = { "x" },
}
)");
    const Both b = assess_both(dir);
    REQUIRE(b.ran.size() == 300);
    CHECK(b.replayed == b.ran);
    // A replayed call is charged what its path's first call used. Calls that
    // ran are charged their loop alike, but what they allocate can differ a
    // little with what the state already holds (a text made before is not
    // made again): within a step per call.
    CHECK(b.ran_instructions > 100 * 3000);
    CHECK(b.replayed_instructions <= b.ran_instructions + 300);
    CHECK(b.replayed_instructions + 300 >= b.ran_instructions);
    CHECK(b.replays > 250);  // a few paths, each run once
    // The oracle's own figures: area 2 went 2 -> 2 (static), area 1 3 -> 1
    // (declined), area 13 has only its first year's 5.
    CHECK(has(b.ran.at("0 Area 2"), "-1 [static at 2"));
    CHECK(b.ran.at("0 Area 1") == "0 [] ");
    CHECK(b.ran.at("0 Area 13") == "1 [] ");
}

TEST_CASE("replay: a read that fails inside pcall is never replayed for another group", "[hardening][replay]") {
    TempDir dir;
    write_dataset(dir, 40);
    // One function, two groups: the first has no arrow "long", so the read
    // fails there (caught); the second has it, so the read succeeds there.
    // (Each group holds its own reference to the function, so each has its
    // own replay tree; the next case gives one tree both outcomes.)
    write_pack(dir, R"(
local function rate(a)
  local ok = pcall(function() return a:improved("long") end)
  if ok then return GREEN end
  return RED
end
group "plain" { title = "Plain", rating = rate, indicators = { "x" } }
group "long" {
  title = "Long",
  arrows = { long = arrow.periods_back(1, { }) },
  rating = rate,
  indicators = { "x" },
}
)");
    const Both b = assess_both(dir);
    CHECK(b.replayed == b.ran);
    for (int i = 0; i < 40; ++i) {
        INFO(i);
        CHECK(b.replayed.at("0 Area " + std::to_string(i)) == "0 [] ");
        CHECK(b.replayed.at("1 Area " + std::to_string(i)) == "2 [] ");
    }
    CHECK(b.replays >= 30);  // the second group's calls, after its first
}

TEST_CASE("replay: a call whose read failed is not replayed for an outcome where it succeeds", "[hardening][replay]") {
    TempDir dir;
    write_dataset(dir, 4);
    write_pack(dir, R"(
group "long" {
  title = "Long",
  arrows = { long = arrow.periods_back(1, { }) },
  rating = function(a)
    local ok = pcall(function() return a:improved("long") end)
    if ok then return GREEN end
    return RED
  end,
  indicators = { "x" },
}
)");
    Pack pack = load_pack(dir.path() / "pack", kLimits);
    const Dataset data = load_dataset(dir.path() / "data");
    AssessOptions quick;
    quick.explain = false;
    const Assessment a = assess(pack, prepare(pack, data), quick);
    REQUIRE(a.outcomes.size() == 4);
    const int fn = pack.groups.at(0).rating.script;
    lua::LuaHost& host = host_of(pack);
    // The same function, first for an outcome without the arrow (the read
    // fails, the call returns RED), then for one with it.
    Outcome without = a.outcomes[0];
    without.other_arrows.clear();
    host.begin_assessment();
    const uint64_t before = host.replayed_calls();
    const ScriptResult first = host.rate(fn, pack, *a.dataset, without, false);
    const ScriptResult second = host.rate(fn, pack, *a.dataset, a.outcomes[0], false);
    const ScriptResult third = host.rate(fn, pack, *a.dataset, without, false);
    CHECK(first.level == 0);
    CHECK(second.level == 2);
    CHECK(third.level == 0);
    CHECK(host.replayed_calls() == before);  // a failed read is not a read replay can repeat
}

TEST_CASE("replay: the run's budget runs out at the same call", "[hardening][replay][totals]") {
    TempDir dir;
    write_dataset(dir, 60);
    write_pack(dir, R"(
group "g" {
  title = "G",
  rating = function(a) local n = 0 for i = 1, 40000 do n = n + i end return GREEN end,
  indicators = { "x" },
}
)");
    SandboxLimits limits = kLimits;
    limits.instructions = 200'000;
    limits.run_instructions = 2'000'000;
    const Both b = assess_both(dir, limits);
    CHECK(b.replayed == b.ran);
    CHECK(b.replayed_instructions == b.ran_instructions);
    int rated = 0, stopped = 0;
    for (const auto& [key, r] : b.replayed) {
        rated += r.rfind("2 ", 0) == 0 ? 1 : 0;
        stopped += has(r, "not run: the rules have used up the instruction budget of 2000000") ? 1 : 0;
    }
    CHECK(rated >= 10);
    CHECK(rated + stopped == 59);  // and one call that ran out
    CHECK(b.replays > 0);
}

TEST_CASE("replay: a rule that reads a different value each call is run each time", "[hardening][replay]") {
    TempDir dir;
    write_dataset(dir, 100);
    write_pack(dir, R"(
group "g" {
  title = "G",
  rating = function(a)
    if a.area:sub(-1) == "7" then return nil, "ends in 7: " .. a.area end
    return AMBER
  end,
  indicators = { "x" },
}
)");
    const Both b = assess_both(dir);
    CHECK(b.replayed == b.ran);
    CHECK(b.ran.at("0 Area 17") == "-1 [ends in 7: Area 17] ");
    CHECK(b.ran.at("0 Area 18") == "1 [] ");
    CHECK(b.replays == 0);  // the tree gives up after a few areas, before any call repeats a path
}

TEST_CASE("replay: a rule that keeps state fails on every call, replayed or not", "[hardening][replay][state]") {
    TempDir dir;
    write_dataset(dir, 30);
    write_pack(dir, R"(
local n = 0
group "g" {
  title = "G",
  rating = function(a)
    if a:has_target() then return GREEN end
    n = n + 1
    return RED
  end,
  indicators = { "x" },
}
)");
    const Both b = assess_both(dir);
    CHECK(b.replayed == b.ran);
    for (const auto& [key, r] : b.replayed) {
        INFO(key);
        CHECK(has(r, "keeps state in upvalue 'n'"));
    }
    CHECK(b.replays == 0);
}

TEST_CASE("replay: long texts are not kept, so the trees stay small", "[hardening][replay]") {
    TempDir dir;
    write_dataset(dir, 60);
    write_pack(dir, R"(
group "g" {
  title = "G",
  rating = function(a)
    if a:has_target() then return GREEN end
    return nil, string.rep("why ", 70) .. "not rated"
  end,
  indicators = { "x" },
}
)");
    const Both b = assess_both(dir);
    CHECK(b.replayed == b.ran);
    CHECK(has(b.ran.at("0 Area 5"), "why why"));
    CHECK(b.replays == 0);  // a reason of 289 characters is not kept
}
