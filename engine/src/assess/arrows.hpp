// Direction of travel: which value is current, which it is compared with,
// and whether the change is an improvement, static, a decline or a peak.
#pragma once

#include "assess/context.hpp"

namespace assay::assess_detail {

/// Finds the observations up to the as-at cut-off and the latest one with a
/// value: sets ctx.end, ctx.current_obs, o.latest_obs and o.current, and
/// explains any later missing values that were skipped.
void locate_current(SeriesContext& ctx, Outcome& o);

/// Decides o.previous, o.change, o.change_pct, o.arrow and o.arrow_reason
/// under the group's arrow rule, and o.other_arrows under its named arrow
/// rules (after locate_current).
void decide_arrow(const SeriesContext& ctx, Outcome& o);

}  // namespace assay::assess_detail
