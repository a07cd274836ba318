// What the parts of the published-figure audit share: the dataset, where it
// was loaded from, the rounding convention per indicator, the report being
// filled, and where to find the line of an observation.
#pragma once

#include "audit/figures.hpp"

#include <assay/audit.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

namespace assay::audit {

/// Finds the file and line of observations, reading the observation files
/// once, the first time it is asked, for the indicators it was told about.
class ObservationLines {
public:
    /// Will look up observations of `indicators` in the dataset loaded from `path`.
    ObservationLines(const Dataset& data, std::filesystem::path path, std::set<std::string> indicators);
    /// Where the observation of `indicator` in `area` for period index `period` is written.
    SourceLoc find(const std::string& indicator, const std::string& area, uint32_t period);

private:
    const Dataset& data_;
    std::filesystem::path path_;
    std::set<std::string> indicators_;
    bool scanned_ = false;
    std::map<std::tuple<std::string, std::string, uint32_t>, SourceLoc> lines_;
    void scan();
};

/// The shared state of one audit.
struct AuditContext {
    const Dataset& data;         ///< the dataset audited
    std::filesystem::path path;  ///< the dataset folder or file
    AuditOptions options;        ///< the pack and rounding asked for
    AuditReport& report;         ///< filled as the checks go

    /// The rounding convention for figures of `indicator`.
    Rounding rounding_for(const std::string& indicator) const;
    /// A term for observation `obs` of an indicator.
    Term term(const Indicator& ind, uint32_t obs) const;
    /// The observation of `series` at period index `period`, if any.
    std::optional<uint32_t> observation(uint32_t series, uint32_t period) const;
    /// Records a finding unless the judgement is a match; counts the figure as checked.
    void record(const Judgement& j, AuditFinding f);
    /// Counts a published figure of `kind` as compared with the data, or as
    /// not compared for the reason `why`, for AuditReport::columns.
    void tally(PublishedKind kind, bool compared, const std::string& why = {});
    /// (kind, reason) -> figures not compared for it; turned into AuditReport::columns at the end.
    std::map<std::pair<int, std::string>, int> skips = {};
    /// The reason the last figure was not compared (set by audit_changes).
    std::string last_skip = {};
};

/// Orders the findings by file, line and column.
void sort_findings(AuditReport& report);

/// Published changes, % changes and point changes against the previous
/// period of the series (or, for a series of one period, the area before).
void audit_changes(AuditContext& ctx);

/// Totals: indicators with sum_of, and the rows of published_totals.csv.
void audit_totals(AuditContext& ctx);

/// Published arrows and ratings, by assessing with the pack as at each
/// period they were published for.
void audit_arrows_and_ratings(AuditContext& ctx);

}  // namespace assay::audit
