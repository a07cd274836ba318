// CSV: a fixed header, one row per outcome, RFC 4180 quoting.
#include "csv_reader.hpp"
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

using namespace assay;
using report_test::parse_csv;

TEST_CASE("CSV has the documented columns and one row per outcome", "[report][csv]") {
    report_test::Fixture f;
    std::string text = render(f.a, Format::csv);
    auto rows = parse_csv(text);
    REQUIRE(rows.size() == f.a.outcomes.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{
                         "group",           "indicator",      "area",         "title",      "period",  "value",
                         "previous_period", "previous_value", "change",       "change_pct", "arrow",   "rating",
                         "target",          "distance",       "distance_pct", "on_track",   "comment", "commentary",
                         "action",          "owner",          "due"});
    for (const auto& row : rows) CHECK(row.size() == 21);

    const auto& theft = rows[1];
    CHECK(theft[0] == "psa1");
    CHECK(theft[1] == "theft_of_vehicle");
    CHECK(theft[2] == "Redcar & Cleveland");
    CHECK(theft[4] == "2006/07");
    CHECK(theft[5] == "547");
    CHECK(theft[6] == "2005/06");
    CHECK(theft[7] == "640");
    CHECK(theft[8] == "-93");
    CHECK(theft[9] == "-14.53125");
    CHECK(theft[10] == "improved");
    CHECK(theft[11] == "GREEN");
    CHECK(theft[12] == "848.925");
    CHECK(theft[13] == "-301.925");
    CHECK(theft[15] == "true");

    const auto& treatment = rows[3];
    CHECK(treatment[12].empty());
    CHECK(treatment[15].empty());  // no target: neither true nor false

    const auto& retained = rows[4];
    CHECK(retained[8].empty());
    CHECK(retained[9].empty());  // NaN
    CHECK(retained[10].empty());
    CHECK(retained[11].empty());
    CHECK(retained[16].find("drugs.lua:12") != std::string::npos);
    CHECK(retained[16].find("measurement changed in 2006/07") != std::string::npos);

    const auto& gap = rows[5];
    CHECK(gap[3] == "Theft from a Motor Vehicle, gap \"borough - national\"");
    CHECK(gap[4] == "2005/06");
    CHECK(gap[8] == "-0.2");
    CHECK(gap[16] == "The gap has narrowed, however performance is \"marginally\" worse than national");
}

TEST_CASE("CSV quotes exactly the fields that need it", "[report][csv]") {
    report_test::Fixture f;
    f.a.outcomes[0].comment = "two\nlines";
    std::string text = render(f.a, Format::csv);
    CHECK(text.find(",\"two\nlines\",,,,\n") != std::string::npos);  // then the empty commentary columns
    CHECK(text.find(",\"Theft from a Motor Vehicle, gap \"\"borough - national\"\"\",") != std::string::npos);
    CHECK(text.find(",Redcar & Cleveland,") != std::string::npos);  // no quotes when none are needed
    CHECK(text.find('\r') == std::string::npos);
    CHECK(parse_csv(text)[1][16] == "two\nlines");
}
