// Helpers for rules written as Lua functions: the `assay` table of
// comparisons that allow for binary noise as the built-in conditions do
// (8.4 against 8 is 5.000000000000004 % off in binary, and counts as 5 %),
// and `described(text, fn)`, a rating function with the words the key and
// explain print for it.
#include "lua/dsl_helpers.hpp"

#include "lua/lua_util.hpp"
#include "lua/sandbox_env.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace assay::lua {
namespace {

/// Relative tolerance for binary noise, the built-in conditions' own.
constexpr double kNoise = 1e-9;

// Registry key (by address) of the metatable marking a described function.
const char kDescribedKey = 0;

double arg(lua_State* L, int i, const char* fn) {
    if (lua_type(L, i) != LUA_TNUMBER)
        throw RuleError(
            fmt::format("assay.{}: argument {} must be a number, got {} (test for nil first, as in "
                        "a.value ~= nil and assay.{}(...))",
                        fn, i, describe(L, i), fn));
    double x = lua_tonumber(L, i);
    if (!std::isfinite(x)) throw RuleError(fmt::format("assay.{}: argument {} is not a finite number", fn, i));
    return x;
}

double noise(double a, double b) {
    return kNoise * std::max(std::abs(a), std::abs(b));
}

// assay.near(a, b): a and b are the same figure but for binary noise.
int helper_near(lua_State* L) {
    double a = arg(L, 1, "near"), b = arg(L, 2, "near");
    lua_pushboolean(L, std::abs(a - b) <= noise(a, b));
    return 1;
}

// assay.at_least(a, b): a >= b, allowing for binary noise.
int helper_at_least(lua_State* L) {
    double a = arg(L, 1, "at_least"), b = arg(L, 2, "at_least");
    lua_pushboolean(L, a >= b - noise(a, b));
    return 1;
}

// assay.at_most(a, b): a <= b, allowing for binary noise.
int helper_at_most(lua_State* L) {
    double a = arg(L, 1, "at_most"), b = arg(L, 2, "at_most");
    lua_pushboolean(L, a <= b + noise(a, b));
    return 1;
}

// assay.within(a, b, d): |a - b| <= d, the edge inside.
int helper_within(lua_State* L) {
    double a = arg(L, 1, "within"), b = arg(L, 2, "within"), d = arg(L, 3, "within");
    if (d < 0) throw RuleError("assay.within: the band (argument 3) must not be negative");
    lua_pushboolean(L, std::abs(a - b) <= d + kNoise * std::max({std::abs(a), std::abs(b), d}));
    return 1;
}

// assay.within_pct(a, b, p): a is within p % of b, either side, the edge inside.
int helper_within_pct(lua_State* L) {
    double a = arg(L, 1, "within_pct"), b = arg(L, 2, "within_pct"), p = arg(L, 3, "within_pct");
    if (p < 0) throw RuleError("assay.within_pct: the percentage (argument 3) must not be negative");
    const double band = std::abs(b) * p / 100;
    lua_pushboolean(L, std::abs(a - b) <= band + kNoise * std::max({std::abs(a), std::abs(b), band}));
    return 1;
}

// assay.pct_change(from, to): (to - from) as a % of |from|; nil when from is 0.
int helper_pct_change(lua_State* L) {
    double from = arg(L, 1, "pct_change"), to = arg(L, 2, "pct_change");
    if (from == 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushnumber(L, (to - from) / std::abs(from) * 100);
    return 1;
}

const luaL_Reg kHelpers[] = {
    {"near", guarded<helper_near>},
    {"at_least", guarded<helper_at_least>},
    {"at_most", guarded<helper_at_most>},
    {"within", guarded<helper_within>},
    {"within_pct", guarded<helper_within_pct>},
    {"pct_change", guarded<helper_pct_change>},
    {nullptr, nullptr},
};

// described("words", function(a) ... end): the function, with the words the key prints.
int dsl_described(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING || lua_rawlen(L, 1) == 0 || lua_type(L, 2) != LUA_TFUNCTION || lua_gettop(L) != 2)
        throw RuleError(
            "described expects the words the key prints, then the function: described(\"GREEN when ...\", "
            "function(a) ... end)");
    if (lua_rawlen(L, 1) > 2000) throw RuleError("described: the description is longer than 2000 characters");
    lua_createtable(L, 2, 0);                           // text fn t
    lua_pushvalue(L, 1);                                // text fn t text
    lua_rawseti(L, -2, 1);                              // text fn t
    lua_pushvalue(L, 2);                                // text fn t fn
    lua_rawseti(L, -2, 2);                              // text fn t
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kDescribedKey);  // text fn t mt
    lua_setmetatable(L, -2);                            // text fn t
    return 1;
}

}  // namespace

void add_dsl_helpers(lua_State* L) {
    luaL_newlib(L, kHelpers);  // env assay
    make_strict(L);
    make_read_only(L, "assay");
    lua_setfield(L, -2, "assay");  // env
    lua_createtable(L, 0, 1);      // env mt
    lua_pushboolean(L, 0);         // env mt false
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kDescribedKey);  // env
    lua_pushcfunction(L, guarded<dsl_described>);       // env fn
    lua_setfield(L, -2, "described");                   // env
}

std::optional<std::string> unwrap_described(lua_State* L, int idx) {
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return std::nullopt;  // mt
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kDescribedKey);                                     // mt marker
    const bool described = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);  //
    if (!described) return std::nullopt;
    lua_rawgeti(L, idx, 1);  // text
    std::string text(view_of(L, -1));
    lua_pop(L, 1);           //
    lua_rawgeti(L, idx, 2);  // fn
    lua_replace(L, idx);     //   (the function in the table's place)
    return text;
}

}  // namespace assay::lua
