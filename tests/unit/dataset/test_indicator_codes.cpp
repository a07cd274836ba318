// Indicator ids as councils write them: dots, spaces, slashes and capitals
// load as written; control characters, over-long ids and ids that share a
// normalised form are refused at their cell; indicator_key() is the one
// normalised form for file names and keys.
#include "temp_dir.hpp"

#include <assay/dataset.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace assay;
using Catch::Contains;

namespace {

Error load_error(const std::filesystem::path& p) {
    try {
        load_dataset(p);
    } catch (const InputError& e) {
        return e.error();
    }
    FAIL("loaded without error");
    return {};
}

}  // namespace

TEST_CASE("indicator_key: the normalised form of a council's code", "[dataset][codes]") {
    CHECK(indicator_key("1.1.2.PI") == "1_1_2_pi");
    CHECK(indicator_key("NI 195") == "ni_195");
    CHECK(indicator_key("PAM/012") == "pam_012");
    CHECK(indicator_key("LPI 157a") == "lpi_157a");
    CHECK(indicator_key("theft_of_vehicle") == "theft_of_vehicle");  // an id of that form is its own key
    CHECK(indicator_key("a__b") == "a__b");
    CHECK(indicator_key("KPI - 3 / (a)") == "kpi_3_a_");  // a run of other characters is one _
    CHECK(indicator_key("../../etc/passwd") == "_etc_passwd");
    CHECK(indicator_key("Zufriedenheit ä") == "zufriedenheit_");
    CHECK(indicator_key("★★") == "indicator");
    const std::string long_a(150, 'a'), long_b = std::string(149, 'a') + "b";
    CHECK(indicator_key(long_a).size() == max_indicator_key);
    CHECK(indicator_key(long_a).substr(0, 55) == std::string(55, 'a'));
    CHECK(indicator_key(long_a) != indicator_key(long_b));
    CHECK(indicator_key(long_a) == indicator_key(long_a));  // stable
}

TEST_CASE("a council's codes load as written and are found as written", "[dataset][codes]") {
    test::TempDir dir;
    dir.write("indicators.csv",
              "id,title,unit,polarity,decimals\n"
              "1.1.2.PI,% recycled,percent,higher,1\n"
              "NI 195,% streets with litter,percent,lower,0\n"
              "PAM/012,% prevented,percent,higher,0\n"
              "Total,All,count,neutral,0\n");
    dir.write("observations.csv",
              "indicator,area,period,value\n"
              "1.1.2.PI,Westshire,2025/26 Q1,73.0\n"
              "NI 195,Westshire,2025/26 Q1,12\n"
              "PAM/012,Westshire,2025/26 Q1,40\n");
    SECTION("loads") {
        dir.write("indicators.csv",
                  "id,title,unit,polarity,decimals,sum_of\n"
                  "1.1.2.PI,% recycled,percent,higher,1,\n"
                  "NI 195,% streets with litter,percent,lower,0,\n"
                  "PAM/012,% prevented,percent,higher,0,\n"
                  "Total,All,count,neutral,0,NI 195 + PAM/012\n");
        Dataset d = load_dataset(dir.path);
        REQUIRE(d.indicators.size() == 4);
        CHECK(d.indicators[0].id == "1.1.2.PI");
        CHECK(d.indicators[1].id == "NI 195");
        CHECK(d.indicators[3].sum_of == "NI 195 + PAM/012");
        CHECK(d.find_indicator("PAM/012") == 2u);
        CHECK_FALSE(d.find_indicator("pam_012"));  // the key is not the id
    }
    SECTION("an unknown code is named as written, with the closest one") {
        dir.write("observations.csv", "indicator,area,period,value\nNI 196,Westshire,2025/26 Q1,12\n");
        Error e = load_error(dir.path);
        CHECK(e.where.line == 2);
        CHECK_THAT(e.message, Contains("unknown indicator \"NI 196\" (did you mean \"NI 195\"?)"));
    }
    SECTION("two codes with one normalised form are refused, naming both") {
        dir.write("indicators.csv", "id,title\nNI 195,A\nni_195,B\n");
        Error e = load_error(dir.path);
        CHECK(e.where.line == 3);
        CHECK(e.where.column == 1);
        CHECK_THAT(e.message, Contains("indicator id \"ni_195\" has the same file name and key \"ni_195\" as "
                                       "\"NI 195\" (line 2)"));
    }
    SECTION("a control character is refused at its cell") {
        dir.write("indicators.csv", "id,title\n\"NI\x1b[31m195\",A\n");
        Error e = load_error(dir.path);
        CHECK(e.where.line == 2);
        CHECK_THAT(e.message, Contains("control character U+001B"));
        CHECK_THAT(e.message, !Contains("\x1b"));  // shown escaped, never sent to a terminal
    }
    SECTION("a C1 control character is refused") {
        dir.write("indicators.csv",
                  "id,title\n\"NI\xc2\x85"
                  "195\",A\n");
        CHECK_THAT(load_error(dir.path).message, Contains("control character U+0085"));
    }
    SECTION("an id longer than the limit is refused") {
        dir.write("indicators.csv", "id,title\n" + std::string(max_indicator_code + 1, 'x') + ",A\n");
        Error e = load_error(dir.path);
        CHECK(e.where.line == 2);
        CHECK_THAT(e.message, Contains("at most 200 bytes, this one holds 201"));
        CHECK(e.message.size() < 400);  // the id is shortened in the message
    }
    SECTION("in a single observations file too") {
        auto file = dir.write("single.csv", "indicator,area,period,value\n\"NI\t195\",A,2025/26 Q1,1\n");
        CHECK_THAT(load_error(file).message, Contains("control character U+0009"));
        file = dir.write("single2.csv", "indicator,area,period,value\nNI 195,A,2025/26 Q1,1\nPAM/012,A,2025/26 Q1,2\n");
        Dataset d = load_dataset(file);
        CHECK(d.find_indicator("NI 195"));
        CHECK(d.find_indicator("PAM/012"));
    }
}
