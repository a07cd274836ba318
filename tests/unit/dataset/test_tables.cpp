// Tables as officers keep them: one row per indicator and period with
// thresholds beside the value, no area column, `quarter` for `period`; wide
// tables with one column per period; every problem in a file at once.
#include "temp_dir.hpp"

#include <assay/dataset.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using assay::Dataset;
using assay::InputError;
using assay::load_dataset;
using assay::Polarity;
using assay::test::load_error;
using assay::test::TempDir;

namespace {

/// The value of `indicator` in `area` at the period labelled `period` (NaN when missing or absent).
double value_at(const Dataset& d, const std::string& indicator, const std::string& area, const std::string& period) {
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
    return NAN;
}

const assay::Threshold* threshold_at(const Dataset& d, const std::string& indicator, const std::string& period,
                                     const std::string& name, const std::string& area = "All") {
    auto s = d.find_series(*d.find_indicator(indicator), *d.find_area(area));
    REQUIRE(s);
    return d.find_threshold(*s, *d.find_period(period), name);
}

}  // namespace

TEST_CASE("one row per indicator and quarter, thresholds beside the value, no area column") {
    TempDir dir;
    auto file = dir.write("kpis.csv",
                          "Indicator,Quarter,Value,Target,Floor,Tolerance,Polarity,Title\n"
                          "missed_bins,2024 Q1,40,35,45,5%,lower,Missed bins\n"
                          "missed_bins,2024 Q2,37,34,,0.5,lower,Missed bins\n"
                          "calls,2024 Q2,91.5,N/A,85,,higher,\n");
    Dataset d = load_dataset(file);
    REQUIRE(d.areas.size() == 1);
    CHECK(d.areas[0] == "All");
    CHECK(value_at(d, "missed_bins", "All", "2024 Q1") == 40);
    CHECK(value_at(d, "missed_bins", "All", "2024 Q2") == 37);
    CHECK(value_at(d, "calls", "All", "2024 Q2") == 91.5);
    const auto& bins = d.indicators[*d.find_indicator("missed_bins")];
    CHECK(bins.polarity == Polarity::lower_is_better);
    CHECK(bins.title == "Missed bins");
    CHECK(d.indicators[*d.find_indicator("calls")].polarity == Polarity::higher_is_better);
    // Targets change from one quarter to the next.
    REQUIRE(threshold_at(d, "missed_bins", "2024 Q1", "target"));
    CHECK(threshold_at(d, "missed_bins", "2024 Q1", "target")->value == 35);
    CHECK(threshold_at(d, "missed_bins", "2024 Q2", "target")->value == 34);
    CHECK(threshold_at(d, "missed_bins", "2024 Q1", "floor")->value == 45);
    // An empty cell and N/A give no threshold for that period.
    CHECK(threshold_at(d, "missed_bins", "2024 Q2", "floor") == nullptr);
    CHECK(threshold_at(d, "calls", "2024 Q2", "target") == nullptr);
    // A tolerance written with % is a percentage; without, units.
    CHECK(threshold_at(d, "missed_bins", "2024 Q1", "tolerance")->percent);
    CHECK(threshold_at(d, "missed_bins", "2024 Q1", "tolerance")->value == 5);
    CHECK_FALSE(threshold_at(d, "missed_bins", "2024 Q2", "tolerance")->percent);
    CHECK(d.has_threshold(*d.find_indicator("calls"), "floor"));
    CHECK_FALSE(d.has_threshold(*d.find_indicator("calls"), "target"));
}

TEST_CASE("year and month name the period column; an area column still works") {
    TempDir dir;
    auto a = dir.write("a.csv", "indicator,area,year,value,target\nx,North,2023/24,5,6\nx,South,2023/24,7,6\n");
    Dataset d = load_dataset(a);
    CHECK(d.areas.size() == 2);
    CHECK(value_at(d, "x", "South", "2023/24") == 7);
    CHECK(threshold_at(d, "x", "2023/24", "target", "North")->value == 6);
    auto m = dir.write("m.csv", "indicator,month,value\nx,Sep 2024,1\nx,Oct 2024,2\n");
    CHECK(value_at(load_dataset(m), "x", "All", "Oct 2024") == 2);
}

TEST_CASE("a wide table: one column per period, metadata and thresholds in the same sheet") {
    TempDir dir;
    auto file = dir.write("wide.csv",
                          "indicator,title,polarity,target,2023 Q3,2023 Q4,2024 Q1\n"
                          "missed_bins,Missed bins,lower,35,40,,N/A\n"
                          "calls,Calls answered,higher,90,80,85,91\n");
    Dataset d = load_dataset(file);
    CHECK(d.periods.size() == 3);
    CHECK(value_at(d, "missed_bins", "All", "2023 Q3") == 40);
    // An empty cell is no figure; N/A is a missing one with its reason.
    auto bins = d.find_series(*d.find_indicator("missed_bins"), 0);
    CHECK(d.series[*bins].end - d.series[*bins].begin == 2);
    CHECK(std::isnan(value_at(d, "missed_bins", "All", "2024 Q1")));
    CHECK(value_at(d, "calls", "All", "2024 Q1") == 91);
    CHECK(d.indicators[*d.find_indicator("calls")].title == "Calls answered");
    CHECK(threshold_at(d, "calls", "2023 Q4", "target")->value == 90);
    CHECK(threshold_at(d, "calls", "2024 Q1", "target")->value == 90);
}

TEST_CASE("every problem in a file is reported at once") {
    TempDir dir;
    SECTION("header: unknown columns with suggestions, and a missing one") {
        auto file = dir.write("h.csv", "indicator,qaurter,valeu,polarty\nx,2024 Q1,1,up\n");
        std::string e = load_error(file);
        CHECK(e.find("h.csv:1:11: unknown column \"qaurter\" (did you mean \"quarter\"?)") != std::string::npos);
        CHECK(e.find("h.csv:1:19: unknown column \"valeu\" (did you mean \"value\"?)") != std::string::npos);
        CHECK(e.find("unknown column \"polarty\" (did you mean \"polarity\"?)") != std::string::npos);
        CHECK(e.find("missing required column \"period\"") != std::string::npos);
        CHECK(e.find("missing required column \"value\"") != std::string::npos);
        CHECK(e.find("h.csv: 5 problems") != std::string::npos);
    }
    SECTION("rows: each bad cell named, the good rows still checked") {
        auto file = dir.write("r.csv",
                              "indicator,quarter,value,target,polarity\n"
                              "x,2024 Q1,lots,5,higher\n"
                              "x,2024 Q5,3,5,higher\n"
                              "x,2024 Q2,3,five,higher\n"
                              "x,2024 Q3,3,5,sideways\n"
                              "x,2024 Q4,3,5,higher\n"
                              "x,2024 Q4,4,5,higher\n"
                              "x,2025 Q1,3,5,lower\n");
        std::string e = load_error(file);
        CHECK(e.find("r.csv:2:11: value: cannot read \"lots\"") != std::string::npos);
        CHECK(e.find("r.csv:3:3: ") != std::string::npos);
        CHECK(e.find("r.csv:4:13: target: cannot read \"five\"") != std::string::npos);
        CHECK(e.find("r.csv:5:15: polarity \"sideways\"") != std::string::npos);
        CHECK(e.find("r.csv:7:3: duplicate observation of x in All for 2024 Q4: already given at line 6") !=
              std::string::npos);
        CHECK(e.find("r.csv:8:15: polarity \"lower\" for indicator \"x\", but line 2 gives \"higher_is_better\"") !=
              std::string::npos);
        CHECK(e.find("r.csv: 6 problems") != std::string::npos);
    }
    SECTION("a value column beside period columns") {
        auto file = dir.write("w.csv", "indicator,value,2024 Q1\nx,1,2\n");
        CHECK(load_error(file).find("one column per period, not both") != std::string::npos);
    }
}

TEST_CASE("the plain long form still reads as before") {
    TempDir dir;
    auto file = dir.write("o.csv", "indicator,area,period,value\nx,A,2024,1\n");
    std::string e = load_error(dir.write("bad.csv", "indicator,area,period,valeu\nx,A,2024,1\n"));
    CHECK(e.find("bad.csv:1:23: unknown column \"valeu\" (did you mean \"value\"?); the columns are indicator, area, "
                 "period, value, note, published_arrow") != std::string::npos);
    CHECK(value_at(load_dataset(file), "x", "A", "2024") == 1);
}
