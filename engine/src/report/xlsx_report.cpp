// The XLSX report's Data sheet: one row per outcome under one header row,
// in the order the HTML report prints them. Figures are numbers with the
// indicator's number format; a missing figure is its text ("N/A") with the
// reason as a cell comment. Direction of travel is an icon-set column (1
// up, 0 sideways, -1 down; grey arrows for neutral indicators) with the
// arrow's word beside it, since libxlsxwriter cannot draw sparklines.
#include "report/xlsx.hpp"

#include "report/common.hpp"
#include "report/html.hpp"
#include "report/wording.hpp"

#include <assay/number.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace assay::reporting::xlsx {
namespace {

// The icon-set value of an arrow; none for Arrow::none.
std::optional<double> icon_value(Arrow a) {
    switch (a) {
        case Arrow::improved:
        case Arrow::peak:
        case Arrow::increased:
            return 1;
        case Arrow::static_:
            return 0;
        case Arrow::declined:
        case Arrow::decreased:
            return -1;
        case Arrow::none:
            break;
    }
    return std::nullopt;
}

std::string cell_name(size_t row, size_t col) {
    char buf[32];
    lxw_rowcol_to_cell(buf, R(row), C(col));
    return buf;
}

// An icon set over the cells of `rows` in column `col`. Excel places icons
// by percent of the range's spread, so the range also takes two hidden
// cells holding -1 and 1: the thresholds then always fall between -1, 0 and 1.
void icon_set(lxw_worksheet* ws, const std::vector<size_t>& rows, size_t col, size_t scale_col, uint8_t style) {
    if (rows.empty()) return;
    std::string range;
    for (size_t r : rows) range += cell_name(r, col) + " ";
    range += cell_name(1, scale_col) + ":" + cell_name(2, scale_col);
    lxw_conditional_format cf{};
    cf.type = LXW_CONDITIONAL_TYPE_ICON_SETS;
    cf.icon_style = style;
    cf.icons_only = LXW_TRUE;
    cf.multi_range = range.data();
    worksheet_conditional_format_range(ws, R(rows.front()), C(col), R(rows.front()), C(col), &cf);
}

}  // namespace

void report_sheet(lxw_workbook* wb, Styles& st, const Assessment& a, const RenderOptions& options) {
    const Pack& p = *a.pack;
    const Dataset& d = *a.dataset;
    const PreviousRun* previous = options.previous;
    std::optional<uint32_t> as_at = as_at_index(a);
    std::vector<uint32_t> periods = observed_periods(a, as_at);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Data");

    std::vector<std::string> headers = {"Theme", "Table", "Indicator", "Area"};
    const size_t first_period = headers.size();
    for (uint32_t pi : periods) headers.push_back(period_label(d, pi));
    // Benchmarks (National, all of Stockton...), one column per title, beside the figures.
    std::vector<std::string> comparator_titles;
    for (const Group& g : p.groups)
        for (const ComparatorColumn& c : g.comparators)
            if (std::find(comparator_titles.begin(), comparator_titles.end(), c.title) == comparator_titles.end())
                comparator_titles.push_back(c.title);
    const size_t first_comparator = headers.size();
    for (const std::string& t : comparator_titles) headers.push_back(t);
    // The change columns any table shows, in volume, %, pts order.
    std::vector<ChangeColumn> changes;
    for (ChangeColumn c : {ChangeColumn::volume, ChangeColumn::pct, ChangeColumn::pts})
        for (const Group& g : p.groups) {
            std::vector<ChangeColumn> shown = change_columns(a, g);
            if (std::find(shown.begin(), shown.end(), c) != shown.end()) {
                changes.push_back(c);
                break;
            }
        }
    const size_t first_change = headers.size();
    for (ChangeColumn c : changes) headers.push_back(change_header(c));
    // Targets and ratings the pack set rather than the source published: a
    // dagger on the column and a footnote on every printed page.
    const std::vector<std::vector<const Outcome*>> by_group = outcomes_by_group(a);
    bool own_targets = false, own_ratings = false;
    for (size_t gi = 0; gi < p.groups.size(); ++gi) {
        const std::vector<const Outcome*>& outs = by_group[gi];
        own_targets = own_targets || targets_set_by_pack(outs);
        own_ratings = own_ratings || (!outs.empty() && p.groups[gi].rating.kind != RatingRule::Kind::none &&
                                      ratings_set_by_pack(a, outs));
    }
    const size_t latest_col = headers.size();
    for (const char* h : {"Latest period", "Target", "Due", "Distance from target (+ still to go)",
                          "Distance from target (%)", "On track", "Trend", "Direction of travel", "Rating"})
        headers.push_back(h);
    if (own_targets) headers[latest_col + 1] += " \u2020";
    if (own_ratings) headers[latest_col + 8] += " \u2020";
    const size_t target_col = latest_col + 1, icon_col = latest_col + 6, rating_col = latest_col + 8;
    // Named arrows (short and long term...) of any group, each in a column after the rating.
    std::vector<std::string> other_names;
    for (const Group& g : p.groups)
        for (const NamedArrowRule& other : g.other_arrows)
            if (std::find(other_names.begin(), other_names.end(), other.name) == other_names.end())
                other_names.push_back(other.name);
    const size_t other_col = headers.size();
    for (const std::string& name : other_names) headers.push_back("Direction: " + arrow_name_header(name));
    size_t previous_col = 0;
    if (previous) {
        previous_col = headers.size();
        headers.push_back("Rating at " + previous->as_at);
    }
    const size_t comment_col = headers.size();
    headers.push_back("Comments");
    const size_t action_col = headers.size();
    headers.push_back("Commentary and corrective action");
    const size_t scale_col = headers.size();
    headers.push_back("Trend icon scale");

    for (size_t c = 0; c < headers.size(); ++c) write_text(ws, 0, static_cast<int>(c), headers[c], st.header());

    std::vector<size_t> coloured, grey;
    size_t row = 1;
    for (const html::ThemeLayout& t : html::layout(p)) {
        std::string theme = t.theme ? title_of(p.themes[*t.theme]) : std::string();
        for (size_t gi : t.groups) {
            const Group& g = p.groups[gi];
            const Scale* scale = rating_scale(p, g);
            for (const Outcome* op : by_group[gi]) {
                const Outcome& o = *op;
                const Indicator& ind = indicator_of(a, o);
                const Rounding rounding = rounding_of(a, o);
                const Style style = style_of(a, o);
                int r = static_cast<int>(row);
                write_text(ws, r, 0, theme, st.text());
                write_text(ws, r, 1, title_of(g), st.text());
                write_text(ws, r, 2, title_of(ind), st.text());
                write_text(ws, r, 3, area_of(a, o), st.text());

                const std::vector<std::optional<uint32_t>> cells = period_cells(a, o, periods, as_at);
                for (size_t c = 0; c < periods.size(); ++c) {
                    if (!cells[c]) continue;
                    const uint32_t obs = *cells[c];
                    lxw_col_t col = C(first_period + c);
                    if (d.has_value(obs)) {
                        worksheet_write_number(ws, R(row), col, stored_value(ind, d.obs_value[obs]),
                                               st.figure(ind, style));
                    } else {
                        write_text(ws, r, col, observation_text(d, ind, obs, rounding), st.missing());
                        std::string why = missing_note(d, obs);
                        worksheet_write_comment(ws, R(row), col, why.c_str());
                    }
                }
                for (const ComparatorColumn& c : g.comparators) {
                    auto at = std::find(comparator_titles.begin(), comparator_titles.end(), c.title);
                    const lxw_col_t col = C(first_comparator + static_cast<size_t>(at - comparator_titles.begin()));
                    std::optional<ComparatorFigure> f = comparator_figure(a, o, c);
                    if (!f) continue;
                    const Indicator& bench = d.indicators[f->indicator];
                    if (d.has_value(f->obs))
                        worksheet_write_number(ws, R(row), col, stored_value(bench, d.obs_value[f->obs]),
                                               st.figure(bench, p.style_for(g, bench.id)));
                    else
                        write_text(ws, r, static_cast<int>(col), comparator_text(a, o, c), st.missing());
                }
                for (size_t k = 0; k < changes.size(); ++k) {
                    const ChangeColumn c = changes[k];
                    const lxw_col_t col = C(first_change + k);
                    if (auto x = change_number(a, o, c)) {
                        double stored = c == ChangeColumn::pct ? *x / 100 : *x;
                        if (c == ChangeColumn::volume && ind.unit == "duration") stored = *x / 24;
                        worksheet_write_number(ws, R(row), col, stored, st.change(ind, style, c));
                    } else if (std::string shown = change_text(a, o, c); !shown.empty()) {
                        write_text(ws, r, static_cast<int>(col), shown, st.missing());
                    }
                }
                if (auto pi = reported_period(a, o))
                    write_text(ws, r, static_cast<int>(latest_col), period_label(d, *pi), st.text());
                if (o.target) {
                    const TargetOutcome& tg = *o.target;
                    worksheet_write_number(ws, R(row), C(target_col),
                                           stored_value(ind, record_value(tg.target, rounding)), st.figure(ind));
                    if (tg.due)
                        write_text(ws, r, static_cast<int>(target_col + 1),
                                   tg.due->label.empty() ? canonical_label(*tg.due) : tg.due->label, st.text());
                    worksheet_write_number(ws, R(row), C(target_col + 2), record_value(tg.distance, rounding),
                                           st.distance(ind));
                    if (tg.distance_pct && std::isfinite(*tg.distance_pct))
                        worksheet_write_number(ws, R(row), C(target_col + 3),
                                               record_value(*tg.distance_pct, rounding) / 100, st.percent(1));
                    write_text(ws, r, static_cast<int>(target_col + 4), tg.on_track ? "Yes" : "No", st.text());
                }
                if (auto v = icon_value(o.arrow)) {
                    worksheet_write_number(ws, R(row), C(icon_col), *v, nullptr);
                    (o.arrow == Arrow::increased || o.arrow == Arrow::decreased ? grey : coloured).push_back(row);
                }
                if (!g.arrow.none)
                    write_text(ws, r, static_cast<int>(icon_col + 1), arrow_word(p, o.arrow), st.arrow(o.arrow));
                if (auto label = level_label(scale, o.rating))
                    write_text(ws, r, static_cast<int>(rating_col), *label, st.rating(*scale, o.rating));
                else
                    write_text(ws, r, static_cast<int>(rating_col), "Not rated", st.missing());
                if (previous) {
                    const PreviousRun::Result* was = previous->find(g.id, ind.id, area_of(a, o));
                    std::string label = was ? was->rating : std::string();
                    auto level = scale && !label.empty() ? scale->find(label) : std::nullopt;
                    if (level)
                        write_text(ws, r, static_cast<int>(previous_col), label, st.rating(*scale, *level));
                    else
                        write_text(ws, r, static_cast<int>(previous_col),
                                   was ? (label.empty() ? "Not rated" : label) : "Not reported", st.missing());
                }
                for (const OtherArrow& other : o.other_arrows) {
                    auto at = std::find(other_names.begin(), other_names.end(), other.name);
                    if (at != other_names.end())
                        write_text(ws, r, static_cast<int>(other_col + static_cast<size_t>(at - other_names.begin())),
                                   arrow_word(p, other.arrow), st.arrow(other.arrow));
                }
                const std::string comment = comment_text(a, o);
                const std::string action = action_text(a, o, commentary_of(a, o), needs_action(a, o));
                write_text(ws, r, static_cast<int>(comment_col), comment, st.text());
                write_text(ws, r, static_cast<int>(action_col), action, st.text());
                // A spreadsheet does not grow a row for wrapped text (LibreOffice lays it over the next
                // row): the height of the tallest wrapped cell, by its columns' widths set below.
                size_t lines = std::max({wrapped_lines(title_of(g), 24), wrapped_lines(title_of(ind), 40),
                                         wrapped_lines(comment, 60), wrapped_lines(action, 60)});
                if (lines > 1)
                    worksheet_set_row(ws, R(row), std::min(15.0 * static_cast<double>(lines), 409.0), nullptr);
                ++row;
            }
        }
    }

    // The hidden cells that fix the icon set's thresholds (see icon_set).
    worksheet_write_number(ws, 1, C(scale_col), -1, nullptr);
    worksheet_write_number(ws, 2, C(scale_col), 1, nullptr);
    icon_set(ws, coloured, icon_col, scale_col, LXW_CONDITIONAL_ICONS_3_ARROWS_COLORED);
    icon_set(ws, grey, icon_col, scale_col, LXW_CONDITIONAL_ICONS_3_ARROWS_GRAY);

    worksheet_set_column(ws, 0, 0, 16, nullptr);
    worksheet_set_column(ws, 1, 1, 24, nullptr);
    worksheet_set_column(ws, 2, 2, 40, nullptr);
    worksheet_set_column(ws, 3, 3, 16, nullptr);
    if (!periods.empty()) worksheet_set_column(ws, C(first_period), C(first_period + periods.size() - 1), 10, nullptr);
    if (!comparator_titles.empty())
        worksheet_set_column(ws, C(first_comparator), C(first_comparator + comparator_titles.size() - 1), 12, nullptr);
    if (!changes.empty()) worksheet_set_column(ws, C(first_change), C(first_change + changes.size() - 1), 10, nullptr);
    worksheet_set_column(ws, C(latest_col), C(latest_col + 5), 11, nullptr);
    worksheet_set_column(ws, C(icon_col), C(icon_col), 6, nullptr);
    worksheet_set_column(ws, C(icon_col + 1), C(rating_col), 14, nullptr);
    if (std::all_of(p.groups.begin(), p.groups.end(), [](const Group& g) { return g.arrow.none; })) {
        lxw_row_col_options hidden{};  // no group has a direction of travel: hide its two columns
        hidden.hidden = 1;
        worksheet_set_column_opt(ws, C(icon_col), C(icon_col + 1), 6, nullptr, &hidden);
    }
    if (!other_names.empty())
        worksheet_set_column(ws, C(other_col), C(other_col + other_names.size() - 1), 14, nullptr);
    if (previous) worksheet_set_column(ws, C(previous_col), C(previous_col), 14, nullptr);
    worksheet_set_column(ws, C(comment_col), C(action_col), 60, nullptr);
    lxw_row_col_options hidden{};
    hidden.hidden = LXW_TRUE;
    worksheet_set_column_opt(ws, C(scale_col), C(scale_col), 8, nullptr, &hidden);

    worksheet_autofilter(ws, 0, 0, R(row > 1 ? row - 1 : 1), C(action_col));
    worksheet_freeze_panes(ws, 1, 3);
    print_setup(ws, set_by_pack_note(p, own_targets, own_ratings));
    worksheet_print_area(ws, 0, 0, R(row > 1 ? row - 1 : 1), C(action_col));
}

}  // namespace assay::reporting::xlsx
