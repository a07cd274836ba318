// Replaying an audit record: the published-figure audit run again from the
// record's own copies of the dataset (and rules), its JSON compared with the
// recorded one finding by finding.
#pragma once

#include <assay/record.hpp>

#include <string_view>
#include <vector>

namespace assay::audit {

/// The start of every replay: the recorded and the replaying engine, what
/// differs between them, and when the version differs a note that `what`
/// ("outcome", "audit") can match in content but not byte for byte.
ReplayResult begin_replay(const RunRecord& record, std::string_view what);

/// replay() for a record of kind audit.
ReplayResult replay_audit(const RunRecord& record, const ReplayOptions& options);

/// What differs between two audits as JSON (render_audit): the rounding,
/// the rules, the counts, each finding (keyed by file, line, check,
/// indicator, area and period) field by field, and the figures not checked.
/// Throws InputError when either is not JSON.
std::vector<Difference> compare_audits(std::string_view before, std::string_view after);

}  // namespace assay::audit
