// A run assessed in parts (run/stream.cpp): each part a dataset of whole
// series, assessed as assess() would assess them within the whole, its
// groups' counts summed across the parts and rolled up at the end.
#pragma once

#include "assess/plan.hpp"
#include "assess/rollup.hpp"

#include <assay/assessment.hpp>

#include <vector>

namespace assay::assess_detail {

/// One part, assessed.
struct AssessedPart {
    Assessment assessment;       ///< its outcomes kept, in the plan's order; no roll-ups
    std::vector<Tally> tallies;  ///< one per group of the plan
    bool other_series = false;   ///< a rule read another series than its own (a:lookup)
};

/// Assesses every series of `data` as assess() does, keeping the outcomes
/// (or handing each to `sink` as it is made, keeping none), without starting
/// a new assessment in the pack's script host (the parts of one run share
/// its budget: the caller starts it once).
AssessedPart assess_part(const Pack& pack, const PreparedData& data, const AssessOptions& options,
                         const OutcomeSink& sink = nullptr);

/// Adds the group and theme roll-ups of `plan` over `tallies` (one per group) to `a`.
void roll_up(const Pack& pack, const Plan& plan, const std::vector<Tally>& tallies, Assessment& a);

}  // namespace assay::assess_detail
