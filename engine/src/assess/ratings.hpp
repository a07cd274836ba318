// Ratings: the level of the group's scale an indicator gets, from the first
// matching case of a built-in rule or from a Lua function via the ScriptHost.
#pragma once

#include "assess/context.hpp"

namespace assay::assess_detail {

/// The thresholds (target, floor, tolerance, comparator) a condition may
/// read: those the data gives for one series at one period.
struct ThresholdReader {
    const Dataset* data = nullptr;
    uint32_t series = 0;
    uint32_t period = 0;
    mutable std::string missing;                 ///< the first one asked for that the data lacks
    mutable std::vector<const Threshold*> read;  ///< those read, once each, in order
    /// The threshold `name`, or null (then `missing` names it).
    const Threshold* get(const std::string& name) const;
};

/// Whether condition `c` holds for the outcome (polarity `p` for the
/// comparisons). A condition that needs a threshold the data lacks does not
/// hold, and sets th->missing.
bool holds(const Condition& c, const Outcome& o, Polarity p, const ThresholdReader* th = nullptr);

/// Sets o.rating and o.rating_reason (after assess_target). A script that
/// fails, throws or returns a level outside the scale sets o.error and an
/// entry of ctx.errors, and gives no rating.
void rate(const SeriesContext& ctx, Outcome& o);

}  // namespace assay::assess_detail
