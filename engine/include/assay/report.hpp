// Reports: an Assessment rendered for people (terminal, Markdown) and for
// programs (JSON record, JSON Lines, CSV).
#pragma once

#include <assay/assessment.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace assay {

/// Output formats of `assay run`.
enum class Format { terminal, json, jsonl, csv, markdown };

/// "terminal", "json", "jsonl", "csv", "markdown".
std::string_view to_string(Format f);
/// The format with this name ("text" is terminal, "md" is markdown), if any.
std::optional<Format> format_from_string(std::string_view name);

/// Presentation choices that never change the JSON record.
struct RenderOptions {
    bool colour = false;  ///< ANSI colour in the terminal report
    int width = 120;      ///< terminal width to lay tables out in
};

/// Engine version string, e.g. "0.1.0".
std::string_view engine_version();

/// The rendered report. JSON is the versioned record (format 1): the same
/// assessment gives byte-identical text on any machine.
std::string render(const Assessment& a, Format format, const RenderOptions& options = {});

/// One outcome as a compact JSON line (with a trailing newline), for
/// streaming large runs.
std::string render_jsonl_outcome(const Assessment& a, const Outcome& o);

}  // namespace assay
