// Helpers shared by the commands: error printing, colour choice, and
// writing output to stdout or atomically to a file.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::cli {

/// Prints "assay: error: <message>" on stderr. Control characters in the
/// message (from file names, labels or options) are shown as <U+001B>, never
/// sent to the terminal.
void print_error(std::string_view message);

/// Prints "assay: warning: <message>" on stderr.
void print_warning(std::string_view message);

/// Prints "assay: note: <message>" on stderr.
void print_note(std::string_view message);

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

/// Refuses an output path that would destroy an input: throws InputError
/// when `out` (given with `option`, e.g. "--out"; "" or "-" is stdout) is
/// the same file as one of `inputs` (files, or folders and every file in
/// them; "" entries are skipped), or exists and is not a regular file.
/// Nothing has been written when it throws.
void check_output(std::string_view option, const std::string& out, const std::vector<std::string>& inputs);

/// Writes `text` to `out_path` atomically, or to stdout when it is empty or "-".
void emit(const std::string& out_path, std::string_view text);

}  // namespace assay::cli
