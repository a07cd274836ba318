// audit_dataset: the published-figure audit's entry point and shared state.
#include "audit/audit_context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace assay {

std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::match:
            return "match";
        case Verdict::rounding:
            return "rounding";
        case Verdict::wrong_sign:
            return "wrong sign";
        case Verdict::wrong:
            return "wrong figure";
    }
    return "wrong figure";
}

int AuditReport::errors() const {
    return static_cast<int>(
        std::count_if(findings.begin(), findings.end(), [](const AuditFinding& f) { return f.error(); }));
}

int AuditReport::roundings() const {
    return static_cast<int>(findings.size()) - errors();
}

namespace audit {

Rounding AuditContext::rounding_for(const std::string& indicator) const {
    if (options.rounding) return *options.rounding;
    if (options.pack) return options.pack->rounding_for(indicator);
    return Rounding::half_up;
}

Term AuditContext::term(const Indicator& ind, uint32_t obs) const {
    return Term{data.obs_value[obs], ind.decimals, exact_unit(ind.unit)};
}

std::optional<uint32_t> AuditContext::observation(uint32_t series, uint32_t period) const {
    const Series& s = data.series[series];
    auto first = data.obs_period.begin() + s.begin, last = data.obs_period.begin() + s.end;
    auto it = std::lower_bound(first, last, period);
    if (it == last || *it != period) return std::nullopt;
    return static_cast<uint32_t>(it - data.obs_period.begin());
}

void AuditContext::record(const Judgement& j, AuditFinding f) {
    ++report.checked;
    if (j.verdict == Verdict::match) return;
    f.verdict = j.verdict;
    if (j.verdict == Verdict::rounding) f.detail += "; " + j.explanation;
    if (j.verdict == Verdict::wrong_sign) f.detail = "wrong sign: " + f.detail;
    report.findings.push_back(std::move(f));
}

void sort_findings(AuditReport& report) {
    std::stable_sort(report.findings.begin(), report.findings.end(), [](const AuditFinding& a, const AuditFinding& b) {
        return std::tie(a.where.file, a.where.line, a.where.column) <
               std::tie(b.where.file, b.where.line, b.where.column);
    });
}

void AuditContext::tally(PublishedKind kind, bool compared, const std::string& why) {
    auto& col = report.columns[static_cast<size_t>(kind)];
    ++col.published;
    if (compared)
        ++col.checked;
    else
        ++skips[{static_cast<int>(kind), why.empty() ? "not compared" : why}];
}

}  // namespace audit

AuditReport audit_dataset(const Dataset& dataset, const std::filesystem::path& path, const AuditOptions& options) {
    AuditReport report;
    if (options.rounding)
        report.rounding = fmt::format("{} (--rounding)", to_string(*options.rounding));
    else if (options.pack)
        report.rounding =
            fmt::format("{} (pack {}{})", to_string(options.pack->rounding), options.pack->name,
                        options.pack->indicator_rounding.empty() ? "" : ", with per-indicator conventions");
    else
        report.rounding = "half_up (the default: no pack, no --rounding)";

    audit::AuditContext ctx{dataset, path, options, report};
    for (PublishedKind k : {PublishedKind::arrow, PublishedKind::rating, PublishedKind::change,
                            PublishedKind::change_pct, PublishedKind::change_pts})
        report.columns.push_back(AuditColumn{fmt::format("published_{}", to_string(k)), 0, 0, {}});
    audit::audit_changes(ctx);
    audit::audit_totals(ctx);
    if (options.pack) {
        audit::audit_arrows_and_ratings(ctx);
    } else {
        // Without rules there is nothing to decide an arrow or a rating with: say so, per column.
        for (const Published& p : dataset.published)
            if (p.kind == PublishedKind::arrow || p.kind == PublishedKind::rating)
                ctx.tally(p.kind, false,
                          "no rules were given: `assay audit DATASET --rules PACK` checks published arrows and "
                          "ratings with the pack's rules");
    }
    for (const auto& [key, n] : ctx.skips)
        report.columns[static_cast<size_t>(key.first)].skipped.push_back(fmt::format("{}: {}", n, key.second));
    std::erase_if(report.columns, [](const AuditColumn& c) { return c.published == 0; });
    audit::sort_findings(report);
    return report;
}

void add_audit_checks(Assessment& a, const std::filesystem::path& dataset) {
    if (!a.pack || !a.dataset || a.audited) return;
    a.audited = true;
    const Dataset& d = *a.dataset;
    AuditReport report;
    AuditOptions options;
    options.pack = a.pack;
    audit::AuditContext ctx{d, dataset, options, report};
    report.columns.resize(5);  // tally() counts per published kind
    audit::audit_changes(ctx);
    audit::audit_totals(ctx);
    audit::sort_findings(report);

    // Figures published for a period after the as-at are not part of this report.
    std::optional<uint32_t> as_at = d.find_period(a.as_at);
    for (AuditFinding& f : report.findings) {
        if (!f.error()) continue;
        std::optional<uint32_t> period = d.find_period(f.period);
        if (as_at && period && d.periods[*period].last > d.periods[*as_at].last) continue;
        Check c;
        c.kind = f.check == "total" ? f.check : "published_" + f.check;
        c.indicator = std::move(f.indicator);
        c.area = std::move(f.area);
        c.period = std::move(f.period);
        c.published = std::move(f.published);
        c.computed = std::move(f.computed);
        c.detail = std::move(f.detail);
        c.where = std::move(f.where);
        a.checks.push_back(std::move(c));
    }
}

}  // namespace assay
