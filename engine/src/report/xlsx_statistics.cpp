// The XLSX report's Statistics sheet, only for a pack that uses statistics
// (docs/statistics.md): per outcome the current value's confidence interval
// with its level and method, the first comparison with a comparator area and
// the first funnel position with its control limits; numbers as numbers.
#include "report/xlsx.hpp"

#include "report/common.hpp"

#include <assay/statistics.hpp>

#include <string>
#include <vector>

namespace assay::reporting::xlsx {

void statistics_sheet(lxw_workbook* wb, Styles& st, const Assessment& a) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Statistics");
    const Dataset& d = *a.dataset;
    const std::vector<std::string> headers = {"Table",
                                              "Indicator",
                                              "Area",
                                              "Period",
                                              "Value",
                                              "CI level (%)",
                                              "CI lower",
                                              "CI upper",
                                              "CI method",
                                              "Comparator",
                                              "Comparator value",
                                              "Significance",
                                              "Funnel level (%)",
                                              "Funnel lower",
                                              "Funnel upper",
                                              "Funnel position"};
    for (size_t c = 0; c < headers.size(); ++c) write_text(ws, 0, static_cast<int>(c), headers[c], st.header());
    size_t row = 1;
    for (const Outcome& o : a.outcomes) {
        const Group& g = group_of(a, o);
        if (!interval_level(g)) continue;
        const Indicator& ind = indicator_of(a, o);
        const Rounding rounding = a.pack->rounding_for(g, ind.id);
        const int r = static_cast<int>(row);
        auto put = [&](size_t col, double x) { worksheet_write_number(ws, R(row), C(col), x, nullptr); };
        write_text(ws, r, 0, title_of(g), st.text());
        write_text(ws, r, 1, title_of(ind), st.text());
        write_text(ws, r, 2, area_of(a, o), st.text());
        if (o.current) {
            write_text(ws, r, 3, period_label(d, o.current->period), st.text());
            put(4, o.current->value);
        }
        if (o.interval) {
            put(5, level_percent(o.interval->level));
            put(6, record_value(o.interval->lower, rounding));
            put(7, record_value(o.interval->upper, rounding));
            write_text(ws, r, 8, o.interval->method, st.text());
        }
        if (const Comparison* c = first_comparison(o, false)) {
            write_text(ws, r, 9, c->area, st.text());
            if (c->verdict) put(10, c->comparator);
            write_text(ws, r, 11, c->verdict ? comparison_word(*c) : "cannot be judged", st.text());
        }
        if (const Comparison* f = first_comparison(o, true)) {
            put(12, level_percent(f->level));
            if (f->verdict) {
                put(13, record_value(f->lower, rounding));
                put(14, record_value(f->upper, rounding));
            }
            write_text(ws, r, 15, f->verdict ? comparison_word(*f) : "cannot be judged", st.text());
        }
        ++row;
    }
    worksheet_set_column(ws, 0, 2, 24, nullptr);
    worksheet_set_column(ws, 3, C(headers.size() - 1), 12, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws);
}

}  // namespace assay::reporting::xlsx
