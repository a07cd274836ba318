// Lookups and cell texts shared by every report format (see common.hpp).
#include "report/common.hpp"

#include <assay/error.hpp>
#include <assay/number.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace assay::reporting {
namespace {

// Symbols used when a pack does not style its arrows; the seed's set, with
// plain arrows for neutral indicators that only go up or down.
constexpr std::string_view default_symbols[] = {"▲", "◀▶", "▼", "★", "↑", "↓"};

}  // namespace

const Indicator& indicator_of(const Assessment& a, const Outcome& o) {
    return a.dataset->indicators[a.dataset->series[o.series].indicator];
}

const std::string& area_of(const Assessment& a, const Outcome& o) {
    return a.dataset->areas[a.dataset->series[o.series].area];
}

const Group& group_of(const Assessment& a, const Outcome& o) {
    return a.pack->groups[o.group];
}

Polarity polarity_of(const Assessment& a, const Outcome& o) {
    const Group& g = group_of(a, o);
    return g.polarity ? *g.polarity : indicator_of(a, o).polarity;
}

const std::string& period_label(const Dataset& d, uint32_t index) {
    return d.periods[index].label;
}

std::optional<uint32_t> reported_period(const Assessment& a, const Outcome& o) {
    if (o.current) return o.current->period;
    if (o.latest_obs) return a.dataset->obs_period[*o.latest_obs];
    return std::nullopt;
}

const Scale* rating_scale(const Pack& p, const Group& g) {
    return p.find_scale(g.scale);
}

const Scale* rollup_scale(const Pack& p, const Group& g) {
    return p.find_scale(g.scale_rollup.empty() ? g.scale : g.scale_rollup);
}

std::optional<std::string_view> level_label(const Scale* scale, int level) {
    if (!scale || level < 0 || level >= static_cast<int>(scale->levels.size())) return std::nullopt;
    return scale->levels[static_cast<size_t>(level)].label;
}

std::string_view arrow_symbol(const Pack& p, Arrow arrow) {
    if (arrow == Arrow::none) return "N/A";
    auto i = static_cast<size_t>(arrow);
    if (!p.arrows[i].symbol.empty()) return p.arrows[i].symbol;
    return default_symbols[i];
}

std::string value_text(const Indicator& ind, double value, Rounding rounding, const Style& style) {
    return format_value(ind, value, rounding, style);
}

std::string observation_text(const Dataset& d, const Indicator& ind, uint32_t obs, Rounding rounding,
                             const Style& style) {
    if (d.has_value(obs)) return value_text(ind, d.obs_value[obs], rounding, style);
    auto it = d.missing.find(obs);
    if (it == d.missing.end() || it->second.empty()) return "N/A";
    return it->second;
}

Style style_of(const Assessment& a, const Outcome& o) {
    return a.pack->style_for(group_of(a, o), indicator_of(a, o).id);
}

std::vector<ChangeColumn> change_columns(const Assessment& a, const Group& g) {
    bool shown[3] = {false, false, false};
    for (const std::string& id : g.indicators) {
        Style s = a.pack->style_for(g, id);
        for (ChangeColumn c : s.changes) shown[static_cast<int>(c)] = true;
    }
    std::vector<ChangeColumn> out;
    for (ChangeColumn c : {ChangeColumn::volume, ChangeColumn::pct, ChangeColumn::pts})
        if (shown[static_cast<int>(c)]) out.push_back(c);
    return out;
}

std::string change_header(ChangeColumn c) {
    switch (c) {
        case ChangeColumn::volume:
            return "Change";
        case ChangeColumn::pct:
            return "% change";
        case ChangeColumn::pts:
            return "Change (pts)";
    }
    return "Change";
}

std::string change_text(const Assessment& a, const Outcome& o, ChangeColumn c) {
    const Indicator& ind = indicator_of(a, o);
    const Style style = style_of(a, o);
    if (!style.shows(c)) return {};
    const Rounding r = a.pack->rounding_for(group_of(a, o), ind.id);
    switch (c) {
        case ChangeColumn::volume:
            return o.change ? format_change(ind, *o.change, r, style) : std::string();
        case ChangeColumn::pct:
            if (change_in_points(ind, style)) return style.not_applicable;
            return o.change_pct ? format_change_pct(ind, *o.change_pct, r, style) : std::string();
        case ChangeColumn::pts:
            if (ind.unit != "percent") return style.not_applicable;
            return o.change ? format_change_pts(ind, *o.change, r, style) : std::string();
    }
    return {};
}

std::optional<double> change_number(const Assessment& a, const Outcome& o, ChangeColumn c) {
    const Indicator& ind = indicator_of(a, o);
    const Style style = style_of(a, o);
    if (!style.shows(c)) return std::nullopt;
    const Rounding r = a.pack->rounding_for(group_of(a, o), ind.id);
    auto rounded = [&](double x, int decimals) {
        double v = round_to(x, std::clamp(decimals, 0, 12), r);
        return v == 0 ? 0.0 : v;
    };
    switch (c) {
        case ChangeColumn::volume:
            if (!o.change || !std::isfinite(*o.change)) return std::nullopt;
            if (ind.unit == "duration" && style.hms) return std::nullopt;
            return rounded(*o.change, ind.decimals);
        case ChangeColumn::pct:
            if (change_in_points(ind, style) || !o.change_pct || !std::isfinite(*o.change_pct)) return std::nullopt;
            return rounded(*o.change_pct, 1);
        case ChangeColumn::pts:
            if (ind.unit != "percent" || !o.change || !std::isfinite(*o.change)) return std::nullopt;
            return rounded(*o.change, ind.decimals);
    }
    return std::nullopt;
}

std::string unit_header(const Assessment& a, const Group& g) {
    for (const std::string& id : g.indicators) {
        Style s = a.pack->style_for(g, id);
        if (!s.unit_header.empty()) return s.unit_header;
    }
    return {};
}

std::string comment_text(const Assessment& a, const Outcome& o) {
    std::vector<std::string_view> parts;
    if (!o.error.empty()) parts.push_back(o.error);
    if (!o.comment.empty()) {
        parts.push_back(o.comment);
    } else {
        if (o.arrow == Arrow::none && !o.arrow_reason.empty()) parts.push_back(o.arrow_reason);
        // A group without a rating rule would repeat "no rating rule" on every row.
        bool rated_group = group_of(a, o).rating.kind != RatingRule::Kind::none;
        if (rated_group && o.rating < 0 && !o.rating_reason.empty() &&
            std::find(parts.begin(), parts.end(), o.rating_reason) == parts.end())
            parts.push_back(o.rating_reason);
    }
    std::string out;
    for (std::string_view p : parts) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

std::optional<ComparatorFigure> comparator_figure(const Assessment& a, const Outcome& o, const ComparatorColumn& c) {
    const Dataset& d = *a.dataset;
    const Indicator& own = indicator_of(a, o);
    std::string id = c.indicator.empty() ? own.id : c.indicator;
    for (size_t at = id.find("{indicator}"); at != std::string::npos; at = id.find("{indicator}", at + own.id.size()))
        id.replace(at, 11, own.id);
    std::optional<uint32_t> ind = d.find_indicator(id);
    std::optional<uint32_t> area = d.find_area(c.area);
    std::optional<uint32_t> pi = reported_period(a, o);
    if (!ind || !area || !pi) return std::nullopt;
    std::optional<uint32_t> s = d.find_series(*ind, *area);
    if (!s) return std::nullopt;
    const Series& series = d.series[*s];
    auto first = d.obs_period.begin() + series.begin, last = d.obs_period.begin() + series.end;
    auto it = std::lower_bound(first, last, *pi);
    if (it == last || *it != *pi) return std::nullopt;
    return ComparatorFigure{*ind, static_cast<uint32_t>(it - d.obs_period.begin())};
}

std::string comparator_text(const Assessment& a, const Outcome& o, const ComparatorColumn& c) {
    std::optional<ComparatorFigure> f = comparator_figure(a, o, c);
    if (!f) return {};
    const Dataset& d = *a.dataset;
    const Group& g = group_of(a, o);
    const Indicator& ind = d.indicators[f->indicator];
    return observation_text(d, ind, f->obs, a.pack->rounding_for(g, ind.id), a.pack->style_for(g, ind.id));
}

std::optional<double> comparator_value(const Assessment& a, const Outcome& o, const ComparatorColumn& c) {
    std::optional<ComparatorFigure> f = comparator_figure(a, o, c);
    if (!f || !a.dataset->has_value(f->obs)) return std::nullopt;
    const Indicator& ind = a.dataset->indicators[f->indicator];
    return round_to(a.dataset->obs_value[f->obs], ind.decimals, a.pack->rounding_for(group_of(a, o), ind.id));
}

std::string report_title(const Pack& p, const ReportInfo& info) {
    return info.title.empty() ? title_of(p) : info.title;
}

std::vector<std::pair<std::string, std::string>> report_meta(const ReportInfo& info) {
    std::vector<std::pair<std::string, std::string>> out;
    auto add = [&](const char* label, const std::string& value) {
        if (!value.empty()) out.emplace_back(label, value);
    };
    add("Organisation", info.organisation);
    add("Period", info.period);
    add("Date", info.date);
    add("Author", info.author);
    add("Contact", info.contact);
    if (info.status == "draft") out.emplace_back("Status", "Draft");
    if (info.status == "final") out.emplace_back("Status", "Final");
    return out;
}

const Commentary* commentary_of(const Assessment& a, const Outcome& o) {
    const Dataset& d = *a.dataset;
    if (d.commentary.empty()) return nullptr;
    if (std::optional<uint32_t> pi = reported_period(a, o))
        if (const Commentary* c = d.find_commentary(o.series, *pi)) return c;
    if (std::optional<uint32_t> pi = as_at_index(a)) return d.find_commentary(o.series, *pi);
    return nullptr;
}

bool needs_action(const Assessment& a, const Outcome& o) {
    const Scale* scale = rating_scale(*a.pack, group_of(a, o));
    return scale && scale->levels.size() > 1 && o.rating == 0;
}

std::string action_text(const Assessment& a, const Outcome& o, const Commentary* c, bool needed) {
    std::string out;
    auto add = [&](std::string_view head, const std::string& text) {
        if (text.empty()) return;
        if (!out.empty()) out += ' ';
        out += head;
        out += ": ";
        out += text;
        if (text.back() != '.' && text.back() != '!' && text.back() != '?') out += '.';
    };
    if (c) add("Commentary", c->commentary);
    if (c && !c->action.empty()) {
        add("Corrective action", c->action);
        add("Owner", c->owner);
        add("Due", c->due);
    } else if (needed) {
        std::optional<uint32_t> pi = c ? std::optional<uint32_t>(c->period) : reported_period(a, o);
        if (!out.empty()) out += ' ';
        out += "No corrective action has been recorded" +
               (pi ? " for " + period_label(*a.dataset, *pi) : std::string()) + ".";
    }
    return out;
}

double record_value(double x, Rounding rounding) {
    if (!std::isfinite(x)) return x;
    // Truncating binary noise would turn -0.19999999999999996 into -0.199999:
    // the recorded figure is rounded to nearest whatever the pack's convention.
    Rounding mode = rounding == Rounding::truncate ? Rounding::half_up : rounding;
    double r = round_to(x, 6, mode);
    return r == 0 ? 0.0 : r;
}

std::optional<uint32_t> as_at_index(const Assessment& a) {
    const Dataset& d = *a.dataset;
    if (!a.as_at.empty())
        if (auto i = d.find_period(a.as_at)) return i;
    if (d.periods.empty()) return std::nullopt;
    return static_cast<uint32_t>(d.periods.size() - 1);
}

std::pair<uint32_t, uint32_t> observations_upto(const Assessment& a, const Outcome& o, std::optional<uint32_t> as_at) {
    const Dataset& d = *a.dataset;
    const Series& s = d.series[o.series];
    if (!as_at) return {s.begin, s.end};
    // Observations of a series are sorted by period index.
    auto first = d.obs_period.begin() + s.begin;
    auto last = d.obs_period.begin() + s.end;
    auto cut = std::upper_bound(first, last, *as_at);
    return {s.begin, static_cast<uint32_t>(cut - d.obs_period.begin())};
}

int count_of(const Counts& c, const CountColumn& col) {
    const auto& m = col.rating ? c.ratings : c.arrows;
    auto it = m.find(col.key);
    return it == m.end() ? 0 : it->second;
}

std::vector<std::vector<const Outcome*>> outcomes_by_group(const Assessment& a) {
    std::vector<std::vector<const Outcome*>> out(a.pack->groups.size());
    for (const Outcome& o : a.outcomes)
        if (o.group < out.size()) out[o.group].push_back(&o);
    return out;
}

namespace {

template <class Outcomes, class Deref>
std::vector<uint32_t> periods_observed(const Assessment& a, const Outcomes& outs, std::optional<uint32_t> as_at,
                                       Deref outcome) {
    const Dataset& d = *a.dataset;
    std::vector<char> used(d.periods.size(), 0);
    for (const auto& each : outs) {
        auto [first, last] = observations_upto(a, outcome(each), as_at);
        for (uint32_t obs = first; obs < last; ++obs) used[d.obs_period[obs]] = 1;
    }
    std::vector<uint32_t> periods;
    for (uint32_t i = 0; i < used.size(); ++i)
        if (used[i]) periods.push_back(i);
    return periods;
}

}  // namespace

std::vector<uint32_t> observed_periods(const Assessment& a, const std::vector<const Outcome*>& outs,
                                       std::optional<uint32_t> as_at) {
    return periods_observed(a, outs, as_at, [](const Outcome* o) -> const Outcome& { return *o; });
}

std::vector<uint32_t> observed_periods(const Assessment& a, std::optional<uint32_t> as_at) {
    return periods_observed(a, a.outcomes, as_at, [](const Outcome& o) -> const Outcome& { return o; });
}

std::vector<std::optional<uint32_t>> period_cells(const Assessment& a, const Outcome& o,
                                                  const std::vector<uint32_t>& periods, std::optional<uint32_t> as_at) {
    const Dataset& d = *a.dataset;
    std::vector<std::optional<uint32_t>> cells(periods.size());
    auto [obs, last] = observations_upto(a, o, as_at);
    for (size_t i = 0; i < periods.size(); ++i) {
        while (obs < last && d.obs_period[obs] < periods[i]) ++obs;
        if (obs < last && d.obs_period[obs] == periods[i]) cells[i] = obs;
    }
    return cells;
}

std::string_view to_string(TargetRule::Kind k) {
    switch (k) {
        case TargetRule::Kind::absolute:
            return "absolute";
        case TargetRule::Kind::reduce_by:
            return "reduce_by";
        case TargetRule::Kind::increase_by:
            return "increase_by";
        case TargetRule::Kind::within:
            return "within";
        case TargetRule::Kind::comparator:
            return "comparator";
    }
    return "absolute";
}

void require_inputs(const Assessment& a) {
    if (!a.pack || !a.dataset) throw Fatal("cannot render an assessment without its pack and dataset");
}

const Comparison* first_comparison(const Outcome& o, bool funnel) {
    for (const Comparison& c : o.comparisons)
        if (c.funnel == funnel) return &c;
    return nullptr;
}

std::string_view comparison_word(const Comparison& c) {
    if (!c.verdict) return "";
    if (c.funnel) return *c.verdict > 0 ? "above" : *c.verdict < 0 ? "below" : "within";
    if (*c.verdict == 0) return "similar";
    if (c.neutral) return *c.verdict > 0 ? "higher" : "lower";
    return *c.verdict > 0 ? "better" : "worse";
}

std::string interval_text(const Indicator& ind, const ValueInterval& ci, Rounding rounding, const Style& style) {
    return format_number(level_percent(ci.level)) + " % CI " + value_text(ind, ci.lower, rounding, style) + " to " +
           value_text(ind, ci.upper, rounding, style);
}

double level_percent(double level) {
    return std::round(level * 1000) / 10;
}

}  // namespace assay::reporting
