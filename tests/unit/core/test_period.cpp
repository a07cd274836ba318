// Tests of core/period.cpp: every accepted label form, ordering, shifting,
// canonical labels and the round trip parse(canonical_label(p)) == p.
#include <assay/period.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

using namespace assay;

namespace {

int32_t m(int year, int month) {
    return year * 12 + month - 1;
}

Period parsed(std::string_view text) {
    Result<Period> r = parse_period(text);
    INFO(text << ": " << (r.ok() ? "" : r.error().message));
    REQUIRE(r.ok());
    return r.value();
}

void check_span(std::string_view text, PeriodKind kind, int32_t first, int32_t last) {
    Period p = parsed(text);
    INFO(text);
    CHECK(p.kind == kind);
    CHECK(p.first == first);
    CHECK(p.last == last);
}

}  // namespace

TEST_CASE("financial and calendar years", "[period]") {
    check_span("2006/07", PeriodKind::financial_year, m(2006, 4), m(2007, 3));
    check_span("2006/2007", PeriodKind::financial_year, m(2006, 4), m(2007, 3));
    check_span("1999/00", PeriodKind::financial_year, m(1999, 4), m(2000, 3));
    check_span("2024", PeriodKind::calendar_year, m(2024, 1), m(2024, 12));
    CHECK(parsed("2006/07").months() == 12);
    CHECK_THAT(parse_period("2006/08").error().message, Catch::Contains("2006/07"));
}

TEST_CASE("calendar and financial quarters", "[period]") {
    check_span("2024 Q2", PeriodKind::quarter, m(2024, 4), m(2024, 6));
    check_span("2024-Q2", PeriodKind::quarter, m(2024, 4), m(2024, 6));
    check_span("2024Q4", PeriodKind::quarter, m(2024, 10), m(2024, 12));
    check_span("Q1 2024", PeriodKind::quarter, m(2024, 1), m(2024, 3));
    check_span("2024/25 Q2", PeriodKind::quarter, m(2024, 7), m(2024, 9));
    check_span("2024/25 Q4", PeriodKind::quarter, m(2025, 1), m(2025, 3));
    check_span("Q1 2024/25", PeriodKind::quarter, m(2024, 4), m(2024, 6));
    // Financial Q2 and calendar Q3 cover the same months: the same period.
    CHECK(parsed("2024/25 Q2") == parsed("2024 Q3"));
    CHECK_THAT(parse_period("2024 Q5").error().message, Catch::Contains("Q1 to Q4"));
}

TEST_CASE("months in every spelling", "[period]") {
    for (std::string_view text : {"2024-09", "Sep 2024", "Sept 2024", "September 2024", "sep 2024", "SEPT 2024",
                                  "Sep-24", "Sep 24", "Sept. 2024", "  Sep   2024 "})
        check_span(text, PeriodKind::month, m(2024, 9), m(2024, 9));
    check_span("Jan 1999", PeriodKind::month, m(1999, 1), m(1999, 1));
    check_span("Dec 99", PeriodKind::month, m(1999, 12), m(1999, 12));
    CHECK_FALSE(parse_period("2024-13").ok());
    CHECK_FALSE(parse_period("Sep 202").ok());
}

TEST_CASE("labels are kept as written", "[period]") {
    CHECK(parsed("Sept 2024").label == "Sept 2024");
    CHECK(parsed("  2006/07 ").label == "2006/07");
    CHECK(parsed("Sep 2024") == parsed("Sept 2024"));
}

TEST_CASE("rolling years end in the named month", "[period]") {
    for (std::string_view text :
         {"12 months to Sept 2024", "12 months to 2024-09", "12 Months To Sep 2024", "12 months ending September 2024"})
        check_span(text, PeriodKind::rolling_year, m(2023, 10), m(2024, 9));
}

TEST_CASE("ranges of whole months", "[period]") {
    check_span("Jul 22 - Jun 23", PeriodKind::range, m(2022, 7), m(2023, 6));
    check_span("Jul 2022 - Jun 2023", PeriodKind::range, m(2022, 7), m(2023, 6));
    check_span("Aug 2023 - Jun 2024", PeriodKind::range, m(2023, 8), m(2024, 6));
    check_span("Aug 2023 \xE2\x80\x93 Jun 2024", PeriodKind::range, m(2023, 8), m(2024, 6));
    check_span("Jul 22-Jun 23", PeriodKind::range, m(2022, 7), m(2023, 6));
    check_span("2022-07 - 2023-06", PeriodKind::range, m(2022, 7), m(2023, 6));
    check_span("Jul 2022 to Jun 2023", PeriodKind::range, m(2022, 7), m(2023, 6));
    CHECK(parsed("Aug 2023 - Jun 2024").months() == 11);
    CHECK_THAT(parse_period("Jun 23 - Jul 22").error().message, Catch::Contains("on or after"));
    // A range is not a rolling year even when it covers the same months.
    CHECK_FALSE(parsed("Jul 22 - Jun 23") == parsed("12 months to Jun 2023"));
}

TEST_CASE("unknown labels list the accepted forms", "[period]") {
    for (std::string_view text : {"", "yesterday", "2024/25/26", "FY24", "Q2", "24", "12 months to", "2024 Q",
                                  "Jul 22 -", "13 months to Sep 2024", "0999"}) {
        Result<Period> r = parse_period(text);
        INFO(text);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("2006/07 (financial year)"));
        CHECK_THAT(r.error().message, Catch::Contains("12 months to Sep 2024"));
        CHECK_THAT(r.error().message, Catch::Contains("Jul 22 - Jun 23"));
    }
}

TEST_CASE("periods order by end month, then start, then kind", "[period]") {
    Period fy = parsed("2006/07");
    Period cy = parsed("2006");
    Period q = parsed("2007 Q1");
    Period month = parsed("2007-03");
    CHECK(cy < fy);
    // Same end month: the longer span (earlier start) comes first.
    CHECK(fy < q);
    CHECK(q < month);
    CHECK_FALSE(month < q);
    CHECK_FALSE(fy < fy);
    CHECK(parsed("2005/06") < fy);
    CHECK(to_string(PeriodKind::rolling_year) == "rolling_year");
}

TEST_CASE("shift_years keeps kind and length and relabels", "[period]") {
    Period p = shift_years(parsed("2006/07"), -1);
    CHECK(p.kind == PeriodKind::financial_year);
    CHECK(p.label == "2005/06");
    CHECK(p == parsed("2005/06"));
    CHECK(shift_years(parsed("12 months to Sept 2024"), -1).label == "12 months to 2023-09");
    CHECK(shift_years(parsed("Sept 2024"), 1).label == "2025-09");
    CHECK(shift_years(parsed("2024/25 Q2"), -1).label == "2023 Q3");
    CHECK(shift_years(parsed("Jul 22 - Jun 23"), 1).label == "Jul 2023 - Jun 2024");
    CHECK(shift_years(parsed("1999/00"), 1).label == "2000/01");
}

TEST_CASE("canonical labels", "[period]") {
    CHECK(canonical_label(parsed("2006/2007")) == "2006/07");
    CHECK(canonical_label(parsed("2024")) == "2024");
    CHECK(canonical_label(parsed("Q2 2024")) == "2024 Q2");
    CHECK(canonical_label(parsed("September 2024")) == "2024-09");
    CHECK(canonical_label(parsed("12 months to Sept 2024")) == "12 months to 2024-09");
    CHECK(canonical_label(parsed("Jul 22 - Jun 23")) == "Jul 2022 - Jun 2023");
}

TEST_CASE("parse(canonical_label(p)) == p for every kind", "[period][property]") {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> year(1990, 2099), month(0, 11), len(0, 40), kind(0, 5);
    for (int i = 0; i < 5000; ++i) {
        Period p;
        int y = year(rng);
        switch (kind(rng)) {
            case 0:
                p = {PeriodKind::financial_year, y * 12 + 3, y * 12 + 14, {}};
                break;
            case 1:
                p = {PeriodKind::calendar_year, y * 12, y * 12 + 11, {}};
                break;
            case 2: {
                int first = y * 12 + month(rng) / 3 * 3;
                p = {PeriodKind::quarter, first, first + 2, {}};
                break;
            }
            case 3: {
                int first = y * 12 + month(rng);
                p = {PeriodKind::month, first, first, {}};
                break;
            }
            case 4: {
                int last = y * 12 + month(rng);
                p = {PeriodKind::rolling_year, last - 11, last, {}};
                break;
            }
            default: {
                int first = y * 12 + month(rng);
                p = {PeriodKind::range, first, first + len(rng), {}};
                break;
            }
        }
        std::string label = canonical_label(p);
        Result<Period> back = parse_period(label);
        INFO(label);
        REQUIRE(back.ok());
        CHECK(back.value() == p);
        CHECK(back->label == label);
        CHECK(canonical_label(shift_years(p, 3)) == shift_years(p, 3).label);
        CHECK(shift_years(shift_years(p, 3), -3) == p);
    }
}

TEST_CASE("sorting parsed periods is by time", "[period]") {
    std::vector<Period> ps = {parsed("2007/08"), parsed("2005/06"), parsed("2006/07")};
    std::sort(ps.begin(), ps.end());
    CHECK(ps[0].label == "2005/06");
    CHECK(ps[2].label == "2007/08");
}

TEST_CASE("a dashed financial year is read only when it cannot be a month", "[period]") {
    check_span("2024-25", PeriodKind::financial_year, m(2024, 4), m(2025, 3));
    check_span("1999-00", PeriodKind::financial_year, m(1999, 4), m(2000, 3));
    check_span("2006-07", PeriodKind::month, m(2006, 7), m(2006, 7));  // ISO 8601: July 2006
    CHECK_FALSE(parse_period("2024-26").ok());
}
