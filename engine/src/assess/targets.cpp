// Targets, evaluated natively. Periods were parsed when the plan was made;
// here only numbers are compared. Months count by the last month each
// period covers, so 2003/04 -> 2007/08 is 48 months.
#include "assess/targets.hpp"

#include "assess/explain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace assay::assess_detail {
namespace {

/// Resets a reused TargetOutcome, keeping the due label's storage.
TargetOutcome& fresh_target(Outcome& o, const TargetPlan& tp) {
    TargetOutcome& t = o.target ? *o.target : o.target.emplace();
    t.rule = tp.rule;
    t.baseline.reset();
    t.target = 0;
    if (tp.due)
        t.due = *tp.due;
    else
        t.due.reset();
    t.trajectory.reset();
    t.on_track = t.met = t.will_meet = false;
    t.distance = 0;
    t.distance_pct.reset();
    t.projection.reset();
    return t;
}

/// Records a target the data cannot place (no baseline value): a gap in the
/// data, not a failed rule, so the outcome is unrated with the reason and the
/// run does not fail.
void target_gap(const SeriesContext& ctx, Outcome& o, std::string message) {
    o.target.reset();
    o.target_gap = fmt::format("{}: {}", ctx.indicator.target->label, message);
    if (ctx.trace) ctx.trace->push_back("target: " + o.target_gap);
}

/// The comparator's observation for the current period, if it has a value
/// there; else, for a data target kept per year beside quarterly figures,
/// the one whose period covers the current period.
std::optional<uint32_t> comparator_obs(const SeriesContext& ctx, const TargetPlan& tp, uint32_t period) {
    const Dataset& d = ctx.data;
    uint32_t area = tp.comparator_area >= 0 ? static_cast<uint32_t>(tp.comparator_area) : d.series[ctx.series].area;
    int64_t s = tp.comparator_series[area];
    if (s < 0) return std::nullopt;
    const Series& cs = d.series[static_cast<size_t>(s)];
    if (std::optional<uint32_t> obs = find_value_at(d, cs.begin, cs.end, period)) return obs;
    const Period& p = d.periods[period];
    for (uint32_t i = cs.begin; i < cs.end; ++i) {
        const Period& q = d.periods[d.obs_period[i]];
        if (q.first <= p.first && p.last <= q.last && d.has_value(i)) return i;
    }
    return std::nullopt;
}

/// The value the comparator series holds for the current period, if any.
std::optional<double> comparator_value(const SeriesContext& ctx, const TargetPlan& tp, const Outcome& o) {
    std::optional<uint32_t> obs = comparator_obs(ctx, tp, o.current->period);
    if (!obs) return std::nullopt;
    return ctx.data.obs_value[*obs];
}

/// What the comparator is, in words: "theft_national in England".
std::string comparator_name(const SeriesContext& ctx, const TargetPlan& tp) {
    const Dataset& d = ctx.data;
    const std::string& ind = d.indicators[static_cast<size_t>(tp.comparator_indicator >= 0 ? tp.comparator_indicator
                                                                                           : ctx.indicator.indicator)]
                                 .id;
    const std::string& area = tp.comparator_area >= 0 ? d.areas[static_cast<size_t>(tp.comparator_area)] : ctx.area();
    return fmt::format("{} in {}", ind, area);
}

/// The index into tp.values of the target for the figure of period `p`: the
/// period that covers it (a year for its quarters), else the latest that
/// ends by it; none when every target period is later.
std::optional<size_t> period_value(const TargetPlan& tp, const Period& p) {
    for (size_t i = 0; i < tp.values.size(); ++i)
        if (tp.values[i].first.first <= p.first && p.last <= tp.values[i].first.last) return i;
    std::optional<size_t> before;
    for (size_t i = 0; i < tp.values.size(); ++i)
        if (tp.values[i].first.last <= p.last) before = i;
    return before;
}

/// Baseline, target value and trajectory of a reduction or increase.
bool progress_target(const SeriesContext& ctx, const TargetPlan& tp, Outcome& o, TargetOutcome& t) {
    const TargetRule& rule = *tp.rule;
    std::optional<uint32_t> base;
    if (tp.baseline_period >= 0)
        base = find_value_at(ctx.data, ctx.begin, ctx.end, static_cast<uint32_t>(tp.baseline_period));
    if (!base) {
        target_gap(ctx, o, fmt::format("no value for baseline {}", rule.baseline));
        return false;
    }
    double b = ctx.data.obs_value[*base];
    t.baseline = Point{ctx.data.obs_period[*base], b};
    double sign = rule.kind == TargetRule::Kind::reduce_by ? -1 : 1;
    t.target = rule.percent ? b * (1 + sign * rule.amount / 100) : b + sign * rule.amount;
    if (tp.due) {
        double span = tp.due->last - ctx.data.periods[t.baseline->period].last;
        double gone = ctx.data.periods[o.current->period].last - ctx.data.periods[t.baseline->period].last;
        double share = span > 0 ? std::clamp(gone / span, 0.0, 1.0) : 1.0;
        t.trajectory = b + (t.target - b) * share;
    }
    return true;
}

/// The recent monthly rate carried to the due date.
void project(const SeriesContext& ctx, const TargetPlan& tp, const Outcome& o, TargetOutcome& t) {
    if (!tp.due || !o.change) return;
    const Dataset& d = ctx.data;
    int32_t cur_last = d.periods[o.current->period].last;
    int32_t months = cur_last - d.periods[o.previous->period].last;
    if (months <= 0) return;
    double rate = *o.change / months;
    t.projection = o.current->value + rate * std::max(0, tp.due->last - cur_last);
    if (tp.rule->kind == TargetRule::Kind::within)
        t.will_meet = within_limit(*t.projection - t.target, tp.tolerance, t.target);
    else
        t.will_meet = at_or_better(*t.projection, t.target, tp.lower_better);
}

/// "target: reduce by 17.5% from 1029 (2003/04) by 2007/08 = 848.93".
std::string describe(const SeriesContext& ctx, const TargetPlan& tp, const TargetOutcome& t) {
    const TargetRule& rule = *tp.rule;
    std::string amount = format_number(rule.amount) + (rule.percent ? "%" : "");
    std::string by = rule.due.empty() ? std::string() : " by " + rule.due;
    switch (rule.kind) {
        case TargetRule::Kind::reduce_by:
        case TargetRule::Kind::increase_by:
            return fmt::format("target: {} by {} from {} ({}){} = {}",
                               rule.kind == TargetRule::Kind::reduce_by ? "reduce" : "increase", amount,
                               figure(ctx, t.baseline->value), rule.baseline, by, figure(ctx, t.target));
        case TargetRule::Kind::absolute:
            if (!tp.values.empty())
                if (std::optional<size_t> i = period_value(tp, ctx.data.periods[ctx.data.obs_period[*ctx.current_obs]]))
                    return fmt::format("target {} ({}), {} is better{}", figure(ctx, t.target),
                                       tp.values[*i].first.label, tp.lower_better ? "lower" : "higher", by);
            return fmt::format("target: {} {}{}", tp.lower_better ? "at most" : "at least", figure(ctx, t.target), by);
        case TargetRule::Kind::within:
            return fmt::format("target: within {} of {} ({} to {}){}", figure(ctx, tp.tolerance), figure(ctx, t.target),
                               figure(ctx, t.target - tp.tolerance), figure(ctx, t.target + tp.tolerance), by);
        case TargetRule::Kind::comparator:
            // A data target: another indicator of the same area holds the target figures.
            if (tp.comparator_area < 0 && tp.comparator_indicator >= 0 &&
                static_cast<uint32_t>(tp.comparator_indicator) != ctx.indicator.indicator)
                if (std::optional<uint32_t> c = comparator_obs(ctx, tp, ctx.data.obs_period[*ctx.current_obs]))
                    return fmt::format("target {} ({}, from {}), {} is better", figure(ctx, t.target),
                                       period_label(ctx.data, ctx.data.obs_period[*c]),
                                       ctx.data.indicators[static_cast<size_t>(tp.comparator_indicator)].id,
                                       tp.lower_better ? "lower" : "higher");
            return fmt::format("target: at least as good as {} for {} = {}", comparator_name(ctx, tp),
                               period_label(ctx.data, ctx.data.obs_period[*ctx.current_obs]), figure(ctx, t.target));
    }
    return "target";
}

/// The explanation lines of an evaluated target.
void explain(const SeriesContext& ctx, const TargetPlan& tp, const Outcome& o, const TargetOutcome& t) {
    std::string v = figure(ctx, o.current->value);
    std::string line = describe(ctx, tp, t);
    if (t.trajectory) {
        line += fmt::format("; trajectory at {}: {}; {} is {} the trajectory -> {}",
                            period_label(ctx.data, o.current->period), figure(ctx, *t.trajectory), v,
                            t.on_track ? "at or better than" : "worse than", t.on_track ? "on track" : "not on track");
    }
    ctx.trace->push_back(std::move(line));
    std::string pct = t.distance_pct ? fmt::format(" ({}% of the target)", figure(*t.distance_pct, 2, ctx.rounding()))
                                     : std::string();
    if (t.met)
        ctx.trace->push_back(fmt::format("{} meets the target ({})", v, rule_ref("", tp.rule->where)));
    else
        ctx.trace->push_back(fmt::format("{} does not meet the target: {} still to go{} ({})", v,
                                         figure(ctx, t.distance), pct, rule_ref("", tp.rule->where)));
    if (t.projection)
        ctx.trace->push_back(fmt::format("projection to {} at the recent rate: {} -> {}", tp.rule->due,
                                         figure(ctx, *t.projection), t.will_meet ? "will meet" : "will not meet"));
}

}  // namespace

namespace {

/// The threshold `name` the data gives for this series at the current period, if any.
const Threshold* data_threshold(const SeriesContext& ctx, const Outcome& o, const std::string& name) {
    return ctx.data.find_threshold(ctx.series, o.current->period, name);
}

/// A target whose value or band comes from the data: the plan with them
/// filled in for the period assessed, or false (with the outcome unrated,
/// the threshold named) when the data gives none for it.
bool data_target(const SeriesContext& ctx, Outcome& o, TargetPlan& tp, double& amount) {
    const TargetRule& rule = *tp.rule;
    const std::string& period = period_label(ctx.data, o.current->period);
    amount = rule.amount;
    if (!rule.value_column.empty()) {
        const Threshold* t = data_threshold(ctx, o, rule.value_column);
        if (!t) {
            target_gap(ctx, o, fmt::format("no {} for {} in the data", rule.value_column, period));
            return false;
        }
        amount = t->value;
        if (ctx.trace)
            ctx.trace->push_back(fmt::format("{} for {} from the data: {} ({})", rule.value_column, period,
                                             figure(ctx, t->value), to_string(t->where)));
    }
    if (rule.kind == TargetRule::Kind::within) {
        if (!rule.tolerance_column.empty()) {
            const Threshold* t = data_threshold(ctx, o, rule.tolerance_column);
            if (!t) {
                target_gap(ctx, o, fmt::format("no {} for {} in the data", rule.tolerance_column, period));
                return false;
            }
            tp.tolerance = t->percent ? std::abs(amount) * t->value / 100 : t->value;
            if (ctx.trace)
                ctx.trace->push_back(fmt::format("{} for {} from the data: {} ({})", rule.tolerance_column, period,
                                                 t->text, to_string(t->where)));
        } else {
            tp.tolerance = rule.tolerance_percent ? std::abs(amount) * rule.tolerance / 100 : rule.tolerance;
        }
    }
    return true;
}

}  // namespace

void assess_target(const SeriesContext& ctx, Outcome& o) {
    if (!ctx.indicator.target || !o.current) {
        o.target.reset();
        return;
    }
    const TargetRule& rule = *ctx.indicator.target->rule;
    const bool from_data = !rule.value_column.empty() || !rule.tolerance_column.empty();
    std::optional<TargetPlan> filled;
    double amount = rule.amount;
    if (from_data) {
        filled = *ctx.indicator.target;
        if (!data_target(ctx, o, *filled, amount)) return;
    }
    const TargetPlan& tp = filled ? *filled : *ctx.indicator.target;
    TargetOutcome& t = fresh_target(o, tp);
    double v = o.current->value;
    switch (rule.kind) {
        case TargetRule::Kind::reduce_by:
        case TargetRule::Kind::increase_by:
            if (!progress_target(ctx, tp, o, t)) return;
            break;
        case TargetRule::Kind::absolute:
        case TargetRule::Kind::within:
            t.target = amount;
            if (!tp.values.empty()) {
                std::optional<size_t> i = period_value(tp, ctx.data.periods[o.current->period]);
                if (!i) {
                    target_gap(ctx, o,
                               fmt::format("no target for {}: the first is for {}",
                                           period_label(ctx.data, o.current->period), tp.values.front().first.label));
                    return;
                }
                t.target = tp.values[*i].second;
            }
            break;
        case TargetRule::Kind::comparator: {
            std::optional<double> c = comparator_value(ctx, tp, o);
            if (!c) {
                o.target.reset();
                if (ctx.trace)
                    ctx.trace->push_back(
                        fmt::format("target: no value for {} in {} -> no target ({})", comparator_name(ctx, tp),
                                    period_label(ctx.data, o.current->period), rule_ref("", rule.where)));
                return;
            }
            t.target = *c;
            break;
        }
    }
    if (rule.kind == TargetRule::Kind::within) {
        double off = std::abs(v - t.target);
        t.met = within_limit(v - t.target, tp.tolerance, t.target);
        t.distance = t.met ? 0 : off - tp.tolerance;
    } else {
        t.met = at_or_better(v, t.target, tp.lower_better);
        t.distance = tp.lower_better ? v - t.target : t.target - v;
    }
    t.on_track = t.trajectory ? at_or_better(v, *t.trajectory, tp.lower_better) : t.met;
    if (t.target != 0) t.distance_pct = t.distance / std::abs(t.target) * 100;
    project(ctx, tp, o, t);
    if (ctx.trace) explain(ctx, tp, o, t);
}

}  // namespace assay::assess_detail
