// The DSL's values: constructors exposed to rule code as one luaL_Reg table
// (plus the `arrow` table), each checking its arguments and building a plain
// C++ value held in an immutable userdata.
#include "lua/dsl_values.hpp"

#include "core/closest_name.hpp"
#include "lua/dsl_fields.hpp"
#include "lua/lua_util.hpp"
#include "lua/sandbox.hpp"
#include "lua/sandbox_env.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <new>
#include <span>
#include <utility>

namespace assay::lua {
namespace {

constexpr const char* kValueMeta = "assay.rule_value";

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

std::string arrow_text(const ArrowRule& r) {
    std::string opts;
    if (r.static_band.width != 0 || r.static_band.kind == Band::Kind::absolute)
        opts += "static_within = " + band_text(r.static_band);
    if (r.peak_at) opts += std::string(opts.empty() ? "" : ", ") + "peak_at = " + number_text(*r.peak_at);
    if (r.test != ArrowRule::Test::none)
        opts += std::string(opts.empty() ? "" : ", ") + "level = " + number_text(r.level * 100);
    return r.name + " { " + opts + (opts.empty() ? "}" : " }");
}

std::string rating_text(const RatingDraft& r) {
    std::string out = "first { ";
    for (size_t i = 0; i < r.rule.cases.size(); ++i) {
        const auto& c = r.rule.cases[i];
        out += (i ? ", " : "") + ("{ " + c.when.text + ", ") +
               (r.labels[i].empty() ? "unrated " + quoted(c.reason) : r.labels[i]) + " }";
    }
    return out + " }";
}

// Text of a value, for tostring and messages.
std::string value_text(const DslValue& v) {
    struct Text {
        std::string operator()(const Pct& p) const { return "pct(" + number_text(p.value) + ")"; }
        std::string operator()(const Unrated& u) const { return "unrated " + quoted(u.reason); }
        std::string operator()(const ArrowRule& r) const { return arrow_text(r); }
        std::string operator()(const Condition& c) const { return c.text; }
        std::string operator()(const RatingDraft& r) const { return rating_text(r); }
        std::string operator()(const RollupDraft& r) const { return r.rule.text; }
        std::string operator()(const DataRef& d) const { return "data " + quoted(d.column); }
    };
    return std::visit(Text{}, v);
}

std::string value_kind(const DslValue& v) {
    static const char* const kinds[] = {"the percentage",  "the rating case", "the arrow rule",    "the condition",
                                        "the rating rule", "the roll-up",     "the data reference"};
    return kinds[v.index()];
}

int value_gc(lua_State* L) {
    auto* v = static_cast<DslValue*>(luaL_checkudata(L, 1, kValueMeta));
    v->~DslValue();
    return 0;
}

int value_tostring(lua_State* L) {
    push(L, value_text(*to_value(L, 1)));
    return 1;
}

// __index: rule values have no fields; say so instead of Lua's generic error.
int value_index(lua_State* L) {
    std::string key = lua_type(L, 2) == LUA_TSTRING ? std::string(view_of(L, 2)) : "?";
    throw RuleError(fmt::format("{} has no field '{}'", describe_value(L, 1), key));
}

void push_condition(lua_State* L, Condition::Kind kind, std::string text) {
    Condition c;
    c.kind = kind;
    c.text = std::move(text);
    push_value(L, std::move(c));
}

// The condition at `idx`, or an error naming `where` and the expected form.
const Condition& condition_at(lua_State* L, int idx, const std::string& where) {
    const Condition* c = to<Condition>(L, idx);
    if (!c)
        throw RuleError(fmt::format("{} must be a condition such as on_track, improved or better_than(90), got {}",
                                    where, describe_value(L, idx)));
    return *c;
}

int dsl_pct(lua_State* L) {
    push_value(L, Pct{number_at(L, 1, "pct(x): x")});
    return 1;
}

// Reads the options table of an arrow rule at `idx` (may be absent).
void read_arrow_options(lua_State* L, int idx, ArrowRule& rule) {
    if (lua_isnoneornil(L, idx)) return;
    check_table(L, idx, rule.name, "arrow.last_two { static_within = pct(1.5), peak_at = 100 }");
    Fields f(L, idx, rule.name, {"static_within", "peak_at"});
    if (f.push("static_within") != LUA_TNIL) rule.static_band = band_at(L, -1, rule.name + ": static_within");
    lua_pop(L, 1);
    rule.peak_at = f.number("peak_at");
}

int arrow_rule(lua_State* L, ArrowRule::Compare compare, std::string name, int options_idx, int span) {
    ArrowRule rule;
    rule.compare = compare;
    rule.span = span;
    rule.name = std::move(name);
    rule.where = caller_loc(L);
    read_arrow_options(L, options_idx, rule);
    push_value(L, std::move(rule));
    return 1;
}

int arrow_last_two(lua_State* L) {
    return arrow_rule(L, ArrowRule::Compare::last_two, "arrow.last_two", 1, 1);
}

int arrow_same_period(lua_State* L) {
    return arrow_rule(L, ArrowRule::Compare::same_period_last_year, "arrow.same_period_last_year", 1, 1);
}

int arrow_periods_back(lua_State* L) {
    if (!lua_isinteger(L, 1) || lua_tointeger(L, 1) < 1 || lua_tointeger(L, 1) > 1000)
        throw RuleError("arrow.periods_back(n, { ... }): n must be a whole number of periods from 1 to 1000, got " +
                        describe_value(L, 1));
    int n = static_cast<int>(lua_tointeger(L, 1));
    return arrow_rule(L, ArrowRule::Compare::periods_back, fmt::format("arrow.periods_back({})", n), 2, n);
}

// A confidence level written as 0.95 or 95 (per cent), strictly between 0 and 100 %.
double level_at(lua_State* L, int idx, const std::string& what) {
    if (lua_isnoneornil(L, idx)) return 0.95;
    double x = number_at(L, idx, what);
    if (x > 1) x /= 100;
    if (!(x > 0 && x < 1))
        throw RuleError(fmt::format("{} must be a confidence level such as 0.95 or 99.8 (per cent), got {}", what,
                                    number_text(lua_tonumber(L, idx))));
    return x;
}

// significantly_better("England" [, level]) and friends: a comparison of the
// area's confidence interval with a comparator area's value.
int comparator_condition(lua_State* L, Condition::Kind kind, const char* name) {
    if (lua_type(L, 1) != LUA_TSTRING || lua_rawlen(L, 1) == 0)
        throw RuleError(
            fmt::format("{}(area [, level]): name the comparator area in quotes, as in {}(\"England\", "
                        "99.8), got {}",
                        name, name, describe_value(L, 1)));
    if (lua_gettop(L) > 2) throw RuleError(fmt::format("{}(area [, level]) takes at most two arguments", name));
    Condition c;
    c.kind = kind;
    c.comparator_area = std::string(view_of(L, 1));
    c.level = level_at(L, 2, fmt::format("{}(area, level): level", name));
    c.text = fmt::format("{}(\"{}\", {})", name, c.comparator_area, number_text(c.level * 100));
    push_value(L, std::move(c));
    return 1;
}

int dsl_significantly_better(lua_State* L) {
    return comparator_condition(L, Condition::Kind::significantly_better, "significantly_better");
}
int dsl_similar_to(lua_State* L) {
    return comparator_condition(L, Condition::Kind::similar, "similar_to");
}
int dsl_significantly_worse(lua_State* L) {
    return comparator_condition(L, Condition::Kind::significantly_worse, "significantly_worse");
}

// above_funnel("England" [, level]) and friends: where the area falls on a
// funnel plot around a comparator area's value.
int dsl_above_funnel(lua_State* L) {
    return comparator_condition(L, Condition::Kind::above_funnel, "above_funnel");
}
int dsl_within_funnel(lua_State* L) {
    return comparator_condition(L, Condition::Kind::within_funnel, "within_funnel");
}
int dsl_below_funnel(lua_State* L) {
    return comparator_condition(L, Condition::Kind::below_funnel, "below_funnel");
}
// better_than_funnel("England" [, level]), worse_than_funnel: outside the
// funnel's control limits on the indicator's better (worse) side.
int dsl_better_than_funnel(lua_State* L) {
    return comparator_condition(L, Condition::Kind::better_than_funnel, "better_than_funnel");
}
int dsl_worse_than_funnel(lua_State* L) {
    return comparator_condition(L, Condition::Kind::worse_than_funnel, "worse_than_funnel");
}

// arrow.significant { level = 95 }: the last two values, moving only on a
// significant change; arrow.trend(n, { level = 95 }): a significant trend
// over the last n values.
void read_test_options(lua_State* L, int idx, ArrowRule& rule, const char* example) {
    if (lua_isnoneornil(L, idx)) return;
    check_table(L, idx, rule.name, example);
    Fields f(L, idx, rule.name, {"level"});
    if (f.push("level") != LUA_TNIL) rule.level = level_at(L, -1, rule.name + ": level");
    lua_pop(L, 1);
}

int arrow_significant(lua_State* L) {
    ArrowRule rule;
    rule.compare = ArrowRule::Compare::last_two;
    rule.test = ArrowRule::Test::change;
    rule.name = "arrow.significant";
    rule.where = caller_loc(L);
    read_test_options(L, 1, rule, "arrow.significant { level = 95 }");
    push_value(L, std::move(rule));
    return 1;
}

int arrow_trend(lua_State* L) {
    if (!lua_isinteger(L, 1) || lua_tointeger(L, 1) < 3 || lua_tointeger(L, 1) > 100)
        throw RuleError("arrow.trend(n, { ... }): n must be a whole number of values from 3 to 100, got " +
                        describe_value(L, 1));
    ArrowRule rule;
    rule.compare = ArrowRule::Compare::last_two;
    rule.test = ArrowRule::Test::trend;
    rule.span = static_cast<int>(lua_tointeger(L, 1));
    rule.name = fmt::format("arrow.trend({})", rule.span);
    rule.where = caller_loc(L);
    read_test_options(L, 2, rule, "arrow.trend(5, { level = 95 })");
    push_value(L, std::move(rule));
    return 1;
}

int dsl_better_than(lua_State* L) {
    Condition c;
    c.kind = Condition::Kind::better_than;
    if (const DataRef* d = to<DataRef>(L, 1)) {
        c.reference = d->column;
        c.text = "better_than(data \"" + d->column + "\")";
    } else {
        if (lua_type(L, 1) != LUA_TNUMBER)
            throw RuleError(
                "better_than(v): v must be a number, or a threshold of the data such as data \"floor\", got " +
                describe_value(L, 1));
        c.amount = number_at(L, 1, "better_than(v): v");
        c.text = "better_than(" + number_text(c.amount) + ")";
    }
    push_value(L, std::move(c));
    return 1;
}

int dsl_data(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING)
        throw RuleError("data(name): name a threshold column of the dataset in quotes, as in data \"floor\", got " +
                        describe_value(L, 1));
    std::string name(view_of(L, 1));
    std::span<const std::string_view> known = threshold_names();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::vector<std::string_view> names(known.begin(), known.end());
        throw RuleError(
            fmt::format("data \"{}\"{}: the thresholds a dataset can give are target, floor, tolerance "
                        "and comparator",
                        name, suggest_name(name, names, '"')));
    }
    push_value(L, DataRef{std::move(name)});
    return 1;
}

// within(band [, reference]), short_of(...), better_by(...): the value against
// a reference (the target, or a threshold of the data) with a band (pct(x),
// a number, or a threshold of the data such as data "tolerance").
int band_condition(lua_State* L, Condition::Kind kind, const char* name) {
    const std::string what = fmt::format("{}(band, reference)", name);
    Condition c;
    c.kind = kind;
    std::string band;
    if (const DataRef* d = to<DataRef>(L, 1)) {
        c.band_column = d->column;
        band = "data \"" + d->column + "\"";
    } else {
        if (to<Pct>(L, 1) == nullptr && lua_type(L, 1) != LUA_TNUMBER)
            throw RuleError(what +
                            ": band must be pct(x) (a percentage of the reference), a number (in the "
                            "indicator's units) or a threshold of the data such as data \"tolerance\", got " +
                            describe_value(L, 1));
        c.band = band_at(L, 1, what + ": band");
        band = band_text(c.band);
    }
    std::string ref;
    if (!lua_isnoneornil(L, 2)) {
        const DataRef* d = to<DataRef>(L, 2);
        if (!d)
            throw RuleError(what +
                            ": reference must be a threshold of the data such as data \"target\" (leave it "
                            "out for the indicator's target), got " +
                            describe_value(L, 2));
        c.reference = d->column;
        ref = ", data \"" + d->column + "\"";
    }
    c.text = fmt::format("{}({}{})", name, band, ref);
    push_value(L, std::move(c));
    return 1;
}

int dsl_within(lua_State* L) {
    return band_condition(L, Condition::Kind::within, "within");
}
int dsl_short_of(lua_State* L) {
    return band_condition(L, Condition::Kind::short_of, "short_of");
}
int dsl_better_by(lua_State* L) {
    return band_condition(L, Condition::Kind::better_by, "better_by");
}

int dsl_distance_within(lua_State* L) {
    Condition c;
    c.kind = Condition::Kind::distance_within;
    c.band = band_at(L, 1, "distance_within(x): x");
    c.text = "distance_within(" + band_text(c.band) + ")";
    push_value(L, std::move(c));
    return 1;
}

// improved_over("long") and friends: an arrow condition on a named arrow of the group.
int arrow_over(lua_State* L, Condition::Kind kind, const char* name) {
    if (lua_type(L, 1) != LUA_TSTRING || lua_rawlen(L, 1) == 0)
        throw RuleError(fmt::format("{}(name): name one of the group's arrows in quotes, as in {}(\"long\"), got {}",
                                    name, name, describe_value(L, 1)));
    Condition c;
    c.kind = kind;
    c.arrow = view_of(L, 1);
    c.text = fmt::format("{}(\"{}\")", name, c.arrow);
    push_value(L, std::move(c));
    return 1;
}

int dsl_improved_over(lua_State* L) {
    return arrow_over(L, Condition::Kind::improved, "improved_over");
}
int dsl_static_over(lua_State* L) {
    return arrow_over(L, Condition::Kind::static_, "static_over");
}
int dsl_declined_over(lua_State* L) {
    return arrow_over(L, Condition::Kind::declined, "declined_over");
}
int dsl_peak_over(lua_State* L) {
    return arrow_over(L, Condition::Kind::peak, "peak_over");
}
int dsl_has_arrow_over(lua_State* L) {
    return arrow_over(L, Condition::Kind::has_arrow, "has_arrow_over");
}

// Limits on one condition, and on the conditions of one rating rule. A
// condition is copied whole into every value built from it, and evaluated
// and destroyed recursively, so a loop that doubles one (c = all { c, c })
// must stop long before host memory or the C++ stack runs out.
constexpr size_t kMaxConditionNodes = 1000;
constexpr int kMaxConditionDepth = 32;
constexpr size_t kMaxConditionBytes = 1u << 20;
constexpr size_t kMaxRuleNodes = 10 * kMaxConditionNodes;

// How big a condition is: nodes, depth and host bytes.
struct Shape {
    size_t nodes = 0;
    int depth = 0;
    size_t bytes = 0;
};

Shape shape_of(const Condition& c) {
    Shape s{1, 1, sizeof(Condition) + c.text.size() + c.arrow.size() + c.reference.size() + c.band_column.size()};
    for (const Condition& child : c.children) {
        Shape k = shape_of(child);
        s.nodes += k.nodes;
        s.depth = std::max(s.depth, k.depth + 1);
        s.bytes += k.bytes;
    }
    return s;
}

// Adds `part` to `total`, refusing a condition (or rule) past the limits.
void grow(Shape& total, const Shape& part, size_t max_nodes, const std::string& what) {
    total.nodes += part.nodes;
    total.depth = std::max(total.depth, part.depth + 1);
    total.bytes += part.bytes;
    if (total.nodes > max_nodes || total.depth > kMaxConditionDepth || total.bytes > kMaxConditionBytes * 10)
        throw RuleError(fmt::format("{}: the condition is too large (at most {} parts, {} levels deep)", what,
                                    max_nodes, kMaxConditionDepth));
}

// all{...} / any{...}: at least one condition.
int combine(lua_State* L, Condition::Kind kind, const char* name) {
    const std::string what = std::string(name) + " { c1, c2, ... }";
    check_table(L, 1, name, "all { on_track, improved }");
    Fields(L, 1, what, {}, static_cast<int>(lua_rawlen(L, 1)));
    Condition c;
    c.kind = kind;
    c.text = std::string(name) + " { ";
    Shape shape{1, 1, 0};
    for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L, 1)); ++i) {
        lua_rawgeti(L, 1, i);  // item
        const Condition& child = condition_at(L, -1, fmt::format("{}: item {}", what, i));
        grow(shape, shape_of(child), kMaxConditionNodes, what);
        c.children.push_back(child);
        lua_pop(L, 1);
        c.text += (i > 1 ? ", " : "") + c.children.back().text;
    }
    if (c.children.empty()) throw RuleError(what + ": give at least one condition");
    c.text += " }";
    push_value(L, std::move(c));
    return 1;
}

int dsl_all(lua_State* L) {
    return combine(L, Condition::Kind::all, "all");
}
int dsl_any(lua_State* L) {
    return combine(L, Condition::Kind::any, "any");
}

int dsl_no(lua_State* L) {
    Condition c;
    c.kind = Condition::Kind::not_;
    const Condition& child = condition_at(L, 1, "no(c): c");
    Shape shape{1, 1, 0};
    grow(shape, shape_of(child), kMaxConditionNodes, "no(c)");
    c.children.push_back(child);
    c.text = "no(" + c.children.front().text + ")";
    push_value(L, std::move(c));
    return 1;
}

int dsl_unrated(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING)
        throw RuleError("unrated \"reason\": the reason must be text in quotes, got " + describe_value(L, 1));
    push_value(L, Unrated{std::string(view_of(L, 1))});
    return 1;
}

// One case of first{...}: { condition, LEVEL } or { condition, unrated "why" }.
void read_case(lua_State* L, int idx, int n, RatingDraft& draft, Shape& draft_shape) {
    const std::string what = fmt::format("first: case {}", n);
    check_table(L, idx, what, "{ on_track, GREEN }");
    Fields f(L, idx, what, {}, 2);
    RatingRule::Case c;
    f.push(1);  // cond
    c.when = condition_at(L, -1, what + ": the first entry");
    grow(draft_shape, shape_of(c.when), kMaxRuleNodes, what);
    f.push(2);  // cond level
    std::string label;
    if (lua_type(L, -1) == LUA_TSTRING) {
        label = view_of(L, -1);
        if (label.empty()) throw RuleError(what + ": the level must not be empty");
    } else if (const Unrated* u = to<Unrated>(L, -1)) {
        c.level = -1;
        c.reason = u->reason;
    } else {
        throw RuleError(fmt::format("{}: the second entry must be a level such as GREEN or unrated \"why\", got {}",
                                    what, describe_value(L, -1)));
    }
    lua_pop(L, 2);
    draft.rule.cases.push_back(std::move(c));
    draft.labels.push_back(std::move(label));
}

int dsl_first(lua_State* L) {
    check_table(L, 1, "first", "first { { on_track, GREEN }, { otherwise, RED } }");
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, 1));
    Fields(L, 1, "first { ... }", {}, static_cast<int>(n));
    RatingDraft draft;
    draft.rule.kind = RatingRule::Kind::first_match;
    draft.rule.name = "first";
    draft.rule.where = caller_loc(L);
    Shape shape;
    for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L, 1, i);  // case
        read_case(L, lua_gettop(L), static_cast<int>(i), draft, shape);
        lua_pop(L, 1);
    }
    if (draft.rule.cases.empty()) throw RuleError("first { ... } needs at least one case such as { otherwise, RED }");
    push_value(L, std::move(draft));
    return 1;
}

void push_rollup(lua_State* L, RollupRule::Kind kind, const char* text) {
    RollupDraft d;
    d.rule.kind = kind;
    d.rule.text = text;
    push_value(L, std::move(d));
}

// mean { { 0.8, GREEN }, { 0.6, AMBER }, { 0, RED } }: thresholds best first.
int dsl_mean(lua_State* L) {
    check_table(L, 1, "mean", "mean { { 0.8, GREEN }, { 0.5, AMBER }, { 0, RED } }");
    const auto n = static_cast<lua_Integer>(lua_rawlen(L, 1));
    Fields(L, 1, "mean { ... }", {}, static_cast<int>(n));
    RollupDraft d;
    d.rule.kind = RollupRule::Kind::mean;
    d.rule.where = caller_loc(L);
    d.rule.text = "mean { ";
    for (lua_Integer i = 1; i <= n; ++i) {
        const std::string what = fmt::format("mean: threshold {}", i);
        lua_rawgeti(L, 1, i);  // pair
        check_table(L, -1, what, "{ 0.8, GREEN }");
        Fields(L, -1, what, {}, 2);
        lua_rawgeti(L, -1, 1);  // pair score
        double score = number_at(L, -1, what + ": the score");
        if (score < 0 || score > 1) throw RuleError(what + ": the score must be between 0 and 1");
        if (!d.rule.thresholds.empty() && score >= d.rule.thresholds.back().first)
            throw RuleError(what + ": list thresholds best first, each lower than the one before");
        if (lua_rawgeti(L, -2, 2) != LUA_TSTRING)  // pair score level
            throw RuleError(what + ": the second entry must be a level such as GREEN, got " + describe_value(L, -1));
        d.labels.emplace_back(view_of(L, -1));
        d.rule.thresholds.emplace_back(score, 0);
        d.rule.text += (i > 1 ? ", " : "") + ("{ " + number_text(score) + ", " + d.labels.back() + " }");
        lua_pop(L, 3);
    }
    if (d.rule.thresholds.empty()) throw RuleError("mean { ... } needs at least one threshold such as { 0, RED }");
    d.rule.text += " }";
    push_value(L, std::move(d));
    return 1;
}

const luaL_Reg kValueMethods[] = {
    {"__gc", value_gc},
    {"__tostring", guarded<value_tostring>},
    {"__index", guarded<value_index>},
    {nullptr, nullptr},
};

const luaL_Reg kConstructors[] = {
    {"pct", guarded<dsl_pct>},
    {"better_than", guarded<dsl_better_than>},
    {"distance_within", guarded<dsl_distance_within>},
    {"data", guarded<dsl_data>},
    {"within", guarded<dsl_within>},
    {"short_of", guarded<dsl_short_of>},
    {"better_by", guarded<dsl_better_by>},
    {"significantly_better", guarded<dsl_significantly_better>},
    {"similar_to", guarded<dsl_similar_to>},
    {"significantly_worse", guarded<dsl_significantly_worse>},
    {"above_funnel", guarded<dsl_above_funnel>},
    {"within_funnel", guarded<dsl_within_funnel>},
    {"below_funnel", guarded<dsl_below_funnel>},
    {"better_than_funnel", guarded<dsl_better_than_funnel>},
    {"worse_than_funnel", guarded<dsl_worse_than_funnel>},
    {"improved_over", guarded<dsl_improved_over>},
    {"static_over", guarded<dsl_static_over>},
    {"declined_over", guarded<dsl_declined_over>},
    {"peak_over", guarded<dsl_peak_over>},
    {"has_arrow_over", guarded<dsl_has_arrow_over>},
    {"all", guarded<dsl_all>},
    {"any", guarded<dsl_any>},
    {"no", guarded<dsl_no>},
    {"first", guarded<dsl_first>},
    {"unrated", guarded<dsl_unrated>},
    {"mean", guarded<dsl_mean>},
    {nullptr, nullptr},
};

const luaL_Reg kArrowConstructors[] = {
    {"last_two", guarded<arrow_last_two>},
    {"same_period_last_year", guarded<arrow_same_period>},
    {"periods_back", guarded<arrow_periods_back>},
    {"significant", guarded<arrow_significant>},
    {"trend", guarded<arrow_trend>},
    {nullptr, nullptr},
};

struct NamedCondition {
    const char* name;
    Condition::Kind kind;
};

const NamedCondition kConditions[] = {
    {"on_track", Condition::Kind::on_track},
    {"will_meet", Condition::Kind::will_meet},
    {"met", Condition::Kind::met},
    {"improved", Condition::Kind::improved},
    {"static", Condition::Kind::static_},
    {"declined", Condition::Kind::declined},
    {"peak", Condition::Kind::peak},
    {"has_target", Condition::Kind::has_target},
    {"has_arrow", Condition::Kind::has_arrow},
    {"otherwise", Condition::Kind::always},
};

const char* const kArrowWords[] = {"improved", "static", "declined", "peak", "increased", "decreased"};

void register_metatable(lua_State* L) {
    luaL_newmetatable(L, kValueMeta);  // mt
    luaL_setfuncs(L, kValueMethods, 0);
    lua_pushliteral(L, "rule value");    // mt name
    lua_setfield(L, -2, "__name");       // mt
    lua_pushboolean(L, 0);               // mt false
    lua_setfield(L, -2, "__metatable");  // mt
    lua_pop(L, 1);
}

// Host bytes a value holds beyond sizeof(DslValue).
size_t value_bytes(const DslValue& v) {
    struct Bytes {
        size_t operator()(const Pct&) const { return 0; }
        size_t operator()(const Unrated& u) const { return u.reason.size(); }
        size_t operator()(const ArrowRule& r) const { return r.name.size() + r.where.file.size(); }
        size_t operator()(const Condition& c) const { return shape_of(c).bytes; }
        size_t operator()(const RatingDraft& r) const {
            size_t n = r.rule.name.size() + r.rule.where.file.size();
            for (const auto& c : r.rule.cases) n += sizeof(c) + shape_of(c.when).bytes + c.reason.size();
            for (const auto& l : r.labels) n += sizeof(l) + l.size();
            return n;
        }
        size_t operator()(const RollupDraft& r) const {
            size_t n = r.rule.text.size() + r.rule.where.file.size() + r.rule.thresholds.size() * 16;
            for (const auto& l : r.labels) n += sizeof(l) + l.size();
            return n;
        }
        size_t operator()(const DataRef& d) const { return d.column.size(); }
    };
    return std::visit(Bytes{}, v);
}

// Host bytes the value at `idx` stands for: a text's length, a DSL value's
// userdata size, and a table's contents `depth` levels down. `visited`
// counts the entries looked at.
size_t held_bytes(lua_State* L, int idx, int depth, uint64_t& visited) {
    switch (lua_type(L, idx)) {
        case LUA_TSTRING:
        case LUA_TUSERDATA:
            return lua_rawlen(L, idx);
        case LUA_TTABLE: {
            if (depth == 0) return 0;
            idx = lua_absindex(L, idx);
            size_t total = 0;
            lua_pushnil(L);             // nil
            while (lua_next(L, idx)) {  // key value
                ++visited;
                total += held_bytes(L, -1, depth - 1, visited) + held_bytes(L, -2, 0, visited);
                lua_pop(L, 1);  // key
            }
            return total;
        }
        default:
            return 0;
    }
}

}  // namespace

void account_declaration(lua_State* L, int idx, const std::string& context) {
    uint64_t visited = 0;
    const size_t bytes = held_bytes(L, idx, 4, visited);
    Sandbox& sandbox = Sandbox::of(L);
    sandbox.charge(visited);
    if (!sandbox.account_host(bytes))
        throw RuleError(fmt::format("{}: the pack's declarations hold more than the memory limit of {} MiB", context,
                                    sandbox.limits().memory_bytes >> 20));
}

void push_value(lua_State* L, DslValue v) {
    // The userdata is as large as the value with everything it holds, so
    // that the memory cap counts the C++ copies rule code makes.
    void* memory = lua_newuserdatauv(L, sizeof(DslValue) + value_bytes(v), 0);  // ud
    new (memory) DslValue(std::move(v));
    luaL_setmetatable(L, kValueMeta);  // ud (destroyed by __gc from now on)
}

const DslValue* to_value(lua_State* L, int idx) {
    return static_cast<const DslValue*>(luaL_testudata(L, idx, kValueMeta));
}

std::string describe_value(lua_State* L, int idx) {
    if (const DslValue* v = to_value(L, idx)) return value_kind(*v) + " " + value_text(*v);
    return describe(L, idx);
}

Band band_at(lua_State* L, int idx, const std::string& what) {
    if (const Pct* p = to<Pct>(L, idx)) {
        if (p->value < 0) throw RuleError(what + " must not be negative");
        return Band{Band::Kind::relative, p->value};
    }
    if (lua_type(L, idx) == LUA_TNUMBER) {
        double width = number_at(L, idx, what);
        if (width < 0) throw RuleError(what + " must not be negative");
        return Band{Band::Kind::absolute, width};
    }
    throw RuleError(what + " must be pct(x) (a percentage) or a number (in the indicator's units), got " +
                    describe_value(L, idx));
}

std::string band_text(const Band& b) {
    return b.kind == Band::Kind::relative ? "pct(" + number_text(b.width) + ")" : number_text(b.width);
}

void add_dsl_values(lua_State* L) {
    register_metatable(L);
    luaL_setfuncs(L, kConstructors, 0);  // env
    luaL_newlib(L, kArrowConstructors);  // env arrow
    ArrowRule none;
    none.none = true;
    none.name = "arrow.none";
    push_value(L, std::move(none));  // env arrow none
    lua_setfield(L, -2, "none");     // env arrow
    make_strict(L);                  // (arrow.last_tow is an error)
    make_read_only(L, "arrow");
    lua_setfield(L, -2, "arrow");  // env
    for (const auto& c : kConditions) {
        push_condition(L, c.kind, c.name);  // env cond
        lua_setfield(L, -2, c.name);        // env
    }
    push_rollup(L, RollupRule::Kind::worst, "worst");
    lua_setfield(L, -2, "worst");
    push_rollup(L, RollupRule::Kind::best, "best");
    lua_setfield(L, -2, "best");
    push_rollup(L, RollupRule::Kind::majority, "majority");
    lua_setfield(L, -2, "majority");
    for (const char* word : kArrowWords) {
        std::string constant(word);
        for (char& ch : constant) ch = static_cast<char>(ch - 'a' + 'A');
        lua_pushstring(L, word);                // env word
        lua_setfield(L, -2, constant.c_str());  // env
    }
}

}  // namespace assay::lua
