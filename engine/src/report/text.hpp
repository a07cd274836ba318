// Plain-text layout for the terminal report: the display width of UTF-8
// text (arrows take one column each, CJK two, combining marks none),
// word wrapping within a column, and padding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace assay::reporting {

/// Columns a UTF-8 string takes in a terminal: wide East Asian characters
/// count 2, combining marks, zero-width and control characters 0, others 1.
size_t display_width(std::string_view s);

/// `text` split into lines of at most `width` columns, breaking at spaces
/// where possible, inside words longer than a line otherwise, and at '\n'.
std::vector<std::string> wrap(std::string_view text, size_t width);

/// `s` padded with spaces to `width` columns, on the left when `right_align`.
std::string pad(std::string_view s, size_t width, bool right_align = false);

}  // namespace assay::reporting
