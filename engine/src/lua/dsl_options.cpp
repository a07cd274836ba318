// Reading rounding conventions (one for all, or per indicator) and a
// group's named arrows. Both are checked as they are read, so a mis-typed
// convention or a value that is not an arrow rule is an error at its line.
#include "lua/dsl_options.hpp"

#include "lua/dsl_values.hpp"
#include "lua/lua_util.hpp"
#include "lua/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace assay::lua {
namespace {

const std::vector<std::string> kConventions = {"half_up", "half_even", "truncate"};

// `field` ("rounding", "rounding default") names the convention in messages.
Rounding convention(const std::string& context, const char* field, const std::string& name) {
    if (auto mode = rounding_from_string(name)) return *mode;
    throw RuleError(fmt::format("{}: {} must be \"half_up\", \"half_even\" or \"truncate\", got \"{}\"{}", context,
                                field, name, suggest_name(name, kConventions)));
}

// A name for an arrow: letters, digits and '_', not starting with a digit.
bool plain_name(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
    return std::all_of(name.begin(), name.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return c < 0x80 && (std::isalnum(c) || c == '_');
    });
}

void add_arrow(std::vector<NamedArrowRule>& out, const std::string& context, std::string name, const ArrowRule& rule) {
    for (const NamedArrowRule& a : out)
        if (a.name == name) throw RuleError(fmt::format("{}: arrow '{}' is given twice", context, name));
    out.push_back(NamedArrowRule{std::move(name), rule});
}

const ArrowRule& arrow_at(lua_State* L, int idx, const std::string& what) {
    const ArrowRule* a = to<ArrowRule>(L, idx);
    if (!a)
        throw RuleError(fmt::format("{} must be an arrow rule such as arrow.periods_back(3, {{ }}), got {}", what,
                                    describe_value(L, idx)));
    if (a->none) throw RuleError(what + ": arrow.none is for a group's main arrow; leave a named arrow out instead");
    return *a;
}

// arrows = { short = ..., long = ... }: every key a plain name.
void read_arrow_table(lua_State* L, const Fields& f, std::vector<NamedArrowRule>& out) {
    const std::string what = f.context() + ": arrows";
    if (f.push("arrows") == LUA_TNIL) {  // arrows
        lua_pop(L, 1);
        return;
    }
    check_table(L, -1, what, "arrows = { short = arrow.last_two { }, long = arrow.periods_back(3, { }) }");
    const int t = lua_gettop(L);
    lua_pushnil(L);           // arrows nil
    while (lua_next(L, t)) {  // arrows key value
        if (lua_type(L, -2) != LUA_TSTRING || !plain_name(view_of(L, -2)))
            throw RuleError(
                fmt::format("{}: name each arrow, as in long = arrow.periods_back(3, {{ }}); got the key {}", what,
                            describe(L, -2)));
        std::string name(view_of(L, -2));
        add_arrow(out, f.context(), name, arrow_at(L, -1, what + ": " + name));
        lua_pop(L, 1);  // arrows key
    }
    lua_pop(L, 1);  //
}

}  // namespace

RoundingSpec read_rounding(lua_State* L, const Fields& f) {
    RoundingSpec spec;
    const int t = f.push("rounding");  // rounding
    if (t == LUA_TSTRING) {
        spec.general = convention(f.context(), "rounding", std::string(view_of(L, -1)));
    } else if (t == LUA_TTABLE) {
        const std::string what = f.context() + ": rounding";
        Fields r(L, -1, what, {"default", "half_up", "half_even", "truncate"});
        if (auto d = r.text("default")) spec.general = convention(f.context(), "rounding default", *d);
        for (const std::string& name : kConventions) {
            for (const std::string& id : r.text_list(name.c_str())) {
                auto [it, fresh] = spec.indicators.emplace(id, *rounding_from_string(name));
                if (!fresh)
                    throw RuleError(fmt::format("{}: indicator '{}' is given more than one rounding", what, id));
            }
        }
    } else if (t != LUA_TNIL) {
        f.wrong("rounding",
                "\"half_up\", \"half_even\", \"truncate\" or a table such as "
                "{ default = \"half_up\", truncate = { \"indicator\" } }",
                -1);
    }
    lua_pop(L, 1);  //
    return spec;
}

std::vector<NamedArrowRule> read_named_arrows(lua_State* L, const Fields& f) {
    std::vector<NamedArrowRule> out;
    read_arrow_table(L, f, out);
    for (const char* field : {"short_arrow", "long_arrow"}) {
        if (f.push(field) != LUA_TNIL) {  // rule
            std::string name(field);
            name.resize(name.size() - 6);  // "long_arrow" -> "long"
            add_arrow(out, f.context(), name, arrow_at(L, -1, f.context() + ": " + field));
        }
        lua_pop(L, 1);  //
    }
    // Lua tables have no order: short, medium and long first, then by name.
    auto rank = [](const std::string& n) { return n == "short" ? 0 : n == "medium" ? 1 : n == "long" ? 2 : 3; };
    std::sort(out.begin(), out.end(), [&](const NamedArrowRule& a, const NamedArrowRule& b) {
        return rank(a.name) != rank(b.name) ? rank(a.name) < rank(b.name) : a.name < b.name;
    });
    return out;
}

}  // namespace assay::lua
