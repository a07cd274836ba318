// One renderer per report format; render() in format.cpp picks one.
#pragma once

#include <assay/report.hpp>

#include <string>

namespace assay::reporting {

/// The aligned plain-text report, laid out like the published reviews.
std::string render_terminal(const Assessment& a, const RenderOptions& options);
/// The versioned JSON run record (format 1), pretty-printed.
std::string render_json(const Assessment& a);
/// One compact JSON object per outcome, one per line.
std::string render_jsonl(const Assessment& a);
/// One CSV row per outcome under a fixed header.
std::string render_csv(const Assessment& a);
/// The report as GitHub-flavoured Markdown tables.
std::string render_markdown(const Assessment& a);

}  // namespace assay::reporting
