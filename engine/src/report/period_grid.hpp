// The period columns of one table and where each row's figures sit under
// them. Rows measured on bases offset from each other (12 months to June
// beside 12 months to Sept, financial beside calendar years) are lined up
// in one set of columns, as the published reviews print them: each figure
// by position (latest, one before, ...) under the headers of the majority
// base, its row marked "*" and a footnote naming its own periods. Every
// table format (terminal, Markdown, HTML, the XLSX committee sheet) lays
// out this grid, so they show the same columns.
#pragma once

#include <assay/assessment.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::reporting {

/// A table's period columns and each row's observation under them.
struct PeriodGrid {
    std::vector<uint32_t> columns;                            ///< dataset periods heading the columns
    std::vector<std::vector<std::optional<uint32_t>>> cells;  ///< per row: the observation under each column
    std::vector<size_t> base;                                 ///< per row: 0 on the columns' base, k on other base k
    std::vector<std::string> notes;   ///< per other base k (at k-1): "* 12 months to June 2024 data: ..."
    std::vector<std::string> latest;  ///< per other base k (at k-1): its latest period's label

    /// The mark after row `row`'s title: "" on the columns' base, "*" (then "**"...) on another.
    std::string mark(size_t row) const;
    /// Whether some row is on another base than the columns'.
    bool aligned() const { return !notes.empty(); }
};

/// The grid of a table of `outs` (group `g`'s outcomes, up to the as-at
/// period): one column per period observed, unless the rows' bases are of
/// one length and spacing but offset from each other by less than the
/// spacing, and the group leaves `align_periods` on; then one column per
/// period of the majority base (ties: the base with the latest period), or,
/// when some figure would find no column so, of the latest period's base.
PeriodGrid period_grid(const Assessment& a, const Group& g, const std::vector<const Outcome*>& outs,
                       std::optional<uint32_t> as_at);

}  // namespace assay::reporting
