// UTF-8 checks for CSV text: validity, and character counts for columns.
#pragma once

#include <cstddef>
#include <string_view>

namespace assay::dataset {

/// Offset of the first byte that is not part of valid UTF-8, or npos.
size_t invalid_utf8_at(std::string_view text);

/// Number of characters (code points) in valid UTF-8 text.
size_t utf8_length(std::string_view text);

}  // namespace assay::dataset
