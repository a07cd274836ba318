// The JSON form of one outcome and of roll-up counts, shared by the run
// record (json.cpp) and JSON Lines (jsonl.cpp) so the two cannot drift.
#pragma once

#include "report/json_writer.hpp"

#include <assay/assessment.hpp>

#include <cstdint>
#include <optional>

namespace assay::reporting {

/// Writes outcome `o` as an object. `full` adds the series (observations up
/// to `as_at`) and the explanation; JSON Lines leaves them out.
void write_outcome(JsonWriter& w, const Assessment& a, const Outcome& o, bool full, std::optional<uint32_t> as_at);

/// Opens a target's object and writes its kind and text, up to the key "baseline".
void write_target_head(JsonWriter& w, const TargetOutcome& t);

/// Writes roll-up counts: {ratings, arrows, assessed, unrated}.
void write_counts(JsonWriter& w, const Counts& c);

}  // namespace assay::reporting
