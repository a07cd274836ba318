// Replaying an audit record: the published-figure audit run again from the
// record's own copies of the dataset (and rules), its JSON compared with the
// recorded one finding by finding.
#pragma once

#include <assay/record.hpp>

#include <string_view>
#include <vector>

namespace assay::audit {

/// replay() for a record of kind audit.
ReplayResult replay_audit(const RunRecord& record, const ReplayOptions& options);

/// What differs between two audits as JSON (render_audit): the rounding,
/// the rules, the counts, each finding (keyed by file, line, check,
/// indicator, area and period) field by field, and the figures not checked.
/// Throws InputError when either is not JSON.
std::vector<Difference> compare_audits(std::string_view before, std::string_view after);

}  // namespace assay::audit
