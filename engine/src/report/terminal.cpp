// The terminal report, laid out like the published reviews: the pack's
// title and the as-at period; per theme its rating; per group a table of
// indicators with the periods as columns, then Trajectory (the arrow),
// Rating and Comments; then the key to assessment, the checks and errors.
// Columns are sized by display width (UTF-8 aware) and long text wraps
// within its column; when a table is wider than the terminal the earliest
// periods are left out and a note says so. Colour (ANSI) marks only
// ratings and arrows, and only when asked for.
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

// Which columns are shown and how wide each is.
struct Plan {
    std::vector<size_t> columns;
    std::vector<size_t> widths;  ///< per shown column
    size_t dropped = 0;          ///< earliest period columns left out
};

size_t total_width(const std::vector<size_t>& widths) {
    size_t sum = std::accumulate(widths.begin(), widths.end(), size_t{0});
    return widths.empty() ? 0 : sum + separator.size() * (widths.size() - 1);
}

// Narrows the wrapping columns one column at a time, always the widest
// (the rightmost on a tie), down to `floor` (or their header, when
// `keep_headers`), until the table fits in `width`: long titles and long
// comments share the room instead of one of them taking it all.
void narrow(const Table& t, Plan& plan, size_t width, size_t floor, bool keep_headers) {
    std::vector<size_t> least(plan.columns.size(), SIZE_MAX);
    for (size_t k = 0; k < plan.columns.size(); ++k) {
        const Column& col = t.columns[plan.columns[k]];
        if (col.wrap) least[k] = keep_headers ? std::max(floor, display_width(col.header)) : floor;
    }
    for (size_t total = total_width(plan.widths); total > width; --total) {
        size_t widest = SIZE_MAX;
        for (size_t k = 0; k < plan.columns.size(); ++k)
            if (plan.widths[k] > least[k] && (widest == SIZE_MAX || plan.widths[k] >= plan.widths[widest])) widest = k;
        if (widest == SIZE_MAX) return;
        --plan.widths[widest];
    }
}

// The widest cell (or header) of each column of the table.
std::vector<size_t> natural_widths(const Table& t) {
    std::vector<size_t> widths;
    for (size_t i = 0; i < t.columns.size(); ++i) {
        size_t w = display_width(t.columns[i].header);
        for (const auto& row : t.rows) w = std::max(w, longest_line(row[i].text));
        widths.push_back(std::max<size_t>(w, 1));
    }
    return widths;
}

// Wrapping columns narrow first (keeping their headers whole); if that is
// not enough, the earliest periods are left out, and as a last resort the
// wrapping columns narrow further.
Plan plan_table(const Table& t, size_t width) {
    std::vector<size_t> natural = natural_widths(t);
    std::vector<size_t> columns(t.columns.size());
    std::iota(columns.begin(), columns.end(), size_t{0});
    size_t dropped = 0;
    while (true) {
        Plan plan{columns, {}, dropped};
        for (size_t i : columns) plan.widths.push_back(natural[i]);
        narrow(t, plan, width, 16, true);
        auto periods = std::count_if(columns.begin(), columns.end(), [&](size_t i) { return t.columns[i].period; });
        if (total_width(plan.widths) <= width || periods <= 1) {
            narrow(t, plan, width, 5, false);
            return plan;
        }
        columns.erase(std::find_if(columns.begin(), columns.end(), [&](size_t i) { return t.columns[i].period; }));
        ++dropped;
    }
}

void emit_row(std::string& out, const Table& t, const Plan& plan, const std::vector<const Cell*>& cells, bool colour) {
    std::vector<std::vector<std::string>> lines(cells.size());
    size_t height = 1;
    for (size_t k = 0; k < cells.size(); ++k) {
        const Column& col = t.columns[plan.columns[k]];
        lines[k] = col.wrap ? wrap(cells[k]->text, plan.widths[k]) : std::vector<std::string>{cells[k]->text};
        height = std::max(height, lines[k].size());
    }
    for (size_t line = 0; line < height; ++line) {
        for (size_t k = 0; k < cells.size(); ++k) {
            const Column& col = t.columns[plan.columns[k]];
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

void emit_table(std::string& out, const Table& t, size_t width, bool colour) {
    Plan plan = plan_table(t, width);
    std::vector<Cell> header;
    for (size_t i : plan.columns) header.push_back(Cell{t.columns[i].header});
    std::vector<const Cell*> cells;
    for (const Cell& c : header) cells.push_back(&c);
    emit_row(out, t, plan, cells, false);

    for (size_t k = 0; k < plan.widths.size(); ++k) {
        if (k) out += "-+-";
        out.append(plan.widths[k], '-');
    }
    out += '\n';

    for (const auto& row : t.rows) {
        cells.clear();
        for (size_t i : plan.columns) cells.push_back(&row[i]);
        emit_row(out, t, plan, cells, colour);
    }
    if (plan.dropped) {
        out += '(';
        out += std::to_string(plan.dropped);
        out += plan.dropped > 1 ? " earlier periods" : " earlier period";
        out += " not shown: the terminal is too narrow)\n";
    }
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
    return terminal_text(out, colour);
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
    return terminal_text(out, colour);
}

}  // namespace assay::reporting
