// The XLSX report's committee sheet ("Report"): the tables as the other
// formats print them, laid out for A4 landscape. A title row and an "As at"
// row head every printed page; each table has its heading, its own header
// row, a row per indicator and its footnotes. Columns are shared by every
// table: the indicator, then as many figure columns as the widest table
// needs (periods lined up by PeriodGrid, benchmarks, changes), then target,
// distance, direction, rating and comments at fixed places, so that the
// widths suit every table and the sheet prints one page wide at a legible
// scale. The Data sheet beside it keeps every figure under its own period.
#include "report/xlsx.hpp"

#include "report/common.hpp"
#include "report/html.hpp"
#include "report/period_grid.hpp"
#include "report/renderers.hpp"
#include "report/text.hpp"
#include "report/wording.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace assay::reporting::xlsx {
namespace {

constexpr double indicator_width = 34, figure_width = 11, target_width = 14, word_width = 12, comment_width = 40;

// One table of the sheet: its group, outcomes, grid and footnotes.
struct Block {
    const Group* group = nullptr;
    size_t index = 0;  // into Pack::groups
    std::vector<const Outcome*> outs;
    PeriodGrid grid;
    std::vector<std::string> notes;  // the grid's, then the \u2020 note
    bool areas = false;
};

std::vector<Block> blocks_of(const Assessment& a) {
    const Pack& p = *a.pack;
    const std::optional<uint32_t> as_at = as_at_index(a);
    const std::vector<std::vector<const Outcome*>> by_group = outcomes_by_group(a);
    std::vector<Block> blocks;
    for (const html::ThemeLayout& t : html::layout(p))
        for (size_t gi : t.groups) {
            Block b;
            b.group = &p.groups[gi];
            b.index = gi;
            b.outs = by_group[gi];
            b.grid = period_grid(a, *b.group, b.outs, as_at);
            b.notes = b.grid.notes;
            const bool targets =
                std::any_of(b.outs.begin(), b.outs.end(), [](const Outcome* o) { return o->target.has_value(); });
            const bool rated = b.group->rating.kind != RatingRule::Kind::none;
            std::string own = set_by_pack_note(p, targets && targets_set_by_pack(b.outs),
                                               rated && !b.outs.empty() && ratings_set_by_pack(a, b.outs));
            if (!own.empty()) b.notes.push_back(own);
            for (const Outcome* o : b.outs)
                if (a.dataset->series[o->series].area != a.dataset->series[b.outs.front()->series].area) b.areas = true;
            blocks.push_back(std::move(b));
        }
    return blocks;
}

// Rows a block takes: heading, header, a row per indicator (or a line saying there is none),
// its notes, and a blank row after it.
size_t block_rows(const Block& b) {
    return b.outs.empty() ? 3 : 3 + b.outs.size() + b.notes.size();
}

constexpr size_t top_rows = 4;  // title, as at, metadata, a blank row

}  // namespace

size_t committee_rows(const Assessment& a) {
    size_t rows = top_rows;
    for (const Block& b : blocks_of(a)) rows += block_rows(b);
    return rows;
}

void committee_sheet(lxw_workbook* wb, Styles& st, const Assessment& a, const RenderOptions& options) {
    const Pack& p = *a.pack;
    const Dataset& d = *a.dataset;
    const std::vector<Block> blocks = blocks_of(a);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Report");

    // The shared columns.
    size_t figures = 0;
    bool targets = false, arrows = false, ratings = false;
    for (const Block& b : blocks) {
        if (b.outs.empty()) continue;
        figures =
            std::max(figures, b.grid.columns.size() + b.group->comparators.size() + change_columns(a, *b.group).size());
        targets = targets ||
                  std::any_of(b.outs.begin(), b.outs.end(), [](const Outcome* o) { return o->target.has_value(); });
        arrows = arrows || !b.group->arrow.none;
        ratings = ratings || b.group->rating.kind != RatingRule::Kind::none;
    }
    const size_t first_figure = 1;
    size_t next = first_figure + figures;
    const size_t target_col = next;
    if (targets) next += 2;
    const size_t arrow_col = next;
    if (arrows) ++next;
    const size_t rating_col = next;
    if (ratings) ++next;
    const size_t comment_col = next;

    const ReportInfo info = report_info(p, options);
    write_text(ws, 0, 0, report_title(p, info), st.title());
    worksheet_set_row(ws, 0, 21, nullptr);
    write_text(ws, 1, 0, "As at " + a.as_at, st.heading());
    std::string meta;
    for (const auto& [label, value] : report_meta(info)) meta += (meta.empty() ? "" : " · ") + label + ": " + value;
    if (!meta.empty()) write_text(ws, 2, 0, meta, nullptr);

    size_t row = top_rows;
    for (const Block& b : blocks) {
        const Group& g = *b.group;
        const Scale* scale = rating_scale(p, g);
        int r = static_cast<int>(row);
        std::string heading = title_of(g);
        for (const GroupOutcome& go : a.groups)
            if (go.group == b.index && go.rating >= 0)
                if (auto label = level_label(rollup_scale(p, g), go.rating))
                    heading += " (assessment: " + std::string(*label) + ")";
        write_text(ws, r, 0, heading, st.heading());
        worksheet_set_row(ws, R(row), 18, nullptr);
        ++row;
        if (b.outs.empty()) {
            write_text(ws, static_cast<int>(row), 0, "No indicators assessed.", st.text());
            row += 2;
            continue;
        }

        // The table's own header row.
        const std::vector<ChangeColumn> changes = change_columns(a, g);
        const std::string unit = unit_header(a, g);
        const std::string in_unit = unit.empty() ? std::string() : " (" + unit + ")";
        std::vector<std::pair<size_t, std::string>> headers = {{0, "Indicator"}};
        size_t col = first_figure;
        for (uint32_t pi : b.grid.columns) headers.emplace_back(col++, period_label(d, pi) + in_unit);
        for (const ComparatorColumn& c : g.comparators) headers.emplace_back(col++, c.title + in_unit);
        for (ChangeColumn c : changes)
            headers.emplace_back(col++, change_header(c) + (c == ChangeColumn::volume ? in_unit : std::string()));
        const bool own_targets = targets_set_by_pack(b.outs);
        const bool own_ratings = g.rating.kind != RatingRule::Kind::none && ratings_set_by_pack(a, b.outs);
        const bool block_targets =
            std::any_of(b.outs.begin(), b.outs.end(), [](const Outcome* o) { return o->target.has_value(); });
        if (block_targets) {
            headers.emplace_back(target_col, std::string("Target") + (own_targets ? " \u2020" : ""));
            headers.emplace_back(target_col + 1, "Distance from target");
        }
        if (arrows) headers.emplace_back(arrow_col, g.arrow.none ? "" : "Direction of travel");
        if (ratings) headers.emplace_back(rating_col, std::string("Rating") + (own_ratings ? " \u2020" : ""));
        headers.emplace_back(comment_col, "Comments and corrective action");
        size_t header_lines = 1;
        for (size_t c = 0; c <= comment_col; ++c)
            write_text(ws, static_cast<int>(row), static_cast<int>(c), "", st.header());
        for (const auto& [c, text] : headers) {
            write_text(ws, static_cast<int>(row), static_cast<int>(c), text, st.header());
            double w = c == 0                       ? indicator_width
                       : c == comment_col           ? comment_width
                       : c < first_figure + figures ? figure_width
                                                    : target_width;
            // Bold headers wrap at spaces; a column of width w holds about w + 2 of their characters.
            header_lines = std::max(header_lines, wrap(text, static_cast<size_t>(w) + 2).size());
        }
        if (header_lines > 1) worksheet_set_row(ws, R(row), 13.0 * static_cast<double>(header_lines), nullptr);
        ++row;

        for (size_t k = 0; k < b.outs.size(); ++k) {
            const Outcome& o = *b.outs[k];
            const Indicator& ind = indicator_of(a, o);
            const Rounding rounding = rounding_of(a, o);
            const Style style = style_of(a, o);
            r = static_cast<int>(row);
            std::string name = title_of(ind) + b.grid.mark(k) + (b.areas ? " (" + area_of(a, o) + ")" : std::string());
            write_text(ws, r, 0, name, st.text());
            col = first_figure;
            for (const std::optional<uint32_t>& cell : b.grid.cells[k]) {
                if (cell && d.has_value(*cell))
                    worksheet_write_number(ws, R(row), C(col), stored_value(ind, d.obs_value[*cell]),
                                           st.figure(ind, style));
                else if (cell)
                    write_text(ws, r, static_cast<int>(col), observation_text(d, ind, *cell, rounding, style),
                               st.missing());
                ++col;
            }
            for (const ComparatorColumn& c : g.comparators) {
                std::optional<ComparatorFigure> f = comparator_figure(a, o, c);
                if (f && d.has_value(f->obs)) {
                    const Indicator& bench = d.indicators[f->indicator];
                    worksheet_write_number(ws, R(row), C(col), stored_value(bench, d.obs_value[f->obs]),
                                           st.figure(bench, p.style_for(g, bench.id)));
                } else if (f) {
                    write_text(ws, r, static_cast<int>(col), comparator_text(a, o, c), st.missing());
                }
                ++col;
            }
            for (ChangeColumn c : changes) {
                if (auto x = change_number(a, o, c)) {
                    double stored = c == ChangeColumn::pct ? *x / 100 : *x;
                    if (c == ChangeColumn::volume && ind.unit == "duration") stored = *x / 24;
                    worksheet_write_number(ws, R(row), C(col), stored, st.change(ind, style, c));
                } else if (std::string shown = change_text(a, o, c); !shown.empty()) {
                    write_text(ws, r, static_cast<int>(col), shown, st.missing());
                }
                ++col;
            }
            std::string target, distance;
            if (targets && o.target) {
                target = target_text(a, o);
                distance = distance_text(a, o);
                write_text(ws, r, static_cast<int>(target_col), target, st.text());
                write_text(ws, r, static_cast<int>(target_col + 1), distance, st.text());
            }
            if (arrows && !g.arrow.none) {
                std::string word = o.arrow == Arrow::none ? std::string("No arrow")
                                                          : std::string(arrow_symbol(p, o.arrow)) + " " +
                                                                std::string(arrow_word(p, o.arrow));
                write_text(ws, r, static_cast<int>(arrow_col), word, st.arrow(o.arrow));
            }
            if (ratings && g.rating.kind != RatingRule::Kind::none) {
                if (auto label = level_label(scale, o.rating))
                    write_text(ws, r, static_cast<int>(rating_col), *label, st.rating(*scale, o.rating));
                else
                    write_text(ws, r, static_cast<int>(rating_col), "Not rated", st.missing());
            }
            std::string comment = comment_text(a, o);
            const std::string action = action_text(a, o, commentary_of(a, o), needs_action(a, o));
            if (!action.empty()) comment += (comment.empty() ? "" : "\n") + action;
            write_text(ws, r, static_cast<int>(comment_col), comment, st.text());
            size_t lines = std::max({wrapped_lines(name, static_cast<size_t>(indicator_width)),
                                     wrapped_lines(comment, static_cast<size_t>(comment_width)),
                                     wrapped_lines(target, static_cast<size_t>(target_width)),
                                     wrapped_lines(distance, static_cast<size_t>(target_width))});
            if (lines > 1) worksheet_set_row(ws, R(row), std::min(13.0 * static_cast<double>(lines), 409.0), nullptr);
            ++row;
        }
        for (const std::string& note : b.notes) {
            write_text(ws, static_cast<int>(row), 0, note, st.note());
            ++row;
        }
        ++row;  // a blank row between tables
    }

    worksheet_set_column(ws, 0, 0, indicator_width, nullptr);
    if (figures) worksheet_set_column(ws, C(first_figure), C(first_figure + figures - 1), figure_width, nullptr);
    if (targets) worksheet_set_column(ws, C(target_col), C(target_col + 1), target_width, nullptr);
    if (arrows) worksheet_set_column(ws, C(arrow_col), C(arrow_col), word_width, nullptr);
    if (ratings) worksheet_set_column(ws, C(rating_col), C(rating_col), word_width, nullptr);
    worksheet_set_column(ws, C(comment_col), C(comment_col), comment_width, nullptr);
    worksheet_freeze_panes(ws, 2, 0);
    print_setup(ws, {}, 2);
    worksheet_print_area(ws, 0, 0, R(row > 1 ? row - 1 : 1), C(comment_col));
}

}  // namespace assay::reporting::xlsx
