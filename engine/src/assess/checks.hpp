// Checks of published arrows and ratings against what the data gives. The
// published numeric figures (change, % change) are audited elsewhere.
#pragma once

#include "assess/context.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace assay::assess_detail {

/// The dataset's published arrows and ratings, found by series.
class PublishedChecks {
public:
    /// Indexes the published arrows and ratings of `d`.
    explicit PublishedChecks(const Dataset& d);
    /// Compares the outcome with the figures published for its series and
    /// its current period (or a later period whose value is missing), each
    /// figure once; appends a Check per mismatch.
    void check(const SeriesContext& ctx, const Outcome& o, std::vector<Check>& out);
    /// Whether there is nothing to check.
    bool empty() const { return by_series_.empty(); }

private:
    std::vector<std::pair<uint32_t, uint32_t>> by_series_;  ///< (series, published index), sorted
    std::vector<bool> done_;                                ///< published index -> already checked
};

}  // namespace assay::assess_detail
