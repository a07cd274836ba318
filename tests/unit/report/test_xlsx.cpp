// XLSX report: a valid workbook whose sheets hold numbers with number
// formats, ratings with fills, an icon-set arrow column, one header row, no
// merged cells, frozen panes and A4 landscape print set-up; the same bytes
// every time. The parts are read back with a small zip reader (zlib).
// tests/cli/test_xlsx.sh opens the file again with openpyxl.
#include "fixture.hpp"
#include "zip.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

using namespace assay;
using assay::test_zip::unzip;

namespace {

size_t temp_workbooks() {
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        if (e.path().filename().string().rfind("assay-xlsx-", 0) == 0) ++n;
    return n;
}

}  // namespace

TEST_CASE("the XLSX report is a workbook of four sheets", "[report][xlsx]") {
    report_test::Fixture f;
    // A private temporary folder, so tests running in parallel cannot disturb the count.
    std::string dir = (std::filesystem::temp_directory_path() / "assay-xlsx-test-XXXXXX").string();
    REQUIRE(mkdtemp(dir.data()) != nullptr);
    const char* old = std::getenv("TMPDIR");
    std::string saved = old ? old : "";
    setenv("TMPDIR", dir.c_str(), 1);
    std::string bytes = render(f.a, Format::xlsx);
    size_t temps = temp_workbooks();
    if (old)
        setenv("TMPDIR", saved.c_str(), 1);
    else
        unsetenv("TMPDIR");
    std::filesystem::remove_all(dir);
    CHECK(bytes.rfind("PK\x03\x04", 0) == 0);
    CHECK(temps == 0);  // the temporary file is gone
    auto files = unzip(bytes);
    for (const char* part : {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml",
                             "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                             "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"})
        CHECK(files.count(part));
    const std::string& book = files["xl/workbook.xml"];
    for (const char* sheet :
         {"name=\"Report\"", "name=\"Data\"", "name=\"Summary\"", "name=\"Notes\"", "name=\"Checks\""})
        CHECK(book.find(sheet) != std::string::npos);
    CHECK(book.find("_xlnm.Print_Titles") != std::string::npos);  // header row repeated on each page

    f.a.checks.clear();
    CHECK_FALSE(unzip(render(f.a, Format::xlsx)).count("xl/worksheets/sheet5.xml"));  // no checks, no sheet
}

TEST_CASE("the report sheet stores numbers with formats and ratings with fills", "[report][xlsx]") {
    report_test::Fixture f;
    auto files = unzip(render(f.a, Format::xlsx));
    const std::string& sheet = files["xl/worksheets/sheet2.xml"];  // Data
    const std::string& styles = files["xl/styles.xml"];
    const std::string& strings = files["xl/sharedStrings.xml"];

    // Figures are numbers: 547 as a number, the 72% stored as 0.72 under a percent format.
    CHECK(sheet.find("<v>547</v>") != std::string::npos);
    CHECK(sheet.find("<v>0.72</v>") != std::string::npos);
    CHECK(styles.find("formatCode=\"0%\"") != std::string::npos);
    CHECK(styles.find("formatCode=\"#,##0\"") != std::string::npos);
    CHECK(styles.find("formatCode=\"+#,##0.0;-#,##0.0;0.0\"") != std::string::npos);  // points, 1 dp
    // Ratings are text with a solid fill of the level's tint.
    for (const char* s : {"<t>GREEN</t>", "<t>AMBER</t>", "<t>Theft of Vehicle</t>", "<t>Improved</t>", "<t>N/A</t>"})
        CHECK(strings.find(s) != std::string::npos);
    CHECK(styles.find("<patternFill patternType=\"solid\"><fgColor rgb=\"FFC7E0D4\"/>") != std::string::npos);
    // Arrows: an icon set (arrows only) over the trend column, two fixed cells setting its thresholds.
    CHECK(sheet.find("<iconSet iconSet=\"3Arrows\" showValue=\"0\">") != std::string::npos);
    // One header row frozen with the first three columns; no merged cells; A4 landscape, one page wide.
    CHECK(sheet.find("<pane xSplit=\"3\" ySplit=\"1\"") != std::string::npos);
    CHECK(sheet.find("<mergeCell") == std::string::npos);
    CHECK(sheet.find("paperSize=\"9\"") != std::string::npos);
    CHECK(sheet.find("orientation=\"landscape\"") != std::string::npos);
    CHECK(sheet.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
    CHECK(sheet.find("fitToHeight=\"0\"") != std::string::npos);  // one page wide, as long as it takes
    CHECK(sheet.find("<autoFilter") != std::string::npos);
    // A missing figure has its reason as a cell comment.
    bool comment = false;
    for (const auto& [name, text] : files)
        if (name.find("comments") != std::string::npos)
            comment = comment || text.find("N/A: no figure is available for this period.") != std::string::npos;
    CHECK(comment);
}

TEST_CASE("the notes sheet holds the key, the sources and the footnotes", "[report][xlsx]") {
    report_test::Fixture f;
    f.data.indicators[0].source = "Cleveland Police";
    auto files = unzip(render(f.a, Format::xlsx));
    const std::string& strings = files["xl/sharedStrings.xml"];
    for (const char* s : {"<t>Key: ratings of indicators and tables</t>", "<t>Key: ratings of themes</t>",
                          "Performance is improving at a rate sufficient to meet or exceed target.",
                          "<t>Key: directional arrows</t>", "<t>Source</t>", "<t>Cleveland Police</t>",
                          "<t>Missing figure</t>", "<t>Rule error</t>", "reduce by 17.5% from 2003/04 by 2007/08"})
        CHECK(strings.find(s) != std::string::npos);
}

TEST_CASE("the summary sheet shows changes since an earlier run", "[report][xlsx]") {
    report_test::Fixture f;
    PreviousRun before;
    before.as_at = "2005/06";
    before.groups["psa1"] = {"RED", {{{"AMBER", 2}}, {}, 2, 0}};
    RenderOptions options;
    options.previous = &before;
    auto files = unzip(render(f.a, Format::xlsx, options));
    CHECK(files["xl/sharedStrings.xml"].find("<t>GREEN: change since 2005/06</t>") != std::string::npos);
    CHECK(files["xl/sharedStrings.xml"].find("<t>Rating at 2005/06</t>") != std::string::npos);
    CHECK(files["xl/worksheets/sheet3.xml"].find("<v>-1</v>") != std::string::npos);  // AMBER: 1 now, 2 before
}

TEST_CASE("the workbook's bytes depend on nothing but the assessment", "[report][xlsx]") {
    report_test::Fixture f;
    std::string first = render(f.a, Format::xlsx);
    const char* tz = std::getenv("TZ");
    std::string old = tz ? tz : "";
    setenv("TZ", "Pacific/Kiritimati", 1);
    tzset();
    std::string second = render(f.a, Format::xlsx);
    if (tz)
        setenv("TZ", old.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
    CHECK(first == second);
    CHECK(unzip(first)["docProps/core.xml"].find("1970-01-01T00:00:01Z") != std::string::npos);
}

TEST_CASE("named arrows have their own column of words", "[report][xlsx]") {
    report_test::Fixture f;
    NamedArrowRule long_term;
    long_term.name = "long";
    f.pack.groups[0].other_arrows = {long_term};
    f.a.outcomes[0].other_arrows = {OtherArrow{"long", Arrow::declined, "", Point{0, 1029}, 1, 1}};
    auto files = unzip(render(f.a, Format::xlsx));
    CHECK(files["xl/sharedStrings.xml"].find("<t>Direction: Long</t>") != std::string::npos);
    CHECK(files["xl/sharedStrings.xml"].find("<t>Declined</t>") != std::string::npos);
}
