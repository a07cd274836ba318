// Format names and render(): the one entry point that picks a renderer.
#include "report/common.hpp"
#include "report/renderers.hpp"

#include <assay/report.hpp>

namespace assay {

std::string_view to_string(Format f) {
    switch (f) {
        case Format::terminal:
            return "terminal";
        case Format::json:
            return "json";
        case Format::jsonl:
            return "jsonl";
        case Format::csv:
            return "csv";
        case Format::markdown:
            return "markdown";
        case Format::html:
            return "html";
        case Format::xlsx:
            return "xlsx";
    }
    return "terminal";
}

std::optional<Format> format_from_string(std::string_view name) {
    if (name == "terminal" || name == "text") return Format::terminal;
    if (name == "json") return Format::json;
    if (name == "jsonl") return Format::jsonl;
    if (name == "csv") return Format::csv;
    if (name == "markdown" || name == "md") return Format::markdown;
    if (name == "html") return Format::html;
    if (name == "xlsx") return Format::xlsx;
    return std::nullopt;
}

ReportInfo report_info(const Pack& pack, const RenderOptions& options) {
    ReportInfo info = pack.report;
    ReportInfo given = options.report;
    for (const char* name : report_info_fields)
        if (std::string* v = report_info_field(given, name); v && !v->empty()) *report_info_field(info, name) = *v;
    return info;
}

std::string render(const Assessment& a, Format format, const RenderOptions& options) {
    reporting::require_inputs(a);
    switch (format) {
        case Format::terminal:
            return reporting::render_terminal(a, options);
        case Format::json:
            return reporting::render_json(a);
        case Format::jsonl:
            return reporting::render_jsonl(a);
        case Format::csv:
            return reporting::render_csv(a);
        case Format::markdown:
            return reporting::render_markdown(a, options);
        case Format::html:
            return reporting::render_html(a, options);
        case Format::xlsx:
            return reporting::render_xlsx(a, options);
    }
    return reporting::render_terminal(a, options);
}

}  // namespace assay
