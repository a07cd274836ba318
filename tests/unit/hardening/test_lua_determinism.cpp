// What rule code computes is the same on every run, in every process and
// every locale: table order (pairs, next, sort), text of values (no
// addresses, one spelling of NaN), numbers read and printed in the "C"
// locale whatever LC_ALL says, and no source of randomness or time.
#include "locale_fixture.hpp"
#include "sandbox_fixture.hpp"

#include <catch2/catch.hpp>

#include "../skip.hpp"

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <string>
#include <vector>

using assay::SandboxLimits;
using assay::hardening::eval;
using assay::hardening::has;
using assay::hardening::RestoreCLocale;
using assay::hardening::switch_locale;
using assay::lua::Sandbox;

namespace {

const SandboxLimits kLimits{10'000'000, 16u << 20};

}  // namespace

TEST_CASE("next walks a table in pairs order in every state", "[hardening][determinism]") {
    // Lua seeds string hashes from addresses and the clock, so its own next
    // orders these keys differently from one state to the next.
    const char* walk =
        "local t = {} for i = 1, 40 do t['key' .. i] = i end t[3] = 'x' t[1.5] = 'y' t[true] = 'z'\n"
        "local out, k = {}, next(t) while k ~= nil do out[#out + 1] = tostring(k) k = next(t, k) end\n"
        "return table.concat(out, ' ')";
    std::vector<std::string> sorted;
    for (int i = 1; i <= 40; ++i) sorted.push_back("key" + std::to_string(i));
    std::sort(sorted.begin(), sorted.end());
    std::string expected = "1.5 3";
    for (const std::string& k : sorted) expected += " " + k;
    expected += " true";
    for (int state = 0; state < 10; ++state) {
        Sandbox sb(kLimits);
        CHECK(eval(sb, walk) == expected);
    }
    Sandbox sb(kLimits);
    CHECK(eval(sb, "return tostring(next({}))") == "nil");
    CHECK(eval(sb, "return next({}, 'absent') == nil") == "true");
    CHECK(has(eval(sb, "return next({ [{}] = 1 })"), "no fixed order"));
    CHECK(eval(sb, "local k = next(math) return type(k)") == "string");
}

TEST_CASE("table.sort is stable, so ties keep their order on every run", "[hardening][determinism]") {
    // Lua's quicksort picks random pivots for large unbalanced inputs and is
    // not stable: equal keys could come out in a different order each run.
    Sandbox sb(kLimits);
    const char* sort =
        "local t = {} for i = 1, 3000 do t[i] = { key = (i * 7919) % 5, id = i } end\n"
        "table.sort(t, function(a, b) return a.key < b.key end)\n"
        "for i = 2, #t do\n"
        "  if t[i - 1].key > t[i].key then return 'unsorted at ' .. i end\n"
        "  if t[i - 1].key == t[i].key and t[i - 1].id > t[i].id then return 'unstable at ' .. i end\n"
        "end return 'stable'";
    CHECK(eval(sb, sort) == "stable");
    CHECK(eval(sb, "local t = { 3, 1, 2, 10, -4 } table.sort(t) return table.concat(t, ',')") == "-4,1,2,3,10");
    CHECK(eval(sb, "local t = { 'b', 'B', 'a', 'A' } table.sort(t) return table.concat(t)") == "ABab");
    CHECK(eval(sb, "local t = { 1, 2, 3 } table.sort(t, function(a, b) return a > b end) return table.concat(t)") ==
          "321");
    // A comparator that is not an order still ends, with a fixed result.
    CHECK(eval(sb, "local t = { 1, 2, 3, 4 } table.sort(t, function() return true end) return table.concat(t)") ==
          eval(sb, "local t = { 1, 2, 3, 4 } table.sort(t, function() return true end) return table.concat(t)"));
    // An error midway leaves the table as it was.
    CHECK(eval(sb,
               "local t = { 3, 'x', 1 } local ok = pcall(table.sort, t) "
               "return tostring(ok) .. ' ' .. tostring(t[1]) .. tostring(t[2]) .. tostring(t[3])") == "false 3x1");
}

TEST_CASE("no text a rule makes holds an address", "[hardening][determinism]") {
    Sandbox sb(kLimits);
    CHECK(eval(sb, "return tostring({})") == "table");
    CHECK(eval(sb, "return tostring(tostring)") == "function");
    CHECK(eval(sb, "return tostring(setmetatable({}, { __name = 'thing' }))") == "table");
    CHECK(eval(sb, "return tostring(setmetatable({}, { __tostring = function() return 'mine' end }))") == "mine");
    CHECK(eval(sb, "return string.format('%s|%s|%5s|%-3s|', {}, tostring, true, nil)") == "table|function| true|nil|");
    CHECK(has(eval(sb, "return string.format('%p', {})"), "'%p' is not available in rules"));
    CHECK(has(eval(sb, "return ('%10p'):format('x')"), "'%p' is not available in rules"));
    CHECK(has(eval(sb, "error({})"), "error object is a table, not text"));
    CHECK(eval(sb, "return string.format('%d%%|%5.1f|%x|%q', 42, 2.25, 255, 'a\\n')") == "42%|  2.2|ff|\"a\\\n\"");
}

TEST_CASE("NaN prints one way, whatever its sign bit", "[hardening][determinism]") {
    // x86 makes 0/0 with the sign bit set, and printf prints "-nan"; ARM
    // makes it without. Rules print "nan" on both.
    Sandbox sb(kLimits);
    CHECK(eval(sb, "return tostring(0/0)") == "nan");
    CHECK(eval(sb, "return tostring(-(0/0))") == "nan");
    CHECK(eval(sb, "return string.format('%.1f %g %5.2e %s', 0/0, -(0/0), 0/0, 0/0)") == "nan nan   nan nan");
    CHECK(eval(sb, "return tostring(1/0) .. ' ' .. tostring(-1/0)") == "inf -inf");
    CHECK(eval(sb, "return tostring(3) .. ' ' .. tostring(3.0) .. ' ' .. tostring(7 // 2) .. ' ' .. tostring(7 / 2)") ==
          "3 3.0 3 3.5");
}

TEST_CASE("rules read and print numbers the same under any locale", "[hardening][determinism]") {
    const char* probe =
        "return table.concat({ tostring(1.5), 2.25 .. '', string.format('%.2f', 1.5), tostring(tonumber('1.5')),"
        " tostring(tonumber('1,5')), tostring('a' < 'B'), tostring(1e15), tostring(-0.0) }, ' ')";
    Sandbox before(kLimits);
    const std::string in_c = eval(before, probe);
    CHECK(in_c == "1.5 2.25 1.50 1.5 nil false 1e+15 -0.0");

    RestoreCLocale restore;
    for (const char* name : {"de_DE.UTF-8", "fr_FR.UTF-8"}) {
        INFO(name);
        if (!switch_locale(name)) {
            assay::testing::skip_test(std::string("locale ") + name +
                                      " is not available and cannot be made (install Debian's 'locales' package)");
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", 1.5);
        REQUIRE(std::string(buf) == "1,5");  // the locale is really in force
        Sandbox sb(kLimits);                 // made under the locale, too
        CHECK(eval(sb, probe) == in_c);
        CHECK(eval(before, probe) == in_c);
        std::setlocale(LC_ALL, "C");
    }
}

TEST_CASE("rules have no randomness, clock or environment", "[hardening][determinism]") {
    Sandbox sb(kLimits);
    for (const char* expr : {"math.random", "math.randomseed", "os", "io"})
        CHECK(has(eval(sb, std::string("return ") + expr + "()"), "failed:"));
    // Nothing in the environment offers them under another name.
    CHECK(eval(sb,
               "local found = {} for name, lib in pairs(_ENV) do if type(lib) == 'table' then "
               "for k in pairs(lib) do if k == 'random' or k == 'time' or k == 'clock' or k == 'getenv' or "
               "k == 'date' then found[#found + 1] = name .. '.' .. k end end end end return #found") == "0");
}
