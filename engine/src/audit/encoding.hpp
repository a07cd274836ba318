// Byte-level helpers for records: the canonical JSON form that the seal is
// computed over, UTF-8 validation, base64 for files that are not UTF-8
// text, and the digest of a list of files (the same as the JSON record's).
#pragma once

#include "core/files_digest.hpp"

#include <assay/record.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::audit {

/// The canonical text of `j`: keys sorted bytewise (nlohmann::json keeps
/// objects in a std::map), no whitespace, UTF-8 unescaped, numbers in
/// nlohmann's shortest round-trip form. Throws Fatal on invalid UTF-8.
std::string canonical(const nlohmann::json& j);

/// Whether `s` is well-formed UTF-8 without NUL bytes (so it can be a JSON string as is).
bool is_text(std::string_view s);

/// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view bytes);

/// The bytes of standard base64 text; nullopt when it is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

/// The digest the JSON record gives a pack or dataset (core/files_digest.hpp).
using assay::files_digest;

}  // namespace assay::audit
