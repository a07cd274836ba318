// .xlsx workbooks read directly: every CSV layout loads the same from a
// workbook written by libxlsxwriter (shared and inline strings), dates in
// date-styled cells, errors at book.xlsx!Sheet!C7, and hostile workbooks
// (not a zip, a zip bomb, a DTD with entities, malformed XML, cells beyond
// the grid) refused with a clear error.
#include "dataset/xlsx.hpp"
#include "temp_dir.hpp"
#include "workbook_writer.hpp"

#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/hash.hpp>

#include <fmt/format.h>
#include <zip.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

using assay::Dataset;
using assay::InputError;
using assay::load_dataset;
using assay::test::CsvSheet;
using assay::test::load_error;
using assay::test::TempDir;
using assay::test::write_workbook;

namespace {

/// A dataset as text that does not depend on where it was read from:
/// indicators, and each observation and threshold by names and labels.
std::string contents(const Dataset& d) {
    std::string out;
    for (const auto& i : d.indicators)
        out +=
            fmt::format("indicator {}|{}|{}|{}|{}\n", i.id, i.title, i.unit, static_cast<int>(i.polarity), i.decimals);
    for (const auto& s : d.series)
        for (uint32_t o = s.begin; o < s.end; ++o) {
            auto m = d.missing.find(o);
            auto n = d.notes.find(o);
            out += fmt::format("{}|{}|{}|{}|{}|{}\n", d.indicators[s.indicator].id, d.areas[s.area],
                               d.periods[d.obs_period[o]].label, d.obs_value[o], m == d.missing.end() ? "" : m->second,
                               n == d.notes.end() ? "" : n->second);
        }
    for (const auto& t : d.thresholds)
        out +=
            fmt::format("threshold {}|{}|{}|{}|{}\n", t.name, t.series, d.periods[t.period].label, t.value, t.percent);
    return out;
}

/// Loads `csv` as a CSV file and as a one-sheet workbook (shared and inline strings); all three must agree.
void same_from_workbook(const std::string& csv) {
    TempDir dir;
    std::string expected = contents(load_dataset(dir.write("kpis.csv", csv)));
    for (bool inline_strings : {false, true}) {
        auto book = dir.path / "kpis.xlsx";
        write_workbook(dir, book, {CsvSheet{"Sheet1", csv}}, inline_strings);
        CHECK(contents(load_dataset(book)) == expected);
    }
}

std::string file_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// A zip archive holding `parts` (name -> bytes), written with libzip.
void write_zip(const std::filesystem::path& path, const std::map<std::string, std::string>& parts) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    REQUIRE(z);
    for (const auto& [name, bytes] : parts) {
        zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
}

/// The parts of a minimal workbook with one sheet, "Data", holding `sheet_xml`.
std::map<std::string, std::string> minimal_parts(const std::string& sheet_xml) {
    return {{"xl/workbook.xml",
             "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
             "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
            {"xl/_rels/workbook.xml.rels",
             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
             "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
            {"xl/worksheets/sheet1.xml",
             "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + sheet_xml +
                 "</sheetData></worksheet>"}};
}

}  // namespace

TEST_CASE("every CSV layout loads the same from a workbook") {
    SECTION("long form") {
        same_from_workbook(
            "indicator,area,period,value,note\nx,North,2023/24,5.25,\nx,South,2023/24,N/A,late\n"
            "y,North,2023/24,0.1,\n");
    }
    SECTION("one row per indicator and quarter, thresholds beside the value, no area column") {
        same_from_workbook(
            "Indicator,Quarter,Value,Target,Floor,Tolerance,Polarity,Title\n"
            "missed_bins,2024 Q1,40,35,45,5%,lower,Missed bins\n"
            "missed_bins,2024 Q2,37,34,,0.5,lower,Missed bins\n"
            "calls,2024 Q2,91.5,N/A,85,,higher,\n");
    }
    SECTION("wide: one column per period, metadata in the same sheet") {
        same_from_workbook(
            "indicator,title,polarity,target,2023 Q3,2023 Q4,2024 Q1\n"
            "missed_bins,Missed bins,lower,35,40,,N/A\n"
            "calls,Calls answered,higher,90,80,85,91\n");
    }
    SECTION("year headers that are numbers in the sheet") {
        same_from_workbook("indicator,2021,2022,2023\nx,1,2,3\n");
    }
}

TEST_CASE("a bundled dataset folder loads the same as a workbook with an indicators sheet") {
    TempDir dir;
    for (const char* name : {"lsp2007", "pcc2024q2"}) {
        std::filesystem::path folder = std::filesystem::path(ASSAY_SOURCE_DIR) / "datasets" / name;
        auto book = dir.path / (std::string(name) + ".xlsx");
        write_workbook(dir, book,
                       {CsvSheet{"indicators", file_text(folder / "indicators.csv")},
                        CsvSheet{"observations", file_text(folder / "observations.csv")}});
        Dataset from_folder = load_dataset(folder);
        Dataset from_book = load_dataset(book);
        CHECK(contents(from_book) == contents(from_folder));
        CHECK(from_book.name == name);
        REQUIRE(from_book.files.size() == 1);
        CHECK(from_book.files[0].sha256 == assay::sha256_file(book));
    }
}

TEST_CASE("sheets: observations in several sheets, '#' sheets and empty sheets left out") {
    TempDir dir;
    auto book = dir.path / "book.xlsx";
    write_workbook(dir, book,
                   {CsvSheet{"Notes", ""}, CsvSheet{"#readme", "This workbook holds the KPIs\n"},
                    CsvSheet{"2023", "indicator,quarter,value\nx,2023 Q4,1\n"},
                    CsvSheet{"2024", "indicator,quarter,value\nx,2024 Q1,2\n"}});
    Dataset d = load_dataset(book);
    CHECK(d.periods.size() == 2);
    CHECK(d.obs_value.size() == 2);
}

TEST_CASE("errors name the workbook, the sheet and the cell") {
    TempDir dir;
    auto book = dir.path / "book.xlsx";
    write_workbook(dir, book,
                   {CsvSheet{"Q data", "indicator,qaurter,value\nx,2024 Q1,1\n"},
                    CsvSheet{"Sheet2", "indicator,quarter,value\nx,2024 Q1,lots\n"}});
    std::string e = load_error(book);
    CHECK(e.find(book.string() + "!'Q data'!B1: unknown column \"qaurter\" (did you mean \"quarter\"?)") !=
          std::string::npos);
    write_workbook(dir, book, {CsvSheet{"Sheet2", "indicator,quarter,value,target\nx,2024 Q1,lots,five\n"}});
    e = load_error(book);
    CHECK(e.find(book.string() + "!Sheet2!C2: value: cannot read \"lots\"") != std::string::npos);
    CHECK(e.find(book.string() + "!Sheet2!D2") != std::string::npos);
    CHECK(e.find(book.string() + "!Sheet2: 2 problems") != std::string::npos);
}

TEST_CASE("cell types: booleans, formulas' text, dates shown by their format, sparse rows") {
    TempDir dir;
    auto book = dir.path / "cells.xlsx";
    lxw_workbook* wb = workbook_new(book.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Data");
    lxw_format* month = workbook_add_format(wb);
    format_set_num_format(month, "mmm yyyy");
    worksheet_write_string(ws, 0, 0, "indicator", nullptr);
    worksheet_write_string(ws, 0, 1, "month", nullptr);
    worksheet_write_string(ws, 0, 2, "value", nullptr);
    worksheet_write_string(ws, 0, 4, "note", nullptr);  // column D left empty: no header, no cell
    worksheet_write_string(ws, 1, 0, "x", nullptr);
    worksheet_write_number(ws, 1, 1, 45383, month);  // 2024-04-01 in the 1900 date system
    worksheet_write_number(ws, 1, 2, 7, nullptr);
    worksheet_write_string(ws, 2, 0, "x", nullptr);
    worksheet_write_number(ws, 2, 1, 45413, month);  // 2024-05-01
    worksheet_write_formula_num(ws, 2, 2, "=4*2", nullptr, 8);
    worksheet_write_boolean(ws, 2, 4, 1, nullptr);
    workbook_close(wb);
    auto sheets = assay::dataset::read_workbook(book, "cells.xlsx").sheets;
    REQUIRE(sheets.size() == 1);
    const auto& rows = sheets[0].rows;
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].number == 2);
    CHECK(rows[1].cells == std::vector<std::string>{"x", "2024-04", "7", "", ""});
    CHECK(rows[2].cells == std::vector<std::string>{"x", "2024-05", "8", "", "TRUE"});

    lxw_workbook* wb2 = workbook_new(book.c_str());
    lxw_worksheet* ws2 = workbook_add_worksheet(wb2, "Data");
    lxw_format* day = workbook_add_format(wb2);
    format_set_num_format(day, "dd/mm/yyyy");
    worksheet_write_number(ws2, 0, 0, 45382, day);
    worksheet_write_number(ws2, 0, 1, 45382, nullptr);
    workbook_close(wb2);
    auto cells = assay::dataset::read_workbook(book, "cells.xlsx").sheets[0].rows[0].cells;
    CHECK(cells == std::vector<std::string>{"2024-03-31", "45382"});
}

TEST_CASE("hostile and broken workbooks are refused with a clear error") {
    TempDir dir;
    auto book = dir.path / "bad.xlsx";
    SECTION("not a zip archive") {
        dir.write("bad.xlsx", "indicator,area,period,value\n");
        CHECK(load_error(book).find("bad.xlsx: not an .xlsx workbook") != std::string::npos);
    }
    SECTION("a zip without a workbook") {
        write_zip(book, {{"hello.txt", "hi"}});
        CHECK(load_error(book).find("bad.xlsx!xl/workbook.xml: missing from the workbook") != std::string::npos);
    }
    SECTION("a zip bomb: a part inflating far beyond its compressed size") {
        auto parts = minimal_parts("");
        parts["xl/worksheets/sheet1.xml"] = "<worksheet>" + std::string(40u << 20, ' ') + "</worksheet>";
        write_zip(book, parts);
        CHECK(load_error(book).find("refused as a zip bomb") != std::string::npos);
    }
    SECTION("a DTD with entities (billion laughs)") {
        auto parts = minimal_parts("");
        parts["xl/worksheets/sheet1.xml"] =
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
            "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><worksheet><sheetData><row r=\"1\">"
            "<c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";
        write_zip(book, parts);
        CHECK(load_error(book).find("bad.xlsx!xl/worksheets/sheet1.xml: holds a DTD") != std::string::npos);
    }
    SECTION("malformed XML") {
        write_zip(book, minimal_parts("<row r=\"1\"><c r=\"A1\"><v>1</v></row>"));
        CHECK(load_error(book).find("bad.xlsx!xl/worksheets/sheet1.xml: malformed XML at line 1") != std::string::npos);
    }
    SECTION("a cell beyond column XFD, a shared string that is not there, a number that is not one") {
        write_zip(book, minimal_parts("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"));
        CHECK(load_error(book).find("bad.xlsx!Data!row 1: cell reference \"XFE1\"") != std::string::npos);
        write_zip(book, minimal_parts("<row r=\"1\"><c r=\"B1\" t=\"s\"><v>3</v></c></row>"));
        CHECK(load_error(book).find("bad.xlsx!Data!B1: shared string \"3\" is not one of the workbook's 0") !=
              std::string::npos);
        write_zip(book, minimal_parts("<row r=\"2\"><c r=\"C2\"><v>1e999x</v></c></row>"));
        CHECK(load_error(book).find("bad.xlsx!Data!C2: a number cell holds \"1e999x\"") != std::string::npos);
    }
    SECTION("far-apart cells: a sparse sheet too big to hold is refused, not allocated") {
        std::string rows;
        for (int r = 1; r <= 600; ++r) rows += fmt::format("<row r=\"{0}\"><c r=\"XFD{0}\"><v>1</v></c></row>", r);
        write_zip(book, minimal_parts(rows));
        CHECK(load_error(book).find("more than 8 million cells") != std::string::npos);
    }
}
