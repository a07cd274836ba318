// Parsing JSON text with errors that name the file, line and column.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace assay {

/// Parses `text`; throws InputError naming `source`, line and column when it is not JSON.
nlohmann::json parse_json(std::string_view text, const std::string& source);

/// The same, keeping object keys in the order written (for comparisons that print in that order).
nlohmann::ordered_json parse_ordered_json(std::string_view text, const std::string& source);

}  // namespace assay
