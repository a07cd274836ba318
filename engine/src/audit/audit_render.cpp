// render_audit: the published-figure audit as JSON, CSV, Markdown and HTML
// (see assay/audit_render.hpp). The findings keep the report's order (file
// and line); a finding's file is named relative to the dataset.
#include "core/files_digest.hpp"

#include <assay/audit_render.hpp>
#include <assay/report.hpp>
#include <assay/text.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace assay {
namespace {

using Json = nlohmann::ordered_json;

/// The finding's file relative to the dataset folder (its name for a single file).
std::string file_of(const AuditFinding& f, const AuditSubject& s) {
    std::string file = f.where.file;
    std::string base = s.dataset_path;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    if (!base.empty() && file.size() > base.size() + 1 && file.compare(0, base.size(), base) == 0 &&
        file[base.size()] == '/')
        return file.substr(base.size() + 1);
    if (file == base) {
        size_t slash = file.find_last_of('/');
        return slash == std::string::npos ? file : file.substr(slash + 1);
    }
    return file;
}

std::string json_of(const AuditReport& r, const AuditSubject& s) {
    Json j;
    j["assay_audit"] = {{"format", 1}, {"version", std::string(engine_version())}};
    Json data = {{"sha256", s.dataset ? files_digest(s.dataset->files) : std::string()}};
    Json files = Json::array();
    if (s.dataset)
        for (const InputFile& f : s.dataset->files)
            files.push_back({{"name", f.name}, {"sha256", f.sha256}, {"bytes", f.bytes}});
    data["files"] = std::move(files);
    j["dataset"] = std::move(data);
    if (s.pack)
        j["rules"] = {{"name", s.pack->name}, {"version", s.pack->version}, {"sha256", files_digest(s.pack->files)}};
    else
        j["rules"] = nullptr;
    j["rounding"] = r.rounding;
    j["checked"] = r.checked;
    j["errors"] = r.errors();
    j["roundings"] = r.roundings();
    Json findings = Json::array();
    for (const AuditFinding& f : r.findings)
        findings.push_back({{"verdict", std::string(to_string(f.verdict))},
                            {"error", f.error()},
                            {"check", f.check},
                            {"indicator", f.indicator},
                            {"area", f.area},
                            {"period", f.period},
                            {"published", f.published},
                            {"computed", f.computed},
                            {"detail", f.detail},
                            {"file", file_of(f, s)},
                            {"line", f.where.line}});
    j["findings"] = std::move(findings);
    j["unchecked"] = r.unchecked;
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

/// Whether a spreadsheet would read `s` as a number (-6.9%, 1,047, +3), not a formula.
bool numeric_text(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t digits = 0;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != '.' && c != ',' && c != ':' && !(c == '%' && i + 1 == s.size()))
            return false;
    }
    return digits > 0;
}

void csv_field(std::string& out, std::string_view s, bool last = false) {
    std::string cell(s);
    // A cell a spreadsheet would run as a formula gets a leading quote (OWASP).
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos && !numeric_text(cell))
        cell.insert(0, 1, '\'');
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        out += cell;
    } else {
        out += '"';
        for (char c : cell) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += last ? '\n' : ',';
}

std::string csv_of(const AuditReport& r, const AuditSubject& s) {
    std::string out = "verdict,check,indicator,area,period,published,computed,file,line,detail\n";
    for (const AuditFinding& f : r.findings) {
        for (const std::string& v : {std::string(to_string(f.verdict)), f.check, f.indicator, f.area, f.period,
                                     f.published, f.computed, file_of(f, s), std::to_string(f.where.line)})
            csv_field(out, v);
        csv_field(out, f.detail, true);
    }
    return out;
}

std::string md_cell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[' || c == ']') out += '\\';
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out;
}

std::string summary_of(const AuditReport& r) {
    return fmt::format("{} published figures and totals checked: {} {}, {} rounding {}", r.checked, r.errors(),
                       r.errors() == 1 ? "error" : "errors", r.roundings(),
                       r.roundings() == 1 ? "difference" : "differences");
}

std::string markdown_of(const AuditReport& r, const AuditSubject& s) {
    std::string out = "# Audit of published figures\n\n";
    out += fmt::format("- dataset: sha256 `{}`\n", s.dataset ? files_digest(s.dataset->files) : "");
    if (s.pack)
        out += fmt::format("- rules: {} {} (sha256 `{}`)\n", md_cell(s.pack->name), md_cell(s.pack->version),
                           files_digest(s.pack->files));
    out += fmt::format("- rounding: {}\n- {}\n", md_cell(r.rounding), summary_of(r));
    for (bool errors : {true, false}) {
        out += errors ? "\n## Errors\n\n" : "\n## Rounding differences, not errors\n\n";
        out += "| verdict | check | indicator | area | period | published | computed | file:line | detail |\n";
        out += "|---|---|---|---|---|---|---|---|---|\n";
        for (const AuditFinding& f : r.findings)
            if (f.error() == errors)
                out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {}:{} | {} |\n", to_string(f.verdict),
                                   md_cell(f.check), md_cell(f.indicator), md_cell(f.area), md_cell(f.period),
                                   md_cell(f.published), md_cell(f.computed), md_cell(file_of(f, s)), f.where.line,
                                   md_cell(f.detail));
    }
    if (!r.unchecked.empty()) {
        out += "\n## Not checked\n\n";
        for (const std::string& u : r.unchecked) out += "- " + md_cell(u) + "\n";
    }
    return out;
}

std::string html_of(const AuditReport& r, const AuditSubject& s) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"generator\" content=\"Assay " +
        html_escape(engine_version()) +
        "\">\n<title>Audit of published figures</title>\n<style>"
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}"
        "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.3rem .5rem;"
        "text-align:left;vertical-align:top}th{background:#eee}.error{background:#fde8e8}"
        "</style>\n</head>\n<body>\n<main>\n<h1>Audit of published figures</h1>\n<ul>\n";
    out +=
        "<li>dataset: sha256 <code>" + html_escape(s.dataset ? files_digest(s.dataset->files) : "") + "</code></li>\n";
    if (s.pack)
        out += "<li>rules: " + html_escape(s.pack->name) + " " + html_escape(s.pack->version) + " (sha256 <code>" +
               html_escape(files_digest(s.pack->files)) + "</code>)</li>\n";
    out += "<li>rounding: " + html_escape(r.rounding) + "</li>\n<li>" + html_escape(summary_of(r)) + "</li>\n</ul>\n";
    for (bool errors : {true, false}) {
        out += errors ? "<h2>Errors</h2>\n" : "<h2>Rounding differences, not errors</h2>\n";
        out +=
            "<table>\n<thead><tr><th scope=\"col\">verdict</th><th scope=\"col\">check</th><th "
            "scope=\"col\">indicator</th><th scope=\"col\">area</th><th scope=\"col\">period</th><th "
            "scope=\"col\">published</th><th scope=\"col\">computed</th><th scope=\"col\">file:line</th><th "
            "scope=\"col\">detail</th></tr></thead>\n<tbody>\n";
        for (const AuditFinding& f : r.findings) {
            if (f.error() != errors) continue;
            out += errors ? "<tr class=\"error\">" : "<tr>";
            for (const std::string& v :
                 {std::string(to_string(f.verdict)), f.check, f.indicator, f.area, f.period, f.published, f.computed,
                  file_of(f, s) + ":" + std::to_string(f.where.line), f.detail})
                out += "<td>" + html_escape(v) + "</td>";
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    if (!r.unchecked.empty()) {
        out += "<h2>Not checked</h2>\n<ul>\n";
        for (const std::string& u : r.unchecked) out += "<li>" + html_escape(u) + "</li>\n";
        out += "</ul>\n";
    }
    return out + "</main>\n</body>\n</html>\n";
}

}  // namespace

std::optional<AuditFormat> audit_format_from_string(std::string_view name) {
    if (name == "text" || name == "terminal") return AuditFormat::text;
    if (name == "json") return AuditFormat::json;
    if (name == "csv") return AuditFormat::csv;
    if (name == "markdown" || name == "md") return AuditFormat::markdown;
    if (name == "html") return AuditFormat::html;
    return std::nullopt;
}

std::string render_audit(const AuditReport& report, const AuditSubject& subject, AuditFormat format) {
    switch (format) {
        case AuditFormat::json:
            return json_of(report, subject);
        case AuditFormat::csv:
            return csv_of(report, subject);
        case AuditFormat::markdown:
            return markdown_of(report, subject);
        case AuditFormat::html:
            return html_of(report, subject);
        case AuditFormat::text:
            break;
    }
    throw InputError("render_audit: the text form is printed by the command");
}

}  // namespace assay
