// Statistical arrows and comparisons (docs/statistics.md): the interval of
// an observation under its indicator's value type, an arrow that moves only
// on a significant change or trend, and the comparison of an area with a
// comparator area for the rating's significance conditions.
#pragma once

#include "assess/context.hpp"
#include "assess/stats.hpp"

#include <optional>
#include <string>

namespace assay::assess_detail {

/// The confidence interval of observation `obs` at `level`, as its
/// indicator's value type says; nullopt with `why` set when the counts it
/// needs are not in the data.
std::optional<stats::Interval> interval_of(const Dataset& d, const Indicator& ind, uint32_t obs, double level,
                                           std::string& why);

/// "95 %", "99.8 %".
std::string level_text(double level);

/// A statistical arrow (rule.test != none): the arrow and, when there is
/// none, why; the explanation line is pushed to ctx.trace when explaining.
struct StatArrow {
    Arrow arrow = Arrow::none;
    std::string reason;
};
StatArrow statistical_arrow(const SeriesContext& ctx, const ArrowRule& rule, uint32_t previous, uint32_t current,
                            std::string_view lead);

/// Compares the current value with each comparator area the group's rating
/// names, filling o.comparisons (before the rating is decided).
void compare_with_comparators(const SeriesContext& ctx, Outcome& o);

/// The conditions of a first-match rating that compare with a comparator
/// area (significance or funnel), each comparator, kind and level once, in
/// the order they first appear; none for any other rating.
std::vector<const Condition*> comparisons_of(const RatingRule& rule);

/// Sets o.interval: the interval of the current value at the group's
/// interval_level (none when the group uses no statistics).
void interval_of_outcome(const SeriesContext& ctx, Outcome& o);

}  // namespace assay::assess_detail
