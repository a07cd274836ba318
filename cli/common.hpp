// Helpers shared by the commands: error printing, colour choice, and
// writing output to stdout or atomically to a file.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace assay::cli {

/// Prints "assay: error: <message>" on stderr. Control characters in the
/// message (from file names, labels or options) are shown as <U+001B>, never
/// sent to the terminal.
void print_error(std::string_view message);

/// Prints "assay: warning: <message>" on stderr.
void print_warning(std::string_view message);

/// Writes `text` to stdout with control characters shown, not sent (line
/// feeds and tabs are kept): for every line a command prints for people.
void say_text(std::string_view text);

/// fmt::print to stdout through say_text.
template <typename... Args>
void say(fmt::format_string<Args...> format, Args&&... args) {
    say_text(fmt::format(format, std::forward<Args>(args)...));
}

/// Whether to colour stdout: `when` is "always", "never" or "auto" (a
/// terminal and NO_COLOR unset).
bool use_colour(std::string_view when);

/// Writes `text` to `out_path` atomically, or to stdout when it is empty or "-".
void emit(const std::string& out_path, std::string_view text);

}  // namespace assay::cli
