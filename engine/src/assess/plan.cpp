// Resolves a pack against a dataset once per run: every name the pack uses
// becomes an index, every period label a parsed Period, and every bad name an
// InputError that says where the pack used it and what it may have meant.
#include "assess/plan.hpp"
#include "assess/significance.hpp"

#include "core/closest_name.hpp"

#include <assay/error.hpp>
#include <assay/statistics.hpp>

#include "core/shown_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace assay::assess_detail {
namespace {

/// "group 'psa1' (psa1.lua:12)" or "group 'psa1'" when the place is unknown.
std::string named(std::string_view what, std::string_view id, const SourceLoc& where) {
    std::string place = to_string(where);
    if (place.empty()) return fmt::format("{} '{}'", what, id);
    return fmt::format("{} '{}' ({})", what, id, place);
}

/// The as-at cut-off: the dataset period named by options.as_at, else the latest.
void resolve_as_at(const Dataset& d, const AssessOptions& options, Plan& plan) {
    if (options.as_at.empty()) {
        plan.cutoff = static_cast<int64_t>(d.periods.size()) - 1;
        plan.as_at = d.periods.empty() ? std::string() : d.periods.back().label;
        return;
    }
    std::optional<uint32_t> p = d.find_period(options.as_at);
    if (!p) {
        std::string known;
        for (const Period& period : d.periods) known += (known.empty() ? "" : ", ") + period.label;
        throw InputError(fmt::format("as-at period '{}' is not a period of dataset '{}' (known periods: {})",
                                     shown_text(options.as_at), d.name, known.empty() ? "none" : known));
    }
    plan.cutoff = *p;
    plan.as_at = d.periods[*p].label;
}

/// Each indicator's series, in area order.
void index_series(const Dataset& d, Plan& plan) {
    plan.series_by_indicator.assign(d.indicators.size(), {});
    for (size_t s = 0; s < d.series.size(); ++s) {
        uint32_t ind = d.series[s].indicator;
        if (ind >= d.indicators.size())
            throw InputError(
                fmt::format("dataset '{}': series {} names indicator {} of {}", d.name, s, ind, d.indicators.size()));
        plan.series_by_indicator[ind].push_back(static_cast<uint32_t>(s));
    }
    for (std::vector<uint32_t>& list : plan.series_by_indicator) {
        auto by_area = [&](uint32_t a, uint32_t b) { return d.series[a].area < d.series[b].area; };
        if (!std::is_sorted(list.begin(), list.end(), by_area)) std::stable_sort(list.begin(), list.end(), by_area);
    }
}

/// The dataset period with the same span as `p`, or -1.
int64_t find_span(const Dataset& d, const Period& p) {
    auto it = std::lower_bound(d.periods.begin(), d.periods.end(), p);
    if (it != d.periods.end() && *it == p) return it - d.periods.begin();
    return -1;
}

/// For same_period_last_year: each period's span one year earlier.
void index_year_before(const Dataset& d, Plan& plan) {
    plan.year_before.resize(d.periods.size());
    plan.year_before_label.resize(d.periods.size());
    for (size_t i = 0; i < d.periods.size(); ++i) {
        Period earlier = shift_years(d.periods[i], -1);
        plan.year_before[i] = find_span(d, earlier);
        plan.year_before_label[i] =
            plan.year_before[i] >= 0 ? d.periods[static_cast<size_t>(plan.year_before[i])].label : earlier.label;
    }
}

/// The scale named `name`, the pack's first scale when `name` is empty, or
/// an InputError naming `owner`.
const Scale* resolve_scale(const Pack& pack, const std::string& name, const std::string& owner) {
    if (name.empty()) return pack.scales.empty() ? nullptr : &pack.scales.front();
    if (const Scale* s = pack.find_scale(name)) return s;
    std::vector<std::string> names;
    for (const Scale& s : pack.scales) names.push_back(s.name);
    throw InputError(fmt::format("{}: scale '{}' is not declared{}", owner, name, suggest_name(name, names)));
}

/// A period label of a target, parsed; an InputError says which target and field.
Period parse_target_period(const std::string& label, std::string_view field, const std::string& owner) {
    Result<Period> p = parse_period(label);
    if (!p) throw InputError(fmt::format("{}: {} period '{}': {}", owner, field, label, p.error().message));
    return p.value();
}

/// The dataset indicator called `id`, or an InputError naming `owner`.
uint32_t resolve_indicator(const Dataset& d, const std::string& id, const std::string& owner) {
    if (std::optional<uint32_t> i = d.find_indicator(id)) return *i;
    std::vector<std::string> ids;
    for (const Indicator& ind : d.indicators) ids.push_back(ind.id);
    throw InputError(
        fmt::format("{}: indicator '{}' is not in dataset '{}'{}", owner, id, d.name, suggest_name(id, ids)));
}

/// Resolves a target rule for one indicator of a group.
TargetPlan resolve_target(const Dataset& d, const Plan& plan, const Group& g, const TargetRule& rule,
                          uint32_t indicator, Polarity polarity) {
    TargetPlan t;
    t.rule = &rule;
    const SourceLoc& where = rule.where.file.empty() ? g.where : rule.where;
    t.label = rule.id.empty() ? named("target of group", g.id, where) : named("target", rule.id, where);
    switch (rule.kind) {
        case TargetRule::Kind::reduce_by:
            t.lower_better = true;
            break;
        case TargetRule::Kind::increase_by:
            t.lower_better = false;
            break;
        default:
            t.lower_better = polarity == Polarity::lower_is_better;
            break;
    }
    if (!rule.due.empty()) t.due = parse_target_period(rule.due, "due", t.label);
    if (rule.kind == TargetRule::Kind::reduce_by || rule.kind == TargetRule::Kind::increase_by) {
        if (rule.baseline.empty())
            throw InputError(t.label + ": a reduction or increase needs a baseline period ('from')");
        Period base = parse_target_period(rule.baseline, "baseline", t.label);
        std::optional<uint32_t> p = d.find_period(rule.baseline);
        t.baseline_period = p ? static_cast<int64_t>(*p) : find_span(d, base);
    }
    for (const auto& [label, value] : rule.values)
        t.values.emplace_back(parse_target_period(label, "period", t.label), value);
    if (rule.kind == TargetRule::Kind::within)
        t.tolerance = rule.tolerance_percent ? std::abs(rule.amount) * rule.tolerance / 100 : rule.tolerance;
    if (rule.kind == TargetRule::Kind::comparator) {
        if (rule.comparator_indicator.empty() && rule.comparator_area.empty())
            throw InputError(t.label + ": a comparator target needs an indicator or an area to beat");
        uint32_t ci =
            rule.comparator_indicator.empty() ? indicator : resolve_indicator(d, rule.comparator_indicator, t.label);
        t.comparator_indicator = ci;
        if (!rule.comparator_area.empty()) {
            std::optional<uint32_t> a = d.find_area(rule.comparator_area);
            if (!a)
                throw InputError(fmt::format("{}: area '{}' is not in dataset '{}'{}", t.label, rule.comparator_area,
                                             d.name, suggest_name(rule.comparator_area, d.areas)));
            t.comparator_area = *a;
        }
        t.comparator_series.assign(d.areas.size(), -1);
        for (uint32_t s : plan.series_by_indicator[ci]) t.comparator_series[d.series[s].area] = s;
    }
    return t;
}

/// Checks that every level a built-in rating can give exists in its scale.
void check_rating_levels(const Group& g, const Scale* scale, const std::string& owner) {
    const RatingRule& r = g.rating;
    if (r.kind == RatingRule::Kind::none) return;
    if (!scale) throw InputError(owner + ": a rating rule needs a scale and the pack declares none");
    for (size_t c = 0; c < r.cases.size(); ++c) {
        int level = r.cases[c].level;
        if (level < -1 || level >= static_cast<int>(scale->levels.size()))
            throw InputError(fmt::format("{}: rating case {} gives level {}, not a level of scale '{}'", owner, c + 1,
                                         level, scale->name));
    }
}

/// Checks a roll-up rule against the scale it rates in.
void check_rollup(const RollupRule& r, const Scale* scale, const std::string& owner) {
    if (r.kind == RollupRule::Kind::none) return;
    if (!scale) throw InputError(owner + ": a roll-up needs a scale and the pack declares none");
    if (r.kind == RollupRule::Kind::mean && r.thresholds.empty())
        throw InputError(owner + ": a mean roll-up needs at least one threshold");
    for (const auto& [threshold, level] : r.thresholds)
        if (level < 0 || level >= static_cast<int>(scale->levels.size()))
            throw InputError(fmt::format("{}: roll-up threshold {} gives level {}, not a level of scale '{}'", owner,
                                         threshold, level, scale->name));
}

/// Resolves one group and its indicators.
GroupPlan resolve_group(const Pack& pack, const Dataset& d, Plan& plan, uint32_t index) {
    const Group& g = pack.groups[index];
    std::string owner = named("group", g.id, g.where);
    GroupPlan gp;
    gp.index = index;
    gp.group = &g;
    gp.scale = resolve_scale(pack, g.scale, owner);
    gp.rollup_scale = g.scale_rollup.empty() ? gp.scale : resolve_scale(pack, g.scale_rollup, owner);
    check_rating_levels(g, gp.scale, owner);
    check_rollup(g.rollup, gp.rollup_scale, owner);
    gp.compared = comparisons_of(g.rating);
    gp.interval_level = assay::interval_level(g);
    // Areas that are the group's own benchmarks (comparators without an
    // indicator of their own): their series are shown as columns, not
    // assessed. A benchmark the data lacks leaves its column empty.
    std::vector<char> benchmark(d.areas.size(), 0);
    for (const ComparatorColumn& c : g.comparators)
        if (std::optional<uint32_t> area = d.find_area(c.area); area && c.indicator.empty()) benchmark[*area] = 1;
    for (const std::string& id : g.indicators) {
        IndicatorPlan ip;
        ip.indicator = resolve_indicator(d, id, owner);
        const Indicator& ind = d.indicators[ip.indicator];
        ip.polarity = g.polarity.value_or(ind.polarity);
        ip.rounding = pack.rounding_for(g, id);
        ip.series = &plan.series_by_indicator[ip.indicator];
        if (std::any_of(ip.series->begin(), ip.series->end(),
                        [&](uint32_t s) { return benchmark[d.series[s].area]; })) {
            auto kept = std::make_shared<std::vector<uint32_t>>();
            for (uint32_t s : *ip.series)
                if (!benchmark[d.series[s].area]) kept->push_back(s);
            ip.assessed = std::move(kept);
            ip.series = ip.assessed.get();
        }
        if (!ind.comparable_from.empty()) {
            std::optional<uint32_t> p = d.find_period(ind.comparable_from);
            if (p) {
                ip.break_period = *p;
            } else {
                Result<Period> parsed = parse_period(ind.comparable_from);
                if (!parsed)
                    throw InputError(fmt::format("indicator '{}' ({}): comparable_from '{}': {}", ind.id,
                                                 to_string(ind.where), ind.comparable_from, parsed.error().message));
                // The first dataset period at or after the change.
                auto it = std::lower_bound(d.periods.begin(), d.periods.end(), parsed.value());
                ip.break_period = it - d.periods.begin();
            }
        }
        if (const TargetRule* rule = pack.target_for(g, id))
            ip.target = resolve_target(d, plan, g, *rule, ip.indicator, ip.polarity);
        plan.outcome_count += ip.series->size();
        gp.indicators.push_back(std::move(ip));
    }
    return gp;
}

/// The pack's per-indicator rounding must name indicators of the dataset:
/// a mis-typed id would otherwise leave a figure rounded the wrong way.
void check_indicator_rounding(const Pack& pack, const Dataset& d) {
    for (const auto& [id, mode] : pack.indicator_rounding)
        resolve_indicator(
            d, id,
            fmt::format("pack '{}' ({}): rounding {}", pack.name, (pack.dir / "pack.lua").string(), to_string(mode)));
}

/// Resolves one theme's scale and groups.
ThemePlan resolve_theme(const Pack& pack, uint32_t index) {
    const Theme& t = pack.themes[index];
    std::string owner = named("theme", t.id, t.where);
    ThemePlan tp;
    tp.index = index;
    tp.scale = resolve_scale(pack, t.scale, owner);
    check_rollup(t.rollup, tp.scale, owner);
    std::vector<std::string> ids;
    for (const Group& g : pack.groups) ids.push_back(g.id);
    if (t.groups.empty()) {
        // A theme that lists no groups takes those that name it.
        for (size_t g = 0; g < pack.groups.size(); ++g)
            if (pack.groups[g].theme == t.id) tp.groups.push_back(static_cast<uint32_t>(g));
    }
    for (const std::string& id : t.groups) {
        auto it = std::find(ids.begin(), ids.end(), id);
        if (it == ids.end())
            throw InputError(fmt::format("{}: group '{}' is not declared{}", owner, id, suggest_name(id, ids)));
        tp.groups.push_back(static_cast<uint32_t>(it - ids.begin()));
    }
    return tp;
}

}  // namespace

Plan make_plan(const Pack& pack, const Dataset& dataset, const AssessOptions& options) {
    Plan plan;
    check_indicator_rounding(pack, dataset);
    resolve_as_at(dataset, options, plan);
    index_series(dataset, plan);
    bool needs_year_before = std::any_of(pack.groups.begin(), pack.groups.end(), [](const Group& g) {
        auto yearly = [](const ArrowRule& r) { return r.compare == ArrowRule::Compare::same_period_last_year; };
        return yearly(g.arrow) || std::any_of(g.other_arrows.begin(), g.other_arrows.end(),
                                              [&](const NamedArrowRule& a) { return yearly(a.rule); });
    });
    if (needs_year_before) index_year_before(dataset, plan);
    plan.groups.reserve(pack.groups.size());
    for (size_t g = 0; g < pack.groups.size(); ++g)
        plan.groups.push_back(resolve_group(pack, dataset, plan, static_cast<uint32_t>(g)));
    for (size_t t = 0; t < pack.themes.size(); ++t)
        plan.themes.push_back(resolve_theme(pack, static_cast<uint32_t>(t)));
    return plan;
}

}  // namespace assay::assess_detail
