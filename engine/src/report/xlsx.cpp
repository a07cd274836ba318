// The XLSX report: a workbook made with libxlsxwriter (Debian's
// libxlsxwriter-dev) in a temporary file, read back as bytes and removed.
// The workbook's dates are fixed, so the same assessment gives the same
// bytes on any machine. Sheets: Report (the committee sheet, for print),
// Data (a row per outcome), Summary, Notes (and Checks when a published
// figure does not match); see xlsx_*.cpp.
#include "report/xlsx.hpp"

#include "report/common.hpp"
#include "report/palette.hpp"
#include "report/renderers.hpp"

#include <assay/error.hpp>
#include <assay/io.hpp>
#include <assay/statistics.hpp>

#include <fmt/format.h>

#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace assay::reporting {
namespace xlsx {
namespace {

uint32_t colour(Rgb c) {
    return (uint32_t(c.r) << 16) | (uint32_t(c.g) << 8) | uint32_t(c.b);
}

// The decimals part of a number format: "" or ".0", ".00"...
std::string places(int decimals) {
    int d = std::clamp(decimals, 0, 10);
    return d ? "." + std::string(static_cast<size_t>(d), '0') : std::string();
}

// A temporary file path that is removed when it goes out of scope.
class TempFile {
public:
    TempFile() {
        std::error_code ec;
        std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
        if (ec) dir = "/tmp";
        std::string pattern = (dir / "assay-xlsx-XXXXXX").string();
        int fd = mkstemp(pattern.data());
        if (fd < 0) throw Fatal("cannot create a temporary file in " + dir.string() + " for the XLSX workbook");
        close(fd);
        path_ = pattern;
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace

lxw_format* Styles::make(const std::string& key, const std::function<void(lxw_format*)>& setup) {
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    format_set_font_name(f, "Arial");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    setup(f);
    cache_[key] = f;
    return f;
}

lxw_format* Styles::header() {
    return make("header", [](lxw_format* f) {
        format_set_bold(f);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_BOTTOM);
        format_set_bg_color(f, 0xF3F2F1);
        format_set_bottom(f, LXW_BORDER_MEDIUM);
    });
}

lxw_format* Styles::text() {
    return make("text", [](lxw_format* f) { format_set_text_wrap(f); });
}

lxw_format* Styles::bold() {
    return make("bold", [](lxw_format* f) {
        format_set_bold(f);
        format_set_text_wrap(f);
    });
}

lxw_format* Styles::missing() {
    return make("missing", [](lxw_format* f) {
        format_set_font_color(f, 0x505A5F);
        format_set_align(f, LXW_ALIGN_RIGHT);
    });
}

lxw_format* Styles::figure(const Indicator& ind) {
    std::string num;
    if (ind.unit == "percent")
        num = "0" + places(ind.decimals) + "%";
    else if (ind.unit == "duration")
        num = "[h]:mm:ss";
    else if (ind.unit == "points")
        num = "+#,##0" + places(ind.decimals) + ";-#,##0" + places(ind.decimals) + ";0" + places(ind.decimals);
    else
        num = "#,##0" + places(ind.decimals);
    return make("num:" + num, [num](lxw_format* f) { format_set_num_format(f, num.c_str()); });
}

lxw_format* Styles::distance(const Indicator& ind) {
    std::string num = "#,##0" + places(ind.decimals);
    if (ind.unit == "percent" || ind.unit == "points") num += "\" pts\"";
    return make("num:" + num, [num](lxw_format* f) { format_set_num_format(f, num.c_str()); });
}

lxw_format* Styles::percent(int decimals) {
    std::string num = "0" + places(decimals) + "%";
    return make("num:" + num, [num](lxw_format* f) { format_set_num_format(f, num.c_str()); });
}

lxw_format* Styles::count() {
    return make("num:0", [](lxw_format* f) { format_set_num_format(f, "0"); });
}

lxw_format* Styles::rating(const Scale& scale, int level) {
    LevelStyle style = level_style(scale, level);
    std::string key = "rating:" + hex(style.tint) + hex(style.text);
    return make(key, [style](lxw_format* f) {
        format_set_bold(f);
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, colour(style.tint));
        format_set_font_color(f, colour(style.text));
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, colour(style.colour));
    });
}

lxw_format* Styles::arrow(Arrow a) {
    Rgb c = arrow_colour(a);
    return make("arrow:" + hex(c), [c, a](lxw_format* f) {
        format_set_font_color(f, colour(c));
        if (a != Arrow::none) format_set_bold(f);
    });
}

namespace {

// "+#,##0.0;(#,##0.0);0.0": a positive, negative and zero section in the
// pack's conventions, `suffix` (a quoted unit or "%") after each.
std::string signed_format(int decimals, const Style& style, bool plus, bool grouped, const std::string& suffix) {
    std::string body = (grouped ? "#,##0" : "0") + places(decimals) + suffix;
    if (!plus && !style.brackets) return body;  // Excel's own minus sign
    std::string neg = style.brackets ? "(" + body + ")" : "-" + body;
    return (plus ? "+" : "") + body + ";" + neg + ";" + "0" + places(decimals) + suffix;
}

}  // namespace

lxw_format* Styles::figure(const Indicator& ind, const Style& style) {
    if (ind.unit == "percent" || ind.unit == "duration") return figure(ind);
    std::string num =
        signed_format(ind.decimals, style, style.sign_values || ind.unit == "points", style.thousands >= 0, "");
    return make("num:" + num, [num](lxw_format* f) { format_set_num_format(f, num.c_str()); });
}

lxw_format* Styles::change(const Indicator& ind, const Style& style, ChangeColumn column) {
    std::string num;
    bool points = column == ChangeColumn::pts || (column == ChangeColumn::volume && change_in_points(ind, style));
    if (points)
        num = signed_format(ind.decimals, style, true, false, "\"pts\"");
    else if (column == ChangeColumn::pct)
        num = signed_format(1, style, style.sign_changes, false, "%");
    else if (ind.unit == "duration")
        num = std::string(style.sign_changes ? "+" : "") + "[h]:mm:ss;-[h]:mm:ss;[h]:mm:ss";
    else if (ind.unit == "percent")
        num = signed_format(ind.decimals, style, style.sign_changes, false, "");
    else
        num = signed_format(ind.decimals, style, style.sign_changes || ind.unit == "points", style.thousands >= 0, "");
    return make("num:" + num, [num](lxw_format* f) { format_set_num_format(f, num.c_str()); });
}

// How many lines `text` takes wrapped in a column `width` characters wide
// (a little less than the width, as a spreadsheet's proportional font fills it).
size_t wrapped_lines(std::string_view text, size_t width) {
    const size_t room = width > 4 ? width - 4 : 1;
    size_t lines = 0;
    size_t start = 0;
    while (true) {
        size_t nl = text.find('\n', start);
        std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        size_t chars = 0;  // code points, not bytes
        for (char c : para) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        lines += chars == 0 ? 1 : (chars + room - 1) / room;
        if (nl == std::string_view::npos) return lines;
        start = nl + 1;
    }
}

lxw_format* Styles::title() {
    return make("title", [](lxw_format* f) {
        format_set_bold(f);
        format_set_font_size(f, 14);
        format_set_align(f, LXW_ALIGN_VERTICAL_BOTTOM);
    });
}

lxw_format* Styles::heading() {
    return make("heading", [](lxw_format* f) {
        format_set_bold(f);
        format_set_font_size(f, 11);
        format_set_align(f, LXW_ALIGN_VERTICAL_BOTTOM);
    });
}

lxw_format* Styles::note() {
    return make("note", [](lxw_format* f) { format_set_italic(f); });
}

double stored_value(const Indicator& ind, double value) {
    if (ind.unit == "percent") return value / 100;
    if (ind.unit == "duration") return value / 24;
    return value;
}

void write_text(lxw_worksheet* ws, int row, int col, std::string_view text, lxw_format* format) {
    constexpr size_t limit = 32767;
    std::string s(text.substr(0, std::min(text.size(), limit)));
    while (s.size() < text.size() && !s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (s.size() < text.size() && !s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
    worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), format);
}

void print_setup(lxw_worksheet* ws, std::string_view footnote, size_t repeat_rows) {
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_repeat_rows(ws, 0, R(repeat_rows > 0 ? repeat_rows - 1 : 0));
    worksheet_fit_to_pages(ws, 1, 0);
    // A footnote (the \u2020 marks') takes the left of the footer, in place of the sheet's name;
    // '&' is the footer's own escape.
    std::string left = "&A";
    if (!footnote.empty()) {
        left.clear();
        for (char c : footnote) left += c == '&' ? std::string("&&") : std::string(1, c);
    }
    const std::string footer = "&L" + left + "&RPage &P of &N";
    if (footer.size() <= 255)
        worksheet_set_footer(ws, footer.c_str());
    else
        worksheet_set_footer(ws, "&L&A&RPage &P of &N");
}

}  // namespace xlsx

size_t xlsx_report_rows(const Assessment& a) {
    return xlsx::committee_rows(a);
}

std::string render_xlsx(const Assessment& a, const RenderOptions& options) {
    return render_xlsx(a, options, xlsx_max_rows);
}

std::string render_xlsx(const Assessment& a, const RenderOptions& options, size_t max_rows) {
    return render_xlsx_workbook(a, options, max_rows, nullptr);
}

std::string render_xlsx_periods(const std::vector<Assessment>& runs, const RenderOptions& options) {
    return render_xlsx_workbook(runs.back(), options, xlsx_max_rows, &runs);
}

std::string render_xlsx_workbook(const Assessment& a, const RenderOptions& options, size_t max_rows,
                                 const std::vector<Assessment>* periods) {
    // Excel opens no sheet longer than its row limit, and libxlsxwriter drops
    // rows past it without a word: refuse before anything is written.
    auto fits = [&](std::string_view sheet, size_t rows, std::string_view what) {
        if (rows <= max_rows) return;
        throw InputError(fmt::format(
            "the XLSX report's {} sheet would need {} rows (one per {} and a header), more than the {} rows a "
            "spreadsheet sheet holds; nothing was written. Write this run as --format csv or jsonl, or assess "
            "fewer areas or indicators per workbook",
            sheet, rows, what, max_rows));
    };
    fits("Report", xlsx::committee_rows(a), "outcome, table heading, header and footnote");
    fits("Data", a.outcomes.size() + 1, "outcome");
    fits("Checks", a.checks.size() + 1, "check");
    fits("Notes", a.errors.size() + 1, "rule error");
    if (periods) {
        size_t rows = 1;
        for (const Assessment& run : *periods) rows += run.outcomes.size();
        fits("Periods", rows, "indicator, area and period");
    }

    xlsx::TempFile file;
    lxw_workbook* wb = workbook_new(file.path().c_str());
    if (!wb) throw Fatal("cannot start an XLSX workbook in " + file.path());

    const Pack& p = *a.pack;
    std::string title = title_of(p);
    std::string subject = "As at " + a.as_at + " - rules " + p.name + " " + p.version + ", data " + a.dataset->name;
    lxw_doc_properties props{};
    props.title = title.data();
    props.subject = subject.data();
    props.author = const_cast<char*>("Assay");
    props.created = 1;  // a fixed date (1970-01-01; 0 would mean "now"), so the bytes never depend on the clock
    workbook_set_properties(wb, &props);

    // Formats point into the workbook, which frees them when closed.
    xlsx::Styles styles(wb);
    try {
        if (periods) xlsx::periods_sheet(wb, styles, *periods);
        xlsx::committee_sheet(wb, styles, a, options);
        xlsx::report_sheet(wb, styles, a, options);
        xlsx::summary_sheet(wb, styles, a, options);
        xlsx::notes_sheet(wb, styles, a, options);
        if (uses_statistics(*a.pack)) xlsx::statistics_sheet(wb, styles, a);
        if (!a.checks.empty()) xlsx::checks_sheet(wb, styles, a);
    } catch (...) {
        workbook_close(wb);  // frees it; the temporary file is removed by `file`
        throw;
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) throw Fatal(fmt::format("cannot write the XLSX workbook: {}", lxw_strerror(err)));
    return read_file(file.path());
}

}  // namespace assay::reporting
