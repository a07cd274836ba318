// Published arrows and ratings, checked by the assessment itself: the
// dataset is assessed with the pack as at each period for which an arrow or
// rating was published, and the assessment's checks of those figures kept.
#include "audit/audit_context.hpp"

#include <assay/assessment.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace assay::audit {

void audit_arrows_and_ratings(AuditContext& ctx) {
    const Pack& pack = *ctx.options.pack;
    PreparedData prepared = prepare(pack, ctx.data);  // once for every period assessed
    std::set<uint32_t> periods;
    for (const Published& p : ctx.data.published)
        if (p.kind == PublishedKind::arrow || p.kind == PublishedKind::rating) periods.insert(p.period);
    if (periods.empty()) {
        // Nothing of this kind was published; assessing once still makes sure
        // the pack fits the dataset, so that a wrong --rules is an error, not
        // a silent change of rounding.
        AssessOptions options;
        options.explain = false;
        assess(pack, prepared, options);
    }
    std::set<std::tuple<std::string, int, int, std::string>> seen;
    for (uint32_t period : periods) {
        AssessOptions options;
        options.as_at = ctx.data.periods[period].label;
        options.explain = false;
        Assessment a = assess(pack, prepared, options);
        for (const Check& c : a.checks) {
            if (c.kind != "published_arrow" && c.kind != "published_rating") continue;
            if (!seen.emplace(c.where.file, c.where.line, c.where.column, c.kind).second) continue;
            AuditFinding f;
            f.verdict = Verdict::wrong;
            f.check = c.kind;
            f.indicator = c.indicator;
            f.area = c.area;
            f.period = c.period;
            f.published = c.published;
            f.computed = c.computed;
            f.detail = c.detail;
            f.where = c.where;
            ctx.report.findings.push_back(std::move(f));
        }
    }
    // Every published arrow and rating of an indicator the pack assesses was
    // compared by one of the runs; the others are listed as not checked.
    std::set<std::string, std::less<>> assessed;
    for (const Group& g : pack.groups) assessed.insert(g.indicators.begin(), g.indicators.end());
    for (const Published& p : ctx.data.published) {
        if (p.kind != PublishedKind::arrow && p.kind != PublishedKind::rating) continue;
        const std::string& id = ctx.data.indicators[ctx.data.series[p.series].indicator].id;
        const bool compared = assessed.contains(id);
        if (compared) ++ctx.report.checked;
        ctx.tally(p.kind, compared,
                  fmt::format("indicator \"{}\" is assessed by no group of pack '{}'", id, pack.name));
    }
}

}  // namespace assay::audit
