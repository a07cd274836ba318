// Every problem in a file at once, in the long form and in indicators.csv
// as in officers' tables: each bad row named at its line and column, the
// rows after it still read, then the count.
#include "temp_dir.hpp"

#include <assay/dataset.hpp>

#include <catch2/catch.hpp>

#include <string>

using assay::InputError;
using assay::load_dataset;
using assay::test::TempDir;

std::string load_error(const std::filesystem::path& p) {
    return assay::test::load_error(p, 1u);
}

TEST_CASE("the long form: a bad value, a bad period and a wrong width, all reported") {
    TempDir dir;
    auto file = dir.write("obs.csv",
                          "indicator,area,period,value\n"
                          "x,North,2024 Q1,lots\n"
                          "x,North,2024 Q9,3\n"
                          "x,South,2024 Q1,1,2\n"
                          "x,South,2024 Q2,4\n");
    std::string e = load_error(file);
    CHECK(e.find("obs.csv:2:17: value: cannot read \"lots\" as a number") != std::string::npos);
    CHECK(e.find("obs.csv:3:9: period \"2024 Q9\"") != std::string::npos);
    CHECK(e.find("obs.csv:4:") != std::string::npos);
    CHECK(e.find("found 5") != std::string::npos);
    CHECK(e.find("obs.csv: 3 problems") != std::string::npos);
    // The same from the parallel reader, which hands files with problems to the general one.
    std::string parallel;
    try {
        load_dataset(file, 4);
    } catch (const InputError& x) {
        parallel = x.what();
    }
    CHECK(parallel == e);
}

TEST_CASE("indicators.csv: an unknown unit, bad decimals and an unknown sum_of term, all reported") {
    TempDir dir;
    dir.write("indicators.csv",
              "id,title,unit,polarity,decimals,sum_of\n"
              "x,X,kount,higher_is_better,1,\n"
              "y,Y,count,higher_is_better,z,\n"
              "z,Z,count,neutral,0,x+w\n");
    dir.write("observations.csv", "indicator,area,period,value\nx,A,2024,1\n");
    std::string e = load_error(dir.path);
    CHECK(e.find("indicators.csv:2:5: unit \"kount\" (did you mean \"count\"?)") != std::string::npos);
    CHECK(e.find("indicators.csv:3:") != std::string::npos);
    CHECK(e.find("decimals \"z\"") != std::string::npos);
    CHECK(e.find("sum_of names unknown indicator \"w\"") != std::string::npos);
    CHECK(e.find("indicators.csv: 3 problems") != std::string::npos);
}

TEST_CASE("a bad name met again is reported again, and the names after it keep their places") {
    TempDir dir;
    // "ghost" is not declared and "2024 Q9" is no period: each appears twice,
    // and the good rows between and after them must still read as x and y.
    dir.write("indicators.csv",
              "id,title,unit,polarity,decimals\n"
              "x,X,percent,higher_is_better,1\n"
              "y,Y,count,lower_is_better,0\n");
    dir.write("observations.csv",
              "indicator,area,period,value\n"
              "ghost,North,2024 Q1,1\n"
              "x,North,2024 Q9,2%\n"
              "ghost,South,2024 Q1,1\n"
              "x,South,2024 Q9,3%\n"
              "x,\t,2024 Q1,4%\n"
              "x,\t,2024 Q2,5%\n"
              "y,North,2024 Q1,6%\n");
    std::string e = load_error(dir.path);
    CHECK(e.find("observations.csv:2:1: unknown indicator \"ghost\"") != std::string::npos);
    CHECK(e.find("observations.csv:4:1: unknown indicator \"ghost\"") != std::string::npos);
    CHECK(e.find("observations.csv:3:9: period \"2024 Q9\"") != std::string::npos);
    CHECK(e.find("observations.csv:5:9: period \"2024 Q9\"") != std::string::npos);
    CHECK(e.find("observations.csv:6:3: empty area") != std::string::npos);
    CHECK(e.find("observations.csv:7:3: empty area") != std::string::npos);
    // y is a count: its percentage is refused as y's, not read as another indicator's.
    CHECK(e.find("observations.csv:8:17: value \"6%\": written as a percentage (%), but indicator \"y\"") !=
          std::string::npos);
    CHECK(e.find("observations.csv: 7 problems") != std::string::npos);
}
