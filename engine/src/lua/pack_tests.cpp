// load_pack_tests: runs a pack's test files (tests/*.lua, in name order) in
// a fresh sandbox whose _ENV holds two declarations,
//   cases "name" { group = "psa1", { "case", series = {...}, expect = {...} }, ... }
//   test "name" { data = "../../../datasets/x", as_at = "2005/06", expect = {...} }
// and turns them into the plain structs of <assay/pack_test.hpp>. Every name
// a test uses (group, indicator, theme, level, arrow, expectation key) is
// checked against the pack here, so a typo is a load error with a "did you
// mean", not a failing test.
#include "core/regular_file.hpp"
#include "core/shown_text.hpp"
#include "core/text.hpp"
#include "lua/dsl_fields.hpp"
#include "lua/lua_util.hpp"
#include "lua/pack_files.hpp"
#include "lua/sandbox.hpp"
#include "lua/suggest.hpp"

#include <assay/io.hpp>
#include <assay/number.hpp>
#include <assay/pack_test.hpp>
#include <assay/period.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace assay {
namespace {

namespace fs = std::filesystem;
using lua::Fields;
using lua::RuleError;
using lua::view_of;

/// The file being loaded and where its tests go.
struct TestLoad {
    const Pack& pack;
    fs::path dir;        ///< the tests folder
    std::string file;    ///< the file's name in the folder
    std::string source;  ///< its text, to find each case's line
    PackTests& out;
    std::string pending;  ///< `cases "x"` named but its table not yet given
    SourceLoc pending_where;
    std::vector<fs::path> roots;  ///< where whole-dataset tests may read: the pack's folder, then granted ones
};

const char kLoadKey = 0;  // registry key (by address) of the active TestLoad

TestLoad& active(lua_State* L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kLoadKey);  // load?
    auto* load = static_cast<TestLoad*>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (!load) throw RuleError("tests can only be declared while the test files load");
    return *load;
}

// ---- expectations ---------------------------------------------------------

const std::vector<std::string> kTextKeys = {"arrow", "rating", "period", "previous_period", "reason", "error"};
const std::vector<std::string> kNumberKeys = {"value",      "previous", "change",       "change_pct", "target",
                                              "trajectory", "distance", "distance_pct", "projection"};
const std::vector<std::string> kFlagKeys = {"on_track", "met", "will_meet"};
const std::vector<std::string> kArrowNames = {"improved",  "static",    "declined", "peak",
                                              "increased", "decreased", "none"};

std::vector<std::string> expectation_keys() {
    std::vector<std::string> keys = kTextKeys;
    keys.insert(keys.end(), kNumberKeys.begin(), kNumberKeys.end());
    keys.insert(keys.end(), kFlagKeys.begin(), kFlagKeys.end());
    keys.push_back("decimals");
    return keys;
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> labels_of(const Scale* scale) {
    std::vector<std::string> labels;
    if (scale)
        for (const ScaleLevel& l : scale->levels) labels.push_back(l.label);
    labels.push_back("none");
    return labels;
}

// A label the test expects on `scale` (or "none"); anything else is a typo.
void check_label(const std::string& label, const Scale* scale, const std::string& what) {
    std::vector<std::string> labels = labels_of(scale);
    if (listed(labels, label)) return;
    throw RuleError(fmt::format("{}: '{}' is not a level of scale '{}' (expected {}){}", what, label,
                                scale ? scale->name : "?", lua::quoted_list(labels), suggest_name(label, labels)));
}

// The string keys of the table at `idx`, sorted, so that tests run in the
// same order on every machine; any other key is an error.
std::vector<std::string> sorted_keys(lua_State* L, int idx, const std::string& what) {
    idx = lua_absindex(L, idx);
    std::vector<std::string> keys;
    lua_pushnil(L);             // nil
    while (lua_next(L, idx)) {  // key value
        lua_pop(L, 1);          // key
        if (lua_type(L, -1) != LUA_TSTRING)
            throw RuleError(fmt::format("{}: expected names as keys, as in {{ psa1 = ... }}, got the key {}", what,
                                        lua::describe(L, -1)));
        keys.emplace_back(view_of(L, -1));
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

Expected read_expected(lua_State* L, int idx, const std::string& key, const Scale* scale, const std::string& what) {
    Expected e;
    const std::string field = what + ": " + key;
    int t = lua_type(L, idx);
    if (listed(kFlagKeys, key)) {
        if (t != LUA_TBOOLEAN) throw RuleError(field + " must be true or false, got " + lua::describe(L, idx));
        e.kind = Expected::Kind::flag;
        e.flag = lua_toboolean(L, idx);
        return e;
    }
    if (listed(kNumberKeys, key)) {
        if (t == LUA_TSTRING && view_of(L, idx) == "none") return e;
        e.number = lua::number_at(L, idx, field);
        e.kind = Expected::Kind::number;
        return e;
    }
    if (t != LUA_TSTRING) throw RuleError(field + " must be text in quotes, got " + lua::describe(L, idx));
    e.kind = Expected::Kind::text;
    e.text = view_of(L, idx);
    if (key == "arrow" && !listed(kArrowNames, e.text))
        throw RuleError(fmt::format("{}: '{}' is not an arrow (expected {}){}", field, e.text,
                                    lua::quoted_list(kArrowNames), suggest_name(e.text, kArrowNames)));
    if (key == "rating") check_label(e.text, scale, field);
    return e;
}

// The names of the group's further arrows ("short", "long").
std::vector<std::string> arrow_names(const Group& g) {
    std::vector<std::string> names;
    for (const NamedArrowRule& a : g.other_arrows) names.push_back(a.name);
    return names;
}

// The expectation of the group's arrow `name` (the value at `idx`), as "arrows.NAME".
void read_named_arrow(lua_State* L, int idx, const Group& g, const std::string& name, const std::string& what,
                      OutcomeExpectation& out) {
    const std::vector<std::string> names = arrow_names(g);
    if (!listed(names, name))
        throw RuleError(fmt::format(
            "{}: group '{}' has no arrow named '{}' ({}){}", what, g.id, name,
            names.empty() ? "it declares none beside its main arrow" : "it declares " + lua::quoted_list(names),
            suggest_name(name, names)));
    Expected e = read_expected(L, idx, "arrow", nullptr, what + ": arrows." + name);
    out.values.emplace_back("arrows." + name, std::move(e));
}

// arrows = { long = "improved", short = "static" }.
void read_named_arrows(lua_State* L, int idx, const Group& g, const std::string& what, OutcomeExpectation& out) {
    idx = lua_absindex(L, idx);
    lua::check_table(L, idx, what + ": arrows", "arrows = { long = \"improved\" }");
    for (const std::string& name : sorted_keys(L, idx, what + ": arrows")) {
        lua_getfield(L, idx, name.c_str());  // arrow
        read_named_arrow(L, lua_gettop(L), g, name, what, out);
        lua_pop(L, 1);
    }
}

// `long_arrow` -> "long" when the group declares an arrow of that name (so the key is one of the test's).
std::optional<std::string> named_arrow_key(const Group* g, const std::string& key) {
    constexpr std::string_view suffix = "_arrow";
    if (!g || key.size() <= suffix.size() || key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0)
        return std::nullopt;
    return key.substr(0, key.size() - suffix.size());
}

// The expectation keys of the table at `idx` (other keys in `extra` are the
// caller's); `group`, when known, gives the named arrows (`arrows = { long =
// ... }`, `long_arrow = ...`) and the rating's scale.
OutcomeExpectation read_expectation(lua_State* L, int idx, const Scale* scale, const std::string& what,
                                    const std::vector<std::string>& extra = {}, const Group* group = nullptr) {
    idx = lua_absindex(L, idx);
    lua::check_table(L, idx, what, "expect = { arrow = \"improved\", rating = \"GREEN\" }");
    std::vector<std::string> known = expectation_keys();
    known.insert(known.end(), extra.begin(), extra.end());
    if (group) {
        known.push_back("arrows");
        for (const std::string& name : arrow_names(*group)) known.push_back(name + "_arrow");
    }
    // A `*_arrow` key of an arrow the group lacks: say which arrows it has, not merely "unknown field".
    for (const std::string& key : sorted_keys(L, idx, what))
        if (std::optional<std::string> name = named_arrow_key(group, key); name && !listed(known, key)) {
            lua_getfield(L, idx, key.c_str());  // value
            OutcomeExpectation ignored;
            read_named_arrow(L, lua_gettop(L), *group, *name, what, ignored);
            lua_pop(L, 1);
        }
    Fields f(L, idx, what, known);
    OutcomeExpectation out;
    for (const std::string& key : sorted_keys(L, idx, what)) {
        if (listed(extra, key)) continue;
        f.push(key.c_str());  // value
        if (key == "arrows" && group) {
            read_named_arrows(L, -1, *group, what, out);
        } else if (std::optional<std::string> name = named_arrow_key(group, key); name && !listed(kTextKeys, key)) {
            read_named_arrow(L, lua_gettop(L), *group, *name, what, out);
        } else if (key == "decimals") {
            if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0 || lua_tointeger(L, -1) > 10)
                throw RuleError(what + ": decimals must be a whole number from 0 to 10, got " + lua::describe(L, -1));
            out.decimals = static_cast<int>(lua_tointeger(L, -1));
        } else {
            out.values.emplace_back(key, read_expected(L, -1, key, scale, what));
        }
        lua_pop(L, 1);
    }
    return out;
}

// ---- table-driven cases ---------------------------------------------------

/// Settings a case takes from its `cases` block unless it gives its own.
struct CaseDefaults {
    std::string group;
    std::string indicator_id;
    std::string area = "Test area";
    std::string as_at;
    Indicator indicator;                    ///< title, unit, decimals... as given
    std::optional<Polarity> polarity;       ///< as given; else the group's
    std::vector<std::string> given;         ///< the indicator fields given
    std::vector<TestThreshold> thresholds;  ///< target = 90, floor = "85": for every period
    std::string dataset;                    ///< dataset = "../data": where the indicator's metadata come from
};

// The names of the thresholds a case may give (target, floor, tolerance, comparator).
std::vector<std::string> threshold_fields() {
    std::vector<std::string> names;
    for (std::string_view n : threshold_names()) names.emplace_back(n);
    return names;
}

// A figure at `idx` as people write it (a number, or text such as "5%" or "N/A"), checked.
std::string cell_text(lua_State* L, int idx, const std::string& what) {
    std::string text;
    if (lua_type(L, idx) == LUA_TNUMBER && std::isfinite(lua_tonumber(L, idx)))
        text = format_number(lua_tonumber(L, idx));
    else if (lua_type(L, idx) == LUA_TSTRING)
        text = view_of(L, idx);
    else
        throw RuleError(fmt::format("{} must be a number or a cell in quotes such as \"N/A\", got {}", what,
                                    lua::describe(L, idx)));
    Result<CellValue> parsed = parse_cell(text);
    if (!parsed) throw RuleError(fmt::format("{} = \"{}\": {}", what, text, parsed.error().message));
    return text;
}

// The thresholds among the fields of `f` (target = 90, tolerance = "5%"), in name order, for `period` ("" = every one).
std::vector<TestThreshold> read_thresholds(lua_State* L, const Fields& f, const std::string& period = {}) {
    std::vector<TestThreshold> out;
    std::vector<std::string> names = threshold_fields();
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        if (f.push(name.c_str()) != LUA_TNIL)  // value
            out.push_back({name, cell_text(L, -1, f.context() + ": " + name), period});
        lua_pop(L, 1);  //
    }
    return out;
}

// `mine` over `base`, name by name.
std::vector<TestThreshold> merged(std::vector<TestThreshold> base, const std::vector<TestThreshold>& mine) {
    for (const TestThreshold& t : mine) {
        auto it = std::find_if(base.begin(), base.end(), [&](const TestThreshold& b) { return b.name == t.name; });
        if (it != base.end())
            it->text = t.text;
        else
            base.push_back(t);
    }
    std::sort(base.begin(), base.end(), [](const TestThreshold& a, const TestThreshold& b) { return a.name < b.name; });
    return base;
}

// indicator = { polarity = ..., unit = ..., decimals = ..., ... } into `d`.
void read_indicator(lua_State* L, const Fields& parent, CaseDefaults& d) {
    parent.push("indicator");  // table
    const std::string what = parent.context() + ": indicator";
    lua::check_table(L, -1, what, "indicator = { polarity = \"lower_is_better\", unit = \"count\", decimals = 0 }");
    Fields f(L, -1, what, {"id", "title", "unit", "polarity", "decimals", "comparable_from", "notes"});
    Indicator& ind = d.indicator;
    for (const char* field : {"title", "unit", "polarity", "decimals", "comparable_from", "notes"})
        if (f.has(field) && !listed(d.given, field)) d.given.emplace_back(field);
    if (auto id = f.text("id")) ind.id = *id;
    if (auto title = f.text("title")) ind.title = *title;
    if (auto unit = f.text("unit")) ind.unit = *unit;
    if (auto p = f.text("polarity")) {
        d.polarity = polarity_from_string(*p);
        if (!d.polarity)
            throw RuleError(fmt::format(
                "{}: polarity must be \"higher_is_better\", \"lower_is_better\" or \"neutral\", got \"{}\"{}", what, *p,
                suggest_name(*p, {"higher_is_better", "lower_is_better", "neutral"})));
    }
    if (auto n = f.number("decimals")) {
        if (*n < 0 || *n > 10 || *n != std::floor(*n))
            throw RuleError(what + ": decimals must be a whole number from 0 to 10");
        ind.decimals = static_cast<int>(*n);
    }
    if (auto c = f.text("comparable_from")) {
        Result<Period> p = parse_period(*c);
        if (!p) throw RuleError(fmt::format("{}: comparable_from = \"{}\": {}", what, *c, p.error().message));
        ind.comparable_from = *c;
    }
    if (auto n = f.text("notes")) ind.notes = *n;
    lua_pop(L, 1);
}

const Group& find_group(const Pack& pack, const std::string& id, const std::string& what) {
    if (const Group* g = pack.find_group(id)) return *g;
    std::vector<std::string> ids;
    for (const Group& g : pack.groups) ids.push_back(g.id);
    throw RuleError(fmt::format("{}: group '{}' is not in pack '{}'{}", what, id, pack.name, suggest_name(id, ids)));
}

// The shared settings of a `cases` block (or a case's own overrides).
void read_defaults(lua_State* L, const Fields& f, const Pack& pack, CaseDefaults& d) {
    if (auto g = f.text("group")) {
        find_group(pack, *g, f.context());
        d.group = *g;
    }
    if (auto id = f.text("indicator_id")) d.indicator_id = *id;
    if (auto a = f.text("area")) d.area = *a;
    if (auto a = f.text("as_at")) d.as_at = *a;
    if (f.has("indicator")) read_indicator(L, f, d);
    d.thresholds = merged(std::move(d.thresholds), read_thresholds(L, f));
    if (auto ds = f.text("dataset")) d.dataset = *ds;
}

// series = { ["2003/04"] = 1029, ["2006/07"] = "N/A" }: cells in period order.
std::vector<TestCell> read_series(lua_State* L, const Fields& f) {
    const std::string what = f.context() + ": series";
    if (f.push("series") != LUA_TTABLE)  // series
        f.wrong("series", "a table of periods and values, as in { [\"2005/06\"] = 640, [\"2006/07\"] = 547 }", -1);
    std::vector<std::pair<Period, TestCell>> cells;
    for (const std::string& label : sorted_keys(L, -1, what)) {
        Result<Period> p = parse_period(label);
        if (!p) throw RuleError(fmt::format("{}: period \"{}\": {}", what, label, p.error().message));
        lua_getfield(L, -1, label.c_str());  // series value
        TestCell cell{label, cell_text(L, -1, fmt::format("{}: [\"{}\"]", what, label))};
        lua_pop(L, 1);  // series
        for (const auto& [other, seen] : cells)
            if (other == p.value())
                throw RuleError(fmt::format("{}: \"{}\" and \"{}\" are the same period", what, seen.period, label));
        cells.emplace_back(p.value(), std::move(cell));
    }
    lua_pop(L, 1);  //
    std::stable_sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<TestCell> out;
    for (auto& c : cells) out.push_back(std::move(c.second));
    return out;
}

// data = { { "2023 Q3", 80, target = 88 }, { period = "2024 Q3", value = 91, floor = 85 } }:
// whole rows of the officer's sheet, each a period, its value and that period's thresholds.
std::vector<TestCell> read_rows(lua_State* L, const Fields& f, std::vector<TestThreshold>& thresholds) {
    const std::string what = f.context() + ": data";
    const char* example = "a list of rows, as in { { \"2024 Q3\", 91, target = 90, floor = 85 }, ... }";
    if (f.push("data") != LUA_TTABLE) f.wrong("data", example, -1);  // data
    const int rows = lua_gettop(L);
    const auto n = static_cast<int>(lua_rawlen(L, rows));
    Fields list(L, rows, what, {}, n);
    std::vector<std::string> known = {"period", "value"};
    for (const std::string& t : threshold_fields()) known.push_back(t);
    std::vector<std::pair<Period, TestCell>> cells;
    for (int i = 1; i <= n; ++i) {
        const std::string row_what = fmt::format("{}: row {}", what, i);
        lua_rawgeti(L, rows, i);  // data row
        lua::check_table(L, -1, row_what, "{ \"2024 Q3\", 91, target = 90 }");
        Fields row(L, -1, row_what, known, 2);
        const bool named_period = row.has("period"), named_value = row.has("value");
        if (named_period == (row.push(1) != LUA_TNIL))  // data row period?
            throw RuleError(row_what + ": give the period once, first or as period = \"2024 Q3\"");
        lua_pop(L, 1);
        if (named_value == (row.push(2) != LUA_TNIL))  // data row value?
            throw RuleError(row_what + ": give the value once, second or as value = 91 (\"N/A\" for none)");
        lua_pop(L, 1);
        if (named_period ? row.push("period") : row.push(1); lua_type(L, -1) != LUA_TSTRING)  // data row period
            throw RuleError(row_what + ": the period must be text in quotes, as in \"2024 Q3\", got " +
                            lua::describe(L, -1));
        TestCell cell;
        cell.period = view_of(L, -1);
        lua_pop(L, 1);  // data row
        Result<Period> p = parse_period(cell.period);
        if (!p) throw RuleError(fmt::format("{}: period \"{}\": {}", row_what, cell.period, p.error().message));
        named_value ? row.push("value") : row.push(2);  // data row value
        cell.text = cell_text(L, -1, row_what + ": value");
        lua_pop(L, 1);  // data row
        for (TestThreshold& t : read_thresholds(L, row, cell.period)) thresholds.push_back(std::move(t));
        lua_pop(L, 1);  // data
        for (const auto& [other, seen] : cells)
            if (other == p.value())
                throw RuleError(
                    fmt::format("{}: \"{}\" and \"{}\" are the same period", row_what, seen.period, cell.period));
        cells.emplace_back(p.value(), std::move(cell));
    }
    lua_pop(L, 1);  //
    if (cells.empty()) throw RuleError(what + " has no rows: add { \"2024 Q3\", 91, target = 90 }");
    std::stable_sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<TestCell> out;
    for (auto& c : cells) out.push_back(std::move(c.second));
    return out;
}

// The line of the first `"name"` (or 'name') at or after byte `from`,
// which moves past it; 0 when the name is not found as written.
int line_of(const std::string& source, const std::string& name, size_t& from) {
    size_t best = std::string::npos;
    for (char q : {'"', '\''}) {
        size_t at = source.find(q + name + q, from);
        if (at < best) best = at;
    }
    if (best == std::string::npos) return 0;
    from = best + name.size() + 2;
    return 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(best), '\n'));
}

// Byte offset where line `line` (1-based) starts.
size_t line_start(const std::string& source, int line) {
    size_t at = 0;
    for (int l = 1; l < line && at != std::string::npos; ++l) {
        at = source.find('\n', at);
        if (at != std::string::npos) ++at;
    }
    return at == std::string::npos ? source.size() : at;
}

// The fields a `cases` block gives its cases; a case may give them too.
std::vector<std::string> shared_case_fields() {
    std::vector<std::string> fields = {"group", "indicator_id", "indicator", "area", "as_at", "dataset"};
    for (const std::string& t : threshold_fields()) fields.push_back(t);
    return fields;
}

std::vector<std::string> case_fields() {
    std::vector<std::string> fields = shared_case_fields();
    fields.insert(fields.end(), {"series", "data", "expect"});
    return fields;
}

fs::path confined_data(const TestLoad& load, const std::string& text, const std::string& what);

PackTestCase read_case(lua_State* L, int idx, const TestLoad& load, const CaseDefaults& defaults,
                       const std::string& set, int n, size_t& search_from, int set_line) {
    const std::string what = fmt::format("cases '{}': case {}", set, n);
    lua::check_table(L, idx, what, "{ \"falls 14.5%\", series = { ... }, expect = { arrow = \"improved\" } }");
    PackTestCase c;
    if (lua_rawgeti(L, idx, 1) != LUA_TSTRING)  // name
        throw RuleError(what + ": the first entry must be the case's name in quotes, as in { \"falls 14.5%\", ... }");
    c.name = view_of(L, -1);
    lua_pop(L, 1);
    const std::string context = fmt::format("cases '{}': case '{}'", set, c.name);
    Fields named(L, idx, context, case_fields(), 1);
    int line = line_of(load.source, c.name, search_from);
    c.where = SourceLoc{(load.dir / load.file).string(), line > 0 ? line : set_line, 0};

    CaseDefaults d = defaults;
    read_defaults(L, named, load.pack, d);
    if (d.group.empty()) throw RuleError(context + ": give the group to assess with: group = \"...\"");
    const Group& group = find_group(load.pack, d.group, context);
    c.group = d.group;
    c.indicator = d.indicator;
    c.indicator.polarity = d.polarity.value_or(group.polarity.value_or(Polarity::neutral));
    c.given = d.given;
    if ((d.polarity || group.polarity) && !listed(c.given, "polarity")) c.given.emplace_back("polarity");
    std::string id = !d.indicator_id.empty() ? d.indicator_id : c.indicator.id;
    if (id.empty()) id = group.indicators.empty() ? std::string() : group.indicators.front();
    if (!listed(group.indicators, id))
        throw RuleError(fmt::format("{}: indicator '{}' is not in group '{}'{}", context, id, group.id,
                                    suggest_name(id, group.indicators)));
    c.indicator.id = id;
    if (c.indicator.title.empty()) c.indicator.title = id;
    c.area = d.area;
    c.as_at = d.as_at;
    if (named.has("series") == named.has("data"))
        throw RuleError(context +
                        ": give the figures once, as series = { [\"2024 Q3\"] = 91 } or as whole rows, data = { { "
                        "\"2024 Q3\", 91, target = 90 } }");
    c.series = named.has("series") ? read_series(L, named) : read_rows(L, named, c.thresholds);
    c.thresholds.insert(c.thresholds.end(), d.thresholds.begin(), d.thresholds.end());
    if (!d.dataset.empty()) {
        c.metadata = confined_data(load, d.dataset, context);
        c.metadata_required = true;
    } else if (std::error_code ec; !load.pack.dir.empty() && fs::is_directory(load.pack.dir / "data", ec)) {
        c.metadata =
            (load.pack.dir / "data").lexically_normal();  // the pack's own dataset, as `assay init` lays it out
    }
    for (const fs::path& root : load.roots)
        if (!c.metadata.empty() && lies_within(c.metadata, root)) {
            c.metadata_root = resolved_path(root);
            break;
        }
    if (named.push("expect") == LUA_TNIL)  // expect
        throw RuleError(context + ": field 'expect' is required, as in expect = { arrow = \"improved\" }");
    c.expect = read_expectation(L, -1, load.pack.find_scale(group.scale), context + ": expect", {}, &group);
    lua_pop(L, 1);  //
    if (c.expect.values.empty()) throw RuleError(context + ": expect names nothing to check");
    return c;
}

int cases_body(lua_State* L) {
    TestLoad& load = active(L);
    const std::string name(view_of(L, lua_upvalueindex(1)));
    const int line = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
    load.pending.clear();
    const std::string what = fmt::format("cases '{}'", name);
    lua::check_table(L, 1, what,
                     "cases \"name\" { group = \"psa1\", { \"case\", series = { ... }, expect = { ... } } }");
    const auto n = static_cast<int>(lua_rawlen(L, 1));
    Fields f(L, 1, what, shared_case_fields(), n);
    CaseDefaults defaults;
    read_defaults(L, f, load.pack, defaults);
    PackTestCases set{name, SourceLoc{(load.dir / load.file).string(), line, 0}, {}};
    size_t search_from = line_start(load.source, line);
    for (int i = 1; i <= n; ++i) {
        lua_rawgeti(L, 1, i);  // case
        set.cases.push_back(read_case(L, lua_gettop(L), load, defaults, name, i, search_from, line));
        lua_pop(L, 1);
    }
    if (set.cases.empty())
        throw RuleError(what + " has no cases: add { \"name\", series = { ... }, expect = { ... } }");
    load.out.case_sets.push_back(std::move(set));
    return 0;
}

// ---- whole-dataset tests --------------------------------------------------

// A table of counts by name: { GREEN = 5, AMBER = 1 }.
std::map<std::string, int> read_counts(lua_State* L, int idx, const std::string& what,
                                       const std::vector<std::string>& names) {
    idx = lua_absindex(L, idx);
    lua::check_table(L, idx, what, "{ GREEN = 5, AMBER = 1 }");
    std::map<std::string, int> out;
    for (const std::string& key : sorted_keys(L, idx, what)) {
        if (!names.empty() && !listed(names, key))
            throw RuleError(fmt::format("{}: '{}' is not one of {}{}", what, key, lua::quoted_list(names),
                                        suggest_name(key, names)));
        lua_getfield(L, idx, key.c_str());  // n
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0)
            throw RuleError(fmt::format("{}: {} must be a whole number, got {}", what, key, lua::describe(L, -1)));
        out[key] = static_cast<int>(lua_tointeger(L, -1));
        lua_pop(L, 1);
    }
    return out;
}

std::optional<int> whole_number(const Fields& f, const char* name) {
    std::optional<double> n = f.number(name);
    if (!n) return std::nullopt;
    if (*n < 0 || *n != std::floor(*n) || *n > 1e9)
        throw RuleError(fmt::format("{}: {} must be a whole number from 0", f.context(), name));
    return static_cast<int>(*n);
}

GroupExpectation read_group_expectation(lua_State* L, int idx, const Pack& pack, const std::string& id,
                                        const std::string& what) {
    const Group& g = find_group(pack, id, what);
    const std::string context = what + ": " + id;
    lua::check_table(L, idx, context, "psa1 = { rating = \"AMBER\", ratings = { GREEN = 5 } }");
    Fields f(L, idx, context, {"rating", "ratings", "arrows", "assessed", "unrated"});
    GroupExpectation e;
    e.group = id;
    if (auto r = f.text("rating")) {
        check_label(*r, pack.find_scale(g.scale_rollup.empty() ? g.scale : g.scale_rollup), context + ": rating");
        e.rating = *r;
    }
    std::vector<std::string> labels = labels_of(pack.find_scale(g.scale));
    labels.pop_back();  // "none" is not a label to count
    if (f.push("ratings") != LUA_TNIL) e.ratings = read_counts(L, -1, context + ": ratings", labels);
    lua_pop(L, 1);
    if (f.push("arrows") != LUA_TNIL) e.arrows = read_counts(L, -1, context + ": arrows", kArrowNames);
    lua_pop(L, 1);
    e.assessed = whole_number(f, "assessed");
    e.unrated = whole_number(f, "unrated");
    return e;
}

// The group that assesses `indicator` (the first, when several do).
const Group* group_of_indicator(const Pack& pack, const std::string& indicator) {
    for (const Group& g : pack.groups)
        if (listed(g.indicators, indicator)) return &g;
    return nullptr;
}

IndicatorExpectation read_outcome_expectation(lua_State* L, int idx, const Pack& pack, const std::string& id,
                                              const std::string& what) {
    const Group* g = group_of_indicator(pack, id);
    if (!g) {
        std::vector<std::string> all;
        for (const Group& group : pack.groups) all.insert(all.end(), group.indicators.begin(), group.indicators.end());
        throw RuleError(fmt::format("{}: indicator '{}' is in no group of pack '{}'{}", what, id, pack.name,
                                    suggest_name(id, all)));
    }
    const std::string context = what + ": " + id;
    IndicatorExpectation e;
    e.indicator = id;
    e.expect = read_expectation(L, idx, pack.find_scale(g->scale), context, {"area"}, g);
    lua_getfield(L, idx, "area");  // area
    if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING)
        throw RuleError(context + ": area must be text in quotes, got " + lua::describe(L, -1));
    if (!lua_isnil(L, -1)) e.area = view_of(L, -1);
    lua_pop(L, 1);
    if (e.expect.values.empty()) throw RuleError(context + " names nothing to check");
    return e;
}

void read_dataset_expect(lua_State* L, const Fields& parent, const Pack& pack, DatasetTest& t) {
    const std::string what = parent.context() + ": expect";
    if (parent.push("expect") == LUA_TNIL)  // expect
        throw RuleError(parent.context() + ": field 'expect' is required");
    lua::check_table(L, -1, what, "expect = { themes = { crime = \"AMBER GREEN\" }, checks = 1 }");
    Fields f(L, -1, what, {"themes", "groups", "outcomes", "checks", "errors"});
    if (f.push("themes") != LUA_TNIL) {  // expect themes
        const std::string tw = what + ": themes";
        for (const std::string& id : sorted_keys(L, -1, tw)) {
            const Theme* theme = nullptr;
            std::vector<std::string> ids;
            for (const Theme& th : pack.themes) {
                ids.push_back(th.id);
                if (th.id == id) theme = &th;
            }
            if (!theme)
                throw RuleError(
                    fmt::format("{}: theme '{}' is not in pack '{}'{}", tw, id, pack.name, suggest_name(id, ids)));
            lua_getfield(L, -1, id.c_str());  // expect themes label
            if (lua_type(L, -1) != LUA_TSTRING)
                throw RuleError(fmt::format("{}: {} must be a level in quotes, got {}", tw, id, lua::describe(L, -1)));
            std::string label(view_of(L, -1));
            check_label(label, pack.find_scale(theme->scale), tw + ": " + id);
            t.themes.emplace_back(id, label);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);                       // expect
    if (f.push("groups") != LUA_TNIL) {  // expect groups
        for (const std::string& id : sorted_keys(L, -1, what + ": groups")) {
            lua_getfield(L, -1, id.c_str());  // expect groups g
            t.groups.push_back(read_group_expectation(L, lua_gettop(L), pack, id, what + ": groups"));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    if (f.push("outcomes") != LUA_TNIL) {  // expect outcomes
        for (const std::string& id : sorted_keys(L, -1, what + ": outcomes")) {
            lua_getfield(L, -1, id.c_str());  // expect outcomes o
            t.outcomes.push_back(read_outcome_expectation(L, lua_gettop(L), pack, id, what + ": outcomes"));
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    t.checks = whole_number(f, "checks");
    t.errors = whole_number(f, "errors");
    lua_pop(L, 1);  //
    if (t.themes.empty() && t.groups.empty() && t.outcomes.empty() && !t.checks && !t.errors)
        throw RuleError(what + " names nothing to check");
}

// A test's `data`, resolved against the tests folder: it must stay inside
// the pack's folder (or a folder the user granted), so that a pack's tests
// cannot read, and print in a failure, any file the user can read.
fs::path confined_data(const TestLoad& load, const std::string& text, const std::string& what) {
    const fs::path data(text);
    const std::string shown = shown_text(text, 200);
    if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        throw RuleError(fmt::format("{}: data = \"{}\" holds a control character", what, shown));
    if (data.is_absolute() || data.has_root_name() || data.has_root_directory())
        throw RuleError(
            fmt::format("{}: data = \"{}\" is an absolute path: give the dataset's path relative to "
                        "this file, inside the pack's folder",
                        what, shown));
    const fs::path joined = (load.dir / data).lexically_normal();
    for (const fs::path& root : load.roots)
        if (lies_within(joined, root)) return joined;
    throw RuleError(
        fmt::format("{}: data = \"{}\" lies outside the pack's folder: a pack's tests may read "
                    "datasets inside the pack only (or under a folder given with --allow-data)",
                    what, shown));
}

int test_body(lua_State* L) {
    TestLoad& load = active(L);
    const std::string name(view_of(L, lua_upvalueindex(1)));
    const int line = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
    load.pending.clear();
    const std::string what = fmt::format("test '{}'", name);
    lua::check_table(L, 1, what, "test \"name\" { data = \"../../../datasets/x\", expect = { checks = 0 } }");
    Fields f(L, 1, what, {"data", "as_at", "expect"});
    DatasetTest t;
    t.name = name;
    t.where = SourceLoc{(load.dir / load.file).string(), line, 0};
    t.data = confined_data(load, f.required_text("data"), what);
    t.as_at = f.text("as_at").value_or("");
    for (const fs::path& root : load.roots)
        if (lies_within(t.data, root)) {
            t.data_root = resolved_path(root);
            break;
        }
    read_dataset_expect(L, f, load.pack, t);
    load.out.dataset_tests.push_back(std::move(t));
    return 0;
}

// ---- declarations ---------------------------------------------------------

// `cases "name"` / `test "name"`: checks the name and returns the body bound to it.
int name_declaration(lua_State* L, lua_CFunction body, const char* what) {
    TestLoad& load = active(L);
    if (!load.pending.empty())
        throw RuleError(fmt::format("{} (at line {}) is missing its table: write {} {{ ... }}", load.pending,
                                    load.pending_where.line, load.pending));
    if (lua_type(L, 1) != LUA_TSTRING || lua_rawlen(L, 1) == 0 || lua_gettop(L) > 1)
        throw RuleError(fmt::format("{} expects a name in quotes, then a table: {} \"name\" {{ ... }}", what, what));
    SourceLoc where = lua::caller_loc(L);
    load.pending = fmt::format("{} \"{}\"", what, view_of(L, 1));
    load.pending_where = where;
    lua_pushvalue(L, 1);             // name
    lua_pushinteger(L, where.line);  // name line
    lua_pushcclosure(L, body, 2);    // body
    return 1;
}

int dsl_cases(lua_State* L) {
    return name_declaration(L, lua::guarded<cases_body>, "cases");
}

int dsl_test(lua_State* L) {
    return name_declaration(L, lua::guarded<test_body>, "test");
}

// Set-up in protected mode: `cases` and `test` in the sandbox's _ENV.
int add_test_declarations(lua_State* L) {
    lua::Sandbox::of(L).push_env();  // env
    lua_pushcfunction(L, lua::guarded<dsl_cases>);
    lua_setfield(L, -2, "cases");
    lua_pushcfunction(L, lua::guarded<dsl_test>);
    lua_setfield(L, -2, "test");
    lua_pop(L, 1);  //
    return 0;
}

// Makes the light userdata argument the active TestLoad (null: none).
int set_active(lua_State* L) {
    lua_pushvalue(L, 1);                           // load
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kLoadKey);  //
    return 0;
}

// "name.lua:12: message" -> the file's place and the message.
Error located(const fs::path& dir, const std::string& file, const std::string& message) {
    if (std::optional<LineMessage> lm = split_file_line(message, file))
        return Error{{(dir / file).string(), lm->line, 0}, std::string(lm->message)};
    return Error{{(dir / file).string(), 0, 0}, message};
}

std::vector<std::string> test_files(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError(Error{{dir.string(), 0, 0}, "no tests: expected a folder of *.lua test files"});
    return lua::list_lua_files(dir, "a pack's tests folder");
}

}  // namespace

PackTests load_pack_tests(const Pack& pack, const fs::path& dir_in, const std::vector<fs::path>& data_roots) {
    const fs::path dir = dir_in.empty() ? pack.dir / "tests" : dir_in;
    PackTests out;
    std::vector<fs::path> roots;
    roots.push_back(pack.dir.empty() ? dir.parent_path() : pack.dir);
    roots.insert(roots.end(), data_roots.begin(), data_roots.end());
    lua::Sandbox sb{SandboxLimits{}};
    sb.protect(add_test_declarations, nullptr);
    for (const std::string& name : test_files(dir)) {
        TestLoad load{pack, dir, name, lua::read_lua_file(dir, name), out, {}, {}, roots};
        sb.protect(set_active, &load);
        lua::RunStatus status = sb.run(load.source, name);
        sb.protect(set_active, nullptr);
        if (!status.ok()) throw InputError(located(dir, name, status.message));
        if (!load.pending.empty())
            throw InputError(Error{{(dir / name).string(), load.pending_where.line, 0},
                                   load.pending + " is missing its table: write " + load.pending + " { ... }"});
        out.files.push_back((dir / name).string());
    }
    return out;
}

}  // namespace assay
