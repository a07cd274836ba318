// Reading an earlier run back from its JSON record for --compare.
#include "fixture.hpp"

#include <assay/error.hpp>
#include <assay/io.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>

using namespace assay;

namespace {

struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("assay-compare-" + std::to_string(getpid()) + ".json")) {
        write_file_atomic(path, text);
    }
    ~TempFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("a JSON record reads back as the earlier run", "[report][compare]") {
    report_test::Fixture f;
    TempFile record(render(f.a, Format::json));
    PreviousRun run = read_previous_run(record.path);
    CHECK(run.as_at == "2006/07");
    CHECK(run.outcomes.size() == f.a.outcomes.size());
    const PreviousRun::Result* theft = run.find("psa1", "theft_of_vehicle", "Redcar & Cleveland");
    REQUIRE(theft);
    CHECK(theft->rating == "GREEN");
    CHECK(theft->arrow == "improved");
    const PreviousRun::Result* retained = run.find("drugs", "retained_12wk", "Redcar & Cleveland");
    REQUIRE(retained);
    CHECK(retained->rating.empty());
    CHECK(retained->arrow.empty());
    CHECK_FALSE(run.find("psa1", "theft_of_vehicle", "Elsewhere"));
    REQUIRE(run.groups.count("psa1"));
    CHECK(run.groups["psa1"].rating == "AMBER");
    CHECK(run.groups["psa1"].counts.ratings["GREEN"] == 1);
    CHECK(run.groups["psa1"].counts.assessed == 2);
    REQUIRE(run.themes.count("crime"));
    CHECK(run.themes["crime"].rating == "AMBER GREEN");
    CHECK(run.themes["crime"].counts.arrows["improved"] == 2);

    // Rendering against itself: nothing moved.
    RenderOptions options;
    options.previous = &run;
    std::string html = render(f.a, Format::html, options);
    CHECK(html.find("No indicator's rating changed.") != std::string::npos);
    CHECK(html.find("(+") == std::string::npos);
}

TEST_CASE("a file that is not a record is refused with its place", "[report][compare]") {
    {
        TempFile bad("{\n  \"assay\": {\"format\": 1},\n  \"outcomes\": [,]\n}\n");
        try {
            read_previous_run(bad.path);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(e.error().where.file == bad.path.string());
            CHECK(e.error().where.line == 3);
            CHECK(e.error().where.column == 16);  // the stray comma
            CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
        }
    }
    {
        TempFile other("{\"name\": \"not a record\"}");
        CHECK_THROWS_WITH(read_previous_run(other.path), Catch::Contains("not an assay run record"));
    }
    {
        TempFile wrong("{\"assay\": {\"format\": 1}, \"outcomes\": [{\"group\": 3}], \"groups\": [], \"themes\": []}");
        CHECK_THROWS_WITH(read_previous_run(wrong.path), Catch::Contains("'group' should be a string"));
    }
    CHECK_THROWS_AS(read_previous_run("/no/such/record.json"), InputError);
}
