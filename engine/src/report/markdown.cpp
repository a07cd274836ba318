// The report as GitHub-flavoured Markdown: the same sections and tables as
// the terminal report (see tables.hpp), as pipe tables, ready to paste into
// a published review. Cell text escapes '|' and turns line breaks into <br>.
#include "report/common.hpp"
#include "report/key.hpp"
#include "report/renderers.hpp"
#include "report/tables.hpp"

namespace assay::reporting {
namespace {

std::string escape_cell(std::string_view s)
{
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (c == '\n') out += "<br>";
        else if (c != '\r') out += c;
    }
    return out;
}

// Appends " text |". Built piece by piece: GCC 12 warns falsely
// (-Wrestrict) on `" " + s + " |"` once inlined.
void emit_cell(std::string& out, std::string_view text)
{
    out += ' ';
    out += escape_cell(text);
    out += " |";
}

void emit_table(std::string& out, const Table& t)
{
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

void emit_heading(std::string& out, const Heading& h, std::string_view level)
{
    out += '\n';
    out += level;
    out += ' ';
    out += h.title;
    out += '\n';
    if (h.rated) {
        out += "\n**Assessment: ";
        out += h.rating.text;
        out += "**\n";
        if (!h.explanation.empty()) out += '\n';
        for (const std::string& line : h.explanation) out += "- " + line + "\n";
    }
}

void emit_key(std::string& out, const Assessment& a)
{
    out += report_key(a, Format::markdown, RenderOptions{});  // laid out by key.cpp, as `assay key` prints it
}

}  // namespace

std::string markdown_table(const Table& t)
{
    std::string out;
    emit_table(out, t);
    return out;
}

std::string render_markdown(const Assessment& a)
{
    const Pack& p = *a.pack;
    std::string out = "# " + title_of(p) + "\n\n";
    out += "As at **" + a.as_at + "** · rules `" + p.name + "`" + (p.version.empty() ? "" : " " + p.version) +
           " · data `" + a.dataset->name + "`\n";

    for (const ThemeSection& theme : report_sections(a)) {
        if (theme.titled) {
            emit_heading(out, theme.heading, "##");
            if (!theme.heading.counts.empty()) out += "\n" + theme.heading.counts + "\n";
        }
        for (const GroupSection& g : theme.groups) {
            emit_heading(out, g.heading, theme.titled ? "###" : "##");
            out += '\n';
            if (g.table.rows.empty()) {
                out += "No indicators assessed.\n";
                continue;
            }
            emit_table(out, g.table);
            if (!g.heading.counts.empty()) out += "\n" + g.heading.counts + "\n";
        }
    }

    emit_key(out, a);

    if (!a.checks.empty()) {
        out += "\n## Checks: published figures that do not match the data\n\n";
        emit_table(out, checks_table(a));
    }
    if (!a.errors.empty()) {
        out += "\n## Errors\n\n";
        for (const std::string& e : a.errors) out += "- " + e + "\n";
    }
    return out;
}

}  // namespace assay::reporting
