// Targets: where an indicator stands against its target (reduce/increase by
// a share of a baseline by a due date, an absolute value, a tolerance band,
// a comparator), with trajectory, distance and projection.
#pragma once

#include "assess/context.hpp"

namespace assay::assess_detail {

/// Fills o.target (after decide_arrow), or o.error when the target cannot be
/// evaluated (no baseline value). Leaves o.target empty when the indicator
/// has no target, no current value, or no comparator value.
void assess_target(const SeriesContext& ctx, Outcome& o);

}  // namespace assay::assess_detail
