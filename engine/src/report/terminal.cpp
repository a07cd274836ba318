// The terminal report, laid out like the published reviews: the pack's
// title and the as-at period; per theme its rating; per group a table of
// indicators with the periods as columns, then Trajectory (the arrow),
// Rating and Comments; then the key to assessment, the checks and errors.
// Columns are sized by display width (UTF-8 aware) and long text and
// headers wrap within their column at spaces, never inside a word; a table
// that cannot fit so is stacked, one block per indicator ("header: value"
// lines), so no figure is left out. No line ends in spaces. Colour (ANSI)
// marks only ratings and arrows, and only when asked for.
#include "report/common.hpp"
#include "report/key.hpp"
#include "report/renderers.hpp"
#include "report/since.hpp"
#include "report/tables.hpp"
#include "report/text.hpp"

#include <assay/ansi.hpp>
#include <assay/text.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace assay::reporting {
namespace {

constexpr std::string_view separator = " | ";

// ANSI SGR colour of a cell (assay/ansi.hpp): ratings on a ramp from red to
// green, arrows green when better, red when worse.
std::string_view colour_code(const Cell& c) {
    if (c.tone == Tone::rating && c.level >= 0) return ansi_rating_colour(c.level, static_cast<size_t>(c.levels));
    if (c.tone == Tone::arrow) return ansi_arrow_colour(c.arrow);
    return "";
}

// `text` in the cell's colour, when colour is on and the cell has one.
std::string paint(const Cell& c, std::string_view text, bool colour) {
    std::string_view code = colour ? colour_code(c) : "";
    if (code.empty() || text.empty()) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

size_t longest_line(std::string_view s) {
    size_t w = 0;
    size_t start = 0;
    while (true) {
        size_t nl = s.find('\n', start);
        w = std::max(w, display_width(s.substr(start, nl == std::string_view::npos ? nl : nl - start)));
        if (nl == std::string_view::npos) return w;
        start = nl + 1;
    }
}

// How wide each column is; a table that cannot fit is stacked instead.
struct Plan {
    std::vector<size_t> widths;  ///< per column
    bool stacked = false;        ///< one block per row: its title, then "header: value" lines
};

size_t total_width(const std::vector<size_t>& widths) {
    size_t sum = std::accumulate(widths.begin(), widths.end(), size_t{0});
    return widths.empty() ? 0 : sum + separator.size() * (widths.size() - 1);
}

// The widest word of `s` (words end at spaces and line breaks).
size_t longest_word(std::string_view s) {
    size_t w = 0, start = 0;
    for (size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == ' ' || s[i] == '\n') {
            w = std::max(w, display_width(s.substr(start, i - start)));
            start = i + 1;
        }
    return w;
}

// Each column's natural width (its widest cell or header, unwrapped) and
// the least it may take: a wrapping column its longest word, a figure
// column its widest figure; headers wrap at spaces in either.
Plan plan_table(const Table& t, size_t width) {
    Plan plan;
    std::vector<size_t> least;
    for (size_t i = 0; i < t.columns.size(); ++i) {
        const Column& col = t.columns[i];
        size_t natural = display_width(col.header), cells = 0, words = longest_word(col.header);
        for (const auto& row : t.rows) {
            natural = std::max(natural, longest_line(row[i].text));
            cells = std::max(cells, longest_line(row[i].text));
            words = std::max(words, longest_word(row[i].text));
        }
        plan.widths.push_back(std::max<size_t>(natural, 1));
        least.push_back(std::max<size_t>(col.wrap ? words : std::max(cells, longest_word(col.header)), 1));
    }
    // Narrow the widest column still above its least (the rightmost on a tie) until the table fits:
    // long titles, comments and headers share the room instead of one of them taking it all.
    for (size_t total = total_width(plan.widths); total > width; --total) {
        size_t widest = SIZE_MAX;
        for (size_t k = 0; k < plan.widths.size(); ++k)
            if (plan.widths[k] > least[k] && (widest == SIZE_MAX || plan.widths[k] >= plan.widths[widest])) widest = k;
        if (widest == SIZE_MAX) {
            plan.stacked = true;  // every column at its least and still too wide: no word is cut, the rows stack
            return plan;
        }
        --plan.widths[widest];
    }
    return plan;
}

void emit_row(std::string& out, const Table& t, const Plan& plan, const std::vector<const Cell*>& cells, bool colour,
              bool header) {
    std::vector<std::vector<std::string>> lines(cells.size());
    size_t height = 1;
    for (size_t k = 0; k < cells.size(); ++k) {
        const Column& col = t.columns[k];
        lines[k] = col.wrap || header ? wrap(cells[k]->text, plan.widths[k]) : std::vector<std::string>{cells[k]->text};
        height = std::max(height, lines[k].size());
    }
    for (size_t line = 0; line < height; ++line) {
        for (size_t k = 0; k < cells.size(); ++k) {
            const Column& col = t.columns[k];
            std::string_view text = line < lines[k].size() ? std::string_view(lines[k][line]) : "";
            size_t w = display_width(text);
            std::string fill(w < plan.widths[k] ? plan.widths[k] - w : 0, ' ');
            if (k) out += separator;
            if (col.right) out += fill;
            out += paint(*cells[k], text, colour);
            if (!col.right) out += fill;
        }
        out += '\n';
    }
}

// A table too wide for the terminal, one block per row: the first cell (the
// indicator) as a line of its own, then "header: value" for each other
// non-empty cell, continuation lines indented.
void emit_stacked(std::string& out, const Table& t, size_t width, bool colour) {
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        if (r) out += '\n';
        for (const std::string& line : wrap(row[0].text, width)) out += paint(row[0], line, colour) + '\n';
        for (size_t i = 1; i < row.size(); ++i) {
            if (row[i].text.empty()) continue;
            const std::string label = t.columns[i].header + ": ";
            const size_t room = width > 8 ? width - 4 : 4;
            std::vector<std::string> lines = wrap(label + row[i].text, room);
            for (size_t k = 0; k < lines.size(); ++k) {
                std::string_view text = lines[k];
                // The label plain, the value in the cell's colour; continuation lines further in.
                size_t cut = k == 0 ? std::min(text.size(), label.size()) : 0;
                out += (k == 0 ? "  " : "    ") + std::string(text.substr(0, cut)) +
                       paint(row[i], text.substr(cut), colour) + '\n';
            }
        }
    }
}

void emit_table(std::string& out, const Table& t, size_t width, bool colour) {
    Plan plan = plan_table(t, width);
    if (plan.stacked) {
        emit_stacked(out, t, width, colour);
        return;
    }
    std::vector<Cell> header;
    for (const Column& c : t.columns) header.push_back(Cell{c.header});
    std::vector<const Cell*> cells;
    for (const Cell& c : header) cells.push_back(&c);
    emit_row(out, t, plan, cells, false, true);

    for (size_t k = 0; k < plan.widths.size(); ++k) {
        if (k) out += "-+-";
        out.append(plan.widths[k], '-');
    }
    out += '\n';

    for (const auto& row : t.rows) {
        cells.clear();
        for (const Cell& c : row) cells.push_back(&c);
        emit_row(out, t, plan, cells, colour, false);
    }
}

// Every line without the spaces a padded last column leaves at its end.
std::string without_trailing_spaces(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        size_t end = nl == std::string::npos ? text.size() : nl;
        size_t last = end;
        while (last > start && text[last - 1] == ' ') --last;
        out.append(text, start, last - start);
        if (nl == std::string::npos) break;
        out += '\n';
        start = nl + 1;
    }
    return out;
}

void emit_paragraph(std::string& out, std::string_view text, size_t width, std::string_view indent = "") {
    size_t room = width > indent.size() + 8 ? width - indent.size() : 8;
    for (const std::string& line : wrap(text, room)) {
        out += indent;
        out += line;
        out += '\n';
    }
}

void emit_title(std::string& out, std::string_view title, char underline, size_t width) {
    emit_paragraph(out, title, width);
    size_t w = std::min(display_width(title), width);
    out.append(w, underline);
    out += '\n';
}

void emit_heading(std::string& out, const Heading& h, bool underline, size_t width, bool colour) {
    if (underline)
        emit_title(out, h.title, '-', width);
    else
        emit_paragraph(out, h.title, width);
    if (h.rated) {
        out += "Assessment: " + paint(h.rating, h.rating.text, colour) + '\n';
        for (const std::string& line : h.explanation) emit_paragraph(out, line, width, "  ");
    }
}

void emit_key(std::string& out, const Assessment& a, size_t width, bool colour) {
    RenderOptions options;  // the key is laid out by key.cpp, as `assay key` prints it
    options.width = static_cast<int>(width);
    options.colour = colour;
    out += report_key(a, Format::terminal, options);
}

}  // namespace

std::string terminal_table(const Table& t, size_t width, bool colour) {
    std::string out;
    emit_table(out, t, width, colour);
    return without_trailing_spaces(terminal_text(out, colour));
}

namespace {

/// The commentary and corrective action under a group's table, one paragraph per indicator.
void emit_actions(std::string& out, const std::vector<ActionNote>& actions, size_t width) {
    for (const ActionNote& n : actions) {
        std::string head = n.rating.empty() ? n.indicator + ": "
                                            : "Corrective action needed: " + n.indicator + " is " + n.rating + ". ";
        emit_paragraph(out, head + n.text, width);
    }
}

/// What moved since the earlier run: counts per rating, then the indicators
/// rated at the worst level, then the other ratings that changed.
void emit_since(std::string& out, const SinceSummary& s, size_t width) {
    out += '\n';
    emit_title(out, "Since the last report (as at " + s.as_at + ")", '-', width);
    emit_paragraph(out, "Ratings: " + since_counts_text(s), width);
    if (s.rows.empty()) emit_paragraph(out, "No indicator's rating changed.", width);
    for (const SinceRow& r : s.rows) emit_paragraph(out, "- " + since_row_text(r), width);
}

}  // namespace

std::string render_terminal(const Assessment& a, const RenderOptions& options) {
    const Pack& p = *a.pack;
    size_t width = static_cast<size_t>(std::max(options.width, 40));
    bool colour = options.colour;
    std::string out;

    const ReportInfo info = report_info(p, options);
    emit_title(out, report_title(p, info), '=', width);
    emit_paragraph(out,
                   "As at " + a.as_at + " · rules " + p.name + (p.version.empty() ? "" : " " + p.version) + " · data " +
                       a.dataset->name,
                   width);
    std::string meta;
    for (const auto& [label, value] : report_meta(info)) meta += (meta.empty() ? "" : " · ") + label + ": " + value;
    if (!meta.empty()) emit_paragraph(out, meta, width);
    if (options.previous) emit_since(out, since_summary(a, *options.previous), width);

    for (const ThemeSection& theme : report_sections(a)) {
        if (theme.titled) {
            out += '\n';
            emit_heading(out, theme.heading, true, width, colour);
            if (!theme.heading.counts.empty()) emit_paragraph(out, theme.heading.counts, width, "  ");
        }
        for (const GroupSection& g : theme.groups) {
            out += '\n';
            emit_heading(out, g.heading, false, width, colour);
            if (g.table.rows.empty()) {
                out += "No indicators assessed.\n";
                continue;
            }
            emit_table(out, g.table, width, colour);
            for (const std::string& note : g.period_notes) emit_paragraph(out, note, width);
            if (!g.set_by_pack.empty()) emit_paragraph(out, g.set_by_pack, width);
            emit_actions(out, g.actions, width);
            if (!g.heading.counts.empty()) emit_paragraph(out, g.heading.counts, width);
        }
    }

    emit_key(out, a, width, colour);

    if (!a.checks.empty()) {
        out += '\n';
        emit_title(out, "Checks: published figures that do not match the data", '-', width);
        emit_table(out, checks_table(a), width, colour);
    }
    if (!a.errors.empty()) {
        out += '\n';
        emit_title(out, "Errors", '-', width);
        for (const std::string& e : a.errors) emit_paragraph(out, e, width);
    }
    // Control characters from the pack or data are shown, never sent (only our colours are).
    return without_trailing_spaces(terminal_text(out, colour));
}

}  // namespace assay::reporting
