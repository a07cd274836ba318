// The published-figure audit rendered for programs and for reports: JSON,
// CSV, Markdown and a self-contained HTML page. Nothing in them depends on a
// path, the machine or the clock: a finding names its file by its name
// inside the dataset, and the dataset by its files' digest.
#pragma once

#include <assay/audit.hpp>
#include <assay/dataset.hpp>
#include <assay/pack.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace assay {

/// Formats of `assay audit --format`.
enum class AuditFormat { text, json, csv, markdown, html };

/// The format with this name ("text", "json", "csv", "markdown" or "md", "html"), if any.
std::optional<AuditFormat> audit_format_from_string(std::string_view name);

/// What was audited, for the rendered header.
struct AuditSubject {
    const Dataset* dataset = nullptr;  ///< the dataset audited (its files and their digest)
    const Pack* pack = nullptr;        ///< the rules, when --rules was given
    std::string dataset_path;          ///< the folder or file audited, to name findings' files relative to it
};

/// The audit rendered in `format` (not text: the command prints that itself).
/// JSON (audit format 1): {"assay_audit": {"format", "version"}, "dataset":
/// {"sha256", "files"}, "rules", "rounding", "checked", "errors",
/// "roundings", "findings": [...], "unchecked": [...]}, keys in that order.
std::string render_audit(const AuditReport& report, const AuditSubject& subject, AuditFormat format);

}  // namespace assay
