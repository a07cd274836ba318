// One renderer per report format; render() in format.cpp picks one.
#pragma once

#include <assay/report.hpp>

#include <string>
#include <utility>
#include <vector>

namespace assay::reporting {

/// The aligned plain-text report, laid out like the published reviews.
std::string render_terminal(const Assessment& a, const RenderOptions& options);
/// The versioned JSON run record (format 1), pretty-printed.
/// The JSON record; with `outcome_spans`, each outcome's [begin, end) in the
/// text is appended to it (the ',' between outcomes is in the later span).
std::string render_json(const Assessment& a, std::vector<std::pair<size_t, size_t>>* outcome_spans = nullptr);
/// One compact JSON object per outcome, one per line.
std::string render_jsonl(const Assessment& a);
/// One CSV row per outcome under a fixed header.
std::string render_csv(const Assessment& a);
/// CSV of one run as at several periods: an as_at column first, one header.
std::string render_csv_periods(const std::vector<Assessment>& runs);
/// The report as GitHub-flavoured Markdown tables.
std::string render_markdown(const Assessment& a, const RenderOptions& options);

/// A table before layout (see tables.hpp).
struct Table;
/// `t` laid out as an aligned terminal table at most `width` columns wide.
std::string terminal_table(const Table& t, size_t width, bool colour);
/// `t` as a Markdown pipe table.
std::string markdown_table(const Table& t);
/// Text from a pack or data escaped for Markdown outside a table: no raw
/// HTML, links or line breaks (see markdown.cpp).
std::string markdown_text(std::string_view s);
/// One self-contained HTML page: inline CSS and SVG, readable without scripts, printable on A4.
std::string render_html(const Assessment& a, const RenderOptions& options);
/// The bytes of an XLSX workbook: the committee (Report) sheet, the Data sheet, the summary and the notes.
std::string render_xlsx(const Assessment& a, const RenderOptions& options);
/// The rows the workbook's Report (committee) sheet takes: its title rows, and per table a heading,
/// a header, a row per indicator, its footnotes and a blank row.
size_t xlsx_report_rows(const Assessment& a);
/// Excel's rows per sheet.
inline constexpr size_t xlsx_max_rows = 1'048'576;
/// render_xlsx with a smaller sheet limit (tests): a sheet that would need
/// more rows than `max_rows` is refused with an InputError, nothing written.
std::string render_xlsx(const Assessment& a, const RenderOptions& options, size_t max_rows);
/// The workbook of a run assessed as at several periods (`runs`, oldest
/// first, at least one): a Periods sheet with a row per indicator, area and
/// period ("As at" first), then the latest period's own sheets.
std::string render_xlsx_periods(const std::vector<Assessment>& runs, const RenderOptions& options);
/// The workbook of `a` (with a Periods sheet first when `periods` is given), sheets limited to `max_rows`.
std::string render_xlsx_workbook(const Assessment& a, const RenderOptions& options, size_t max_rows,
                                 const std::vector<Assessment>* periods);

}  // namespace assay::reporting
