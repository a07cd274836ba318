// The Periods sheet of a workbook made by `assay run --periods` (xlsx.cpp
// makes the workbook): one row per indicator, area and period assessed, an
// "As at" column first, so that a filter on it gives one period's rows and
// a pivot table every period side by side. The latest period's own sheets
// (Report, Summary, Notes...) follow it.
#include "report/common.hpp"
#include "report/wording.hpp"
#include "report/xlsx.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace assay::reporting::xlsx {

void periods_sheet(lxw_workbook* wb, Styles& st, const std::vector<Assessment>& runs) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Periods");
    const std::vector<std::string> headers = {
        "As at",    "Group", "Indicator",       "Area",           "Title",
        "Period",   "Value", "Previous period", "Previous value", "Change",
        "% change", "Arrow", "Rating",          "Target",         "Distance from target",
        "Comment"};
    for (size_t c = 0; c < headers.size(); ++c) write_text(ws, 0, static_cast<int>(c), headers[c], st.header());
    size_t row = 1;
    for (const Assessment& a : runs) {
        const Pack& p = *a.pack;
        const Dataset& d = *a.dataset;
        for (const Outcome& o : a.outcomes) {
            const int r = static_cast<int>(row);
            const Group& g = group_of(a, o);
            const Indicator& ind = indicator_of(a, o);
            const Style style = style_of(a, o);
            const Rounding rounding = rounding_of(a, o);
            write_text(ws, r, 0, a.as_at, st.text());
            write_text(ws, r, 1, title_of(g), st.text());
            write_text(ws, r, 2, ind.id, st.text());
            write_text(ws, r, 3, area_of(a, o), st.text());
            write_text(ws, r, 4, title_of(ind), st.text());
            if (auto pi = reported_period(a, o)) write_text(ws, r, 5, period_label(d, *pi), st.text());
            if (o.current)
                worksheet_write_number(ws, R(row), 6, stored_value(ind, o.current->value), st.figure(ind, style));
            else if (o.latest_obs)
                write_text(ws, r, 6, observation_text(d, ind, *o.latest_obs, rounding), st.missing());
            if (o.previous) {
                write_text(ws, r, 7, period_label(d, o.previous->period), st.text());
                worksheet_write_number(ws, R(row), 8, stored_value(ind, o.previous->value), st.figure(ind, style));
            }
            // The change in the indicator's units (points for a percentage), and as a % of the previous value.
            if (o.change && std::isfinite(*o.change)) {
                const bool points = ind.unit == "percent" || ind.unit == "points";
                const double x = record_value(*o.change, rounding);
                worksheet_write_number(ws, R(row), 9, ind.unit == "duration" ? x / 24 : x,
                                       st.change(ind, style, points ? ChangeColumn::pts : ChangeColumn::volume));
            }
            if (o.change_pct && std::isfinite(*o.change_pct))
                worksheet_write_number(ws, R(row), 10, record_value(*o.change_pct, rounding) / 100,
                                       st.change(ind, style, ChangeColumn::pct));
            if (!g.arrow.none && o.arrow != Arrow::none)
                write_text(ws, r, 11, arrow_word(p, o.arrow), st.arrow(o.arrow));
            const Scale* scale = rating_scale(p, g);
            if (auto label = level_label(scale, o.rating)) write_text(ws, r, 12, *label, st.rating(*scale, o.rating));
            if (o.target) {
                worksheet_write_number(ws, R(row), 13, stored_value(ind, record_value(o.target->target, rounding)),
                                       st.figure(ind));
                worksheet_write_number(ws, R(row), 14, record_value(o.target->distance, rounding), st.distance(ind));
            }
            write_text(ws, r, 15, comment_text(a, o), st.text());
            ++row;
        }
    }
    worksheet_set_column(ws, 0, 0, 12, nullptr);
    worksheet_set_column(ws, 1, 4, 22, nullptr);
    worksheet_set_column(ws, 5, 14, 12, nullptr);
    worksheet_set_column(ws, 15, 15, 48, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    if (row > 1) worksheet_autofilter(ws, 0, 0, R(row - 1), C(headers.size() - 1));
    print_setup(ws);
}

}  // namespace assay::reporting::xlsx
