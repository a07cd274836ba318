// The parts of the XLSX report (xlsx.cpp makes the workbook): cell formats
// shared by the sheets, and one function per sheet. libxlsxwriter's types
// stay inside engine/src/report.
#pragma once

#include <assay/presentation.hpp>
#include <assay/report.hpp>

#include <xlsxwriter.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace assay::reporting::xlsx {

/// Cell formats, made once per workbook and shared by its sheets.
class Styles {
public:
    explicit Styles(lxw_workbook* wb) : wb_(wb) {}
    /// The header row: bold, wrapped, a bottom border, a light fill.
    lxw_format* header();
    /// Plain text, wrapped and aligned to the top.
    lxw_format* text();
    /// Bold text (the totals of the summary).
    lxw_format* bold();
    /// A missing figure's text ("N/A"): grey, right-aligned.
    lxw_format* missing();
    /// A figure of `ind` with its decimals: "0%" for percentages, "#,##0" for counts...
    lxw_format* figure(const Indicator& ind);
    /// A distance from target of `ind`: its decimals, " pts" for percentages.
    lxw_format* distance(const Indicator& ind);
    /// A percentage stored as a fraction, with `decimals` places.
    lxw_format* percent(int decimals);
    /// A whole number (counts of the summary).
    lxw_format* count();
    /// A rating of `scale` at `level`: its label's static fill and text colour.
    lxw_format* rating(const Scale& scale, int level);
    /// The words of an arrow in its colour.
    lxw_format* arrow(Arrow a);
    /// A figure of `ind` in the pack's conventions: separators, brackets, signs.
    lxw_format* figure(const Indicator& ind, const Style& style);
    /// A change column's figure: the change in the indicator's units (points
    /// for a percentage shown in points), a % change stored as a fraction, or points.
    lxw_format* change(const Indicator& ind, const Style& style, ChangeColumn column);
    /// The committee sheet's title row: bold, 14 points.
    lxw_format* title();
    /// A table's heading on the committee sheet: bold, 11 points.
    lxw_format* heading();
    /// A footnote under a table: italic, wrapped.
    lxw_format* note();

private:
    lxw_workbook* wb_;
    std::map<std::string, lxw_format*> cache_;
    lxw_format* make(const std::string& key, const std::function<void(lxw_format*)>& setup);
};

/// The figure as stored: percentages as fractions (72% -> 0.72), durations
/// in days (Excel's time unit), everything else as it is.
double stored_value(const Indicator& ind, double value);

/// Writes `text` (cut to Excel's 32,767-character limit at a UTF-8 boundary).
void write_text(lxw_worksheet* ws, int row, int col, std::string_view text, lxw_format* format);

/// How many lines `text` takes wrapped in a column `width` characters wide
/// (a little less than the width, as a spreadsheet's proportional font fills
/// it): a spreadsheet does not grow a row for wrapped text by itself.
size_t wrapped_lines(std::string_view text, size_t width);

/// Row and column indices as libxlsxwriter types.
inline lxw_row_t R(size_t r) {
    return static_cast<lxw_row_t>(r);
}
inline lxw_col_t C(size_t c) {
    return static_cast<lxw_col_t>(c);
}

/// A4 landscape, one page wide (any height), rows 1 to `repeat_rows` repeated
/// on every page, page numbers in the footer (and `footnote`, when given, at its left).
void print_setup(lxw_worksheet* ws, std::string_view footnote = {}, size_t repeat_rows = 1);

/// The committee sheet ("Report"), laid out to print on A4 landscape: a
/// title row and an "As at" row repeated on every page, then each table as
/// the other formats print it (period columns lined up as PeriodGrid does,
/// figures as formatted numbers, direction, rating, comments and recorded
/// action), its footnotes under it.
void committee_sheet(lxw_workbook* wb, Styles& styles, const Assessment& a, const RenderOptions& options);
/// How many rows the committee sheet takes.
size_t committee_rows(const Assessment& a);

/// The data sheet ("Data"): one row per outcome, its figures per period
/// (each under its own period), target, distance, an icon-set arrow column
/// with the arrow's word beside it, the rating with its fill, and the comments.
void report_sheet(lxw_workbook* wb, Styles& styles, const Assessment& a, const RenderOptions& options);

/// The summary sheet: per group and theme the counts of each rating and
/// arrow, and their change since an earlier run when given.
void summary_sheet(lxw_workbook* wb, Styles& styles, const Assessment& a, const RenderOptions& options);

/// The notes sheet: what was run, the key, the rules of each table, the
/// sources, the footnotes for missing figures, rule errors.
void notes_sheet(lxw_workbook* wb, Styles& styles, const Assessment& a, const RenderOptions& options);

/// The checks sheet (only when a published figure does not match the data).
void checks_sheet(lxw_workbook* wb, Styles& styles, const Assessment& a);

/// The Periods sheet of a run assessed as at several periods: one row per
/// indicator, area and period, the period assessed ("As at") first.
void periods_sheet(lxw_workbook* wb, Styles& styles, const std::vector<Assessment>& runs);
/// The statistics sheet (only when a group of the pack uses statistics): per
/// outcome the interval, the comparison and the funnel position.
void statistics_sheet(lxw_workbook* wb, Styles& styles, const Assessment& a);

}  // namespace assay::reporting::xlsx
