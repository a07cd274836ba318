// Roll-ups: counts of ratings and arrows per group and theme, and the group
// or theme rating (worst, best, majority, mean score, or a Lua function).
#pragma once

#include "assess/plan.hpp"

#include <assay/assessment.hpp>

#include <array>
#include <string>
#include <vector>

namespace assay::assess_detail {

/// A group's outcomes, counted as they stream past (nothing per outcome is kept).
struct Tally {
    const Scale* scale = nullptr;  ///< scale of the counted ratings
    std::vector<int> levels;       ///< rated outcomes per level of `scale`
    std::array<int, 7> arrows{};   ///< outcomes per Arrow
    int assessed = 0;              ///< outcomes with a current value
    int unrated = 0;               ///< outcomes without a rating

    /// A tally for ratings on `s` (may be null when the group rates nothing).
    explicit Tally(const Scale* s = nullptr);
    /// Counts one outcome.
    void add(const Outcome& o);
    /// Adds the counts of `other`, a tally of the same group.
    void add(const Tally& other);
};

/// The group's counts and rating. A failing roll-up script adds to `errors`.
GroupOutcome roll_up_group(const Pack& pack, const GroupPlan& group, const Tally& tally,
                           std::vector<std::string>& errors);

/// The theme's counts and rating over the tallies of its groups.
ThemeOutcome roll_up_theme(const Pack& pack, const ThemePlan& theme, const std::vector<Tally>& group_tallies,
                           std::vector<std::string>& errors);

}  // namespace assay::assess_detail
