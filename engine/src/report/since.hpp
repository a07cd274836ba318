// What moved since the last report: the count of indicators at each rating
// now and in the earlier run, worst first, and the indicators a reader
// looks at first (those rated at the worst level, then those whose rating
// changed). The terminal, Markdown and HTML summaries print the same.
#pragma once

#include <assay/assessment.hpp>
#include <assay/report.hpp>

#include <string>
#include <vector>

namespace assay::reporting {

/// The indicators at one rating now and in the earlier run.
struct RatingCount {
    std::string label;             ///< the level's label; "" for "Not rated"
    int now = 0;                   ///< indicators rated so now
    int was = 0;                   ///< indicators rated so in the earlier run
    const Scale* scale = nullptr;  ///< the scale the label is from (null for "Not rated" or a label no scale has)
    int level = -1;                ///< its level in `scale`
};

/// One indicator the summary lists: rated at the worst level now, or rated otherwise than before.
struct SinceRow {
    const Outcome* outcome = nullptr;
    std::string indicator;  ///< its title, with the area when the pack assesses several
    std::string table;      ///< its group's title
    std::string now;        ///< the rating's label now; "" when not rated
    std::string was;        ///< the earlier rating's label; "" when not rated
    bool reported = true;   ///< false when the earlier run did not assess it
    bool worst = false;     ///< rated at the worst level of its scale now
};

/// The comparison of a run with an earlier one.
struct SinceSummary {
    std::string as_at;                ///< the earlier run's as-at period
    std::vector<RatingCount> counts;  ///< worst first, "Not rated" last; only labels seen now or before
    std::vector<SinceRow> rows;       ///< the worst-rated first (in report order), then the other changes
};

/// The comparison of `a` with `previous` (indicators of rated groups only).
SinceSummary since_summary(const Assessment& a, const PreviousRun& previous);

/// "RED 4 (was 6), AMBER 12 (was 10), GREEN 7 (no change), Not rated 4 (was 0)".
std::string since_counts_text(const SinceSummary& s);

/// "Criminal Damage (Progress against PSA1 Targets): RED, was AMBER" as a plain sentence fragment.
std::string since_row_text(const SinceRow& r);

}  // namespace assay::reporting
