// The sealed part of a record as JSON, and back. Reading checks only shapes
// and types; record_read.cpp checks the hashes.
#pragma once

#include <assay/record.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace assay::audit {

/// The sealed part of `r`: format, engine, options, pack, dataset and outcome.
nlohmann::json sealed_json(const RunRecord& r);

/// The record held in a sealed part (without `sha256` and `written_at`).
/// Throws InputError naming `source` and the missing or mistyped field.
RunRecord record_from_sealed(const nlohmann::json& sealed, const std::string& source);

/// The signatures as one line of canonical JSON (an array of objects).
std::string signatures_text(const std::vector<RecordSignature>& signatures);

/// The signatures of a record file's "signatures" member; InputError naming
/// `source` when it is not an array of signature objects.
std::vector<RecordSignature> signatures_from_json(const nlohmann::json& signatures, const std::string& source);

/// What differs between the record and the statement of its first
/// signature (not verified: a hint naming fields, never a proof); empty when
/// it is unsigned or nothing differs.
std::vector<std::string> changes_since_signed(const RunRecord& record);

}  // namespace assay::audit
