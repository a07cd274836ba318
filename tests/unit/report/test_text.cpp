// Internal helpers of the reports: display width, wrapping, and the cell
// text of values (decimals, units, thousands separators, signs).
#include "report/common.hpp"
#include "report/text.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace assay;
using namespace assay::reporting;

TEST_CASE("display width counts terminal columns", "[report][text]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("GREEN") == 5);
    CHECK(display_width("▲") == 1);
    CHECK(display_width("◀▶") == 2);
    CHECK(display_width("★") == 1);
    CHECK(display_width("Narrowing the gap – Borough") == 27);
    CHECK(display_width("日本") == 4);
    CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute
    CHECK(display_width("\xFF\xFE") == 2);   // malformed bytes still take room
    CHECK(display_width("\xE2\x96") == 2);   // a truncated sequence too
}

TEST_CASE("wrap breaks at spaces, inside long words, and at newlines", "[report][text]") {
    CHECK(wrap("aaa bbb ccc", 7) == std::vector<std::string>{"aaa bbb", "ccc"});
    CHECK(wrap("aaa bbb ccc", 11) == std::vector<std::string>{"aaa bbb ccc"});
    CHECK(wrap("abcdefghij xy", 4) == std::vector<std::string>{"abcd", "efgh", "ij", "xy"});
    CHECK(wrap("ab cdefgh", 4) == std::vector<std::string>{"ab", "cdef", "gh"});
    CHECK(wrap("one\ntwo three", 20) == std::vector<std::string>{"one", "two three"});
    CHECK(wrap("", 5) == std::vector<std::string>{""});
    CHECK(wrap("▲▲▲▲▲", 2) == std::vector<std::string>{"▲▲", "▲▲", "▲"});
    CHECK(wrap("  spaced   out  ", 20) == std::vector<std::string>{"spaced out"});
    for (const std::string& line : wrap("The NTA changed the way they measure this indicator in 2006/07", 13))
        CHECK(display_width(line) <= 13);
}

TEST_CASE("pad fills to a display width on either side", "[report][text]") {
    CHECK(pad("◀▶", 4) == "◀▶  ");
    CHECK(pad("547", 6, true) == "   547");
    CHECK(pad("too long", 3) == "too long");
}

TEST_CASE("values print with the indicator's decimals and unit", "[report][text]") {
    Indicator count;
    count.unit = "count";
    CHECK(value_text(count, 547, Rounding::half_up) == "547");
    CHECK(value_text(count, 9932, Rounding::half_up) == "9932");
    CHECK(value_text(count, 10202, Rounding::half_up) == "10,202");
    CHECK(value_text(count, -12466, Rounding::half_up) == "-12,466");
    CHECK(value_text(count, 1234567.5, Rounding::half_up) == "1,234,568");
    CHECK(value_text(count, 1234567.5, Rounding::half_even) == "1,234,568");
    CHECK(value_text(count, 2.5, Rounding::half_even) == "2");

    Indicator percent;
    percent.unit = "percent";
    percent.decimals = 1;
    CHECK(value_text(percent, 89.2, Rounding::half_up) == "89.2%");
    CHECK(value_text(percent, 72, Rounding::half_up) == "72.0%");

    Indicator points;
    points.unit = "points";
    points.decimals = 1;
    CHECK(value_text(points, 0.4, Rounding::half_up) == "+0.4");
    CHECK(value_text(points, -1.9, Rounding::half_up) == "-1.9");
    CHECK(value_text(points, 0.04, Rounding::half_up) == "0.0");
    CHECK(value_text(points, -0.04, Rounding::half_up) == "0.0");
    CHECK(value_text(points, -16.5, Rounding::half_up) == "-16.5");

    Indicator rate;
    rate.unit = "rate";
    rate.decimals = 2;
    CHECK(value_text(rate, 14.499999999999998, Rounding::half_up) == "14.50");
    CHECK(value_text(rate, 2.675, Rounding::truncate) == "2.67");
    CHECK(value_text(rate, NAN, Rounding::half_up) == "N/A");
}

TEST_CASE("recorded figures drop binary noise and negative zero", "[report][text]") {
    CHECK(record_value(1.8 - 2.0, Rounding::half_up) == -0.2);
    CHECK(record_value(1.8 - 2.0, Rounding::truncate) == -0.2);
    CHECK(record_value(1029 * (1 - 17.5 / 100), Rounding::half_even) == 848.925);
    CHECK(record_value(-14.53125, Rounding::half_up) == -14.53125);
    double tiny = record_value(-1e-9, Rounding::half_up);
    CHECK(tiny == 0);
    CHECK_FALSE(std::signbit(tiny));
    CHECK(std::isnan(record_value(NAN, Rounding::half_up)));
}

TEST_CASE("arrow symbols come from the pack, with the seed's as defaults", "[report][text]") {
    Pack p;
    CHECK(arrow_symbol(p, Arrow::improved) == "▲");
    CHECK(arrow_symbol(p, Arrow::static_) == "◀▶");
    CHECK(arrow_symbol(p, Arrow::declined) == "▼");
    CHECK(arrow_symbol(p, Arrow::peak) == "★");
    CHECK(arrow_symbol(p, Arrow::none) == "N/A");
    p.arrows[static_cast<size_t>(Arrow::improved)].symbol = "↗";
    CHECK(arrow_symbol(p, Arrow::improved) == "↗");
    CHECK(arrow_symbol(p, Arrow::increased) != arrow_symbol(p, Arrow::decreased));
}
