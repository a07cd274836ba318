// The audit's arithmetic (audit/figures.cpp): printed precision, the range a
// printed input stands for, and verdicts at the boundaries.
#include "audit/figures.hpp"

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::audit;

TEST_CASE("printed_as reads decimals and decorations as printed", "[audit][figures]") {
    CHECK(printed_as("-6.9%").decimals == 1);
    CHECK(printed_as("-6.9%").percent);
    CHECK(printed_as("+1.5pts").points);
    CHECK(printed_as("+1.5pts").decimals == 1);
    CHECK(printed_as("1,047").decimals == 0);
    CHECK(printed_as("(167)").decimals == 0);
    CHECK(printed_as("38.46").decimals == 2);
    CHECK(printed_as("1060:26:00").duration);
    CHECK(printed_as("1060:26:00").unit() == Approx(1.0 / 3600));
}

TEST_CASE("range_of: exact counts, rounded and truncated figures", "[audit][figures]") {
    Range exact = range_of({547, 0, true}, Rounding::half_up);
    CHECK(exact.lo == 547);
    CHECK(exact.hi == 547);
    Range half = range_of({-2727, 0, false}, Rounding::half_up);
    CHECK(half.lo == -2727.5);
    CHECK(half.hi == -2726.5);
    Range cut = range_of({87.7, 1, false}, Rounding::truncate);
    CHECK(cut.lo == Approx(87.7));
    CHECK(cut.hi == Approx(87.8));
    Range cut_negative = range_of({-1.1, 1, false}, Rounding::truncate);
    CHECK(cut_negative.lo == Approx(-1.2));
    CHECK(cut_negative.hi == Approx(-1.1));
}

TEST_CASE("judge: a match under the convention", "[audit][figures]") {
    double x = 100.0 * (113266.0 - 121752.0) / 121752.0;  // -6.97%
    CHECK(judge(-6.9, printed_as("-6.9%"), x, {x, x}, Rounding::truncate).verdict == Verdict::match);
    CHECK(judge(-7.0, printed_as("-7.0%"), x, {x, x}, Rounding::half_up).verdict == Verdict::match);
    // Binary noise never decides: 84.6 - 67.9 is 16.7 exactly, truncated or not.
    CHECK(judge(16.7, printed_as("+16.7pts"), 84.6 - 67.9, {84.6 - 67.9, 84.6 - 67.9}, Rounding::truncate).verdict ==
          Verdict::match);
}

TEST_CASE("judge: another convention's result is rounding, and says which", "[audit][figures]") {
    double x = 100.0 * (113266.0 - 121752.0) / 121752.0;
    Judgement j = judge(-6.9, printed_as("-6.9%"), x, {x, x}, Rounding::half_up);
    CHECK(j.verdict == Verdict::rounding);
    CHECK(j.rounded == Approx(-7.0));
    CHECK(j.explanation == "truncating gives the published figure, rounding half up gives -7.0%");
    // One unit further is not rounding of an exact figure.
    CHECK(judge(-6.8, printed_as("-6.8%"), x, {x, x}, Rounding::half_up).verdict == Verdict::wrong);
}

TEST_CASE("judge: rounded inputs widen what rounding explains, exact inputs do not", "[audit][figures]") {
    // Forecast (2,728) - Revised (2,727) in £000s, each rounded: the true change lies in [-2, 0].
    Range r{-2728.5 - -2726.5, -2727.5 - -2727.5};
    CHECK(judge(0, printed_as("(0)"), -1, r, Rounding::half_up).verdict == Verdict::rounding);
    CHECK(judge(-2, printed_as("(2)"), -1, r, Rounding::half_up).verdict == Verdict::rounding);
    CHECK(judge(-3, printed_as("(3)"), -1, r, Rounding::half_up).verdict == Verdict::wrong);
    // Counts are exact: a total one off is an error (LSP 2007: 10,202 printed, 10,203 summed).
    CHECK(judge(10202, printed_as("10202"), 10203, {10203, 10203}, Rounding::half_up).verdict == Verdict::wrong);
}

TEST_CASE("judge: a figure right but for its sign is a wrong sign", "[audit][figures]") {
    CHECK(judge(1047, printed_as("1,047"), -1047, {-1047, -1047}, Rounding::half_up).verdict == Verdict::wrong_sign);
    double x = 100.0 * (1821.0 - 1997.0) / 1997.0;  // -8.81%
    CHECK(judge(8.8, printed_as("8.8%"), x, {x, x}, Rounding::truncate).verdict == Verdict::wrong_sign);
    CHECK(judge(9.9, printed_as("9.9%"), x, {x, x}, Rounding::truncate).verdict == Verdict::wrong);
    CHECK(judge(0, printed_as("0"), 5, {5, 5}, Rounding::half_up).verdict == Verdict::wrong);
}

TEST_CASE("judge: durations are compared to the second", "[audit][figures]") {
    double sum = (373 + 26 / 60.0) + (300 + 0.5 / 60) + (386 + 59.5 / 60);  // 1060:26:00
    CHECK(judge(1060 + 26 / 60.0, printed_as("1060:26:00"), sum, {sum, sum}, Rounding::half_up).verdict ==
          Verdict::match);
    CHECK(judge(1060 + 27 / 60.0, printed_as("1060:27:00"), sum, {sum, sum}, Rounding::half_up).verdict ==
          Verdict::wrong);
}

TEST_CASE("format_figure prints as the published figure does", "[audit][figures]") {
    CHECK(format_figure(-1047, printed_as("1,047")) == "-1,047");
    CHECK(format_figure(-7.0, printed_as("-6.9%")) == "-7.0%");
    CHECK(format_figure(16.6, printed_as("+16.7pts")) == "16.6pts");
    CHECK(format_figure(1060 + 26 / 60.0, printed_as("1060:26:00")) == "1060:26:00");
    CHECK(format_precise(-6.9698, printed_as("-6.9%")) == "-6.97%");
    CHECK(format_precise(-1047, printed_as("1,047")) == "-1,047");
}
