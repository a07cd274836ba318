// period_reading (run/period_reading.cpp): a quarter or year written in
// calendar terms where the data's labels are financial (or the other way
// round) is named with the span it is taken as and the spelling of the
// other reading. The spans are the calendar's: financial Q1 is April to
// June, the financial year 2024/25 April 2024 to March 2025.
#include <assay/period.hpp>
#include <assay/run.hpp>

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

using namespace assay;

namespace {

Dataset with_periods(std::initializer_list<const char*> labels) {
    Dataset d;
    d.name = "test";
    for (const char* label : labels) d.periods.push_back(parse_period(label).value());
    return d;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a calendar quarter where the data counts financial quarters", "[period_reading]") {
    Dataset d = with_periods({"2024/25 Q3", "2024/25 Q4", "2025/26 Q1"});
    std::string w = period_reading(d, "--as-at", "2025 Q1");
    INFO(w);
    CHECK(has(w, "--as-at 2025 Q1: taken as the calendar quarter January to March 2025, the data's 2024/25 Q4"));
    CHECK(has(w, "so for its Q1 (April to June 2025) write 2025/26 Q1"));
    // A quarter the data does not hold, whose financial namesake it does not hold either.
    w = period_reading(d, "--as-at", "2025 Q4");
    INFO(w);
    CHECK(has(w, "October to December 2025, which the data does not hold"));
    CHECK(has(w, "for its Q4 (January to March 2026) write 2025/26 Q4"));
    // Written the data's way: nothing to say.
    CHECK(period_reading(d, "--as-at", "2025/26 Q1").empty());
    CHECK(period_reading(d, "--as-at", "Q1 2025/26").empty());
}

TEST_CASE("a financial quarter where the data counts calendar quarters", "[period_reading]") {
    Dataset d = with_periods({"2024 Q4", "2025 Q1", "2025 Q2"});
    std::string w = period_reading(d, "--periods", "2025/26 Q1");
    INFO(w);
    CHECK(has(w, "--periods 2025/26 Q1: taken as the financial quarter April to June 2025, the data's 2025 Q2"));
    CHECK(has(w, "the data counts quarters in calendar terms, so for its Q1 (January to March 2025) write 2025 Q1"));
    CHECK(period_reading(d, "--as-at", "2025 Q1").empty());
}

TEST_CASE("years: calendar against financial", "[period_reading]") {
    Dataset fy = with_periods({"2023/24", "2024/25"});
    std::string w = period_reading(fy, "--as-at", "2024");
    INFO(w);
    CHECK(has(w, "taken as the calendar year January to December 2024, which the data does not hold"));
    CHECK(has(w, "write 2024/25 (April 2024 to March 2025) or 2023/24 (April 2023 to March 2024)"));
    CHECK(period_reading(fy, "--as-at", "2024/25").empty());

    Dataset cy = with_periods({"2023", "2024"});
    w = period_reading(cy, "--as-at", "2024/25");
    INFO(w);
    CHECK(has(w, "taken as the financial year April 2024 to March 2025"));
    CHECK(has(w, "write 2024 (January to December 2024) or 2025 (January to December 2025)"));
    CHECK(period_reading(cy, "--as-at", "2024").empty());
}

TEST_CASE("spellings with one reading, and data without quarters or years, say nothing", "[period_reading]") {
    Dataset months = with_periods({"2024-12", "2025-01"});
    CHECK(period_reading(months, "--as-at", "2025-01").empty());
    CHECK(period_reading(months, "--as-at", "2025 Q1").empty());  // no quarters in the data to read otherwise
    CHECK(period_reading(months, "--as-at", "not a period").empty());
    CHECK(period_reading(months, "--as-at", "").empty());
    Dataset fy = with_periods({"2024/25 Q1"});
    std::vector<std::string> ends = period_spec_readings(fy, "--periods", "2024 Q2..2024/25 Q1");
    REQUIRE(ends.size() == 1);
    CHECK(has(ends[0], "--periods 2024 Q2: taken as the calendar quarter April to June 2024, the data's 2024/25 Q1"));
    CHECK(period_spec_readings(fy, "--periods", "all").empty());
}
