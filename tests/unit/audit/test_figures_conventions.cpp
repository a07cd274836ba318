// A published figure that no declared rounding convention can produce from
// the data is an error, not "rounding": one unit off in the last digit of a
// figure computed from exact counts is wrong under every convention.
#include "audit/figures.hpp"

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::audit;

TEST_CASE("judge: one unit off a figure from exact counts is wrong under every convention",
          "[audit][figures][hardening]") {
    double x = 100.0 * (2720.0 - 3000.0) / 3000.0;  // -9.3333...%: -9.33 truncated and rounded
    for (Rounding mode : {Rounding::truncate, Rounding::half_up, Rounding::half_even}) {
        INFO(static_cast<int>(mode));
        CHECK(judge(-9.33, printed_as("-9.33%"), x, {x, x}, mode).verdict == Verdict::match);
        CHECK(judge(-9.34, printed_as("-9.34%"), x, {x, x}, mode).verdict == Verdict::wrong);
        CHECK(judge(-9.32, printed_as("-9.32%"), x, {x, x}, mode).verdict == Verdict::wrong);
    }
}

TEST_CASE("judge: under truncation only figures truncation can print are rounding", "[audit][figures][hardening]") {
    // An input printed 87.7 (truncated) stood for [87.7, 87.8): truncated to one decimal it prints 87.7 only.
    Range r = range_of({87.7, 1, false}, Rounding::truncate);
    CHECK(judge(87.7, printed_as("87.7"), 87.7, r, Rounding::truncate).verdict == Verdict::match);
    CHECK(judge(87.6, printed_as("87.6"), 87.7, r, Rounding::truncate).verdict == Verdict::wrong);
    // At two decimals the true value may print as 87.70 ... 87.80.
    CHECK(judge(87.75, printed_as("87.75"), 87.7, r, Rounding::truncate).verdict == Verdict::rounding);
    CHECK(judge(87.69, printed_as("87.69"), 87.7, r, Rounding::truncate).verdict == Verdict::wrong);
    // A range of rounded inputs: the figures between the convention's roundings of its ends.
    Range wide{-9.338, -9.331};
    CHECK(judge(-9.33, printed_as("-9.33%"), -9.334, wide, Rounding::truncate).verdict == Verdict::match);
    CHECK(judge(-9.34, printed_as("-9.34%"), -9.334, wide, Rounding::half_up).verdict == Verdict::rounding);
    CHECK(judge(-9.34, printed_as("-9.34%"), -9.334, wide, Rounding::truncate).verdict == Verdict::wrong);
}
