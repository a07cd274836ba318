// The HTML report: one self-contained page (inline CSS and SVG, no scripts,
// nothing fetched) that a committee can read on screen or print as it is.
// Order, as the published reviews: the title and each theme's assessment;
// the summary of ratings and arrows (and what moved since the last report);
// the key; per theme its tables; the rules of each table; the checks of
// published figures; rule errors; what was run. The parts are in html_*.cpp.
#include "report/html.hpp"

#include "core/files_digest.hpp"
#include "report/common.hpp"
#include "report/renderers.hpp"
#include "report/tables.hpp"

namespace assay::reporting {
namespace {

using namespace html;

const ThemeOutcome* theme_outcome(const Assessment& a, size_t ti) {
    for (const ThemeOutcome& t : a.themes)
        if (t.theme == ti) return &t;
    return nullptr;
}

std::string theme_title(const Pack& p, const ThemeLayout& t) {
    if (!t.theme) return "Other tables";
    return title_of(p.themes[*t.theme]);
}

// Each rated theme's assessment, and the earlier one, as the seed's
// "2006 Assessment AMBER RED / 2007 Proposed Assessment AMBER GREEN".
std::string masthead(const Assessment& a, const PreviousRun* previous, const ReportInfo& info) {
    const Pack& p = *a.pack;
    std::string title = report_title(p, info);
    std::string kicker = info.status == "draft" ? "Performance review \u00b7 <strong class=\"status\">Draft</strong>"
                                                : "Performance review";
    std::string out = "<header class=\"masthead\">\n<p class=\"kicker\">" + kicker + "</p>\n<h1>" + escape(title) +
                      "</h1>\n<p class=\"meta\">As at <strong>" + escape(a.as_at) + "</strong></p>\n";
    // The first page: who publishes the report, for when, who to ask, and whether it is final.
    std::vector<std::pair<std::string, std::string>> meta = report_meta(info);
    if (!meta.empty()) {
        out += "<dl class=\"report-meta\">";
        for (const auto& [label, value] : meta)
            out += "<div><dt>" + escape(label) + "</dt><dd>" + escape(value) + "</dd></div>";
        out += "</dl>\n";
    }
    std::string items;
    for (size_t ti = 0; ti < p.themes.size(); ++ti) {
        const Theme& t = p.themes[ti];
        const ThemeOutcome* to = theme_outcome(a, ti);
        if (t.rollup.kind == RollupRule::Kind::none && !(to && to->rating >= 0)) continue;
        const Scale* scale = p.find_scale(t.scale);
        items += "<li>";
        if (previous)
            if (auto it = previous->themes.find(t.id); it != previous->themes.end())
                items +=
                    escape(previous->as_at) + " assessment " + rating_tag(p, scale, it->second.rating) + " \u00b7 ";
        items += escape(title_of(t)) + " as at " + escape(a.as_at) + ": " + rating_tag(p, scale, to ? to->rating : -1) +
                 "</li>\n";
    }
    if (!items.empty()) out += "<ul class=\"assessments\">\n" + items + "</ul>\n";
    return out + "</header>\n";
}

std::string contents(const Assessment& a, const std::vector<ThemeLayout>& themes) {
    const Pack& p = *a.pack;
    std::string out =
        "<nav class=\"contents\" aria-label=\"Contents\">\n<ol>\n<li><a href=\"#summary\">Summary</a></li>\n"
        "<li><a href=\"#key\">Key to assessment of performance</a></li>\n";
    for (size_t k = 0; k < themes.size(); ++k) {
        out += "<li><a href=\"#t" + std::to_string(k) + "\">" + escape(theme_title(p, themes[k])) + "</a><ol>";
        for (size_t gi : themes[k].groups)
            out += "<li><a href=\"#g" + std::to_string(gi) + "\">" + escape(title_of(p.groups[gi])) + "</a></li>";
        out += "</ol></li>\n";
    }
    out += "<li><a href=\"#rules\">How each table is assessed</a></li>\n";
    if (!a.checks.empty()) out += "<li><a href=\"#checks\">Checks of published figures</a></li>\n";
    if (!a.errors.empty()) out += "<li><a href=\"#errors\">Rule errors</a></li>\n";
    return out + "</ol>\n</nav>\n";
}

std::string theme_section(const Assessment& a, size_t k, const ThemeLayout& t, const PreviousRun* previous,
                          Footnotes& footnotes) {
    const Pack& p = *a.pack;
    const std::vector<std::vector<const Outcome*>> outcomes = outcomes_by_group(a);

    std::string id = "t" + std::to_string(k);
    std::string out = "<section class=\"theme\" aria-labelledby=\"" + id + "\">\n<h2 id=\"" + id + "\">" +
                      escape(theme_title(p, t)) + "</h2>\n";
    if (t.theme) {
        const Theme& th = p.themes[*t.theme];
        const ThemeOutcome* to = theme_outcome(a, *t.theme);
        if (th.rollup.kind != RollupRule::Kind::none || (to && to->rating >= 0)) {
            const Scale* scale = p.find_scale(th.scale);
            out += "<p class=\"group-rating\">Assessment: " + rating_tag(p, scale, to ? to->rating : -1);
            if (previous)
                if (auto it = previous->themes.find(th.id); it != previous->themes.end())
                    out += " <span class=\"was\">(" + escape(previous->as_at) + ": " +
                           rating_tag(p, scale, it->second.rating) + ")</span>";
            out += "</p>\n";
            if (to && !to->explanation.empty()) {
                out += "<details class=\"theme-why\"><summary>How this was assessed</summary><ol>";
                for (const std::string& line : to->explanation) out += "<li>" + escape(line) + "</li>";
                out += "</ol></details>\n";
            }
        }
    }
    for (size_t gi : t.groups) {
        const GroupOutcome* rollup = nullptr;
        for (const GroupOutcome& go : a.groups)
            if (go.group == gi) rollup = &go;
        out += group_section(a, static_cast<uint32_t>(gi), outcomes[gi], rollup, previous, footnotes);
    }
    return out + "</section>\n";
}

std::string checks_section(const Assessment& a) {
    Table t = checks_table(a);
    std::string out =
        "<section id=\"checks\" aria-labelledby=\"checks-h\">\n<h2 id=\"checks-h\">Checks: published figures "
        "that do not match the data</h2>\n" +
        table_wrap("Checks") +
        "<table>\n<caption class=\"visually-hidden\">"
        "Published figures that do not match the data</caption>\n<thead><tr>";
    for (const Column& c : t.columns) out += "<th scope=\"col\">" + escape(c.header) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (size_t i = 0; i < row.size(); ++i)
            out += (i == 0 ? "<th scope=\"row\">" : "<td>") + escape(row[i].text) + (i == 0 ? "</th>" : "</td>");
        out += "</tr>\n";
    }
    return out + "</tbody></table></div>\n</section>\n";
}

std::string errors_section(const Assessment& a) {
    std::string out =
        "<section id=\"errors\" aria-labelledby=\"errors-h\">\n<h2 id=\"errors-h\">Rule errors</h2>\n"
        "<p>These indicators have no rating because a rule failed:</p>\n<ul class=\"errors\">\n";
    for (const std::string& e : a.errors) out += "<li>" + escape(e) + "</li>\n";
    return out + "</ul>\n</section>\n";
}

std::string run_footer(const Assessment& a) {
    const Pack& p = *a.pack;
    return "<footer class=\"run\" aria-labelledby=\"about-h\">\n<h2 id=\"about-h\">Appendix: how this report was "
           "produced</h2>\n<p>Assessed by Assay " +
           escape(engine_version()) + " with the rules " + escape(p.name) +
           (p.version.empty() ? "" : " " + escape(p.version)) + " (SHA-256 " + files_digest(p.files) +
           ") and the data " + escape(a.dataset->name) + " (SHA-256 " + files_digest(a.dataset->files) + "), as at " +
           escape(a.as_at) + ". The same rules and data give the same report.</p>\n</footer>\n";
}

}  // namespace

std::string render_html(const Assessment& a, const RenderOptions& options) {
    const Pack& p = *a.pack;
    const PreviousRun* previous = options.previous;
    std::vector<ThemeLayout> themes = layout(p);
    const ReportInfo info = report_info(p, options);
    std::string title = report_title(p, info) + " \u2014 as at " + a.as_at + (info.status == "draft" ? " (draft)" : "");

    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"Assay " +
        escape(engine_version()) + "\">\n<title>" + escape(title) + "</title>\n<style>" + stylesheet(a) +
        "</style>\n</head>\n<body>\n<div class=\"page\">\n";
    out += masthead(a, previous, info);
    out += contents(a, themes);
    out += "<main>\n";
    out += summary_section(a, previous);
    out += key_section(a);
    Footnotes footnotes;
    for (size_t k = 0; k < themes.size(); ++k) out += theme_section(a, k, themes[k], previous, footnotes);
    out += rules_section(a);
    if (!a.checks.empty()) out += checks_section(a);
    if (!a.errors.empty()) out += errors_section(a);
    out += "</main>\n";
    out += run_footer(a);
    out += "</div>\n</body>\n</html>\n";
    return out;
}

}  // namespace assay::reporting
