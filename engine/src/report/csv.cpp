// CSV: one row per outcome, for spreadsheets. Columns (fixed, in order):
//   group, indicator, area, title, period, value, previous_period,
//   previous_value, change, change_pct, arrow (left out when no group has a
//   direction of travel), rating, target, distance,
//   distance_pct, on_track, comment
// then arrow_<name> for each named arrow of the pack's groups (long_arrow,
// arrows = { long = ... }), in the groups' order: empty for a group without
// it. Assessed as at several periods (assay run --periods), an as_at column
// comes first and each period's rows follow the one header.
// Numbers are written as in the JSON record (data as read, derived figures
// to 6 decimals); absent values are empty; arrow is the word ("improved")
// or empty; on_track is true/false, empty without a target; comment is the
// report's comment column (the outcome's comment, else why there is no arrow
// or rating). RFC 4180 quoting (fields with a comma, quote, CR or LF are
// quoted, quotes doubled); rows end with LF. Text cells that a spreadsheet
// would take for a formula (starting with =, +, -, @, tab or CR, such as a
// title "=HYPERLINK(...)") get a leading single quote, as OWASP's guidance
// on CSV injection advises; numbers (-1.5) and texts that are plain numbers
// are left as they are.
// When a group of the pack uses statistics (significance arrows, comparisons
// with a comparator, funnel positions), eleven columns follow: the current
// value's interval (ci_level in per cent, ci_lower, ci_upper, ci_method),
// the first comparison (comparator_area, comparator_value, significance:
// better, similar, worse; higher, lower for a neutral indicator; the
// comparator is the funnel's when there is no comparison) and the
// first funnel position (funnel_level, funnel_lower, funnel_upper,
// funnel_position: above, within, below). Other packs' CSV is unchanged.
#include "report/common.hpp"
#include "report/renderers.hpp"

#include <assay/number.hpp>
#include <assay/statistics.hpp>

#include <algorithm>
#include <cmath>

namespace assay::reporting {
namespace {

constexpr std::string_view header_to_change =
    "group,indicator,area,title,period,value,previous_period,previous_value,change,change_pct,";
constexpr std::string_view header_from_rating =
    "rating,target,distance,distance_pct,on_track,comment,commentary,action,owner,due\n";

// Whether any group has a direction of travel: when none has (arrow =
// arrow.none), the arrow column is left out.
bool any_arrow(const Pack& p) {
    return std::any_of(p.groups.begin(), p.groups.end(), [](const Group& g) { return !g.arrow.none; });
}

void field(std::string& out, std::string_view s, bool last = false) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += s;
    } else {
        out += '"';
        for (char c : s) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += last ? '\n' : ',';
}

// Whether `s` is a plain decimal number (-1.5, +3, 12): nothing a
// spreadsheet would run.
bool plain_number(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t digits = 0, dots = 0;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9')
            ++digits;
        else if (s[i] == '.' && dots++ == 0)
            continue;
        else
            return false;
    }
    return digits > 0;
}

// A text cell, neutralised when a spreadsheet would read it as a formula.
void text(std::string& out, std::string_view s, bool last = false) {
    if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos && !plain_number(s))
        field(out, "'" + std::string(s), last);
    else
        field(out, s, last);
}

std::string number(std::optional<double> x) {
    if (!x || !std::isfinite(*x)) return {};
    return format_number(*x == 0 ? 0.0 : *x);
}

std::optional<double> derived(std::optional<double> x, Rounding r) {
    if (!x) return std::nullopt;
    return record_value(*x, r);
}

/// The names of the pack's named arrows, each once, in the groups' order.
std::vector<std::string> arrow_names(const Pack& p) {
    std::vector<std::string> names;
    for (const Group& g : p.groups)
        for (const NamedArrowRule& n : g.other_arrows)
            if (std::find(names.begin(), names.end(), n.name) == names.end()) names.push_back(n.name);
    return names;
}

constexpr std::string_view statistics_header =
    ",ci_level,ci_lower,ci_upper,ci_method,comparator_area,comparator_value,significance,funnel_level,funnel_lower,"
    "funnel_upper,funnel_position";

/// The titles of the pack's benchmark columns (comparators), each once, in the groups' order.
std::vector<std::string> comparator_titles(const Pack& p) {
    std::vector<std::string> titles;
    for (const Group& g : p.groups)
        for (const ComparatorColumn& c : g.comparators)
            if (std::find(titles.begin(), titles.end(), c.title) == titles.end()) titles.push_back(c.title);
    return titles;
}

void header_row(std::string& out, const Assessment& a, bool as_at) {
    if (as_at) out += "as_at,";
    out += header_to_change;
    if (any_arrow(*a.pack)) out += "arrow,";
    out += header_from_rating;
    std::vector<std::string> names;
    for (const std::string& n : arrow_names(*a.pack)) names.push_back("arrow_" + n);
    for (const std::string& t : comparator_titles(*a.pack)) names.push_back("comparator_" + indicator_key(t));
    const bool statistics = uses_statistics(*a.pack);
    if (names.empty() && !statistics) return;
    out.pop_back();
    for (const std::string& n : names) {
        out += ',';
        field(out, n, false);
        out.pop_back();
    }
    if (statistics) out += statistics_header;
    out += '\n';
}

/// The interval, comparison and funnel columns, each after a comma.
void statistics_columns(std::string& out, const Outcome& o, Rounding r) {
    auto put = [&](std::string_view s) {
        out += ',';
        field(out, s);
        out.pop_back();
    };
    auto put_text = [&](std::string_view s) {
        out += ',';
        text(out, s);
        out.pop_back();
    };
    const std::optional<ValueInterval>& ci = o.interval;
    put(ci ? number(level_percent(ci->level)) : "");
    put(number(ci ? derived(ci->lower, r) : std::nullopt));
    put(number(ci ? derived(ci->upper, r) : std::nullopt));
    put_text(ci ? std::string_view(ci->method) : "");
    const Comparison* c = first_comparison(o, false);
    const Comparison* f = first_comparison(o, true);
    const Comparison* named = c ? c : f;  // the comparator, of the comparison or else of the funnel
    put_text(named ? std::string_view(named->area) : "");
    put(number(named && named->verdict ? std::optional(named->comparator) : std::nullopt));
    put(c ? comparison_word(*c) : "");
    put(f ? number(level_percent(f->level)) : "");
    put(number(f && f->verdict ? derived(f->lower, r) : std::nullopt));
    put(number(f && f->verdict ? derived(f->upper, r) : std::nullopt));
    put(f ? comparison_word(*f) : "");
}

void row(std::string& out, const Assessment& a, const Outcome& o, const std::vector<std::string>& arrows,
         const std::vector<std::string>& comparators, bool main_arrow, bool as_at, bool statistics) {
    if (as_at) text(out, a.as_at);
    const Dataset& d = *a.dataset;
    const Indicator& ind = indicator_of(a, o);
    const Group& g = group_of(a, o);
    Rounding r = a.pack->rounding_for(g, ind.id);
    const TargetOutcome* t = o.target ? &*o.target : nullptr;

    text(out, g.id);
    text(out, ind.id);
    text(out, area_of(a, o));
    text(out, ind.title);
    auto period = reported_period(a, o);
    text(out, period ? std::string_view(period_label(d, *period)) : "");
    field(out, number(o.current ? std::optional(o.current->value) : std::nullopt));
    text(out, o.previous ? std::string_view(period_label(d, o.previous->period)) : "");
    field(out, number(o.previous ? std::optional(o.previous->value) : std::nullopt));
    field(out, number(derived(o.change, r)));
    field(out, number(derived(o.change_pct, r)));
    if (main_arrow) field(out, o.arrow == Arrow::none ? "" : to_string(o.arrow));
    text(out, level_label(rating_scale(*a.pack, g), o.rating).value_or(""));
    field(out, number(t ? derived(t->target, r) : std::nullopt));
    field(out, number(t ? derived(t->distance, r) : std::nullopt));
    field(out, number(t ? derived(t->distance_pct, r) : std::nullopt));
    field(out, t ? (t->on_track ? "true" : "false") : "");
    text(out, comment_text(a, o));
    const Commentary* c = commentary_of(a, o);
    text(out, c ? std::string_view(c->commentary) : "");
    text(out, c ? std::string_view(c->action) : "");
    text(out, c ? std::string_view(c->owner) : "");
    text(out, c ? std::string_view(c->due) : "");
    for (const std::string& name : arrows) {
        std::string_view word;
        for (const OtherArrow& x : o.other_arrows)
            if (x.name == name && x.arrow != Arrow::none) word = to_string(x.arrow);
        field(out, word);
    }
    for (const std::string& title : comparators) {
        std::optional<double> v;
        for (const ComparatorColumn& x : g.comparators)
            if (x.title == title) v = comparator_value(a, o, x);
        field(out, number(v));
    }
    out.pop_back();  // the last field's comma
    if (statistics) statistics_columns(out, o, r);
    out += '\n';
}

}  // namespace

std::string render_csv(const Assessment& a) {
    std::string out;
    header_row(out, a, false);
    const std::vector<std::string> arrows = arrow_names(*a.pack);
    const std::vector<std::string> comparators = comparator_titles(*a.pack);
    const bool main_arrow = any_arrow(*a.pack);
    const bool statistics = uses_statistics(*a.pack);
    for (const Outcome& o : a.outcomes) row(out, a, o, arrows, comparators, main_arrow, false, statistics);
    return out;
}

std::string render_csv_periods(const std::vector<Assessment>& runs) {
    std::string out;
    if (runs.empty()) return out;
    header_row(out, runs.front(), true);
    const std::vector<std::string> arrows = arrow_names(*runs.front().pack);
    const std::vector<std::string> comparators = comparator_titles(*runs.front().pack);
    const bool main_arrow = any_arrow(*runs.front().pack);
    const bool statistics = uses_statistics(*runs.front().pack);
    for (const Assessment& a : runs)
        for (const Outcome& o : a.outcomes) row(out, a, o, arrows, comparators, main_arrow, true, statistics);
    return out;
}

}  // namespace assay::reporting
