// Helpers shared by the commands: error printing, colour choice, and
// writing output to stdout or atomically to a file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace assay::cli {

/// Prints "assay: error: <message>" on stderr.
void print_error(std::string_view message);

/// Prints "assay: warning: <message>" on stderr.
void print_warning(std::string_view message);

/// Whether to colour stdout: `when` is "always", "never" or "auto" (a
/// terminal and NO_COLOR unset).
bool use_colour(std::string_view when);

/// Writes `text` to `out_path` atomically, or to stdout when it is empty or "-".
void emit(const std::string& out_path, std::string_view text);

}  // namespace assay::cli
