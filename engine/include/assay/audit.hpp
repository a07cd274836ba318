// The published-figure audit: every figure a dataset says a report
// published (changes, % changes, point changes, totals, and with a pack the
// arrows and ratings) recomputed from the data and compared. A difference
// that the publisher's rounding explains is kept apart from an error.
// docs/audit.md defines "explained by rounding" precisely.
#pragma once

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/number.hpp>
#include <assay/pack.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace assay {

/// How a published figure compares with the data.
enum class Verdict {
    match,       ///< the data, rounded by the convention, gives exactly the printed figure
    rounding,    ///< not a match, but rounding (of the figure or of its printed inputs) explains it
    wrong_sign,  ///< the figure with its sign flipped would be right
    wrong,       ///< the data gives another figure
};

/// "match", "rounding", "wrong sign", "wrong figure".
std::string_view to_string(Verdict v);

/// One published figure that does not match the data.
struct AuditFinding {
    Verdict verdict = Verdict::wrong;
    std::string check;      ///< "change", "change_pct", "change_pts", "total", "published_arrow", "published_rating"
    std::string indicator;  ///< the indicator whose figure it is
    std::string area;       ///< for totals across areas, the area the total is printed under
    std::string period;     ///< the period it was published for
    std::string published;  ///< as printed
    std::string computed;   ///< as the data gives it, printed the same way
    std::string detail;     ///< how it was computed and why it is an error or rounding
    SourceLoc where;        ///< the file and line that carry the published figure
    /// Whether this is an error (wrong sign or wrong figure) rather than rounding.
    bool error() const { return verdict == Verdict::wrong || verdict == Verdict::wrong_sign; }
};

/// Options of an audit.
struct AuditOptions {
    const Pack* pack = nullptr;        ///< checks published arrows and ratings, and gives the rounding
    std::optional<Rounding> rounding;  ///< overrides the pack's rounding (default half_up without a pack)
};

/// What the audit did with one published column: how many figures it holds,
/// how many were compared with the data, and why the others were not.
struct AuditColumn {
    std::string column;                ///< "published_arrow", "published_rating", "published_change", ...
    int published = 0;                 ///< figures the dataset holds in this column
    int checked = 0;                   ///< of those, compared with the data
    std::vector<std::string> skipped;  ///< why the others were not: "4: no rules were given (...)"
    /// Figures not compared.
    int not_checked() const { return published - checked; }
};

/// What an audit found.
struct AuditReport {
    std::string rounding;                ///< the convention used, e.g. "truncate (--rounding)"
    std::vector<AuditFinding> findings;  ///< errors and rounding differences, in file and line order
    int checked = 0;                     ///< published figures and totals compared
    std::vector<std::string> unchecked;  ///< figures that could not be recomputed, and why
    /// Number of findings that are errors.
    int errors() const;
    /// Every published column the dataset holds, in the order arrow, rating, change, change_pct, change_pts.
    std::vector<AuditColumn> columns;
    /// Number of findings explained by rounding.
    int roundings() const;
};

/// Audits the published figures of `dataset`, loaded from `path` (a folder
/// may also hold published_totals.csv: indicator,area,period,value,sum_of_areas).
/// With a pack, published arrows and ratings are checked by assessing the
/// dataset as at each period they were published for. Throws InputError for
/// unreadable inputs or a sum_of naming an unknown indicator.
AuditReport audit_dataset(const Dataset& dataset, const std::filesystem::path& path, const AuditOptions& options = {});

/// Adds to `a.checks` the published changes, % changes, point changes and
/// totals that audit_dataset() with a's pack finds to be errors (a wrong sign
/// or a wrong figure), for periods up to a's as-at, so that a report's
/// Checks list what `assay audit --rules` finds. Published arrows and
/// ratings are checked by assess() itself; differences the publisher's
/// rounding explains are not errors and are left to `assay audit`. `dataset`
/// is the folder or file a.dataset was loaded from. Every command that
/// renders or records an assessment with its checks calls this once.
void add_audit_checks(Assessment& a, const std::filesystem::path& dataset);

}  // namespace assay
