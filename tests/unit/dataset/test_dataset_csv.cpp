// Tests of loading datasets from CSV (dataset/load.cpp and the readers it
// uses): folders and single files, ordering and remapping, missing values,
// published figures, and every rejection with its file:line:column.
#include "temp_dir.hpp"

#include <assay/dataset.hpp>
#include <assay/hash.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

using namespace assay;
using Catch::Contains;

namespace {

const char* const indicators_csv =
    "id,title,unit,polarity,decimals,source,notes,comparable_from,sum_of\n"
    "vehicle_crime,Vehicle Crime,count,lower_is_better,0,Police,,2005/06,theft_of_vehicle + theft_from_vehicle\n"
    "theft_of_vehicle,Theft of Vehicle,count,lower,0,Police,,,\n"
    "theft_from_vehicle,Theft from Vehicle,,down,,,\"Includes \"\"interference\"\", see note\",,\n"
    "calls_answered,% of 999 calls answered in 10 s,percent,higher_is_better,1,,,,\n";

Error load_error(const std::filesystem::path& p) {
    try {
        load_dataset(p);
    } catch (const InputError& e) {
        return e.error();
    }
    FAIL("loaded without error");
    return {};
}

/// The error of a folder dataset whose observations.csv is `observations`.
Error observations_error(const test::TempDir& dir, std::string_view observations) {
    dir.write("indicators.csv", indicators_csv);
    dir.write("observations.csv", observations);
    return load_error(dir.path);
}

void check_at(const Error& e, const std::string& file, int line, int column) {
    INFO(e.to_string());
    CHECK(e.where.file == file);
    CHECK(e.where.line == line);
    CHECK(e.where.column == column);
}

/// The value of `indicator` in `area` for `period`, NaN when missing; fails the test if absent.
double value_at(const Dataset& d, std::string_view indicator, std::string_view area, std::string_view period) {
    auto i = d.find_indicator(indicator);
    auto a = d.find_area(area);
    auto p = d.find_period(period);
    REQUIRE(i);
    REQUIRE(a);
    REQUIRE(p);
    auto s = d.find_series(*i, *a);
    REQUIRE(s);
    for (uint32_t o = d.series[*s].begin; o < d.series[*s].end; ++o)
        if (d.obs_period[o] == *p) return d.obs_value[o];
    FAIL("no observation for " << indicator << " " << area << " " << period);
    return 0;
}

/// Index of the observation of `indicator` in `area` for `period`.
uint32_t obs_at(const Dataset& d, std::string_view indicator, std::string_view area, std::string_view period) {
    auto s = d.find_series(*d.find_indicator(indicator), *d.find_area(area));
    REQUIRE(s);
    for (uint32_t o = d.series[*s].begin; o < d.series[*s].end; ++o)
        if (d.obs_period[o] == *d.find_period(period)) return o;
    FAIL("no observation");
    return 0;
}

/// Checks the invariants the header promises for any loaded dataset.
void check_invariants(const Dataset& d) {
    for (size_t i = 1; i < d.periods.size(); ++i) CHECK(d.periods[i - 1] < d.periods[i]);
    uint32_t next = 0;
    for (size_t k = 0; k < d.series.size(); ++k) {
        const Series& s = d.series[k];
        CHECK(s.begin == next);
        CHECK(s.end > s.begin);
        next = s.end;
        if (k > 0) {
            const Series& prev = d.series[k - 1];
            CHECK((prev.indicator < s.indicator || (prev.indicator == s.indicator && prev.area < s.area)));
        }
        for (uint32_t o = s.begin + 1; o < s.end; ++o) CHECK(d.obs_period[o - 1] < d.obs_period[o]);
    }
    CHECK(next == d.observation_count());
    CHECK(d.obs_period.size() == d.obs_value.size());
    for (const auto& [obs, reason] : d.missing) CHECK_FALSE(d.has_value(obs));
}

}  // namespace

TEST_CASE("a folder dataset loads with metadata, order and files", "[dataset]") {
    test::TempDir dir;
    dir.write("indicators.csv", indicators_csv);
    std::string obs =
        "indicator,area,period,value,note\n"
        "theft_of_vehicle,Lambeth,2005/06,640,\n"
        "theft_of_vehicle,Lambeth,2006/07,547,\n"
        "vehicle_crime,Lambeth,2006/07,\"1,843\",provisional\n"
        "theft_of_vehicle,Southwark,2006/07,12,\n"
        "calls_answered,Lambeth,2006/07,89.2%,\n";
    dir.write("observations.csv", obs);
    std::string more = "indicator,area,period,value\nvehicle_crime,Lambeth,2005/06,2000\n";
    dir.write("observations_2005.csv", more);
    dir.write("README.md", "not read");

    Dataset d = load_dataset(dir.path);
    check_invariants(d);
    CHECK(d.name == dir.path.filename().string());
    REQUIRE(d.indicators.size() == 4);
    CHECK(d.indicators[0].id == "vehicle_crime");
    CHECK(d.indicators[0].polarity == Polarity::lower_is_better);
    CHECK(d.indicators[0].comparable_from == "2005/06");
    CHECK(d.indicators[0].sum_of == "theft_of_vehicle + theft_from_vehicle");
    CHECK(d.indicators[0].where.line == 2);
    CHECK(d.indicators[1].polarity == Polarity::lower_is_better);
    CHECK(d.indicators[2].unit == "count");
    CHECK(d.indicators[2].polarity == Polarity::lower_is_better);
    CHECK(d.indicators[2].notes == "Includes \"interference\", see note");
    CHECK(d.indicators[3].unit == "percent");
    CHECK(d.indicators[3].decimals == 1);
    CHECK(d.indicators[3].polarity == Polarity::higher_is_better);

    CHECK(d.areas == std::vector<std::string>{"Lambeth", "Southwark"});
    REQUIRE(d.periods.size() == 2);
    CHECK(d.periods[0].label == "2005/06");
    CHECK(d.periods[1].label == "2006/07");

    // Series by declared indicator order, then area order.
    REQUIRE(d.series.size() == 4);
    CHECK(d.series[0].indicator == 0);
    CHECK(d.series[1].indicator == 1);
    CHECK(d.series[1].area == 0);
    CHECK(d.series[2].indicator == 1);
    CHECK(d.series[2].area == 1);
    CHECK(d.series[3].indicator == 3);
    CHECK(d.observation_count() == 6);
    CHECK(value_at(d, "vehicle_crime", "Lambeth", "2005/06") == 2000);
    CHECK(value_at(d, "vehicle_crime", "Lambeth", "2006/07") == 1843);
    CHECK(value_at(d, "theft_of_vehicle", "Lambeth", "2006/07") == 547);
    CHECK(value_at(d, "calls_answered", "Lambeth", "2006/07") == Approx(89.2).epsilon(0));
    CHECK(d.notes.at(obs_at(d, "vehicle_crime", "Lambeth", "2006/07")) == "provisional");
    CHECK(d.notes.size() == 1);

    REQUIRE(d.files.size() == 3);
    CHECK(d.files[0].name == "indicators.csv");
    CHECK(d.files[0].sha256 == sha256_hex(indicators_csv));
    CHECK(d.files[0].bytes == std::string(indicators_csv).size());
    CHECK(d.files[1].name == "observations.csv");
    CHECK(d.files[1].sha256 == sha256_hex(obs));
    CHECK(d.files[2].name == "observations_2005.csv");
    CHECK(d.files[2].bytes == more.size());

    CHECK_FALSE(d.find_indicator("nope"));
    CHECK_FALSE(d.find_area("Camden"));
    CHECK_FALSE(d.find_series(2, 0));  // theft_from_vehicle has no observations
}

TEST_CASE("a single-file dataset gets default indicator metadata", "[dataset]") {
    test::TempDir dir;
    auto file = dir.write("calls.csv",
                          "indicator,area,period,value\n"
                          "calls,North,Sept 2024,10\n"
                          "answered,North,Sep 2024,8\n"
                          "calls,North,2024-08,9\n");
    Dataset d = load_dataset(file);
    check_invariants(d);
    CHECK(d.name == "calls");
    REQUIRE(d.indicators.size() == 2);
    CHECK(d.indicators[0].id == "calls");
    CHECK(d.indicators[0].title == "calls");
    CHECK(d.indicators[0].unit == "count");
    CHECK(d.indicators[0].polarity == Polarity::neutral);
    CHECK(d.indicators[0].where.line == 2);
    CHECK(d.indicators[1].id == "answered");
    REQUIRE(d.files.size() == 1);
    CHECK(d.files[0].name == "calls.csv");
    // "Sep 2024" is the same period as "Sept 2024": the first label is kept.
    REQUIRE(d.periods.size() == 2);
    CHECK(d.periods[1].label == "Sept 2024");
    CHECK(d.find_period("Sep 2024") == 1u);
    CHECK(d.find_period("2024-09") == 1u);
    CHECK_FALSE(d.find_period("2024-10"));
    CHECK_FALSE(d.find_period("not a period"));
    CHECK(value_at(d, "calls", "North", "2024-08") == 9);
    CHECK(value_at(d, "answered", "North", "2024-09") == 8);
}

TEST_CASE("rows in any order are grouped into series sorted by period", "[dataset]") {
    test::TempDir dir;
    auto file = dir.write("mixed.csv",
                          "indicator,area,period,value,note\n"
                          "b,X,2003,3,\n"
                          "a,Y,2002,-1,n1\n"
                          "b,X,2001,1,\n"
                          "a,X,2001,N/A,\n"
                          "b,Y,2002,,late\n"
                          "b,X,2002,2,n2\n"
                          "a,Y,2001,-,\n");
    Dataset d = load_dataset(file);
    check_invariants(d);
    CHECK(d.areas == std::vector<std::string>{"X", "Y"});
    REQUIRE(d.series.size() == 4);  // b/X, b/Y, a/X, a/Y (b was seen first)
    CHECK(d.indicators[d.series[0].indicator].id == "b");
    CHECK(d.series[0].end - d.series[0].begin == 3);
    std::vector<double> bx(d.obs_value.begin() + d.series[0].begin, d.obs_value.begin() + d.series[0].end);
    CHECK(bx == std::vector<double>{1, 2, 3});
    CHECK(d.missing.at(obs_at(d, "a", "X", "2001")) == "N/A");
    CHECK(d.missing.at(obs_at(d, "b", "Y", "2002")).empty());
    CHECK(d.missing.at(obs_at(d, "a", "Y", "2001")) == "-");
    CHECK(d.missing.size() == 3);
    CHECK(d.notes.at(obs_at(d, "a", "Y", "2002")) == "n1");
    CHECK(d.notes.at(obs_at(d, "b", "Y", "2002")) == "late");
    CHECK(d.notes.at(obs_at(d, "b", "X", "2002")) == "n2");
    CHECK(value_at(d, "a", "Y", "2002") == -1);
}

TEST_CASE("missing values are NaN, never zero, and keep their reason", "[dataset]") {
    test::TempDir dir;
    auto file = dir.write("m.csv",
                          "indicator,area,period,value\n"
                          "x,A,2001,N/A\n"
                          "x,A,2002,n/a\n"
                          "x,A,2003,NA\n"
                          "x,A,2004,\n"
                          "x,A,2005,-\n"
                          "x,A,2006,0\n");
    Dataset d = load_dataset(file);
    const char* reasons[] = {"N/A", "n/a", "NA", "", "-"};
    for (uint32_t o = 0; o < 5; ++o) {
        CHECK_FALSE(d.has_value(o));
        CHECK(std::isnan(d.obs_value[o]));
        CHECK(d.missing.at(o) == reasons[o]);
    }
    CHECK(d.has_value(5));
    CHECK(d.obs_value[5] == 0);
    CHECK(d.missing.count(5) == 0);
}

TEST_CASE("values as people write them", "[dataset]") {
    test::TempDir dir;
    auto file = dir.write("v.csv",
                          "indicator,area,period,value\n"
                          "x,A,2001,\"1,843\"\n"
                          "x,A,2002,(2000)\n"
                          "x,A,2003,+1.5pts\n"
                          "x,A,2004, -0.7 \n"
                          "x,A,2005,373:26:00\n"
                          "x,A,2006,\"(83,500)\"\n");
    Dataset d = load_dataset(file);
    CHECK(d.obs_value[0] == 1843);
    CHECK(d.obs_value[1] == -2000);
    CHECK(d.obs_value[2] == 1.5);
    CHECK(d.obs_value[3] == -0.7);
    CHECK(d.obs_value[4] == Approx(373 + 26 / 60.0));
    CHECK(d.obs_value[5] == -83500);
}

TEST_CASE("published figures attach to their series and period", "[dataset]") {
    test::TempDir dir;
    dir.write("indicators.csv", indicators_csv);
    dir.write("observations.csv",
              "indicator,area,period,value,published_arrow,published_rating,published_change,published_change_pct,"
              "published_change_pts\n"
              "calls_answered,Force,2005/06,87.7%,,,,,\n"
              "calls_answered,Force,2006/07,89.2%,\xE2\x96\xB2,GREEN,,,+1.5pts\n"
              "theft_of_vehicle,Force,2006/07,547,improved,AMBER GREEN,-93,-14.5%,\n"
              "theft_of_vehicle,Force,2005/06,640,N/A,,N/A,,\n");
    Dataset d = load_dataset(dir.path);
    check_invariants(d);
    REQUIRE(d.published.size() == 9);
    const std::string file = (dir.path / "observations.csv").string();

    const Published& arrow = d.published[0];
    CHECK(arrow.kind == PublishedKind::arrow);
    CHECK(arrow.text == "\xE2\x96\xB2");
    CHECK_FALSE(arrow.value);
    CHECK(d.indicators[d.series[arrow.series].indicator].id == "calls_answered");
    CHECK(d.periods[arrow.period].label == "2006/07");
    CHECK(arrow.where.file == file);
    CHECK(arrow.where.line == 3);
    CHECK(arrow.where.column == 36);

    CHECK(d.published[1].kind == PublishedKind::rating);
    CHECK(d.published[1].text == "GREEN");
    CHECK(d.published[2].kind == PublishedKind::change_pts);
    CHECK(d.published[2].value == 1.5);
    CHECK(d.published[2].text == "+1.5pts");

    CHECK(d.published[3].kind == PublishedKind::arrow);
    CHECK(d.published[3].text == "improved");
    CHECK(d.published[4].text == "AMBER GREEN");
    CHECK(d.published[5].kind == PublishedKind::change);
    CHECK(d.published[5].value == -93);
    CHECK(d.published[6].kind == PublishedKind::change_pct);
    CHECK(d.published[6].value == -14.5);
    CHECK(d.indicators[d.series[d.published[6].series].indicator].id == "theft_of_vehicle");

    CHECK(d.published[7].kind == PublishedKind::arrow);  // N/A is kept as published
    CHECK(d.published[7].text == "N/A");
    CHECK(d.periods[d.published[7].period].label == "2005/06");
    CHECK(d.published[8].kind == PublishedKind::change);
    CHECK(d.published[8].text == "N/A");
    CHECK_FALSE(d.published[8].value);
}

TEST_CASE("BOM, CRLF, quotes, comments and blank lines", "[dataset]") {
    test::TempDir dir;
    auto file = dir.write("q.csv",
                          "\xEF\xBB\xBF"
                          "# exported from the performance workbook\r\n"
                          "Indicator, Area ,period,value,note\r\n"
                          "\r\n"
                          "x,\"Barking, Dagenham\",2001,5,\"multi\r\nline \"\"note\"\"\"\r\n"
                          "# a comment between rows\r\n"
                          "x,Ealing,2001,6,\r\n"
                          ",,,,\r\n");
    Dataset d = load_dataset(file);
    CHECK(d.areas == std::vector<std::string>{"Barking, Dagenham", "Ealing"});
    CHECK(d.notes.at(0) == "multi\r\nline \"note\"");
    CHECK(d.observation_count() == 2);
}

TEST_CASE("a missing dataset or indicators file is an error naming it", "[dataset][errors]") {
    test::TempDir dir;
    Error e = load_error(dir.path / "nope");
    CHECK(e.where.file == (dir.path / "nope").string());
    CHECK_THAT(e.message, Contains("no such dataset"));

    dir.write("observations.csv", "indicator,area,period,value\n");
    e = load_error(dir.path);
    CHECK(e.where.file == dir.file("indicators.csv"));
    CHECK_THAT(e.message, Contains("missing indicators.csv"));
}

TEST_CASE("empty files are errors", "[dataset][errors]") {
    test::TempDir dir;
    Error e = load_error(dir.write("empty.csv", ""));
    check_at(e, dir.file("empty.csv"), 1, 1);
    CHECK_THAT(e.message, Contains("empty file"));

    e = load_error(dir.write("blank.csv", "\xEF\xBB\xBF\n\n# only a comment\n"));
    CHECK_THAT(e.message, Contains("empty file"));

    dir.write("indicators.csv", "");
    dir.write("observations.csv", "indicator,area,period,value\n");
    e = load_error(dir.path);
    check_at(e, dir.file("indicators.csv"), 1, 1);
    CHECK_THAT(e.message, Contains("empty file"));
}

TEST_CASE("wrong column count names the line and column", "[dataset][errors]") {
    test::TempDir dir;
    Error e = observations_error(dir,
                                 "indicator,area,period,value\n"
                                 "vehicle_crime,Lambeth,2006/07,1,843\n");
    check_at(e, dir.file("observations.csv"), 2, 33);
    CHECK_THAT(e.message, Contains("expected 4 fields as in the header (indicator, area, period, value), found 5"));
    CHECK_THAT(e.message, Contains("quotes"));

    e = observations_error(dir,
                           "indicator,area,period,value\n"
                           "vehicle_crime,Lambeth,2006/07,1\n"
                           "vehicle_crime,Lambeth,2007/08\n");
    check_at(e, dir.file("observations.csv"), 3, 23);
    CHECK_THAT(e.message, Contains("found 3"));
}

TEST_CASE("unknown, repeated and missing columns", "[dataset][errors]") {
    test::TempDir dir;
    Error e = observations_error(dir, "indicator,area,period,valeu\n");
    check_at(e, dir.file("observations.csv"), 1, 23);
    CHECK_THAT(e.message, Contains("unknown column \"valeu\" (did you mean \"value\"?)"));

    e = observations_error(dir, "indicator,area,period\n");
    check_at(e, dir.file("observations.csv"), 1, 1);
    CHECK_THAT(e.message, Contains("missing required column \"value\""));

    e = observations_error(dir, "indicator,area,period,value,area\n");
    check_at(e, dir.file("observations.csv"), 1, 29);
    CHECK_THAT(e.message, Contains("appears twice"));

    dir.write("indicators.csv", "id,title,colour\n");
    e = load_error(dir.path);
    check_at(e, dir.file("indicators.csv"), 1, 10);
    CHECK_THAT(e.message, Contains("unknown column \"colour\""));

    dir.write("indicators.csv", "id,unit\n");
    e = load_error(dir.path);
    CHECK_THAT(e.message, Contains("missing required column \"title\""));
}

TEST_CASE("unparseable values say what was expected", "[dataset][errors]") {
    test::TempDir dir;
    Error e = observations_error(dir,
                                 "indicator,area,period,value\n"
                                 "vehicle_crime,Lambeth,2006/07,12\n"
                                 "vehicle_crime,Lambeth,2007/08,\"1,84,3\"\n");
    check_at(e, dir.file("observations.csv"), 3, 31);
    CHECK_THAT(e.message, Contains("expected a number such as 1,843 or 89.2%, or N/A"));
    CHECK_THAT(e.message, Contains("1,84,3"));

    e = observations_error(dir, "indicator,area,period,value\nvehicle_crime,Lambeth,2006/07,lots\n");
    check_at(e, dir.file("observations.csv"), 2, 31);
    CHECK_THAT(e.message, Contains("\"lots\""));

    e = observations_error(dir, "indicator,area,period,value\nvehicle_crime,Lambeth,2006/07,1e999\n");
    CHECK_THAT(e.message, Contains("out of range"));
}

TEST_CASE("unknown period formats list the accepted forms", "[dataset][errors]") {
    test::TempDir dir;
    Error e = observations_error(dir,
                                 "indicator,area,period,value\n"
                                 "vehicle_crime,Lambeth,FY 2006-7,12\n");
    check_at(e, dir.file("observations.csv"), 2, 23);
    CHECK_THAT(e.message, Contains("unknown period \"FY 2006-7\""));
    CHECK_THAT(e.message, Contains("2006/07 (financial year)"));
    CHECK_THAT(e.message, Contains("Jul 22 - Jun 23 (range)"));

    e = observations_error(dir, "indicator,area,period,value\nvehicle_crime,Lambeth,,12\n");
    check_at(e, dir.file("observations.csv"), 2, 23);
    CHECK_THAT(e.message, Contains("empty period"));
}

TEST_CASE("unknown indicators suggest the closest id", "[dataset][errors]") {
    test::TempDir dir;
    Error e = observations_error(dir,
                                 "indicator,area,period,value\n"
                                 "vehicle_crime,Lambeth,2006/07,12\n"
                                 "theft_of_vehicles,Lambeth,2006/07,12\n");
    check_at(e, dir.file("observations.csv"), 3, 1);
    CHECK_THAT(e.message, Contains("unknown indicator \"theft_of_vehicles\" (did you mean \"theft_of_vehicle\"?)"));

    e = observations_error(dir, "indicator,area,period,value\nburglary,Lambeth,2006/07,12\n");
    CHECK_THAT(e.message, Contains("unknown indicator \"burglary\""));
    CHECK_THAT(e.message, !Contains("did you mean"));

    e = observations_error(dir, "indicator,area,period,value\nvehicle_crime, ,2006/07,12\n");
    check_at(e, dir.file("observations.csv"), 2, 15);
    CHECK_THAT(e.message, Contains("empty area"));

    e = load_error(dir.write("single.csv", "indicator,area,period,value\n\"Theft\x01of Vehicle\",A,2006/07,1\n"));
    check_at(e, dir.file("single.csv"), 2, 1);
    CHECK_THAT(e.message, Contains("control character U+0001"));
}

TEST_CASE("duplicate observations name both lines", "[dataset][errors]") {
    test::TempDir dir;
    SECTION("in one file, grouped rows") {
        Error e = observations_error(dir,
                                     "indicator,area,period,value\n"
                                     "vehicle_crime,Lambeth,2005/06,1\n"
                                     "vehicle_crime,Lambeth,2006/07,2\n"
                                     "vehicle_crime,Lambeth,2006/07,3\n");
        check_at(e, dir.file("observations.csv"), 4, 23);
        CHECK_THAT(e.message, Contains("duplicate observation of vehicle_crime in Lambeth for 2006/07"));
        CHECK_THAT(e.message, Contains("already given at line 3"));
    }
    SECTION("in one file, scattered rows and another label for the same period") {
        Error e = observations_error(dir,
                                     "indicator,area,period,value\n"
                                     "vehicle_crime,Lambeth,Sep 2024,1\n"
                                     "# comment\n"
                                     "vehicle_crime,Southwark,Sep 2024,2\n"
                                     "\n"
                                     "vehicle_crime,Lambeth,Sept 2024,3\n");
        check_at(e, dir.file("observations.csv"), 6, 23);
        CHECK_THAT(e.message, Contains("for Sep 2024: already given at line 2"));
    }
    SECTION("across files") {
        dir.write("observations_b.csv", "area,indicator,value,period\nLambeth,vehicle_crime,9,2006/07\n");
        Error e = observations_error(dir, "indicator,area,period,value\nvehicle_crime,Lambeth,2006/07,1\n");
        check_at(e, dir.file("observations_b.csv"), 2, 25);
        CHECK_THAT(e.message, Contains("already given at " + dir.file("observations.csv") + ":2"));
    }
}

TEST_CASE("invalid UTF-8 in a dataset is rejected", "[dataset][errors]") {
    test::TempDir dir;
    Error e = observations_error(dir, "indicator,area,period,value\nvehicle_crime,K\xF6ln,2006/07,1\n");
    check_at(e, dir.file("observations.csv"), 2, 16);
    CHECK_THAT(e.message, Contains("invalid UTF-8"));
}

TEST_CASE("indicator metadata errors", "[dataset][errors]") {
    test::TempDir dir;
    dir.write("observations.csv", "indicator,area,period,value\n");
    auto bad = [&](std::string_view indicators) {
        dir.write("indicators.csv", indicators);
        return load_error(dir.path);
    };
    const std::string file = dir.file("indicators.csv");

    Error e = bad("id,title\na,A\nb,B\na,Again\n");
    check_at(e, file, 4, 1);
    CHECK_THAT(e.message, Contains("indicator id \"a\" is declared twice (first at line 2)"));

    e = bad("id,title\n\"Theft\x7f\",T\n");
    check_at(e, file, 2, 1);
    CHECK_THAT(e.message, Contains("control character U+007F"));

    e = bad("id,title\nx,\n");
    check_at(e, file, 2, 3);
    CHECK_THAT(e.message, Contains("no title"));

    e = bad("id,title,unit\nx,X,percentage\n");
    check_at(e, file, 2, 5);
    CHECK_THAT(e.message, Contains("unit \"percentage\""));
    CHECK_THAT(e.message, Contains("count, percent, rate"));

    e = bad("id,title,polarity\nx,X,bigger\n");
    check_at(e, file, 2, 5);
    CHECK_THAT(e.message, Contains("expected higher_is_better, lower_is_better or neutral"));

    e = bad("id,title,decimals\nx,X,11\n");
    check_at(e, file, 2, 5);
    CHECK_THAT(e.message, Contains("from 0 to 10"));
    CHECK_THAT(bad("id,title,decimals\nx,X,1.5\n").message, Contains("from 0 to 10"));

    e = bad("id,title,comparable_from\nx,X,last year\n");
    check_at(e, file, 2, 5);
    CHECK_THAT(e.message, Contains("comparable_from: unknown period"));

    e = bad("id,title,sum_of\nx,X,y + zz\ny,Y,\n");
    check_at(e, file, 2, 5);
    CHECK_THAT(e.message, Contains("unknown indicator \"zz\""));
    CHECK_THAT(bad("id,title,sum_of\nx,X,y +\ny,Y,\n").message, Contains("after the last +"));
    CHECK_THAT(bad("id,title,sum_of\nx,X,x + y\ny,Y,\n").message, Contains("sum of itself"));

    e = bad("id,title\nx,X,extra\n");
    check_at(e, file, 2, 5);
    CHECK_THAT(e.message, Contains("expected 2 fields"));
}

TEST_CASE("published figure errors", "[dataset][errors]") {
    test::TempDir dir;
    // Arrows and ratings are read in the publisher's words; the pack judges them when they are checked.
    Error e = observations_error(dir,
                                 "indicator,area,period,value,published_arrow\n"
                                 "vehicle_crime,Lambeth,2006/07,1,\"up\x01ish\"\n");
    check_at(e, dir.file("observations.csv"), 2, 33);
    CHECK_THAT(e.message, Contains("published_arrow \""));
    CHECK_THAT(e.message, Contains("control character U+0001"));

    e = observations_error(dir,
                           "indicator,area,period,value,published_change_pct\n"
                           "vehicle_crime,Lambeth,2006/07,1,about 7%\n");
    check_at(e, dir.file("observations.csv"), 2, 33);
    CHECK_THAT(e.message, Contains("published_change_pct: cannot read \"about 7%\""));
}

TEST_CASE("a bad dataset is rejected whole, even when the error is in a later file", "[dataset][errors]") {
    test::TempDir dir;
    dir.write("observations_2.csv", "indicator,area,period,value\nvehicle_crime,Lambeth,2007/08,x\n");
    Error e = observations_error(dir, "indicator,area,period,value\nvehicle_crime,Lambeth,2006/07,1\n");
    check_at(e, dir.file("observations_2.csv"), 2, 31);
}

namespace {

/// Writes rows of a random dataset (each (indicator, area, period) once, in
/// a shuffled order) and checks that every value lands where it belongs.
void check_random_dataset(size_t areas, size_t periods, bool shuffle, unsigned seed) {
    test::TempDir dir;
    std::mt19937 rng(seed);
    struct Row {
        int indicator, area, period;
        std::string value;
    };
    std::vector<Row> rows;
    for (int i = 0; i < 3; ++i)
        for (int a = 0; a < static_cast<int>(areas); ++a)
            for (int p = 0; p < static_cast<int>(periods); ++p) {
                int v = static_cast<int>(rng() % 1000);
                rows.push_back({i, a, p, v % 97 == 0 ? "N/A" : std::to_string(v)});
            }
    if (shuffle) std::shuffle(rows.begin(), rows.end(), rng);
    std::string csv = "indicator,area,period,value,note\n";
    for (const Row& r : rows)
        csv += fmt::format("ind{},area {},{},{},{}\n", r.indicator, r.area, 2000 + r.period, r.value,
                           r.value == "N/A" ? "why" : "");
    Dataset d = load_dataset(dir.write("random.csv", csv));
    check_invariants(d);
    REQUIRE(d.observation_count() == rows.size());
    CHECK(d.series.size() == 3 * areas);
    size_t missing = 0;
    for (const Row& r : rows) {
        std::string ind = fmt::format("ind{}", r.indicator), area = fmt::format("area {}", r.area),
                    period = std::to_string(2000 + r.period);
        uint32_t o = obs_at(d, ind, area, period);
        if (r.value == "N/A") {
            ++missing;
            CHECK_FALSE(d.has_value(o));
            CHECK(d.missing.at(o) == "N/A");
            CHECK(d.notes.at(o) == "why");
        } else {
            CHECK(d.obs_value[o] == std::stod(r.value));
        }
    }
    CHECK(d.missing.size() == missing);
    CHECK(d.notes.size() == missing);
}

}  // namespace

TEST_CASE("random row orders give the same dataset", "[dataset][property]") {
    check_random_dataset(40, 5, false, 1);   // grouped, in order
    check_random_dataset(40, 5, true, 2);    // few rows: runs out of order
    check_random_dataset(2000, 4, true, 3);  // many short runs: rows scattered
}

TEST_CASE("a file per period (rows grouped by period) loads", "[dataset]") {
    test::TempDir dir;
    std::string indicators = "id,title\nx,X\ny,Y\n";
    dir.write("indicators.csv", indicators);
    for (int p = 0; p < 3; ++p) {
        std::string csv = "indicator,area,period,value\n";
        for (const char* ind : {"x", "y"})
            for (int a = 0; a < 3000; ++a) csv += fmt::format("{},A{},{},{}\n", ind, a, 2010 + p, a * 10 + p);
        dir.write(fmt::format("observations_{}.csv", 2010 + p), csv);
    }
    Dataset d = load_dataset(dir.path);
    check_invariants(d);
    CHECK(d.series.size() == 6000);
    CHECK(d.files.size() == 4);
    CHECK(value_at(d, "y", "A2999", "2012") == 29992);
    CHECK(value_at(d, "x", "A17", "2011") == 171);

    // A duplicate among scattered rows is still located on both lines.
    dir.write("observations_2013.csv", "indicator,area,period,value\nx,A5,2011,0\n");
    Error e = load_error(dir.path);
    check_at(e, dir.file("observations_2013.csv"), 2, 6);
    CHECK_THAT(e.message, Contains("duplicate observation of x in A5 for 2011: already given at " +
                                   dir.file("observations_2011.csv") + ":7"));
}

TEST_CASE("financial years written as months are caught", "[dataset][errors]") {
    test::TempDir dir;
    Error e = load_error(dir.write("fy.csv",
                                   "indicator,area,period,value\n"
                                   "x,A,2005-06,1\n"
                                   "x,A,2006-07,2\n"));
    check_at(e, dir.file("fy.csv"), 2, 5);
    CHECK_THAT(e.message, Contains("period \"2005-06\" reads as a month"));
    CHECK_THAT(e.message, Contains("write financial years as 2005/06"));

    // Real months, some of which look like years, are fine.
    Dataset d = load_dataset(dir.write("months.csv",
                                       "indicator,area,period,value\n"
                                       "x,A,2006-06,1\n"
                                       "x,A,2006-07,2\n"));
    CHECK(d.periods[1].kind == PeriodKind::month);
    // A dashed year that cannot be a month is a financial year.
    d = load_dataset(dir.write("later.csv", "indicator,area,period,value\nx,A,2024-25,1\n"));
    CHECK(d.periods[0].kind == PeriodKind::financial_year);
}
