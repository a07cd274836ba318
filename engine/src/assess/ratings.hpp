// Ratings: the level of the group's scale an indicator gets, from the first
// matching case of a built-in rule or from a Lua function via the ScriptHost.
#pragma once

#include "assess/context.hpp"

namespace assay::assess_detail {

/// Whether condition `c` holds for the outcome (polarity `p` for better_than).
bool holds(const Condition& c, const Outcome& o, Polarity p);

/// Sets o.rating and o.rating_reason (after assess_target). A script that
/// fails, throws or returns a level outside the scale sets o.error and an
/// entry of ctx.errors, and gives no rating.
void rate(const SeriesContext& ctx, Outcome& o);

}  // namespace assay::assess_detail
