// The DSL's declarations, exposed to rule code as one luaL_Reg table:
//   pack "name" { ... }   scale "name" { ... }   arrows { ... }
//   target "id" { ... }   group "id" { ... }     theme "id" { ... }
//   derive "id" { ... }
// A named declaration is two calls: `group "psa1"` returns a function that
// takes the table. Each records plain structs into the active PackDraft with
// the file:line where it was written; references between declarations are
// checked later by resolve_pack().
#include "core/shown_text.hpp"
#include "lua/dsl_derive.hpp"
#include "lua/dsl_fields.hpp"
#include "lua/dsl_helpers.hpp"
#include "lua/dsl_options.hpp"
#include "lua/dsl_presentation.hpp"
#include "lua/dsl_values.hpp"
#include "lua/lua_util.hpp"
#include "lua/pack_draft.hpp"
#include "lua/sandbox.hpp"
#include "lua/suggest.hpp"

#include <assay/dataset.hpp>
#include <assay/number.hpp>
#include <assay/period.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace assay::lua {
namespace {

const char kDraftKey = 0;  // registry key (by address) of the active PackDraft

PackDraft& active_draft(lua_State* L, const char* what) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kDraftKey);  // draft?
    auto* draft = static_cast<PackDraft*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (!draft) throw RuleError(std::string(what) + " can only be used while the pack loads, not inside a rule");
    return *draft;
}

// What the first call of a named declaration captured.
struct Named {
    PackDraft& draft;
    std::string name;
    SourceLoc where;
    std::string context;  // "group 'psa1'"
};

std::string where_text(const SourceLoc& loc) {
    return fmt::format("{}:{}", loc.file, loc.line);
}

// A named declaration whose table never came (`group "x"` alone) is an error.
void check_no_pending(const PackDraft& draft) {
    if (!draft.pending.empty())
        throw RuleError(fmt::format("{} (at {}) is missing its table: write {} {{ ... }}", draft.pending,
                                    where_text(draft.pending_where), draft.pending));
}

// First call: `group "psa1"` checks the name and returns `body` bound to it.
int name_declaration(lua_State* L, lua_CFunction body, const char* what, const char* example) {
    PackDraft& draft = active_draft(L, what);
    check_no_pending(draft);
    if (lua_type(L, 1) != LUA_TSTRING || lua_rawlen(L, 1) == 0)
        throw RuleError(fmt::format("{} expects a name in quotes, then a table: {}", what, example));
    if (lua_gettop(L) > 1) throw RuleError(fmt::format("{} takes its name, then its table: write {}", what, example));
    // A name is printed in every report and message: no control characters (a NUL would cut them short).
    for (char c : view_of(L, 1))
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            throw RuleError(fmt::format("{} \"{}\": the name holds the control character U+{:04X}; write it as text",
                                        what, shown_text(view_of(L, 1)),
                                        static_cast<unsigned>(static_cast<unsigned char>(c))));
    SourceLoc where = caller_loc(L);
    draft.pending = fmt::format("{} \"{}\"", what, view_of(L, 1));
    draft.pending_where = where;
    push(L, where.file);             // name file
    lua_pushinteger(L, where.line);  // name file line
    lua_pushcclosure(L, body, 3);    // body
    return 1;
}

// Second call: the body's upvalues give the name and place.
Named named(lua_State* L, const char* what, const char* example) {
    PackDraft& draft = active_draft(L, what);
    std::string name(view_of(L, lua_upvalueindex(1)));
    SourceLoc where{std::string(view_of(L, lua_upvalueindex(2))),
                    static_cast<int>(lua_tointeger(L, lua_upvalueindex(3))), 0};
    std::string context = fmt::format("{} '{}'", what, name);
    if (draft.pending == fmt::format("{} \"{}\"", what, name)) draft.pending.clear();
    check_table(L, 1, context, example);
    account_declaration(L, 1, context);
    return Named{draft, std::move(name), std::move(where), std::move(context)};
}

// A Lua function kept for the ScriptHost: a registry reference.
int take_ref(lua_State* L, int idx, PackDraft& draft) {
    lua_pushvalue(L, idx);  // fn
    ++draft.scripts;
    return luaL_ref(L, LUA_REGISTRYINDEX);  //
}

// ---- pack -----------------------------------------------------------------

constexpr const char* kPackExample = "pack \"name\" { title = \"...\", version = \"1.0.0\" }";

// report = { organisation = "...", period = "2006/07", date = "June 2007", author = "...",
// contact = "...", status = "draft" | "final", title = "..." }: the report's first page.
void read_report_info(lua_State* L, const Fields& f, ReportInfo& info) {
    if (!f.has("report")) return;
    const std::string what = f.context() + ": report";
    f.push("report");  // report
    check_table(L, -1, what,
                "report = { organisation = \"...\", period = \"2006/07\", date = \"June 2007\", status = \"final\" }");
    Fields r(L, -1, what, std::vector<std::string>(std::begin(report_info_fields), std::end(report_info_fields)));
    for (const char* name : report_info_fields) *report_info_field(info, name) = r.text(name).value_or("");
    if (!info.status.empty() && info.status != "draft" && info.status != "final")
        throw RuleError(what + ": status \"" + info.status + "\" must be \"draft\" or \"final\"");
    lua_pop(L, 1);  //
}

int pack_body(lua_State* L) {
    Named n = named(L, "pack", kPackExample);
    PackDraft& d = n.draft;
    if (d.declared) throw RuleError("the pack is declared twice (first at " + where_text(d.where) + ")");
    if (n.where.file != "pack.lua") throw RuleError("pack \"" + n.name + "\" { ... } belongs in pack.lua");
    Fields f(L, 1, n.context, {"title", "version", "rounding", "presentation", "report"});
    d.pack.name = n.name;
    read_report_info(L, f, d.pack.report);
    d.pack.title = f.text("title").value_or(n.name);
    d.pack.version = f.text("version").value_or("");
    RoundingSpec rounding = read_rounding(L, f);
    d.pack.rounding = rounding.general.value_or(Rounding::half_up);
    d.pack.indicator_rounding = std::move(rounding.indicators);
    PresentationSpec presentation = read_presentation(L, f);
    d.pack.presentation = std::move(presentation.general);
    d.pack.indicator_presentation = std::move(presentation.indicators);
    d.declared = true;
    d.where = n.where;
    return 0;
}

// ---- scale ----------------------------------------------------------------

constexpr const char* kScaleExample = "scale \"rag\" { \"RED\", \"AMBER\", \"GREEN\" }";

// The global constant for a level label: "AMBER GREEN" -> AMBER_GREEN; ""
// when the label has no letters or digits to make a name from.
std::string constant_name(std::string_view label) {
    std::string out;
    for (char ch : label) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x80 && std::isalnum(c))
            out += static_cast<char>(std::toupper(c));
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (!out.empty() && std::isdigit(static_cast<unsigned char>(out.front()))) out.clear();
    return out;
}

ScaleLevel read_level(lua_State* L, int idx, const std::string& context) {
    ScaleLevel level;
    if (lua_type(L, idx) == LUA_TSTRING) {
        level.label = view_of(L, idx);
    } else if (lua_type(L, idx) == LUA_TTABLE) {
        Fields f(L, idx, context, {"symbol", "colour", "meaning"}, 1);
        if (f.push(1) != LUA_TSTRING)  // label
            throw RuleError(context +
                            ": the first entry must be the label in quotes, as in { \"RED\", colour = \"#d4351c\" }");
        level.label = view_of(L, -1);
        lua_pop(L, 1);
        level.symbol = f.text("symbol").value_or("");
        level.colour = f.text("colour").value_or("");
        level.meaning = f.text("meaning").value_or("");
    } else {
        throw RuleError(context +
                        " must be a label in quotes or a table such as { \"RED\", colour = \"#d4351c\" }, got " +
                        describe_value(L, idx));
    }
    if (level.label.empty()) throw RuleError(context + ": the label must not be empty");
    return level;
}

// Defines the level constants (RED, AMBER_GREEN, ...) in the pack's _ENV.
void define_constants(lua_State* L, PackDraft& d, const Scale& s, const std::string& context) {
    Sandbox::of(L).push_env();  // env
    for (const ScaleLevel& level : s.levels) {
        std::string name = constant_name(level.label);
        if (name.empty()) continue;
        auto known = d.constants.find(name);
        if (known != d.constants.end() && known->second != level.label)
            throw RuleError(fmt::format(
                "{}: level '{}' would define {}, which already means \"{}\"; use the label in quotes instead", context,
                level.label, name, known->second));
        lua_pushstring(L, name.c_str());                   // env name
        const bool taken = lua_rawget(L, -2) != LUA_TNIL;  // env value
        lua_pop(L, 1);                                     // env
        if (taken && known == d.constants.end())
            throw RuleError(
                fmt::format("{}: level '{}' would define {}, a name already in use", context, level.label, name));
        push(L, level.label);               // env label
        lua_setfield(L, -2, name.c_str());  // env
        d.constants[name] = level.label;
    }
    lua_pop(L, 1);  //
}

int scale_body(lua_State* L) {
    Named n = named(L, "scale", kScaleExample);
    PackDraft& d = n.draft;
    for (const Scale& s : d.pack.scales)
        if (s.name == n.name) throw RuleError(n.context + " is declared twice (first at " + where_text(s.where) + ")");
    const auto count = static_cast<lua_Integer>(lua_rawlen(L, 1));
    Fields(L, 1, n.context, {}, static_cast<int>(count));
    Scale s{n.name, {}, n.where};
    for (lua_Integer i = 1; i <= count; ++i) {
        lua_rawgeti(L, 1, i);  // level
        s.levels.push_back(read_level(L, -1, fmt::format("{}: level {}", n.context, i)));
        lua_pop(L, 1);
        for (lua_Integer j = 1; j < i; ++j)
            if (s.levels[j - 1].label == s.levels.back().label)
                throw RuleError(fmt::format("{}: level '{}' is listed twice", n.context, s.levels.back().label));
    }
    if (s.levels.size() < 2)
        throw RuleError(n.context + " needs at least two levels, worst first, as in " + std::string(kScaleExample));
    define_constants(L, d, s, n.context);
    d.pack.scales.push_back(std::move(s));
    return 0;
}

// ---- arrows ---------------------------------------------------------------

const std::vector<std::string> kArrowKeys = {"improved", "static", "declined", "peak", "increased", "decreased"};

int arrows_declaration(lua_State* L) {
    PackDraft& d = active_draft(L, "arrows");
    check_no_pending(d);
    const std::string context = "arrows";
    check_table(L, 1, context, "arrows { improved = { \"▲\", \"Performance has improved\" }, ... }");
    if (d.arrows_declared)
        throw RuleError("arrows { ... } is declared twice (first at " + where_text(d.arrows_where) + ")");
    Fields f(L, 1, context, kArrowKeys);
    for (size_t i = 0; i < kArrowKeys.size(); ++i) {
        const std::string what = "arrows: " + kArrowKeys[i];
        int t = f.push(kArrowKeys[i].c_str());  // style
        if (t == LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        check_table(L, -1, what, "improved = { \"▲\", \"Performance has improved\" }");
        Fields style(L, -1, what, {"symbol", "meaning", "word"}, 2);
        ArrowStyle& out = d.pack.arrows[i];
        for (int pos = 1; pos <= 2; ++pos) {
            int pt = style.push(pos);  // style entry
            if (pt != LUA_TNIL && pt != LUA_TSTRING)
                style.wrong(pos == 1 ? "1 (the symbol)" : "2 (the meaning)", "text in quotes", -1);
            if (pt == LUA_TSTRING) (pos == 1 ? out.symbol : out.meaning) = view_of(L, -1);
            lua_pop(L, 1);  // style
        }
        if (auto s = style.text("symbol")) out.symbol = *s;
        if (auto m = style.text("meaning")) out.meaning = *m;
        if (auto w = style.text("word")) out.word = *w;
        lua_pop(L, 1);  //
    }
    d.arrows_declared = true;
    d.arrows_where = caller_loc(L);
    return 0;
}

// ---- targets --------------------------------------------------------------

std::string period_at(const Fields& f, const char* field) {
    std::string label = f.required_text(field);
    Result<Period> p = parse_period(label);
    if (!p) throw RuleError(fmt::format("{}: {} = \"{}\": {}", f.context(), field, label, p.error().message));
    return label;
}

std::string amount_text(double amount, bool percent) {
    return number_text(amount) + (percent ? "%" : "");
}

std::string target_text(const TargetRule& t) {
    const std::string by = t.due.empty() ? "" : " by " + t.due;
    switch (t.kind) {
        case TargetRule::Kind::absolute:
            if (!t.values.empty()) {
                std::string text = "reach ";
                for (size_t i = 0; i < t.values.size(); ++i)
                    text += (i ? ", " : "") + number_text(t.values[i].second) + " in " + t.values[i].first;
                return text + by;
            }
            return "reach " +
                   (t.value_column.empty() ? number_text(t.amount)
                                           : "the " + t.value_column + " the data gives for each period") +
                   by;
        case TargetRule::Kind::within:
            if (t.value_column.empty() && t.tolerance_column.empty())
                return "stay within " + amount_text(t.tolerance, t.tolerance_percent) + " of " + number_text(t.amount) +
                       by;
            return "stay within " +
                   (t.tolerance_column.empty() ? amount_text(t.tolerance, t.tolerance_percent)
                                               : "the " + t.tolerance_column + " the data gives") +
                   " of " +
                   (t.value_column.empty() ? number_text(t.amount)
                                           : "the " + t.value_column + " the data gives for each period") +
                   ", either side" + by;
        case TargetRule::Kind::reduce_by:
        case TargetRule::Kind::increase_by:
            return fmt::format("{} by {} from {}{}", t.kind == TargetRule::Kind::reduce_by ? "reduce" : "increase",
                               amount_text(t.amount, t.percent), t.baseline, by);
        case TargetRule::Kind::comparator: {
            std::string what = t.comparator_indicator.empty() ? t.comparator_area
                               : t.comparator_area.empty()    ? t.comparator_indicator
                                                              : t.comparator_indicator + " in " + t.comparator_area;
            return "do at least as well as " + what + by;
        }
    }
    return "";
}

void read_comparator(lua_State* L, const Fields& f, TargetRule& t) {
    f.push("beat");  // beat
    const std::string what = f.context() + ": beat";
    check_table(L, -1, what, "beat = { indicator = \"y_national\" } or beat = { area = \"England\" }");
    Fields b(L, -1, what, {"indicator", "area"});
    t.comparator_indicator = b.text("indicator").value_or("");
    t.comparator_area = b.text("area").value_or("");
    if (t.comparator_indicator.empty() && t.comparator_area.empty())
        throw RuleError(what + " needs indicator = \"...\" or area = \"...\" (or both)");
    lua_pop(L, 1);  //
}

// value = v, optionally within = band.
void read_value_target(lua_State* L, const Fields& f, TargetRule& t) {
    f.push("value");  // value
    if (const DataRef* d = to<DataRef>(L, -1)) {
        // The target comes from the data, for each indicator and period.
        t.value_column = d->column;
        lua_pop(L, 1);  //
    } else {
        lua_pop(L, 1);  //
        t.amount = *f.number("value");
    }
    t.kind = TargetRule::Kind::absolute;
    if (f.push("within") != LUA_TNIL) {  // within
        t.kind = TargetRule::Kind::within;
        if (const DataRef* d = to<DataRef>(L, -1)) {
            t.tolerance_column = d->column;
        } else {
            Band b = band_at(L, -1, f.context() + ": within");
            t.tolerance = b.width;
            t.tolerance_percent = b.kind == Band::Kind::relative;
        }
    }
    lua_pop(L, 1);  //
}

// reduce_by / increase_by = amount, from = baseline, by = due.
void read_change_target(lua_State* L, const Fields& f, TargetRule& t) {
    const bool reduce = f.has("reduce_by");
    const char* field = reduce ? "reduce_by" : "increase_by";
    t.kind = reduce ? TargetRule::Kind::reduce_by : TargetRule::Kind::increase_by;
    f.push(field);  // amount
    Band b = band_at(L, -1, f.context() + ": " + field);
    lua_pop(L, 1);  //
    t.amount = b.width;
    t.percent = b.kind == Band::Kind::relative;
    t.baseline = period_at(f, "from");
    t.due = period_at(f, "by");
    if (!(parse_period(t.baseline).value() < parse_period(t.due).value()))
        throw RuleError(fmt::format("{}: by = \"{}\" must come after from = \"{}\"", f.context(), t.due, t.baseline));
}

// values = { ["2024/25"] = 72, ["2025/26"] = 74 }: a target per period.
void read_period_values(lua_State* L, const Fields& f, TargetRule& t) {
    const std::string what = f.context() + ": values";
    f.push("values");  // values
    check_table(L, -1, what, "values = { [\"2024/25\"] = 72, [\"2025/26\"] = 74 }");
    std::vector<std::pair<Period, double>> read;
    lua_pushnil(L);                 // values, key
    while (lua_next(L, -2) != 0) {  // values, key, value
        if (lua_type(L, -2) != LUA_TSTRING)
            throw RuleError(what + ": each entry is [\"period\"] = value, as [\"2025/26\"] = 74");
        std::string label = lua_tostring(L, -2);
        Result<Period> p = parse_period(label);
        if (!p) throw RuleError(fmt::format("{}: period \"{}\": {}", what, label, p.error().message));
        double v = number_at(L, -1, fmt::format("{}: [\"{}\"]", what, label));
        for (const auto& [q, x] : read)
            if (q.same_span(p.value()))
                throw RuleError(fmt::format("{}: periods \"{}\" and \"{}\" are the same", what, q.label, label));
        read.emplace_back(p.value(), v);
        lua_pop(L, 1);  // values, key
    }
    lua_pop(L, 1);  //
    if (read.empty()) throw RuleError(what + ": give at least one period, as [\"2025/26\"] = 74");
    std::sort(read.begin(), read.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [p, v] : read) t.values.emplace_back(p.label, v);
    t.kind = TargetRule::Kind::absolute;
    t.amount = t.values.back().second;
}

// The kind-specific fields of a target (pack-level or a group's).
void read_target(lua_State* L, const Fields& f, TargetRule& t) {
    int given = 0;
    for (const char* k : {"value", "reduce_by", "increase_by", "beat", "values"}) given += f.has(k) ? 1 : 0;
    if (given != 1)
        throw RuleError(f.context() + ": give exactly one of value, values, reduce_by, increase_by or beat");
    if (f.has("within") && !f.has("value"))
        throw RuleError(f.context() + ": within goes with value, as in value = 90, within = 2");
    const bool change = f.has("reduce_by") || f.has("increase_by");
    if (f.has("from") && !change) throw RuleError(f.context() + ": from goes with reduce_by or increase_by");
    if (f.has("value")) {
        read_value_target(L, f, t);
    } else if (f.has("values")) {
        read_period_values(L, f, t);
    } else if (change) {
        read_change_target(L, f, t);
    } else {
        t.kind = TargetRule::Kind::comparator;
        read_comparator(L, f, t);
    }
    if (!change && f.has("by")) t.due = period_at(f, "by");
    t.text = f.text("text").value_or(target_text(t));
}

constexpr const char* kTargetExample =
    "target \"x\" { indicator = \"y\", reduce_by = pct(17.5), from = \"2003/04\", by = \"2007/08\" }";

int target_body(lua_State* L) {
    Named n = named(L, "target", kTargetExample);
    PackDraft& d = n.draft;
    for (const TargetRule& t : d.pack.targets)
        if (t.id == n.name) throw RuleError(n.context + " is declared twice (first at " + where_text(t.where) + ")");
    Fields f(L, 1, n.context,
             {"indicator", "value", "within", "reduce_by", "increase_by", "from", "by", "beat", "text", "values"});
    TargetRule t;
    t.id = n.name;
    t.where = n.where;
    t.indicator = f.required_text("indicator");
    auto other = d.target_for.find(t.indicator);
    if (other != d.target_for.end())
        throw RuleError(fmt::format("{}: indicator '{}' already has a target (at {})", n.context, t.indicator,
                                    where_text(other->second)));
    read_target(L, f, t);
    d.target_for[t.indicator] = t.where;
    d.pack.targets.push_back(std::move(t));
    return 0;
}

// ---- groups ---------------------------------------------------------------

constexpr const char* kGroupExample = "group \"psa1\" { title = \"...\", indicators = { \"a\", \"b\" } }";

void read_group_rating(lua_State* L, const Fields& f, GroupDraft& g, PackDraft& d) {
    int t = f.push("rating");  // rating
    if (std::optional<std::string> words = unwrap_described(L, -1)) {
        g.rating.rule.description = *words;
        t = lua_type(L, -1);  // the function it describes
        if (t != LUA_TFUNCTION) f.wrong("rating", "described(\"...\", function(a) ... end)", -1);
    }
    if (const RatingDraft* r = to<RatingDraft>(L, -1)) {
        g.rating = *r;
    } else if (t == LUA_TFUNCTION) {
        g.rating.rule.kind = RatingRule::Kind::script;
        g.rating.rule.script = take_ref(L, -1, d);
        g.rating.rule.where = function_loc(L, -1);
    } else if (t != LUA_TNIL) {
        f.wrong("rating", "first { ... } or a function(a)", -1);
    }
    g.rating.rule.name = g.group.id + ".rating";
    lua_pop(L, 1);
}

void read_rollup(lua_State* L, const Fields& f, RollupDraft& out, const SourceLoc& where, PackDraft& d) {
    int t = f.push("rollup");  // rollup
    if (const RollupDraft* r = to<RollupDraft>(L, -1)) {
        out = *r;
        if (out.rule.where.file.empty()) out.rule.where = where;
    } else if (t == LUA_TFUNCTION) {
        out.rule.kind = RollupRule::Kind::script;
        out.rule.script = take_ref(L, -1, d);
        out.rule.where = function_loc(L, -1);
        out.rule.text = "function";
    } else if (t != LUA_TNIL) {
        f.wrong("rollup", "worst, best, majority, mean { ... } or a function(c)", -1);
    }
    lua_pop(L, 1);
    if (auto text = f.text("rollup_text")) out.rule.text = *text;
}

void read_group_target(lua_State* L, const Fields& f, GroupDraft& g) {
    if (f.push("target") == LUA_TNIL) {  // target
        lua_pop(L, 1);
        return;
    }
    const std::string what = f.context() + ": target";
    check_table(L, -1, what, "target = { reduce_by = pct(17.5), from = \"2003/04\", by = \"2007/08\" }");
    Fields tf(L, -1, what, {"value", "within", "reduce_by", "increase_by", "from", "by", "beat", "text", "values"});
    TargetRule t;
    t.id = g.group.id;
    t.where = g.group.where;
    read_target(L, tf, t);
    g.group.target = std::move(t);
    lua_pop(L, 1);  //
}

// max_age = "2 quarters" (or "6 months", "1 year"): how old a figure may be and still be rated.
void read_max_age(const Fields& f, Group& group) {
    auto text = f.text("max_age");
    if (!text) return;
    const std::string expected =
        fmt::format("{}: max_age = \"{}\": expected a number of months, quarters or years, as max_age = \"2 quarters\"",
                    f.context(), *text);
    size_t i = 0;
    int n = 0;
    while (i < text->size() && (*text)[i] >= '0' && (*text)[i] <= '9' && n < 1000) n = n * 10 + ((*text)[i++] - '0');
    if (i == 0 || n >= 1000) throw RuleError(expected);
    std::string unit = text->substr(i);
    unit.erase(0, unit.find_first_not_of(' '));
    for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int months = 0;
    if (unit == "month" || unit == "months")
        months = 1;
    else if (unit == "quarter" || unit == "quarters")
        months = 3;
    else if (unit == "year" || unit == "years")
        months = 12;
    else
        throw RuleError(expected);
    group.max_age_months = n * months;
    group.max_age = *text;
}

void read_polarity(const Fields& f, Group& group) {
    auto p = f.text("polarity");
    if (!p) return;
    group.polarity = polarity_from_string(*p);
    if (!group.polarity)
        throw RuleError(
            fmt::format("{}: polarity must be \"higher_is_better\", \"lower_is_better\" or \"neutral\", got \"{}\"{}",
                        f.context(), *p, suggest_name(*p, {"higher_is_better", "lower_is_better", "neutral"})));
}

// The group's arrow rule; arrow.last_two { } when it names none; arrow.none
// (or false) for a scheme with no direction of travel.
void read_group_arrow(lua_State* L, const Fields& f, Group& group) {
    group.arrow.name = "arrow.last_two";
    group.arrow.where = group.where;
    const int type = f.push("arrow");                     // arrow
    if (type == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {  // arrow = false: as arrow.none
        group.arrow.none = true;
        group.arrow.name = "arrow.none";
    } else if (type != LUA_TNIL) {
        const ArrowRule* a = to<ArrowRule>(L, -1);
        if (!a) f.wrong("arrow", "an arrow rule such as arrow.last_two { static_within = pct(1.5) }", -1);
        group.arrow = *a;
    }
    lua_pop(L, 1);  //
}

void read_indicators(const Fields& f, Group& group) {
    group.indicators = f.text_list("indicators");
    if (group.indicators.empty())
        throw RuleError(f.context() + ": field 'indicators' is required: a list such as { \"theft_of_vehicle\" }");
    std::unordered_set<std::string_view> seen;
    seen.reserve(group.indicators.size());
    for (const std::string& id : group.indicators)
        if (!seen.insert(id).second)
            throw RuleError(fmt::format("{}: indicator '{}' is listed twice", f.context(), id));
}

// rounding = "truncate", or per indicator of the group.
void read_group_rounding(lua_State* L, const Fields& f, Group& group) {
    RoundingSpec rounding = read_rounding(L, f);
    group.rounding = rounding.general;
    for (const auto& [id, mode] : rounding.indicators)
        if (std::find(group.indicators.begin(), group.indicators.end(), id) == group.indicators.end())
            throw RuleError(fmt::format("{}: rounding names indicator '{}', which is not in the group{}", f.context(),
                                        id, suggest_name(id, group.indicators)));
    group.indicator_rounding = std::move(rounding.indicators);
}

// comparators = { "National" } or { { title = "All Stockton", area = "Stockton-on-Tees",
// indicator = "district_change_{indicator}" } }: benchmarks shown as columns.
void read_comparators(lua_State* L, const Fields& f, Group& group) {
    if (!f.has("comparators")) return;
    const std::string what = f.context() + ": comparators";
    const char* example =
        "comparators = { \"National\" } or comparators = { { title = \"All Stockton\", area = \"Stockton-on-Tees\", "
        "indicator = \"district_{indicator}\" } }";
    f.push("comparators");  // comparators
    check_table(L, -1, what, example);
    const int n = static_cast<int>(lua_rawlen(L, -1));
    if (n == 0) throw RuleError(what + " lists no comparator: " + example);
    for (int i = 1; i <= n; ++i) {
        ComparatorColumn c;
        c.where = group.where;
        const int type = lua_rawgeti(L, -1, i);  // comparators entry
        if (type == LUA_TSTRING) {
            c.area = lua_tostring(L, -1);
            c.title = c.area;
        } else if (type == LUA_TTABLE) {
            Fields cf(L, -1, what + " " + std::to_string(i), {"title", "area", "indicator"});
            c.area = cf.required_text("area");
            c.indicator = cf.text("indicator").value_or("");
            c.title = cf.text("title").value_or(c.area);
        } else {
            throw RuleError(what + " entry " + std::to_string(i) + " must be an area name or a table: " + example);
        }
        lua_pop(L, 1);  // comparators
        if (c.area.empty()) throw RuleError(what + " entry " + std::to_string(i) + " names no area");
        for (const ComparatorColumn& other : group.comparators)
            if (other.area == c.area && other.indicator == c.indicator)
                throw RuleError(what + " names \"" + c.area + "\" twice");
        group.comparators.push_back(std::move(c));
    }
    lua_pop(L, 1);  //
}

// align_periods = false: every period its own column, even when rows' bases are offset.
void read_align_periods(lua_State* L, const Fields& f, Group& group) {
    int type = f.push("align_periods");
    if (type != LUA_TNIL && type != LUA_TBOOLEAN) f.wrong("align_periods", "true or false", -1);
    if (type == LUA_TBOOLEAN) group.align_periods = lua_toboolean(L, -1) != 0;
    lua_pop(L, 1);  //
}

int group_body(lua_State* L) {
    Named n = named(L, "group", kGroupExample);
    PackDraft& d = n.draft;
    for (const GroupDraft& other : d.groups)
        if (other.group.id == n.name)
            throw RuleError(n.context + " is declared twice (first at " + where_text(other.group.where) + ")");
    Fields f(L, 1, n.context,
             {"title",      "theme",        "polarity",    "arrow",        "target",      "scale",        "rating",
              "rollup",     "rollup_scale", "rollup_text", "comment",      "indicators",  "arrows",       "short_arrow",
              "long_arrow", "rounding",     "max_age",     "presentation", "comparators", "align_periods"});
    GroupDraft g;
    Group& group = g.group;
    group.id = n.name;
    group.where = n.where;
    group.title = f.text("title").value_or(n.name);
    group.theme = f.text("theme").value_or("");
    group.scale = f.text("scale").value_or("");
    group.scale_rollup = f.text("rollup_scale").value_or("");
    group.comment = f.text("comment").value_or("");
    read_polarity(f, group);
    read_group_arrow(L, f, group);
    read_group_target(L, f, g);
    read_group_rating(L, f, g, d);
    read_rollup(L, f, g.rollup, n.where, d);
    read_indicators(f, group);
    group.other_arrows = read_named_arrows(L, f);
    read_group_rounding(L, f, group);
    read_max_age(f, group);
    read_comparators(L, f, group);
    read_align_periods(L, f, group);
    PresentationSpec presentation = read_presentation(L, f, &group.indicators);
    group.presentation = std::move(presentation.general);
    group.indicator_presentation = std::move(presentation.indicators);
    d.groups.push_back(std::move(g));
    return 0;
}

// ---- themes ---------------------------------------------------------------

constexpr const char* kThemeExample = "theme \"crime\" { title = \"Crime\", groups = { \"psa1\" } }";

int theme_body(lua_State* L) {
    Named n = named(L, "theme", kThemeExample);
    PackDraft& d = n.draft;
    for (const ThemeDraft& other : d.themes)
        if (other.theme.id == n.name)
            throw RuleError(n.context + " is declared twice (first at " + where_text(other.theme.where) + ")");
    Fields f(L, 1, n.context, {"title", "scale", "groups", "rollup", "rollup_text"});
    ThemeDraft t;
    t.theme.id = n.name;
    t.theme.where = n.where;
    t.theme.title = f.text("title").value_or(n.name);
    t.theme.scale = f.text("scale").value_or("");
    t.theme.groups = f.text_list("groups");
    read_rollup(L, f, t.rollup, n.where, d);
    d.themes.push_back(std::move(t));
    return 0;
}

// ---- derived series -------------------------------------------------------

constexpr const char* kDeriveExample = "derive \"total\" { title = \"...\", sum = { \"a\", \"b\" } }";

int derive_body(lua_State* L) {
    Named n = named(L, "derive", kDeriveExample);
    PackDraft& d = n.draft;
    for (const DerivedSeries& other : d.pack.derived)
        if (other.id == n.name)
            throw RuleError(n.context + " is declared twice (first at " + where_text(other.where) + ")");
    Fields f(L, 1, n.context, kDeriveFields);
    DerivedSeries series;
    series.id = n.name;
    series.where = n.where;
    read_derive(L, f, series);
    d.pack.derived.push_back(std::move(series));
    return 0;
}

int dsl_pack(lua_State* L) {
    return name_declaration(L, guarded<pack_body>, "pack", kPackExample);
}
int dsl_scale(lua_State* L) {
    return name_declaration(L, guarded<scale_body>, "scale", kScaleExample);
}
int dsl_target(lua_State* L) {
    return name_declaration(L, guarded<target_body>, "target", kTargetExample);
}
int dsl_group(lua_State* L) {
    return name_declaration(L, guarded<group_body>, "group", kGroupExample);
}
int dsl_theme(lua_State* L) {
    return name_declaration(L, guarded<theme_body>, "theme", kThemeExample);
}
int dsl_derive(lua_State* L) {
    return name_declaration(L, guarded<derive_body>, "derive", kDeriveExample);
}

const luaL_Reg kDeclarations[] = {
    {"pack", guarded<dsl_pack>},
    {"scale", guarded<dsl_scale>},
    {"arrows", guarded<arrows_declaration>},
    {"target", guarded<dsl_target>},
    {"group", guarded<dsl_group>},
    {"theme", guarded<dsl_theme>},
    {"derive", guarded<dsl_derive>},
    {nullptr, nullptr},
};

}  // namespace

void set_active_draft(lua_State* L, PackDraft* draft) {
    if (draft)
        lua_pushlightuserdata(L, draft);  // draft
    else
        lua_pushnil(L);                             // nil
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kDraftKey);  //
}

void add_dsl_declarations(lua_State* L) {
    luaL_setfuncs(L, kDeclarations, 0);
}

}  // namespace assay::lua
