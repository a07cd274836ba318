// The report as GitHub-flavoured Markdown: the same sections and tables as
// the terminal report (see tables.hpp), as pipe tables, ready to paste into
// a published review. Every text from the pack or data is escaped: &, < and >
// as entities (no raw HTML such as <img onerror=...> reaches a renderer),
// [, ], `, and \ with a backslash (no links or images), '|' in cells; line
// breaks become <br> in cells and a space elsewhere, so a title cannot start
// a heading or a list of its own; other control characters are shown as
// <U+001B>.
#include "report/common.hpp"
#include "report/key.hpp"
#include "report/renderers.hpp"
#include "report/since.hpp"
#include "report/tables.hpp"

#include <assay/text.hpp>

namespace assay::reporting {
namespace {

// `s` as Markdown text; `cell`: inside a table cell (line breaks as <br>).
std::string escape_text(std::string_view s, bool cell) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '|':
                out += "\\|";
                break;
            case '[':
            case ']':
            case '`':
            case '\\':
                out += '\\';
                out += c;
                break;
            case '\n':
                out += cell ? "<br>" : " ";
                break;
            case '\r':
                break;
            default:
                out += c;
        }
    }
    return terminal_text(out);
}

std::string escape_cell(std::string_view s) {
    return escape_text(s, true);
}

std::string escape_line(std::string_view s) {
    return escape_text(s, false);
}

// Appends " text |". Built piece by piece: GCC 12 warns falsely
// (-Wrestrict) on `" " + s + " |"` once inlined.
void emit_cell(std::string& out, std::string_view text) {
    out += ' ';
    out += escape_cell(text);
    out += " |";
}

void emit_table(std::string& out, const Table& t) {
    out += '|';
    for (const Column& c : t.columns) emit_cell(out, c.header);
    out += "\n|";
    for (const Column& c : t.columns) out += c.right ? " ---: |" : " --- |";
    out += '\n';
    for (const auto& row : t.rows) {
        out += '|';
        for (const Cell& c : row) emit_cell(out, c.text);
        out += '\n';
    }
}

// A heading and its rating. How the rating was reached (the roll-up's
// rule, its file and line) is engine detail: it goes to the appendix.
void emit_heading(std::string& out, const Heading& h, std::string_view level) {
    out += '\n';
    out += level;
    out += ' ';
    out += escape_line(h.title);
    out += '\n';
    if (h.rated) {
        out += "\n**Assessment: ";
        out += escape_line(h.rating.text);
        out += "**\n";
    }
}

// The appendix's account of each rated theme and table: how its rating was reached.
void emit_rollups(std::string& out, const std::vector<ThemeSection>& sections) {
    std::string items;
    auto add = [&items](const Heading& h) {
        if (!h.rated || h.explanation.empty()) return;
        items += "\n**" + escape_line(h.title) + "**: " + escape_line(h.rating.text) + "\n\n";
        for (const std::string& line : h.explanation) items += "- " + escape_line(line) + "\n";
    };
    for (const ThemeSection& theme : sections) {
        if (theme.titled) add(theme.heading);
        for (const GroupSection& g : theme.groups) add(g.heading);
    }
    if (!items.empty()) out += "\n### How the tables and themes were rated\n" + items;
}

// The commentary and corrective action under a group's table, one item per indicator.
void emit_actions(std::string& out, const std::vector<ActionNote>& actions) {
    if (actions.empty()) return;
    out += '\n';
    for (const ActionNote& n : actions) {
        out += "- **";
        out += escape_line(n.rating.empty() ? n.indicator
                                            : "Corrective action needed: " + n.indicator + " is " + n.rating);
        out += "**: ";
        out += escape_line(n.text);
        out += '\n';
    }
}

// What moved since the earlier run: counts per rating, then the indicators
// rated at the worst level, then the other ratings that changed.
void emit_since(std::string& out, const SinceSummary& s) {
    out += "\n## Since the last report (as at " + escape_line(s.as_at) +
           ")\n\nRatings: " + escape_line(since_counts_text(s)) + "\n\n";
    if (s.rows.empty()) out += "No indicator's rating changed.\n";
    for (const SinceRow& r : s.rows) out += "- " + escape_line(since_row_text(r)) + "\n";
}

void emit_key(std::string& out, const Assessment& a) {
    out += report_key(a, Format::markdown, RenderOptions{});  // laid out by key.cpp, as `assay key` prints it
}

}  // namespace

std::string markdown_text(std::string_view s) {
    return escape_line(s);
}

std::string markdown_table(const Table& t) {
    std::string out;
    emit_table(out, t);
    return out;
}

std::string render_markdown(const Assessment& a, const RenderOptions& options) {
    const Pack& p = *a.pack;
    const ReportInfo info = report_info(p, options);
    std::string out = "# " + escape_line(report_title(p, info)) + "\n\n";
    // The first page: who publishes the report, for when, and whether it is final.
    std::string meta;
    for (const auto& [label, value] : report_meta(info)) {
        if (!meta.empty()) meta += " · ";
        meta += label + ": **" + escape_line(value) + "**";
    }
    if (!meta.empty()) out += meta + "\n\n";
    out += "As at **" + escape_line(a.as_at) + "**\n";
    if (options.previous) emit_since(out, since_summary(a, *options.previous));

    const std::vector<ThemeSection> sections = report_sections(a);
    for (const ThemeSection& theme : sections) {
        if (theme.titled) {
            emit_heading(out, theme.heading, "##");
            if (!theme.heading.counts.empty()) out += "\n" + escape_line(theme.heading.counts) + "\n";
        }
        for (const GroupSection& g : theme.groups) {
            emit_heading(out, g.heading, theme.titled ? "###" : "##");
            out += '\n';
            if (g.table.rows.empty()) {
                out += "No indicators assessed.\n";
                continue;
            }
            emit_table(out, g.table);
            // "\*": a line opening with "* " would be a list item.
            for (const std::string& note : g.period_notes) out += "\n\\" + escape_line(note) + "\n";
            if (!g.set_by_pack.empty()) out += "\n" + escape_line(g.set_by_pack) + "\n";
            emit_actions(out, g.actions);
            if (!g.heading.counts.empty()) out += "\n" + escape_line(g.heading.counts) + "\n";
        }
    }

    emit_key(out, a);

    if (!a.checks.empty()) {
        out += "\n## Checks: published figures that do not match the data\n\n";
        emit_table(out, checks_table(a));
    }
    if (!a.errors.empty()) {
        out += "\n## Errors\n\n";
        for (const std::string& e : a.errors) out += "- " + escape_line(e) + "\n";
    }
    // How the report was produced, last: the rules and data it was assessed with.
    out += "\n## About this report\n\nAssessed with the rules " + escape_line(p.name) +
           (p.version.empty() ? "" : " " + escape_line(p.version)) + " and the data " + escape_line(a.dataset->name) +
           ", as at " + escape_line(a.as_at) + ".\n";
    emit_rollups(out, sections);
    return out;
}

}  // namespace assay::reporting
