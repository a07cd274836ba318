// Presentation conventions as a pack or group declares them; each value is
// checked as it is read, so a mis-typed convention is an error at its line.
#include "lua/dsl_presentation.hpp"

#include "lua/dsl_values.hpp"
#include "lua/lua_util.hpp"
#include "lua/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace assay::lua {
namespace {

const std::vector<std::string> kFields = {"sign_changes", "sign_values", "thousands", "brackets",       "unit_header",
                                          "hms",          "points",      "changes",   "not_applicable", "indicators"};
const std::vector<std::string> kColumns = {"volume", "pct", "pts"};

std::optional<bool> flag(lua_State* L, const Fields& f, const char* name) {
    std::optional<bool> out;
    int t = f.push(name);  // value
    if (t == LUA_TBOOLEAN)
        out = lua_toboolean(L, -1) != 0;
    else if (t != LUA_TNIL)
        f.wrong(name, "true or false", -1);
    lua_pop(L, 1);
    return out;
}

std::optional<long long> thousands(lua_State* L, const Fields& f) {
    std::optional<long long> out;
    int t = f.push("thousands");  // value
    if (t == LUA_TSTRING && view_of(L, -1) == "always") {
        out = 0;
    } else if (t == LUA_TSTRING && view_of(L, -1) == "never") {
        out = -1;
    } else if (t == LUA_TNUMBER && std::isfinite(lua_tonumber(L, -1)) && lua_tonumber(L, -1) >= 1000 &&
               lua_tonumber(L, -1) <= 1e15 && std::floor(lua_tonumber(L, -1)) == lua_tonumber(L, -1)) {
        out = static_cast<long long>(lua_tonumber(L, -1));
    } else if (t != LUA_TNIL) {
        f.wrong("thousands", "\"always\", \"never\" or a whole number from 1000 up (separators from that figure)", -1);
    }
    lua_pop(L, 1);
    return out;
}

std::optional<std::vector<ChangeColumn>> columns(lua_State* L, const Fields& f) {
    if (!f.has("changes")) return std::nullopt;
    std::vector<ChangeColumn> out;
    for (const std::string& name : f.text_list("changes")) {
        ChangeColumn c =
            name == "volume" ? ChangeColumn::volume
            : name == "pct"  ? ChangeColumn::pct
            : name == "pts"
                ? ChangeColumn::pts
                : throw RuleError(fmt::format("{}: changes: a column must be \"volume\", \"pct\" or \"pts\", got "
                                              "\"{}\"{}",
                                              f.context(), name, suggest_name(name, kColumns)));
        for (ChangeColumn seen : out)
            if (seen == c)
                throw RuleError(fmt::format("{}: changes: column \"{}\" is listed twice", f.context(), name));
        out.push_back(c);
    }
    (void)L;
    return out;
}

Presentation conventions(lua_State* L, const Fields& f) {
    Presentation p;
    p.sign_changes = flag(L, f, "sign_changes");
    p.sign_values = flag(L, f, "sign_values");
    p.thousands = thousands(L, f);
    p.brackets = flag(L, f, "brackets");
    p.unit_header = f.text("unit_header");
    p.hms = flag(L, f, "hms");
    p.points = flag(L, f, "points");
    p.changes = columns(L, f);
    p.not_applicable = f.text("not_applicable");
    return p;
}

}  // namespace

PresentationSpec read_presentation(lua_State* L, const Fields& f, const std::vector<std::string>* members) {
    PresentationSpec spec;
    const int t = f.push("presentation");  // presentation
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return spec;
    }
    if (t != LUA_TTABLE) f.wrong("presentation", "a table such as { sign_changes = true, thousands = \"always\" }", -1);
    const std::string what = f.context() + ": presentation";
    Fields p(L, -1, what, kFields);
    spec.general = conventions(L, p);
    if (p.push("indicators") == LUA_TTABLE) {  // presentation indicators
        const int idx = lua_gettop(L);
        lua_pushnil(L);             // presentation indicators nil
        while (lua_next(L, idx)) {  // presentation indicators id conventions
            if (lua_type(L, -2) != LUA_TSTRING)
                throw RuleError(
                    fmt::format("{}: indicators: key each entry by indicator id, as in "
                                "some_id = {{ hms = true }}; got the key {}",
                                what, describe(L, -2)));
            std::string id(view_of(L, -2));
            if (members && std::find(members->begin(), members->end(), id) == members->end())
                throw RuleError(fmt::format("{}: indicators names '{}', which is not in the group{}", what, id,
                                            suggest_name(id, *members)));
            const std::string where = what + ": indicators: " + id;
            check_table(L, -1, where, "some_id = { hms = true }");
            std::vector<std::string> own(kFields.begin(), kFields.end() - 1);  // all but "indicators"
            Fields one(L, -1, where, own);
            spec.indicators.emplace(id, conventions(L, one));
            lua_pop(L, 1);  // presentation indicators id
        }
    } else if (p.has("indicators")) {
        p.wrong("indicators", "a table keyed by indicator id, such as { some_id = { hms = true } }", -1);
    }
    lua_pop(L, 2);  //
    return spec;
}

}  // namespace assay::lua
