// The `a` and `c` values passed to rule functions. Fields are computed from
// the host's Outcome and Counts when read; an unknown field is an error with
// a "did you mean" (a mis-typed a.valeu would otherwise be nil).
#include "lua/rule_views.hpp"
#include "lua/sandbox.hpp"

#include "lua/lua_util.hpp"
#include "lua/suggest.hpp"

#include <assay/number.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace assay::lua {
namespace {

constexpr const char* kAssessmentMeta = "assay.assessment";
constexpr const char* kCountsMeta = "assay.counts";
const char kAssessmentKey = 0;  // registry keys (by address) of the two userdata
const char kCountsKey = 0;

// `a` as a method's self, for the reads a trace records itself.
const RateView& view_self(lua_State* L) {
    // `a` is one userdata per state, made with the state: a method's self is it or is not `a`.
    void* ud = lua_touserdata(L, 1);
    auto* slot = ud && ud == Sandbox::of(L).assessment_view ? static_cast<const RateView**>(ud) : nullptr;
    if (!slot) throw RuleError("call methods of `a` with a colon, as in a:on_track()");
    if (!*slot) throw RuleError("`a` is only available while the rating function runs");
    return **slot;
}

// `a` as a method's self, for any other read: the call is then not replayable.
const RateView& rate_view(lua_State* L) {
    const RateView& v = view_self(L);
    if (v.trace) v.trace->replayable = false;
    return v;
}

const Counts& counts_view(lua_State* L) {
    auto* slot = static_cast<const Counts**>(luaL_checkudata(L, 1, kCountsMeta));
    if (!*slot) throw RuleError("`c` is only available while the roll-up function runs");
    return **slot;
}

void push_optional(lua_State* L, const std::optional<double>& x) {
    if (x)
        lua_pushnumber(L, *x);
    else
        lua_pushnil(L);
}

const Series& series_of(const RateView& v) {
    return v.data->series.at(v.outcome->series);
}
const Indicator& indicator_of(const RateView& v) {
    return v.data->indicators.at(series_of(v).indicator);
}

std::optional<Point> current(const RateView& v) {
    return v.outcome->current;
}

void set_number(lua_State* L, const char* name, const std::optional<double>& x) {
    if (!x) return;
    lua_pushnumber(L, *x);      // t x
    lua_setfield(L, -2, name);  // t
}

void set_bool(lua_State* L, const char* name, bool b) {
    lua_pushboolean(L, b);      // t b
    lua_setfield(L, -2, name);  // t
}

// a.target: nil, or a fresh table of the target's figures.
void push_target(lua_State* L, const RateView& v) {
    const auto& t = v.outcome->target;
    if (!t) {
        lua_pushnil(L);
        return;
    }
    lua_createtable(L, 0, 10);  // t
    set_number(L, "value", t->target);
    set_number(L, "trajectory", t->trajectory);
    set_number(L, "distance", t->distance);
    set_number(L, "distance_pct", t->distance_pct);
    set_number(L, "projection", t->projection);
    set_bool(L, "on_track", t->on_track);
    set_bool(L, "met", t->met);
    set_bool(L, "will_meet", t->will_meet);
    if (t->baseline) set_number(L, "baseline", t->baseline->value);
    if (t->due) {
        push(L, t->due->label);      // t label
        lua_setfield(L, -2, "due");  // t
    }
}

// The group's names for its further arrows, joined by commas ("long,short").
std::string arrow_names(const RateView& v) {
    std::string names;
    for (const NamedArrowRule& a : v.pack->groups.at(v.outcome->group).other_arrows)
        names += (names.empty() ? "" : ",") + a.name;
    return names;
}

// What to say about an arrow name the group does not declare.
std::string arrow_hint(std::string_view name, const std::vector<std::string>& known) {
    std::string hint = suggest_name(name, known);
    if (!hint.empty()) return hint;
    return known.empty() ? " (the group declares no arrows = { ... })" : " (it declares " + quoted_list(known) + ")";
}

// __index of a.arrows for a name it lacks: nil for a declared arrow that
// could not be decided, an error for a name the group does not declare.
int arrows_index(lua_State* L) {
    std::string_view key = lua_type(L, 2) == LUA_TSTRING ? view_of(L, 2) : std::string_view("?");
    std::string_view names = view_of(L, lua_upvalueindex(1));
    std::vector<std::string> known;
    for (size_t at = 0; at < names.size();) {
        size_t comma = std::min(names.find(',', at), names.size());
        known.emplace_back(names.substr(at, comma - at));
        at = comma + 1;
    }
    if (std::find(known.begin(), known.end(), key) != known.end()) {
        lua_pushnil(L);
        return 1;
    }
    throw RuleError(fmt::format("a.arrows has no arrow '{}'{}", key, arrow_hint(key, known)));
}

// a.arrows: the group's further arrows by name, each a word such as "improved" or nil.
void push_other_arrows(lua_State* L, const RateView& v) {
    const auto& arrows = v.outcome->other_arrows;
    lua_createtable(L, 0, static_cast<int>(arrows.size()));  // t
    for (const OtherArrow& a : arrows) {
        if (a.arrow == Arrow::none) continue;
        push(L, to_string(a.arrow));          // t word
        lua_setfield(L, -2, a.name.c_str());  // t
    }
    lua_createtable(L, 0, 1);                       // t mt
    push(L, arrow_names(v));                        // t mt names
    lua_pushcclosure(L, guarded<arrows_index>, 1);  // t mt index
    lua_setfield(L, -2, "__index");                 // t mt
    lua_setmetatable(L, -2);                        // t
}

Polarity polarity_of(const RateView& v) {
    const Group& g = v.pack->groups.at(v.outcome->group);
    return g.polarity ? *g.polarity : indicator_of(v).polarity;
}

// The reads a trace can replay: the fields of one value (a.indicator ...
// a.arrow), then the methods (a:on_track() ... a:has_arrow("long")).
enum Readable : uint8_t {
    r_indicator,
    r_title,
    r_area,
    r_group,
    r_polarity,
    r_unit,
    r_value,
    r_period,
    r_previous,
    r_previous_period,
    r_change,
    r_change_pct,
    r_arrow,
    kFields,
    r_on_track = kFields,
    r_will_meet,
    r_met,
    r_has_target,
    r_improved,
    r_static,
    r_declined,
    r_peak,
    r_has_arrow,
    kReadables
};
constexpr std::string_view kReadableNames[kReadables] = {
    "indicator",  "title",           "area",   "group",      "polarity", "unit",     "value",     "period",
    "previous",   "previous_period", "change", "change_pct", "arrow",    "on_track", "will_meet", "met",
    "has_target", "improved",        "static", "declined",   "peak",     "has_arrow"};

void push_value(lua_State* L, const ViewValue& x) {
    switch (x.kind) {
        case ViewValue::Kind::nil:
            lua_pushnil(L);
            break;
        case ViewValue::Kind::boolean:
            lua_pushboolean(L, x.b);
            break;
        case ViewValue::Kind::number:
            lua_pushnumber(L, x.x);
            break;
        case ViewValue::Kind::text:
            lua_pushlstring(L, x.s.data(), x.s.size());
            break;
    }
}

// Pushes field `key` of `a`; false when there is no such field.
bool push_field(lua_State* L, const RateView& v, std::string_view key) {
    for (uint8_t i = 0; i < kFields; ++i) {
        if (key != kReadableNames[i]) continue;
        ViewValue x;
        read_view(v, i, ViewValue{}, x);  // a field has no argument to refuse
        push_value(L, x);
        if (v.trace) v.trace->reads.push_back(ViewRead{i, ViewValue{}, std::move(x)});
        return true;
    }
    if (v.trace) v.trace->replayable = false;  // a table (a.target, a.arrows), or no such field
    if (key == "arrows")
        push_other_arrows(L, v);
    else if (key == "target")
        push_target(L, v);
    else
        return false;
    return true;
}

const std::vector<std::string> kAssessmentNames = {
    "indicator",       "title",  "area",       "group", "polarity",   "value",     "period",    "previous",
    "previous_period", "change", "change_pct", "arrow", "target",     "on_track",  "will_meet", "met",
    "improved",        "static", "declined",   "peak",  "has_target", "has_arrow", "unit",      "arrows",
    "lookup"};

// At most this many reads are listed for explain.
constexpr size_t kMostReads = 40;

// The value on top as explain shows it: a number, a word, nil; a table by its main figure.
std::string shown_read(lua_State* L) {
    switch (lua_type(L, -1)) {
        case LUA_TNUMBER:
            return format_number(lua_tonumber(L, -1));
        case LUA_TBOOLEAN:
            return lua_toboolean(L, -1) ? "true" : "false";
        case LUA_TSTRING:
            return std::string(view_of(L, -1).substr(0, 80));
        case LUA_TNIL:
            return "nil";
        default:
            return "...";
    }
}

// Notes that the function read `what`, whose value is on top of the stack.
void note_read(lua_State* L, const RateView& v, std::string_view what) {
    if (!v.reads || v.reads->size() >= kMostReads) return;
    std::string line = std::string(what) + " = " + shown_read(L);
    if (std::find(v.reads->begin(), v.reads->end(), line) == v.reads->end()) v.reads->push_back(std::move(line));
}

// The method call `a:name(...)` as written, for the reads.
std::string method_call(lua_State* L, const char* name) {
    if (lua_type(L, 2) == LUA_TSTRING) return fmt::format("a:{}(\"{}\")", name, view_of(L, 2).substr(0, 40));
    return fmt::format("a:{}()", name);
}

// The arrow a method asks about: the main one, or the named one given as
// its argument (a:improved("long")). Throws where read_view refuses.
Arrow asked_arrow(lua_State* L, const RateView& v) {
    if (lua_isnoneornil(L, 2)) return v.outcome->arrow;
    if (lua_type(L, 2) != LUA_TSTRING)
        throw RuleError("name the arrow in quotes, as in a:improved(\"long\"), got " + describe(L, 2));
    std::string_view name = view_of(L, 2);
    for (const OtherArrow& a : v.outcome->other_arrows)
        if (a.name == name) return a.arrow;
    std::vector<std::string> known;
    for (const OtherArrow& a : v.outcome->other_arrows) known.push_back(a.name);
    throw RuleError(fmt::format("the group has no arrow '{}'{}", name, arrow_hint(name, known)));
}

// Methods: a:on_track() and friends; `self` is `a`. Those about an arrow
// take its name (a:improved("long")); the others take nothing.
template <uint8_t What>
int a_read(lua_State* L) {
    const RateView& v = view_self(L);
    ViewValue arg;
    if (What >= r_improved && lua_type(L, 2) == LUA_TSTRING) {
        arg.kind = ViewValue::Kind::text;
        arg.s = view_of(L, 2);
    }
    ViewValue x;
    if ((What >= r_improved && arg.kind == ViewValue::Kind::nil && !lua_isnoneornil(L, 2)) ||
        !read_view(v, What, arg, x)) {
        if (v.trace) v.trace->replayable = false;
        asked_arrow(L, v);  // raises the error
    }
    push_value(L, x);
    if (v.trace) v.trace->reads.push_back(ViewRead{What, std::move(arg), std::move(x)});
    if (v.reads) {
        const std::string name(kReadableNames[What]);
        note_read(L, v, What >= r_improved ? method_call(L, name.c_str()) : "a:" + name + "()");
    }
    return 1;
}

// The observation of `period` in series `s` holding a value, if any.
std::optional<double> value_at(const Dataset& d, const Series& s, uint32_t period) {
    auto first = d.obs_period.begin() + s.begin;
    auto last = d.obs_period.begin() + s.end;
    auto it = std::lower_bound(first, last, period);
    if (it == last || *it != period) return std::nullopt;
    auto obs = static_cast<size_t>(it - d.obs_period.begin());
    if (!d.has_value(static_cast<uint32_t>(obs))) return std::nullopt;
    return d.obs_value[obs];
}

// The latest period a lookup may see: the outcome's own latest observation,
// so that a run --as-at an earlier period cannot see later data.
std::optional<uint32_t> visible_until(const RateView& v) {
    const Outcome& o = *v.outcome;
    if (o.latest_obs) return v.data->obs_period.at(*o.latest_obs);
    if (o.current) return o.current->period;
    return std::nullopt;
}

uint32_t lookup_indicator(lua_State* L, const Dataset& d) {
    if (lua_type(L, 2) != LUA_TSTRING)
        throw RuleError("a:lookup(indicator [, area [, period]]): the indicator must be an id in quotes, got " +
                        describe(L, 2));
    std::string_view id = view_of(L, 2);
    if (auto i = d.find_indicator(id)) return *i;
    std::vector<std::string> ids;
    for (const Indicator& ind : d.indicators) ids.push_back(ind.id);
    throw RuleError(fmt::format("a:lookup: indicator '{}' is not in the dataset{}", id, suggest_name(id, ids)));
}

uint32_t lookup_area(lua_State* L, const RateView& v) {
    if (lua_isnoneornil(L, 3)) return series_of(v).area;
    if (lua_type(L, 3) != LUA_TSTRING)
        throw RuleError("a:lookup(indicator, area): the area must be a name in quotes, got " + describe(L, 3));
    std::string_view name = view_of(L, 3);
    if (auto a = v.data->find_area(name)) return *a;
    throw RuleError(
        fmt::format("a:lookup: area '{}' is not in the dataset{}", name, suggest_name(name, v.data->areas)));
}

// The period asked for, or nothing when it is not one of the dataset's.
std::optional<uint32_t> lookup_period(lua_State* L, const RateView& v) {
    if (lua_isnoneornil(L, 4)) {
        if (!v.outcome->current) return std::nullopt;
        return v.outcome->current->period;
    }
    if (lua_type(L, 4) != LUA_TSTRING)
        throw RuleError(
            "a:lookup(indicator, area, period): the period must be a label in quotes such as \"2006/07\", got " +
            describe(L, 4));
    std::string_view label = view_of(L, 4);
    Result<Period> parsed = parse_period(label);
    if (!parsed) throw RuleError("a:lookup: " + parsed.error().message);
    return v.data->find_period(label);
}

// a:lookup(indicator [, area [, period]]): another series' value, or nil.
int a_lookup(lua_State* L) {
    const RateView& v = rate_view(L);
    const Dataset& d = *v.data;
    uint32_t indicator = lookup_indicator(L, d);
    uint32_t area = lookup_area(L, v);
    std::optional<uint32_t> period = lookup_period(L, v);
    std::optional<uint32_t> limit = visible_until(v);
    std::optional<uint32_t> s = d.find_series(indicator, area);
    if (v.other_series && (indicator != series_of(v).indicator || area != series_of(v).area)) *v.other_series = true;
    std::optional<double> value;
    if (period && limit && *period <= *limit && s) value = value_at(d, d.series[*s], *period);
    push_optional(L, value);
    if (v.reads)
        note_read(L, v,
                  fmt::format("a:lookup(\"{}\"{}{})", d.indicators[indicator].id,
                              !lua_isnoneornil(L, 3)   ? ", \"" + d.areas[area] + "\""
                              : !lua_isnoneornil(L, 4) ? std::string(", nil")
                                                       : std::string(),
                              period && !lua_isnoneornil(L, 4) ? ", \"" + d.periods[*period].label + "\"" : ""));
    return 1;
}

const luaL_Reg kAssessmentMethods[] = {
    {"on_track", guarded<a_read<r_on_track>>},
    {"will_meet", guarded<a_read<r_will_meet>>},
    {"met", guarded<a_read<r_met>>},
    {"improved", guarded<a_read<r_improved>>},
    {"static", guarded<a_read<r_static>>},
    {"declined", guarded<a_read<r_declined>>},
    {"peak", guarded<a_read<r_peak>>},
    {"has_target", guarded<a_read<r_has_target>>},
    {"has_arrow", guarded<a_read<r_has_arrow>>},
    {"lookup", guarded<a_lookup>},
    {nullptr, nullptr},
};

// The fields of `a`. `a`'s __index is the table of its methods, found there
// without a call; this is that table's __index, for what is not a method, so
// its first argument is the table, and `a` is the state's one view.
int assessment_field(lua_State* L) {
    auto* slot = static_cast<const RateView* const*>(Sandbox::of(L).assessment_view);
    if (!slot || !*slot) throw RuleError("`a` is only available while the rating function runs");
    const RateView& v = **slot;
    if (lua_type(L, 2) != LUA_TSTRING) {
        if (v.trace) v.trace->replayable = false;
        throw RuleError("`a` has fields such as a.value and a.arrow");
    }
    std::string_view key = view_of(L, 2);
    if (push_field(L, v, key)) {
        if (!v.reads) {
            // nothing to note
        } else if (key == "target" && v.outcome->target) {
            lua_getfield(L, -1, "value");  // a key target value
            note_read(L, v, "target.value");
            lua_pop(L, 1);  // a key target
        } else if (key != "arrows" && key != "target") {
            note_read(L, v, key);
        }
        return 1;
    }
    throw RuleError(fmt::format("`a` has no field '{}'{}", key, suggest_name(key, kAssessmentNames)));
}

int read_only(lua_State* L) {
    return luaL_error(L, "%s is read-only", luaL_testudata(L, 1, kCountsMeta) ? "`c`" : "`a`");
}

int assessment_tostring(lua_State* L) {
    const RateView& v = rate_view(L);
    push(L, fmt::format("assessment of {} in {}", indicator_of(v).id, v.data->areas.at(series_of(v).area)));
    return 1;
}

// Pushes a table label -> count.
void push_count_map(lua_State* L, const std::map<std::string, int>& m) {
    lua_createtable(L, 0, static_cast<int>(m.size()));  // t
    for (const auto& [label, n] : m) {
        lua_pushinteger(L, n);               // t n
        lua_setfield(L, -2, label.c_str());  // t
    }
}

const std::vector<std::string> kCountsNames = {"ratings", "arrows", "assessed", "unrated"};

int counts_index(lua_State* L) {
    const Counts& c = counts_view(L);
    std::string_view key = lua_type(L, 2) == LUA_TSTRING ? view_of(L, 2) : std::string_view("?");
    if (key == "ratings")
        push_count_map(L, c.ratings);
    else if (key == "arrows")
        push_count_map(L, c.arrows);
    else if (key == "assessed")
        lua_pushinteger(L, c.assessed);
    else if (key == "unrated")
        lua_pushinteger(L, c.unrated);
    else
        throw RuleError(fmt::format("`c` has no field '{}'{}", key, suggest_name(key, kCountsNames)));
    return 1;
}

// Creates the one userdata of a view and keeps it in the registry under `key`.
void make_view(lua_State* L, const char* meta, const void* key, lua_CFunction index, bool with_methods,
               lua_CFunction tostring) {
    *static_cast<const void**>(lua_newuserdatauv(L, sizeof(void*), 0)) = nullptr;  // ud
    luaL_newmetatable(L, meta);                                                    // ud mt
    if (with_methods) {
        luaL_newlib(L, kAssessmentMethods);  // ud mt methods
        lua_createtable(L, 0, 2);            // ud mt methods mmt
        lua_pushcfunction(L, index);         // ud mt methods mmt index
        lua_setfield(L, -2, "__index");      // ud mt methods mmt
        lua_pushboolean(L, 0);               // ud mt methods mmt false
        lua_setfield(L, -2, "__metatable");  // ud mt methods mmt
        lua_setmetatable(L, -2);             // ud mt methods
    } else {
        lua_pushcfunction(L, index);  // ud mt index
    }
    lua_setfield(L, -2, "__index");      // ud mt
    lua_pushcfunction(L, read_only);     // ud mt fn
    lua_setfield(L, -2, "__newindex");   // ud mt
    lua_pushboolean(L, 0);               // ud mt false
    lua_setfield(L, -2, "__metatable");  // ud mt
    if (tostring) {
        lua_pushcfunction(L, tostring);     // ud mt fn
        lua_setfield(L, -2, "__tostring");  // ud mt
    }
    lua_setmetatable(L, -2);                 // ud
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);  //
}

void push_view(lua_State* L, const void* key, const void* target) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);  // ud
    *static_cast<const void**>(lua_touserdata(L, -1)) = target;
}

}  // namespace

bool ViewValue::operator==(const ViewValue& o) const {
    if (kind != o.kind) return false;
    switch (kind) {
        case Kind::nil:
            return true;
        case Kind::boolean:
            return b == o.b;
        case Kind::number:
            return std::memcmp(&x, &o.x, sizeof x) == 0;
        case Kind::text:
            return s == o.s;
    }
    return false;
}

bool read_view(const RateView& v, uint8_t what, const ViewValue& arg, ViewValue& out) {
    const Outcome& o = *v.outcome;
    out.kind = ViewValue::Kind::nil;
    out.s.clear();
    auto text = [&](std::string_view t) {
        out.kind = ViewValue::Kind::text;
        out.s.assign(t);
    };
    auto number = [&](const std::optional<double>& x) {
        if (!x) return;
        out.kind = ViewValue::Kind::number;
        out.x = *x;
    };
    auto boolean = [&](bool b) {
        out.kind = ViewValue::Kind::boolean;
        out.b = b;
    };
    auto point_value = [&](const std::optional<Point>& p) {
        if (p) number(p->value);
    };
    auto point_period = [&](const std::optional<Point>& p) {
        if (p) text(v.data->periods.at(p->period).label);
    };
    const auto& t = o.target;
    Arrow arrow = o.arrow;  // the one an arrow method asks about
    if (what >= r_improved && arg.kind != ViewValue::Kind::nil) {
        if (arg.kind != ViewValue::Kind::text) return false;
        auto named = std::find_if(o.other_arrows.begin(), o.other_arrows.end(),
                                  [&](const OtherArrow& a) { return a.name == arg.s; });
        if (named == o.other_arrows.end()) return false;
        arrow = named->arrow;
    }
    switch (what) {
        case r_indicator:
            text(indicator_of(v).id);
            break;
        case r_title:
            text(indicator_of(v).title);
            break;
        case r_area:
            text(v.data->areas.at(series_of(v).area));
            break;
        case r_group:
            text(v.pack->groups.at(o.group).id);
            break;
        case r_polarity:
            text(to_string(polarity_of(v)));
            break;
        case r_unit:
            text(indicator_of(v).unit);
            break;
        case r_value:
            point_value(current(v));
            break;
        case r_period:
            point_period(current(v));
            break;
        case r_previous:
            point_value(o.previous);
            break;
        case r_previous_period:
            point_period(o.previous);
            break;
        case r_change:
            number(o.change);
            break;
        case r_change_pct:
            number(o.change_pct);
            break;
        case r_arrow:
            if (o.arrow != Arrow::none) text(to_string(o.arrow));
            break;
        case r_on_track:
            boolean(t && t->on_track);
            break;
        case r_will_meet:
            boolean(t && t->will_meet);
            break;
        case r_met:
            boolean(t && t->met);
            break;
        case r_has_target:
            boolean(t.has_value());
            break;
        case r_improved:
            boolean(arrow == Arrow::improved);
            break;
        case r_static:
            boolean(arrow == Arrow::static_);
            break;
        case r_declined:
            boolean(arrow == Arrow::declined);
            break;
        case r_peak:
            boolean(arrow == Arrow::peak);
            break;
        case r_has_arrow:
            boolean(arrow != Arrow::none);
            break;
        default:
            return false;
    }
    return true;
}

void register_views(lua_State* L) {
    make_view(L, kAssessmentMeta, &kAssessmentKey, guarded<assessment_field>, true, guarded<assessment_tostring>);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kAssessmentKey);  // ud
    Sandbox::of(L).assessment_view = lua_touserdata(L, -1);
    lua_pop(L, 1);  //
    make_view(L, kCountsMeta, &kCountsKey, guarded<counts_index>, false, nullptr);
}

void push_assessment_view(lua_State* L, const RateView* view) {
    push_view(L, &kAssessmentKey, view);
}

void push_counts_view(lua_State* L, const Counts* counts) {
    push_view(L, &kCountsKey, counts);
}

}  // namespace assay::lua
