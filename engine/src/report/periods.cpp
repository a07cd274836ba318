// One run assessed as at several periods (assay run --periods), in one
// report: terminal and Markdown give a section per period, each as the
// report of that period alone; HTML one page with a list of the periods and
// a section for each; CSV an as_at column; JSON {"periods": [record, ...]};
// JSON Lines an "as_at" in every line; XLSX a Periods sheet with an "As at"
// column, then the latest period's sheets (xlsx_periods.cpp).
#include "report/common.hpp"
#include "report/html.hpp"
#include "report/json_writer.hpp"
#include "report/renderers.hpp"

#include <assay/error.hpp>
#include <assay/report.hpp>

#include <fmt/format.h>

namespace assay {
namespace {

using reporting::html::escape;

/// Period section `n`'s page with ids of its own: every id gets the prefix
/// "p<n>-" ("summary" becomes "p2-summary"), and so does every reference to
/// one (href="#...", aria-labelledby and the other id lists, url(#...)), so
/// that the sections' ids never clash and every link stays inside its
/// section. Attribute values are escaped, so a quote only ever ends one.
std::string own_ids(const std::string& page, size_t n) {
    const std::string prefix = fmt::format("p{}-", n);
    // Attributes holding one id or a space-separated list of them.
    static constexpr std::string_view lists[] = {" id=\"",
                                                 " for=\"",
                                                 " headers=\"",
                                                 " aria-labelledby=\"",
                                                 " aria-describedby=\"",
                                                 " aria-controls=\"",
                                                 " aria-owns=\"",
                                                 " aria-details=\"",
                                                 " aria-flowto=\"",
                                                 " aria-errormessage=\"",
                                                 " aria-activedescendant=\""};
    // References to one id in the same document.
    static constexpr std::string_view links[] = {" href=\"#", " xlink:href=\"#", "url(#"};
    std::string out;
    out.reserve(page.size() + page.size() / 8);
    size_t at = 0;
    while (at < page.size()) {
        std::string_view rest(page.data() + at, page.size() - at);
        bool done = false;
        for (std::string_view attr : lists) {
            if (rest.substr(0, attr.size()) != attr) continue;
            size_t end = page.find('"', at + attr.size());
            if (end == std::string::npos) break;
            out += attr;
            bool word = false;
            for (size_t i = at + attr.size(); i < end; ++i) {
                if (page[i] != ' ' && !word) out += prefix;
                word = page[i] != ' ';
                out += page[i];
            }
            at = end;
            done = true;
            break;
        }
        if (done) continue;
        for (std::string_view link : links) {
            if (rest.substr(0, link.size()) != link) continue;
            out += link;
            at += link.size();
            if (at < page.size() && page[at] != '"' && page[at] != ')') out += prefix;
            done = true;
            break;
        }
        if (!done) out += page[at++];
    }
    return out;
}

/// Replaces every `from` in `text` with `to`.
void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

/// Period section `n`'s page as part of the whole document: its main
/// landmark a plain block (the document has one main, holding every
/// period), its contents named for its period, and each region it names
/// (Summary, Key, a group's section, a table's scrolling region) named with
/// its period too ("Summary as at 2005/06", "Table: PSA1, as at 2005/06"),
/// so that no two landmarks of the document share a name.
std::string period_landmarks(std::string page, size_t n, const std::string& as_at) {
    replace_all(page, "<main>", "<div class=\"main\">");
    replace_all(page, "</main>", "</div>");
    replace_all(page, "<nav class=\"contents\" aria-label=\"Contents\">",
                "<nav class=\"contents\" aria-label=\"Contents, as at " + escape(as_at) + "\">");
    // A table's scrolling region is named by its own aria-label ("Table: ...").
    const std::string region = " role=\"region\" aria-label=\"";
    for (size_t at = page.find(region); at != std::string::npos; at = page.find(region, at + region.size())) {
        size_t end = page.find('"', at + region.size());
        if (end == std::string::npos) break;
        page.insert(end, ", as at " + escape(as_at));
    }
    const std::string attr = " aria-labelledby=\"";
    const std::string name = fmt::format(" as-at-{}-name", n);
    for (size_t at = page.find(attr); at != std::string::npos; at = page.find(attr, at + attr.size())) {
        size_t end = page.find('"', at + attr.size());
        if (end == std::string::npos) break;
        page.insert(end, name);
    }
    return page;
}

/// Each period's HTML page in one document, after a list of the periods.
std::string html_periods(const std::vector<Assessment>& runs, const RenderOptions& options) {
    const std::string page_open = "<div class=\"page\">\n", page_close = "</div>\n</body>";
    std::string first = render(runs.front(), Format::html, options);
    size_t body = first.find(page_open);
    std::string title =
        reporting::title_of(*runs.front().pack) + " \u2014 as at " + runs.front().as_at + " to " + runs.back().as_at;
    std::string out = first.substr(0, body);
    size_t t0 = out.find("<title>"), t1 = out.find("</title>");
    if (t0 != std::string::npos && t1 != std::string::npos) out.replace(t0, t1 - t0, "<title>" + escape(title));
    out += "<nav class=\"page periods\" aria-label=\"Periods\">\n<p>As at each period:";
    for (size_t i = 0; i < runs.size(); ++i)
        out += fmt::format("{} <a href=\"#as-at-{}\">{}</a>", i ? " \u00b7" : "", i + 1, escape(runs[i].as_at));
    out += "</p>\n</nav>\n";
    // One main landmark holding a region per period; each period's own
    // landmarks are renamed so that every one is unique in the document.
    out += "<main>\n";
    for (size_t i = 0; i < runs.size(); ++i) {
        std::string doc = i == 0 ? first : render(runs[i], Format::html, options);
        size_t from = doc.find(page_open), to = doc.rfind(page_close);
        const std::string as_at = escape("As at " + runs[i].as_at);
        out += fmt::format("<section id=\"as-at-{}\" aria-label=\"{}\">\n", i + 1, as_at);
        out += fmt::format("<span id=\"as-at-{}-name\" hidden>{}</span>\n", i + 1, escape("as at " + runs[i].as_at));
        // The page, with its closing </div>\n.
        out += period_landmarks(own_ids(doc.substr(from, to + 7 - from), i + 1), i + 1, runs[i].as_at);
        out += "</section>\n";
    }
    return out + "</main>\n</body>\n</html>\n";
}

/// Each period's JSON Lines, "as_at" first in every line.
std::string jsonl_periods(const std::vector<Assessment>& runs) {
    std::string out;
    for (const Assessment& a : runs) {
        std::string as_at;
        reporting::JsonWriter w(as_at, -1);
        w.string(a.as_at);
        std::string lines = render(a, Format::jsonl);
        for (size_t at = 0; at < lines.size();) {
            size_t end = lines.find('\n', at);
            if (end == std::string::npos) end = lines.size();
            std::string_view line(lines.data() + at, end - at);
            if (line.size() > 2 && line.front() == '{')
                out += "{\"as_at\":" + as_at + "," + std::string(line.substr(1)) + "\n";
            else if (!line.empty())
                out += std::string(line) + "\n";
            at = end + 1;
        }
    }
    return out;
}

}  // namespace

std::string render_periods(const std::vector<Assessment>& runs, Format format, const RenderOptions& options) {
    if (runs.empty()) return {};
    std::string out;
    switch (format) {
        case Format::terminal:
        case Format::markdown:
            for (size_t i = 0; i < runs.size(); ++i) {
                if (i > 0) out += format == Format::markdown ? "\n---\n\n" : "\n\n";
                out += render(runs[i], format, options);
            }
            return out;
        case Format::html:
            return html_periods(runs, options);
        case Format::csv:
            return reporting::render_csv_periods(runs);
        case Format::json:
            out = "{\n  \"periods\": [\n";
            for (size_t i = 0; i < runs.size(); ++i) {
                std::string doc = render(runs[i], Format::json, options);
                while (!doc.empty() && doc.back() == '\n') doc.pop_back();
                out += doc + (i + 1 < runs.size() ? ",\n" : "\n");
            }
            return out + "  ]\n}\n";
        case Format::jsonl:
            return jsonl_periods(runs);
        case Format::xlsx:
            return reporting::render_xlsx_periods(runs, options);
    }
    return out;
}

}  // namespace assay
