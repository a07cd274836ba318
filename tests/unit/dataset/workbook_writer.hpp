// Writes .xlsx workbooks for tests with libxlsxwriter (an independent
// writer): each sheet from CSV text, a cell written as a number when its
// text is exactly a number's shortest form ("12.5", "2024"), else as text.
#pragma once

#include "dataset/csv.hpp"
#include "temp_dir.hpp"

#include <xlsxwriter.h>

#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace assay::test {

/// A sheet to write: its name and its cells as CSV text.
struct CsvSheet {
    std::string name;
    std::string csv;
};

/// Whether `text` reads back from a number cell as itself.
inline bool number_cell(const std::string& text, double& x) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
    if (ec != std::errc() || end != text.data() + text.size()) return false;
    char buf[64];
    auto [out, ec2] = std::to_chars(buf, buf + sizeof buf, x);
    return ec2 == std::errc() && std::string(buf, out) == text;
}

/// Writes the CSV file `csv` into a new sheet `name` of `book`.
inline void write_sheet(lxw_workbook* book, const std::string& name, const std::filesystem::path& csv) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
    dataset::CsvReader reader(csv, csv.string());
    std::vector<dataset::CsvField> fields;
    lxw_row_t row = 0;
    while (reader.next(fields)) {
        for (size_t c = 0; c < fields.size(); ++c) {
            std::string text(fields[c].text);
            double x = 0;
            auto col = static_cast<lxw_col_t>(c);
            if (text.empty()) continue;
            if (number_cell(text, x))
                worksheet_write_number(sheet, row, col, x, nullptr);
            else
                worksheet_write_string(sheet, row, col, text.c_str(), nullptr);
        }
        ++row;
    }
}

/// Writes `sheets` to the workbook `path`; `inline_strings` writes text as
/// inline strings (xlsxwriter's constant-memory mode) instead of shared ones.
inline void write_workbook(const TempDir& dir, const std::filesystem::path& path, const std::vector<CsvSheet>& sheets,
                           bool inline_strings = false) {
    lxw_workbook_options options{};
    options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    for (const CsvSheet& s : sheets) write_sheet(book, s.name, dir.write("sheet.csv", s.csv));
    workbook_close(book);
}

}  // namespace assay::test
