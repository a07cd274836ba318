// Checked reading of DSL declaration tables.
#include "lua/dsl_fields.hpp"

#include "lua/dsl_values.hpp"
#include "lua/lua_util.hpp"
#include "lua/suggest.hpp"

#include <fmt/format.h>

#include <cmath>

namespace assay::lua {

Fields::Fields(lua_State* L, int idx, std::string context, std::vector<std::string> known, int positional)
    : L_(L), idx_(lua_absindex(L, idx)), context_(std::move(context)) {
    lua_pushnil(L_);              // nil
    while (lua_next(L_, idx_)) {  // key value
        lua_pop(L_, 1);           // key
        if (lua_type(L_, -1) == LUA_TSTRING) {
            std::string name(view_of(L_, -1));
            bool ok = false;
            for (const auto& k : known) ok = ok || k == name;
            if (!ok) {
                std::string hint = suggest_name(name, known);
                if (hint.empty())
                    hint = known.empty() ? " (only a list of entries is expected here)"
                                         : " (expected " + quoted_list(known) + ")";
                throw RuleError(fmt::format("{}: unknown field '{}'{}", context_, name, hint));
            }
        } else if (!lua_isinteger(L_, -1) || lua_tointeger(L_, -1) < 1 || lua_tointeger(L_, -1) > positional) {
            if (positional == 0)
                throw RuleError(fmt::format("{}: unexpected entry {} (expected named fields such as {} = ...)",
                                            context_, describe(L_, -1), known.empty() ? "x" : known.front()));
            throw RuleError(fmt::format("{}: unexpected entry {} (expected at most {} unnamed {} and named fields)",
                                        context_, describe(L_, -1), positional, positional == 1 ? "value" : "values"));
        }
    }
}

bool Fields::has(const char* name) const {
    bool present = push(name) != LUA_TNIL;
    lua_pop(L_, 1);
    return present;
}

int Fields::push(const char* name) const {
    lua_pushstring(L_, name);     // name
    return lua_rawget(L_, idx_);  // value
}

int Fields::push(int i) const {
    return lua_rawgeti(L_, idx_, i);
}

void Fields::wrong(const std::string& name, const char* expected, int value_idx) const {
    throw RuleError(
        fmt::format("{}: field '{}' must be {}, got {}", context_, name, expected, describe_value(L_, value_idx)));
}

std::optional<std::string> Fields::text(const char* name) const {
    int t = push(name);  // value
    std::optional<std::string> out;
    if (t == LUA_TSTRING)
        out = std::string(view_of(L_, -1));
    else if (t != LUA_TNIL)
        wrong(name, "text in quotes", -1);
    lua_pop(L_, 1);
    return out;
}

std::string Fields::required_text(const char* name) const {
    std::optional<std::string> s = text(name);
    if (!s) throw RuleError(fmt::format("{}: field '{}' is required", context_, name));
    return *s;
}

std::optional<double> Fields::number(const char* name) const {
    int t = push(name);  // value
    std::optional<double> out;
    if (t == LUA_TNUMBER && std::isfinite(lua_tonumber(L_, -1)))
        out = lua_tonumber(L_, -1);
    else if (t != LUA_TNIL)
        wrong(name, "a number", -1);
    lua_pop(L_, 1);
    return out;
}

std::vector<std::string> Fields::text_list(const char* name) const {
    int t = push(name);  // value
    std::vector<std::string> out;
    if (t == LUA_TTABLE)
        out = text_list_at(L_, -1, context_ + ": field '" + name + "'");
    else if (t != LUA_TNIL)
        wrong(name, "a list of texts such as { \"a\", \"b\" }", -1);
    lua_pop(L_, 1);
    return out;
}

void check_table(lua_State* L, int idx, const std::string& context, const char* example) {
    if (lua_type(L, idx) != LUA_TTABLE)
        throw RuleError(
            fmt::format("{}: expected a table of fields, as in {}, got {}", context, example, describe_value(L, idx)));
}

std::vector<std::string> text_list_at(lua_State* L, int idx, const std::string& what) {
    idx = lua_absindex(L, idx);
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
    lua_pushnil(L);             // nil
    while (lua_next(L, idx)) {  // key value
        lua_pop(L, 1);          // key
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n)
            throw RuleError(fmt::format("{} must be a list such as {{ \"a\", \"b\" }}; it has the entry {}", what,
                                        describe(L, -1)));
    }
    std::vector<std::string> out;
    for (lua_Integer i = 1; i <= n; ++i) {
        if (lua_rawgeti(L, idx, i) != LUA_TSTRING)  // item
            throw RuleError(fmt::format("{}: item {} must be text in quotes, got {}", what, i, describe_value(L, -1)));
        out.emplace_back(view_of(L, -1));
        lua_pop(L, 1);
    }
    return out;
}

double number_at(lua_State* L, int idx, const std::string& what) {
    if (lua_type(L, idx) != LUA_TNUMBER || !std::isfinite(lua_tonumber(L, idx)))
        throw RuleError(fmt::format("{} must be a {}number, got {}", what,
                                    lua_type(L, idx) == LUA_TNUMBER ? "finite " : "", describe_value(L, idx)));
    return lua_tonumber(L, idx);
}

}  // namespace assay::lua
