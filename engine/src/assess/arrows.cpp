// Arrows, evaluated natively: the previous value (last two, n periods back,
// same period last year), series breaks, the peak mark, the static band
// (inclusive, fixed in advance) and polarity; for the group's main arrow
// and each of its named ones (short- and long-term).
#include "assess/arrows.hpp"

#include "assess/explain.hpp"
#include "assess/significance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace assay::assess_detail {
namespace {

/// The observation compared with the current one, if the series has it.
std::optional<uint32_t> find_previous(const SeriesContext& ctx, const ArrowRule& rule, uint32_t current) {
    const Dataset& d = ctx.data;
    if (rule.compare == ArrowRule::Compare::same_period_last_year) {
        int64_t earlier = ctx.plan.year_before[d.obs_period[current]];
        if (earlier < 0) return std::nullopt;
        return find_value_at(d, ctx.begin, current, static_cast<uint32_t>(earlier));
    }
    int wanted = rule.compare == ArrowRule::Compare::periods_back ? std::max(1, rule.span) : 1;
    for (uint32_t i = current; i > ctx.begin; --i) {
        if (d.has_value(i - 1) && --wanted == 0) return i - 1;
    }
    return std::nullopt;
}

/// Whether `value` is at or beyond the peak mark, in the better direction.
bool at_peak(double value, double peak_at, Polarity p) {
    return at_or_better(value, peak_at, p == Polarity::lower_is_better);
}

/// Whether the change lies inside the static band (inclusive).
bool inside_band(const Band& band, double change, double previous, double current) {
    double scale = std::max(std::abs(previous), std::abs(current));
    if (band.kind == Band::Kind::absolute) return within_limit(change, band.width, scale);
    if (previous == 0) return change == 0;
    return within_limit(change, band.width / 100 * std::abs(previous), scale);
}

/// The arrow for a change outside the static band.
Arrow direction(double change, Polarity p) {
    switch (p) {
        case Polarity::higher_is_better:
            return change > 0 ? Arrow::improved : Arrow::declined;
        case Polarity::lower_is_better:
            return change < 0 ? Arrow::improved : Arrow::declined;
        case Polarity::neutral:
            return change > 0 ? Arrow::increased : Arrow::decreased;
    }
    return Arrow::none;
}

/// Where one arrow rule's findings go: the outcome's main arrow or one of
/// its named arrows (OtherArrow), which hold the same fields.
struct ArrowOut {
    std::optional<Point>& previous;
    std::optional<double>& change;
    std::optional<double>& change_pct;
    Arrow& arrow;
    std::string& reason;
    std::string_view name;  ///< "" for the main arrow, else the group's name for it
};

/// "long arrow: " before the explanation of a named arrow.
std::string lead(const ArrowOut& out) {
    return out.name.empty() ? std::string() : fmt::format("{} arrow: ", out.name);
}

/// "2006/07: 547; compared with 2005/06: 640".
void explain_values(const SeriesContext& ctx, const ArrowRule& rule, const Point& current, const ArrowOut& out) {
    const Dataset& d = ctx.data;
    std::string line = fmt::format("{}{}: {}", lead(out), period_label(d, current.period), figure(ctx, current.value));
    if (out.previous) {
        std::string how;
        if (rule.compare == ArrowRule::Compare::same_period_last_year) how = " (a year earlier)";
        if (rule.compare == ArrowRule::Compare::periods_back && rule.span > 1)
            how = fmt::format(" ({} datasets earlier)", rule.span);
        line += fmt::format("; compared with {}{}: {}", period_label(d, out.previous->period), how,
                            figure(ctx, out.previous->value));
    }
    ctx.trace->push_back(std::move(line));
}

/// Sets "no arrow" with its reason, and explains it.
void no_arrow(const SeriesContext& ctx, const ArrowRule& rule, const ArrowOut& out, std::string_view reason) {
    out.arrow = Arrow::none;
    out.reason.assign(reason);  // reuses the storage of a streamed outcome
    if (ctx.trace)
        ctx.trace->push_back(
            fmt::format("{}{} -> no arrow ({})", lead(out), out.reason, rule_ref(arrow_rule_name(rule), rule.where)));
}

/// "change -93 (-14.53%); lower is better; outside the static band of 1.5% -> improved (...)".
void explain_change(const SeriesContext& ctx, const ArrowRule& rule, Polarity p, bool inside, const ArrowOut& out) {
    std::string pct =
        out.change_pct ? fmt::format(" ({}%)", figure(*out.change_pct, 2, ctx.rounding())) : std::string(" (from 0)");
    ctx.trace->push_back(fmt::format("{}change {}{}; {}; {} the static band of {} -> {} ({})", lead(out),
                                     figure(ctx, *out.change), pct, polarity_words(p), inside ? "within" : "outside",
                                     band_text(rule.static_band), to_string(out.arrow),
                                     rule_ref(arrow_rule_name(rule), rule.where)));
}

/// Decides one arrow rule for the current value into `out`.
void judge(const SeriesContext& ctx, const ArrowRule& rule, const Outcome& o, const ArrowOut& out) {
    out.previous.reset();
    out.change.reset();
    out.change_pct.reset();
    if (!o.current) {
        no_arrow(ctx, rule, out, "no data");
        return;
    }
    const Dataset& d = ctx.data;
    Polarity p = ctx.indicator.polarity;
    std::optional<uint32_t> prev = find_previous(ctx, rule, *ctx.current_obs);
    bool broken = false;
    if (prev) {
        out.previous = Point{d.obs_period[*prev], d.obs_value[*prev]};
        int64_t at = ctx.indicator.break_period;
        broken = out.previous->period < at && o.current->period >= at;
        if (!broken) {
            out.change = o.current->value - out.previous->value;
            if (out.previous->value != 0) out.change_pct = *out.change / std::abs(out.previous->value) * 100;
        }
    }
    if (ctx.trace) explain_values(ctx, rule, *o.current, out);
    // A maximum only exists for percentages ("at its maximum (i.e. 100%)"):
    // one arrow rule can then serve a table that mixes counts and rates.
    if (rule.peak_at && ctx.meta().unit == "percent" && at_peak(o.current->value, *rule.peak_at, p)) {
        out.arrow = Arrow::peak;
        if (ctx.trace)
            ctx.trace->push_back(fmt::format("{}{} is at or beyond the peak of {} -> peak ({})", lead(out),
                                             figure(ctx, o.current->value), figure(ctx, *rule.peak_at),
                                             rule_ref(arrow_rule_name(rule), rule.where)));
        return;
    }
    if (!prev) {
        if (rule.compare == ArrowRule::Compare::same_period_last_year)
            no_arrow(ctx, rule, out,
                     fmt::format("no value for {} a year earlier", ctx.plan.year_before_label[o.current->period]));
        else
            no_arrow(ctx, rule, out, "no earlier dataset to compare with");
        return;
    }
    if (broken) {
        const Indicator& ind = ctx.meta();
        std::string reason = fmt::format("measurement changed in {}: no comparison possible", ind.comparable_from);
        if (!ind.notes.empty()) reason += fmt::format(" ({})", ind.notes);
        no_arrow(ctx, rule, out, reason);
        return;
    }
    if (rule.test != ArrowRule::Test::none) {
        StatArrow st = statistical_arrow(ctx, rule, *prev, *ctx.current_obs, lead(out));
        out.arrow = st.arrow;
        out.reason = std::move(st.reason);
        return;
    }
    bool inside = inside_band(rule.static_band, *out.change, out.previous->value, o.current->value);
    out.arrow = inside ? Arrow::static_ : direction(*out.change, p);
    if (ctx.trace) explain_change(ctx, rule, p, inside, out);
}

}  // namespace

void locate_current(SeriesContext& ctx, Outcome& o) {
    const Dataset& d = ctx.data;
    const Series& s = d.series[ctx.series];
    ctx.begin = s.begin;
    ctx.end = s.end;
    while (ctx.end > ctx.begin && static_cast<int64_t>(d.obs_period[ctx.end - 1]) > ctx.plan.cutoff) --ctx.end;
    if (ctx.end == ctx.begin) return;
    o.latest_obs = ctx.end - 1;
    uint32_t i = ctx.end;
    while (i > ctx.begin && !d.has_value(i - 1)) --i;
    if (i > ctx.begin) {
        ctx.current_obs = i - 1;
        o.current = Point{d.obs_period[i - 1], d.obs_value[i - 1]};
    }
    if (!ctx.trace || i == ctx.end) return;
    // Later observations without a value: say which, and what was used instead.
    std::string skipped;
    for (uint32_t m = i; m < ctx.end; ++m) {
        auto reason = d.missing.find(m);
        std::string why = reason == d.missing.end() || reason->second.empty() ? "no value" : reason->second;
        skipped += fmt::format("{}{}: {}", skipped.empty() ? "" : ", ", period_label(d, d.obs_period[m]), why);
    }
    ctx.trace->push_back(skipped + (o.current ? "; using the last available datasets" : "; no value to assess"));
}

void decide_arrow(const SeriesContext& ctx, Outcome& o) {
    const Group& g = *ctx.group.group;
    o.arrow_reason.clear();
    if (!g.arrow.none)
        judge(ctx, g.arrow, o, ArrowOut{o.previous, o.change, o.change_pct, o.arrow, o.arrow_reason, {}});
    o.other_arrows.resize(g.other_arrows.size());
    for (size_t i = 0; i < g.other_arrows.size(); ++i) {
        const NamedArrowRule& named = g.other_arrows[i];
        OtherArrow& other = o.other_arrows[i];
        other.name.assign(named.name);
        other.reason.clear();
        judge(ctx, named.rule, o,
              ArrowOut{other.previous, other.change, other.change_pct, other.arrow, other.reason, named.name});
    }
}

}  // namespace assay::assess_detail
