// The counts behind the figures: indicators.csv's value_type and per
// columns, observations' numerator, denominator and sd columns, kept with
// their observation whatever the row order, and every inconsistency refused
// at its cell.
#include "temp_dir.hpp"

#include <assay/dataset.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace assay;
using Catch::Contains;

namespace {

const char* const indicators_csv =
    "id,title,unit,polarity,decimals,value_type,per\n"
    "robbery,Robbery,count,lower,0,count,\n"
    "robbery_rate,Robbery per 1000,rate,lower,2,rate,1000\n"
    "answered,Calls answered,percent,higher,1,proportion,\n"
    "wait,Mean wait,duration,lower,1,mean,\n"
    "plain,No type,count,neutral,0,,\n";

Error load_error(const test::TempDir& dir, std::string_view indicators, std::string_view observations) {
    dir.write("indicators.csv", indicators);
    dir.write("observations.csv", observations);
    try {
        load_dataset(dir.path);
    } catch (const InputError& e) {
        return e.error();
    }
    FAIL("loaded without error");
    return {};
}

const ObservationCounts* counts_at(const Dataset& d, std::string_view ind, std::string_view area,
                                   std::string_view period) {
    auto s = d.find_series(*d.find_indicator(ind), *d.find_area(area));
    REQUIRE(s);
    auto p = d.find_period(period);
    REQUIRE(p);
    for (uint32_t i = d.series[*s].begin; i < d.series[*s].end; ++i)
        if (d.obs_period[i] == *p) {
            auto it = d.counts.find(i);
            return it == d.counts.end() ? nullptr : &it->second;
        }
    FAIL("no observation");
    return nullptr;
}

}  // namespace

TEST_CASE("value types and multipliers are read from indicators.csv", "[dataset][counts]") {
    test::TempDir dir;
    dir.write("indicators.csv", indicators_csv);
    dir.write("observations.csv", "indicator,area,period,value\nrobbery,A,2006/07,76\n");
    Dataset d = load_dataset(dir.path);
    CHECK(d.indicators[0].value_type == ValueType::count);
    CHECK(d.indicators[1].value_type == ValueType::rate);
    CHECK(d.indicators[1].per == 1000);
    CHECK(d.indicators[2].value_type == ValueType::proportion);
    CHECK(d.indicators[2].per == 100);  // a percentage is per 100 unless said otherwise
    CHECK(d.indicators[3].value_type == ValueType::mean);
    CHECK(d.indicators[4].value_type == ValueType::none);
    CHECK(d.counts.empty());
}

TEST_CASE("numerators and denominators follow their observation when rows are reordered", "[dataset][counts]") {
    test::TempDir dir;
    dir.write("indicators.csv", indicators_csv);
    // Rows out of period order and series interleaved: the loader moves them.
    dir.write("observations.csv",
              "indicator,area,period,value,numerator,denominator,sd\n"
              "robbery_rate,B,2006/07,0.76,76,100000,\n"
              "answered,A,2006/07,75.0,750,1000,\n"
              "robbery_rate,B,2005/06,0.75,75,100000,\n"
              "answered,A,2005/06,50.0,1,2,\n"
              "wait,A,2005/06,12.5,,40,3.2\n"
              "plain,A,2005/06,5,,,\n"
              "robbery,A,2005/06,75,75,,\n");
    Dataset d = load_dataset(dir.path);
    const ObservationCounts* c = counts_at(d, "robbery_rate", "B", "2005/06");
    REQUIRE(c);
    CHECK(c->numerator == 75);
    CHECK(c->denominator == 100000);
    CHECK(std::isnan(c->sd));
    c = counts_at(d, "robbery_rate", "B", "2006/07");
    REQUIRE(c);
    CHECK(c->numerator == 76);
    c = counts_at(d, "answered", "A", "2005/06");
    REQUIRE(c);
    CHECK(c->numerator == 1);
    CHECK(c->denominator == 2);
    c = counts_at(d, "wait", "A", "2005/06");
    REQUIRE(c);
    CHECK(c->denominator == 40);
    CHECK(c->sd == 3.2);
    CHECK(counts_at(d, "plain", "A", "2005/06") == nullptr);  // nothing given: nothing kept
}

TEST_CASE("inconsistent counts are refused at their cell", "[dataset][counts]") {
    test::TempDir dir;
    const std::string head = "indicator,area,period,value,numerator,denominator\n";
    SECTION("numerator more than denominator for a proportion") {
        Error e = load_error(dir, indicators_csv, head + "answered,A,2006/07,100.0,1001,1000\n");
        CHECK(e.where.line == 2);
        CHECK(e.where.column == 26);  // the numerator cell's first character
        CHECK_THAT(e.message, Contains("numerator 1001 is more than the denominator 1000"));
        CHECK_THAT(e.message, Contains("\"answered\" is a proportion"));
    }
    SECTION("negative count") {
        Error e = load_error(dir, indicators_csv, head + "robbery,A,2006/07,-3,-3,\n");
        CHECK(e.where.column == 22);
        CHECK_THAT(e.message, Contains("cannot be negative"));
    }
    SECTION("zero denominator") {
        Error e = load_error(dir, indicators_csv, head + "robbery_rate,A,2006/07,0,0,0\n");
        CHECK(e.where.column == 28);
        CHECK_THAT(e.message, Contains("denominator 0"));
    }
    SECTION("value disagrees with the counts") {
        Error e = load_error(dir, indicators_csv, head + "robbery_rate,A,2006/07,0.86,76,100000\n");
        CHECK(e.where.line == 2);
        CHECK_THAT(e.message, Contains("numerator and denominator give 0.7600"));
        CHECK_THAT(e.message, Contains("rate per 1000"));
        CHECK_THAT(e.message, Contains("the value is 0.86"));
    }
    SECTION("a value rounded as the indicator's decimals say is consistent") {
        dir.write("indicators.csv", indicators_csv);
        dir.write("observations.csv", head + "answered,A,2006/07,33.3,1,3\n");
        CHECK_NOTHROW(load_dataset(dir.path));
    }
    SECTION("not a number") {
        Error e = load_error(dir, indicators_csv, head + "robbery,A,2006/07,76,seventy,\n");
        CHECK(e.where.column == 22);
        CHECK_THAT(e.message, Contains("numerator"));
    }
    SECTION("unknown value type, with a suggestion") {
        Error e = load_error(dir, "id,title,value_type\nx,X,proportoin\n", "indicator,area,period,value\n");
        CHECK(e.where.line == 2);
        CHECK(e.where.column == 5);
        CHECK_THAT(e.message, Contains("did you mean \"proportion\"?"));
    }
    SECTION("a rate must say per how many") {
        Error e = load_error(dir, "id,title,value_type,per\nx,X,rate,\n", "indicator,area,period,value\n");
        CHECK(e.where.line == 2);
        CHECK_THAT(e.message, Contains("per column must say per how many"));
    }
    SECTION("a count has no multiplier") {
        Error e = load_error(dir, "id,title,value_type,per\nx,X,count,100\n", "indicator,area,period,value\n");
        CHECK(e.where.column == 11);
        CHECK_THAT(e.message, Contains("only a proportion, rate or dsr has a multiplier"));
    }
}

TEST_CASE("an officer's table (one row per indicator and quarter) carries counts too", "[dataset][counts][tables]") {
    test::TempDir dir;
    dir.write("indicators.csv", indicators_csv);
    // No area column, Quarter for period, counts beside the value and target.
    dir.write("observations.csv",
              "Indicator,Quarter,Value,Target,Numerator,Denominator,SD\n"
              "answered,2024 Q1,75.0,80,750,1000,\n"
              "answered,2024 Q2,50.0,80,1,2,\n"
              "wait,2024 Q2,12.5,,,40,3.5\n"
              "robbery,2024 Q2,76,,,,\n");
    Dataset d = load_dataset(dir.path);
    const ObservationCounts* c = counts_at(d, "answered", "All", "2024 Q1");
    REQUIRE(c);
    CHECK(c->numerator == 750);
    CHECK(c->denominator == 1000);
    CHECK(std::isnan(c->sd));
    c = counts_at(d, "answered", "All", "2024 Q2");
    REQUIRE(c);
    CHECK(c->numerator == 1);
    CHECK(c->denominator == 2);
    c = counts_at(d, "wait", "All", "2024 Q2");
    REQUIRE(c);
    CHECK(std::isnan(c->numerator));
    CHECK(c->denominator == 40);
    CHECK(c->sd == 3.5);
    CHECK(counts_at(d, "robbery", "All", "2024 Q2") == nullptr);
}

TEST_CASE("an officer's table refuses inconsistent counts, every one at its cell", "[dataset][counts][tables]") {
    test::TempDir dir;
    Error e = load_error(dir, indicators_csv,
                         // Cells are reported by line and character column.
                         "Indicator,Quarter,Value,Numerator,Denominator,SD\n"
                         "answered,2024 Q1,100.0,1001,1000,\n"     // line 2: more than the denominator
                         "robbery,2024 Q1,76,-1,,\n"               // line 3: negative count
                         "answered,2024 Q2,50.0,0,0,\n"            // line 4: zero denominator
                         "wait,2024 Q1,12.5,,40,-2\n"              // line 5: negative sd
                         "robbery_rate,2024 Q1,0.86,76,100000,\n"  // line 6: 0.76 per 1000, not 0.86
                         "answered,2024 Q3,50.0,one,2,\n");        // line 7: not a number
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 24);  // the numerator cell: after "answered,2024 Q1,100.0,"
    CHECK_THAT(e.message, Contains("numerator 1001 is more than the denominator 1000"));
    CHECK_THAT(e.message, Contains("\"answered\" is a proportion"));
    CHECK_THAT(e.message, Contains(":3:20: numerator -1: a count cannot be negative"));
    CHECK_THAT(e.message, Contains(":4:25: denominator 0"));
    CHECK_THAT(e.message, Contains(":5:23: sd -2: cannot be negative"));
    CHECK_THAT(e.message, Contains(":6:27: numerator and denominator give 0.7600"));
    CHECK_THAT(e.message, Contains(":7:23: numerator: cannot read \"one\" as a number"));
    CHECK_THAT(e.message, Contains("6 problems"));
}

TEST_CASE("a wide table refuses count columns, which belong to one period's value", "[dataset][counts][tables]") {
    test::TempDir dir;
    Error e = load_error(dir, indicators_csv,
                         "Indicator,2024 Q1,2024 Q2,Numerator\n"
                         "robbery,76,70,76\n");
    CHECK(e.where.line == 1);
    CHECK(e.where.column == 27);  // the Numerator heading: after "Indicator,2024 Q1,2024 Q2,"
    CHECK_THAT(e.message, Contains("column \"numerator\": counts belong to one period's value"));
}
