// The XLSX report never cuts a sheet short at Excel's row limit without a
// word: a sheet that would need more rows is refused before anything is
// written, with the count, the limit and what to do instead.
#include "fixture.hpp"

#include "report/renderers.hpp"

#include <assay/error.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace assay;

TEST_CASE("XLSX: Excel's 1,048,576 rows per sheet", "[report][xlsx][hardening]") {
    CHECK(reporting::xlsx_max_rows == 1048576);
    report_test::Fixture f;
    // The committee sheet is the longest: title rows, and per table a heading, a header, its rows,
    // footnotes and a blank row; the Data sheet has a row per outcome and the header.
    const size_t rows = reporting::xlsx_report_rows(f.a);
    REQUIRE(rows > f.a.outcomes.size() + 1);
    // Exactly at the limit: written whole.
    std::string ok = reporting::render_xlsx(f.a, RenderOptions{}, rows);
    CHECK(ok.compare(0, 2, "PK") == 0);
    CHECK(ok == render(f.a, Format::xlsx));
    // One row too many: refused, naming the sheet, the rows and the limit.
    try {
        reporting::render_xlsx(f.a, RenderOptions{}, rows - 1);
        FAIL("a sheet past the row limit was written");
    } catch (const InputError& e) {
        std::string m = e.what();
        CHECK(m.find("Report sheet would need " + std::to_string(rows) + " rows") != std::string::npos);
        CHECK(m.find("more than the " + std::to_string(rows - 1) + " rows") != std::string::npos);
        CHECK(m.find("--format csv") != std::string::npos);
    }
    // The checks sheet too.
    REQUIRE(!f.a.checks.empty());
    while (f.a.checks.size() + 1 <= rows) f.a.checks.push_back(f.a.checks.front());
    CHECK_THROWS_WITH(reporting::render_xlsx(f.a, RenderOptions{}, rows), Catch::Contains("Checks sheet"));
}
