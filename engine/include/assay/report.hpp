// Reports: an Assessment rendered for people (terminal, Markdown, HTML,
// XLSX) and for programs (JSON record, JSON Lines, CSV).
#pragma once

#include <assay/assessment.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace assay {

/// Output formats of `assay run`.
enum class Format { terminal, json, jsonl, csv, markdown, html, xlsx };

/// "terminal", "json", "jsonl", "csv", "markdown", "html", "xlsx".
std::string_view to_string(Format f);
/// The format with this name ("text" is terminal, "md" is markdown), if any.
std::optional<Format> format_from_string(std::string_view name);

/// What an earlier run concluded, read back from its JSON record, so that a
/// report can say what moved since the last report.
struct PreviousRun {
    /// An indicator's earlier rating and arrow, as recorded ("" when none).
    struct Result {
        std::string rating;
        std::string arrow;  ///< "improved", "static", ...
    };
    /// A group's or theme's earlier rating ("" when none) and counts.
    struct Rollup {
        std::string rating;
        Counts counts;
    };
    std::string as_at;                       ///< the earlier run's as-at period
    std::map<std::string, Result> outcomes;  ///< keyed by outcome_key()
    std::map<std::string, Rollup> groups;    ///< group id -> roll-up
    std::map<std::string, Rollup> themes;    ///< theme id -> roll-up

    /// The key of an outcome in `outcomes`: group, indicator and area.
    static std::string outcome_key(std::string_view group, std::string_view indicator, std::string_view area);
    /// The earlier result of `indicator` in `area` within `group`, if recorded.
    const Result* find(std::string_view group, std::string_view indicator, std::string_view area) const;
};

/// Reads a JSON record written by `assay run --format json`. Throws
/// InputError naming the file (and line and column for malformed JSON).
PreviousRun read_previous_run(const std::filesystem::path& record);
/// The same from the record's text (a sealed run record's outcome, a
/// history row's); `source` names it in errors.
PreviousRun previous_run_from_json(std::string_view json, const std::string& source);

/// Presentation choices that never change the JSON record.
struct RenderOptions {
    bool colour = false;                    ///< ANSI colour in the terminal report
    int width = 120;                        ///< terminal width to lay tables out in
    const PreviousRun* previous = nullptr;  ///< the reports show what moved since this run
    /// The command line's report metadata (`--title`, `--status`, ...): each field given replaces the pack's.
    ReportInfo report;
};

/// The report metadata a rendering prints: the pack's, each field the options give replacing it.
ReportInfo report_info(const Pack& pack, const RenderOptions& options);

/// Engine version string, e.g. "0.1.0".
std::string_view engine_version();

/// The rendered report. JSON is the versioned record (format 1): the same
/// assessment gives byte-identical text on any machine. XLSX is returned as
/// the bytes of the workbook.
std::string render(const Assessment& a, Format format, const RenderOptions& options = {});

/// One outcome as a compact JSON line (with a trailing newline), for
/// streaming large runs.
std::string render_jsonl_outcome(const Assessment& a, const Outcome& o);

/// One run assessed as at several periods (assess_periods, in order) as one
/// report: terminal and Markdown give each period's report in turn; HTML
/// one page listing the periods, with a section for each; CSV an as_at
/// first column under one header; JSON {"periods": [record, ...]}; JSON
/// Lines an "as_at" in every line. Throws InputError for XLSX.
std::string render_periods(const std::vector<Assessment>& runs, Format format, const RenderOptions& options = {});
/// render_jsonl_outcome appended to `out`, so that a stream reuses one buffer.
void render_jsonl_outcome(const Assessment& a, const Outcome& o, std::string& out);

/// What a key to assessment covers and how it is laid out.
struct KeyOptions {
    const Dataset* data = nullptr;  ///< the data the pack assesses: decides which arrows can occur
    bool rules = true;              ///< also describe each group's and theme's rules in words
    RenderOptions render;           ///< terminal width and colour
};

/// The pack's key to assessment, generated from its rules so that it cannot
/// drift from them: the scales with their meanings, the arrows the groups
/// can give, and each group's arrow rule, target, rating cases and roll-up
/// in words. Terminal or Markdown; other formats throw InputError.
std::string render_key(const Pack& pack, Format format);

/// render_key with options (the data, whether to describe the rules, layout).
std::string render_key(const Pack& pack, Format format, const KeyOptions& options);

}  // namespace assay
