// Published changes recomputed: "change" and "change_pts" are the current
// value minus the previous one, "change_pct" that change as a % of the
// previous value's size. The previous value is the series' observation
// before the published one. A series with a single period (a budget table
// whose columns Original budget, Revised budget, Forecast are areas) is
// compared with the same indicator and period in the area before it.
#include "audit/audit_context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace assay::audit {
namespace {

/// The value compared against: an observation and how to name it.
struct Previous {
    uint32_t obs = 0;
    std::string label;          ///< the period, or the area for a comparison across areas
    bool across_areas = false;  ///< compared with another area, not an earlier period
};

/// The observation of the same indicator and period in the nearest earlier area that has a value.
std::optional<Previous> previous_area(const AuditContext& ctx, const Series& s, uint32_t period) {
    for (uint32_t area = s.area; area-- > 0;) {
        auto series = ctx.data.find_series(s.indicator, area);
        if (!series) continue;
        auto obs = ctx.observation(*series, period);
        if (obs && ctx.data.has_value(*obs)) return Previous{*obs, ctx.data.areas[area], true};
    }
    return std::nullopt;
}

std::string unchecked(AuditContext& ctx, const Published& p, const std::string& why) {
    ctx.last_skip = why;
    const Series& s = ctx.data.series[p.series];
    return fmt::format("{}: {} {} of {}, {}, {}: {}", to_string(p.where), to_string(p.kind), p.text,
                       ctx.data.indicators[s.indicator].id, ctx.data.areas[s.area], ctx.data.periods[p.period].label,
                       why);
}

void audit_one(AuditContext& ctx, const Published& p) {
    const Dataset& d = ctx.data;
    const Series& s = d.series[p.series];
    const Indicator& ind = d.indicators[s.indicator];
    if (!p.value) return ctx.report.unchecked.push_back(unchecked(ctx, p, "the published text holds no number"));
    auto cur = ctx.observation(p.series, p.period);
    if (!cur || !d.has_value(*cur))
        return ctx.report.unchecked.push_back(unchecked(ctx, p, "the data has no value for that period"));

    std::optional<Previous> prev;
    if (*cur > s.begin) {
        uint32_t before = *cur - 1;
        if (!d.has_value(before))
            return ctx.report.unchecked.push_back(
                unchecked(ctx, p, "the previous period " + d.periods[d.obs_period[before]].label + " has no value"));
        prev = Previous{before, d.periods[d.obs_period[before]].label};
    } else if (s.end - s.begin == 1) {
        prev = previous_area(ctx, s, p.period);
    }
    if (!prev) return ctx.report.unchecked.push_back(unchecked(ctx, p, "there is no earlier value to compare with"));

    Rounding mode = ctx.rounding_for(ind.id);
    Term tc = ctx.term(ind, *cur), tp = ctx.term(ind, prev->obs);
    Range rc = range_of(tc, mode), rp = range_of(tp, mode);
    Printed printed = printed_as(p.text);
    Printed data_form = printed_like_data(ind.unit, ind.decimals);
    double computed = 0;
    Range range;
    if (p.kind == PublishedKind::change_pct) {
        if (tp.value == 0 || (rp.lo <= 0 && rp.hi >= 0))
            return ctx.report.unchecked.push_back(unchecked(ctx, p, "the previous value is zero: no % change"));
        computed = 100.0 * (tc.value - tp.value) / std::fabs(tp.value);
        range = {INFINITY, -INFINITY};
        for (double c : {rc.lo, rc.hi})
            for (double q : {rp.lo, rp.hi}) {
                double v = 100.0 * (c - q) / std::fabs(q);
                range.lo = std::min(range.lo, v);
                range.hi = std::max(range.hi, v);
            }
    } else {
        computed = tc.value - tp.value;
        range = {rc.lo - rp.hi, rc.hi - rp.lo};
    }

    Judgement j = judge(*p.value, printed, computed, range, mode);
    AuditFinding f;
    f.check = std::string(to_string(p.kind));
    f.indicator = ind.id;
    f.area = d.areas[s.area];
    f.period = d.periods[p.period].label;
    f.published = p.text;
    f.computed = format_figure(j.rounded, printed);
    f.detail = fmt::format("{} {} -> {} {} gives {}", prev->label, format_figure(tp.value, data_form),
                           prev->across_areas ? f.area : f.period, format_figure(tc.value, data_form),
                           format_precise(computed, printed));
    f.where = p.where;
    ctx.record(j, std::move(f));
}

}  // namespace

void audit_changes(AuditContext& ctx) {
    for (const Published& p : ctx.data.published)
        if (p.kind == PublishedKind::change || p.kind == PublishedKind::change_pct ||
            p.kind == PublishedKind::change_pts) {
            const int before = ctx.report.checked;
            ctx.last_skip.clear();
            audit_one(ctx, p);
            ctx.tally(p.kind, ctx.report.checked > before, ctx.last_skip);
        }
}

}  // namespace assay::audit
