// The derive declaration's fields: exactly one of gap, gap_areas, rate,
// rolling_sum or sum, plus title, unit, polarity, decimals and notes.
#include "lua/dsl_derive.hpp"

#include "lua/dsl_values.hpp"
#include "lua/lua_util.hpp"
#include "lua/suggest.hpp"

#include <assay/dataset.hpp>

#include <fmt/format.h>

#include <cmath>

namespace assay::lua {

const std::vector<std::string> kDeriveFields = {"title", "unit",      "polarity", "decimals",    "notes", "area",
                                                "gap",   "gap_areas", "rate",     "rolling_sum", "sum"};

namespace {

const char* const kKinds[] = {"gap", "gap_areas", "rate", "rolling_sum", "sum"};

// The positional entries 1..n of the table on top, as indicator ids.
std::vector<std::string> ids_on_top(lua_State* L, const std::string& what, size_t at_least) {
    std::vector<std::string> ids;
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, -1));
    for (lua_Integer i = 1; i <= n; ++i) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING)  // t item
            throw RuleError(
                fmt::format("{}: item {} must be an indicator id in quotes, got {}", what, i, describe_value(L, -1)));
        ids.emplace_back(view_of(L, -1));
        lua_pop(L, 1);  // t
    }
    if (ids.size() < at_least)
        throw RuleError(fmt::format("{} needs at least {} indicator{}", what, at_least, at_least == 1 ? "" : "s"));
    return ids;
}

// gap = { "a", "b" }: a - b.
void read_gap(lua_State* L, const std::string& what, DerivedSeries& d) {
    Fields(L, -1, what, {}, 2);
    d.inputs = ids_on_top(L, what, 2);
}

// gap_areas = { indicator = "x", from = "Area A", to = "Area B", area = "..." }.
void read_gap_areas(lua_State* L, const std::string& what, DerivedSeries& d) {
    Fields g(L, -1, what, {"indicator", "from", "to", "area"});
    d.inputs = {g.required_text("indicator")};
    d.from_area = g.required_text("from");
    d.to_area = g.required_text("to");
    if (d.from_area == d.to_area) throw RuleError(what + ": from and to must be different areas");
    if (auto area = g.text("area")) {
        if (!d.area.empty()) throw RuleError(what + ": give area once, here or beside gap_areas");
        d.area = *area;
    }
}

// rate = { "count", per = { "population" } or per = "population", scale = 1000 }.
void read_rate(lua_State* L, const std::string& what, DerivedSeries& d) {
    const auto n = static_cast<int>(lua_rawlen(L, -1));
    Fields r(L, -1, what, {"per", "scale"}, n);
    d.inputs = ids_on_top(L, what, 1);
    int t = r.push("per");  // t per
    if (t == LUA_TSTRING)
        d.per = {std::string(view_of(L, -1))};
    else if (t == LUA_TTABLE)
        d.per = text_list_at(L, -1, what + ": per");
    else
        r.wrong("per", "the denominator's indicator, as in per = { \"population\" }", -1);
    lua_pop(L, 1);  // t
    if (d.per.empty()) throw RuleError(what + ": per needs at least one indicator");
    d.scale = r.number("scale").value_or(1);
    if (d.scale <= 0) throw RuleError(what + ": scale must be above 0, as in scale = 1000 for a rate per 1,000");
}

// rolling_sum = { "monthly", months = 12 }.
void read_rolling_sum(lua_State* L, const std::string& what, DerivedSeries& d) {
    Fields r(L, -1, what, {"months"}, 1);
    d.inputs = ids_on_top(L, what, 1);
    if (d.inputs.size() != 1) throw RuleError(what + " takes one indicator, as in { \"crimes\", months = 12 }");
    double months = r.number("months").value_or(12);
    if (months != std::floor(months) || months < 1 || months > 120)
        throw RuleError(
            fmt::format("{}: months must be a whole number from 1 to 120, got {}", what, number_text(months)));
    d.months = static_cast<int>(months);
}

// sum = { "a", "b", ... }.
void read_sum(lua_State* L, const std::string& what, DerivedSeries& d) {
    Fields(L, -1, what, {}, static_cast<int>(lua_rawlen(L, -1)));
    d.inputs = ids_on_top(L, what, 2);
}

void read_metadata(const Fields& f, DerivedSeries& d) {
    d.title = f.text("title").value_or(d.id);
    d.unit = f.text("unit").value_or("");
    d.notes = f.text("notes").value_or("");
    if (auto p = f.text("polarity")) {
        d.polarity = polarity_from_string(*p);
        if (!d.polarity)
            throw RuleError(fmt::format(
                "{}: polarity must be \"higher_is_better\", \"lower_is_better\" or \"neutral\", got \"{}\"{}",
                f.context(), *p, suggest_name(*p, {"higher_is_better", "lower_is_better", "neutral"})));
    }
    if (auto dec = f.number("decimals")) {
        if (*dec != std::floor(*dec) || *dec < 0 || *dec > 10)
            throw RuleError(fmt::format("{}: decimals must be a whole number from 0 to 10, got {}", f.context(),
                                        number_text(*dec)));
        d.decimals = static_cast<int>(*dec);
    }
}

}  // namespace

void read_derive(lua_State* L, const Fields& f, DerivedSeries& d) {
    read_metadata(f, d);
    d.area = f.text("area").value_or("");
    const char* kind = nullptr;
    for (const char* k : kKinds) {
        if (!f.has(k)) continue;
        if (kind)
            throw RuleError(fmt::format("{}: give one of gap, gap_areas, rate, rolling_sum or sum, not both {} and {}",
                                        f.context(), kind, k));
        kind = k;
    }
    if (!kind)
        throw RuleError(f.context() +
                        ": say how the series is derived: gap, gap_areas, rate, rolling_sum or sum, as in "
                        "sum = { \"a\", \"b\" }");
    const std::string what = f.context() + ": " + kind;
    f.push(kind);  // spec
    check_table(L, -1, what, "sum = { \"a\", \"b\" }");
    const std::string k(kind);
    if (k != "gap_areas" && !d.area.empty()) throw RuleError(f.context() + ": area goes with gap_areas");
    if (k == "gap") {
        d.kind = DerivedSeries::Kind::gap;
        read_gap(L, what, d);
    } else if (k == "gap_areas") {
        d.kind = DerivedSeries::Kind::gap_areas;
        read_gap_areas(L, what, d);
    } else if (k == "rate") {
        d.kind = DerivedSeries::Kind::rate;
        read_rate(L, what, d);
    } else if (k == "rolling_sum") {
        d.kind = DerivedSeries::Kind::rolling_sum;
        read_rolling_sum(L, what, d);
    } else {
        d.kind = DerivedSeries::Kind::sum;
        read_sum(L, what, d);
    }
    lua_pop(L, 1);  //
}

}  // namespace assay::lua
