// Inputs the fuzzers (fuzz/) found that broke a property, kept as tests so
// that what was fixed stays fixed. docs/hardening.md lists each finding.
#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/number.hpp>
#include <assay/pack.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

using namespace assay;

TEST_CASE("fuzz finding: a negative duration of zero reads as plain zero", "[hardening][fuzz]") {
    // fuzz_number, "-0:00:00": parse_cell gave -0.0, which is not to exist.
    Result<CellValue> v = parse_cell("-0:00:00");
    REQUIRE(v.ok());
    REQUIRE(v->value);
    CHECK(*v->value == 0);
    CHECK_FALSE(std::signbit(*v->value));
    CHECK(v->duration);
    CHECK(format_fixed(*v->value, 2) == "0.00");
    Result<CellValue> w = parse_cell("-1:30:00");
    REQUIRE(w.ok());
    CHECK(*w->value == -1.5);
}

TEST_CASE("fuzz finding: a record holding a number too large for a double is an input error", "[hardening][fuzz]") {
    // fuzz_record: nlohmann's out_of_range (406, "number overflow parsing
    // '2e672'") escaped the JSON reader and ended assay replay and diff.
    for (const char* text : {"{ \"sealed\": { \"format\": 2e672 }, \"sha256\": \"x\" }", "[1e999]"}) {
        INFO(text);
        try {
            parse_record(text, "run.record");
            FAIL("parsed");
        } catch (const InputError& e) {
            CHECK(std::string(e.what()).find("run.record") != std::string::npos);
            CHECK(std::string(e.what()).find("number overflow") != std::string::npos);
        }
        CHECK_THROWS_AS(compare_outcomes(text, text), InputError);
    }
}

TEST_CASE("fuzz finding: an outcome record with a repeated outcome does not differ from itself", "[hardening][fuzz]") {
    // fuzz_record: two outcomes with one group, indicator and area were both
    // compared with the first, so a record compared with itself differed.
    const std::filesystem::path root(ASSAY_SOURCE_DIR);
    const RunInputs lsp = load_run(root / "rules" / "lsp2007", root / "datasets" / "lsp2007");
    const std::string json = render(assess(lsp), Format::json);
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(json);
    nlohmann::ordered_json twin = doc["outcomes"][0];
    twin["title"] = "Twin";
    doc["outcomes"].push_back(twin);
    const std::string with_twin = doc.dump(2);
    CHECK(compare_outcomes(with_twin, with_twin).empty());
    // Against the record without the twin, the twin is what is new.
    std::vector<Difference> d = compare_outcomes(json, with_twin);
    REQUIRE(d.size() == 1);
    CHECK(d[0].before == "(absent)");
}
