// A mis-typed global among very many long ones: the "did you mean" search
// walks the globals once without copying or sorting them, passes over most
// names after one look, and charges the walk to the budget, so a rule that
// misses a name in a pcall loop runs out of budget instead of running for
// hours. (tests/bad/pack_missed_global_many_names runs the same through the
// command, under a time limit.)
#include "sandbox_fixture.hpp"

#include <catch2/catch.hpp>

#include <string>

using assay::SandboxLimits;
using assay::hardening::eval;
using assay::hardening::has;
using assay::hardening::Outcome;
using assay::hardening::run_lua;
using assay::lua::RunStatus;
using assay::lua::Sandbox;

namespace {

// 120,000 globals named P1 .. P120000, P being `prefix_len` characters.
std::string define_globals(int prefix_len) {
    return "P = string.rep('ab', " + std::to_string(prefix_len / 2) +
           ")\n"
           "for i = 1, 120000 do _ENV[P .. i] = i end\n";
}

}  // namespace

TEST_CASE("vector: a missed global among 120,000 long names gets the right hint, cheaply", "[hardening][suggest]") {
    Sandbox sb(SandboxLimits{});
    REQUIRE(eval(sb, define_globals(56) + "return 1") == "1");
    std::string prefix;
    for (int i = 0; i < 28; ++i) prefix += "ab";
    // One edit away from P1 .. P9: the first in byte order is suggested.
    CHECK(has(eval(sb, "local ok, e = pcall(function() return _ENV[P .. 'x'] end) return e"),
              "(did you mean '" + prefix + "1'?)"));
    // A letter slipped in among the digits: P12945 for P129a45.
    CHECK(has(eval(sb, "local ok, e = pcall(function() return _ENV[P .. '129a45'] end) return e"),
              "(did you mean '" + prefix + "12945'?)"));
    // A name far longer than any name: no hint, and no walk at all.
    CHECK(eval(sb, "local ok, e = pcall(function() return _ENV[string.rep('q', 300)] end) return e")
              .find("did you mean") == std::string::npos);
}

TEST_CASE("vector: missing a global in a pcall loop among 120,000 long names runs out of budget",
          "[hardening][suggest]") {
    Sandbox sb(SandboxLimits{});
    REQUIRE(eval(sb, define_globals(56) + "return 1") == "1");
    // Near misses, each a walk of every name with distances to compute.
    Outcome o = run_lua(sb, "for i = 1, 1e9 do pcall(function() return _ENV[P .. 'x' .. i] end) end");
    CHECK(o.status.failure == RunStatus::Failure::budget);
    CHECK(has(o.status.message, "instruction budget of 10000000 exceeded"));
    // The state is still usable, and the hint still right.
    CHECK(has(eval(sb, "local ok, e = pcall(function() return _ENV[P .. 'x'] end) return e"), "did you mean"));
}
