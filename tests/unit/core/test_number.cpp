// Tests of core/number.cpp: cells as people write them, rounding on the
// shortest decimal form, and locale-free formatting.
#include <assay/number.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <charconv>
#include <clocale>
#include <cmath>
#include <random>
#include <string>

using namespace assay;

namespace {

double value_of(std::string_view text) {
    Result<CellValue> r = parse_cell(text);
    INFO(text << ": " << (r.ok() ? "" : r.error().message));
    REQUIRE(r.ok());
    REQUIRE(r->value.has_value());
    return *r->value;
}

std::string error_of(std::string_view text) {
    Result<CellValue> r = parse_cell(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

}  // namespace

TEST_CASE("plain and grouped numbers parse", "[number]") {
    CHECK(value_of("547") == 547);
    CHECK(value_of("1,843") == 1843);
    CHECK(value_of("12,345,678") == 12345678);
    CHECK(value_of("-0.7") == -0.7);
    CHECK(value_of("+1.5") == 1.5);
    CHECK(value_of("0.25") == 0.25);
    CHECK(value_of(".5") == 0.5);
    CHECK(value_of("1,843.25") == 1843.25);
    CHECK(value_of("  42 ") == 42);
    CHECK(value_of("1.5e3") == 1500);
    CHECK(value_of("\xE2\x88\x92"
                   "3") == -3);  // Unicode minus sign
    CHECK(value_of("\xC2\xA3"
                   "600,000") == 600000);
}

TEST_CASE("negative zero is read as zero", "[number]") {
    double z = value_of("-0");
    CHECK(z == 0);
    CHECK_FALSE(std::signbit(z));
}

TEST_CASE("bracketed values are negative", "[number]") {
    CHECK(value_of("(2,000)") == -2000);
    CHECK(value_of("(83,500)") == -83500);
    CHECK_THAT(error_of("(-5)"), Catch::Contains("already negative"));
}

TEST_CASE("percent and points suffixes are recorded", "[number]") {
    Result<CellValue> pct = parse_cell("89.2%");
    REQUIRE(pct.ok());
    CHECK(*pct->value == Approx(89.2).epsilon(0));
    CHECK(pct->percent);
    CHECK_FALSE(pct->points);

    Result<CellValue> pts = parse_cell("+1.5pts");
    REQUIRE(pts.ok());
    CHECK(*pts->value == 1.5);
    CHECK(pts->points);
    CHECK_FALSE(pts->percent);

    CHECK(parse_cell("-6.9 %")->percent);
    CHECK(parse_cell("2 pp")->points);
    CHECK(parse_cell("2.1 PTS")->points);
}

TEST_CASE("durations are hours", "[number]") {
    Result<CellValue> d = parse_cell("373:26:00");
    REQUIRE(d.ok());
    CHECK(d->duration);
    CHECK(*d->value == Approx(373 + 26 / 60.0));
    CHECK(value_of("0:00:36") == Approx(0.01));
    CHECK_THAT(error_of("3:61:00"), Catch::Contains("00 to 59"));
    CHECK_THAT(error_of("3:1:00"), Catch::Contains("h:mm:ss"));
    CHECK_THAT(error_of("3:10"), Catch::Contains("h:mm:ss"));
}

TEST_CASE("missing values keep their reason", "[number]") {
    for (std::string_view text : {"N/A", "n/a", "NA", "na", "-", "\xE2\x80\x93", ""}) {
        Result<CellValue> r = parse_cell(text);
        INFO(text);
        REQUIRE(r.ok());
        CHECK_FALSE(r->value.has_value());
        CHECK(r->missing == text);
    }
    CHECK(parse_cell("  N/A ")->missing == "N/A");
}

TEST_CASE("bad thousands separators are errors", "[number]") {
    for (std::string_view text : {"1,84,3", "1,8433", "1234,567", ",123", "1,", "1,23"}) {
        INFO(text);
        CHECK_THAT(error_of(text), Catch::Contains("groups of three"));
    }
}

TEST_CASE("text that is not a number is rejected with what was expected", "[number]") {
    for (std::string_view text : {"abc", "nan", "NaN", "inf", "-inf", "infinity", "1.2.3", "12x", "1e", "--1", "+-1",
                                  "%", ".", "1 2", "0x10", "5m", "(1"}) {
        INFO(text);
        std::string msg = error_of(text);
        CHECK_THAT(msg, Catch::Contains("expected a number such as 1,843 or 89.2%, or N/A"));
        CHECK_THAT(msg, Catch::Contains(std::string(text)));
    }
}

TEST_CASE("numbers beyond double range are out of range", "[number]") {
    CHECK_THAT(error_of("1e999"), Catch::Contains("out of range"));
    CHECK_THAT(error_of("-1e400"), Catch::Contains("out of range"));
}

TEST_CASE("rounding names round-trip", "[number]") {
    for (Rounding r : {Rounding::half_up, Rounding::half_even, Rounding::truncate})
        CHECK(rounding_from_string(to_string(r)) == r);
    CHECK_FALSE(rounding_from_string("up").has_value());
}

TEST_CASE("round_to decides ties on the shortest decimal form", "[number]") {
    CHECK(round_to(2.675, 2, Rounding::half_up) == 2.68);  // binary 2.67499999...
    CHECK(round_to(1.005, 2, Rounding::half_up) == 1.01);
    CHECK(round_to(-2.675, 2, Rounding::half_up) == -2.68);  // away from zero
    CHECK(round_to(2.5, 0, Rounding::half_up) == 3);
    CHECK(round_to(-2.5, 0, Rounding::half_up) == -3);
    CHECK(round_to(2.5, 0, Rounding::half_even) == 2);
    CHECK(round_to(3.5, 0, Rounding::half_even) == 4);
    CHECK(round_to(2.675, 2, Rounding::half_even) == 2.68);
    CHECK(round_to(2.665, 2, Rounding::half_even) == 2.66);
    CHECK(round_to(2.6651, 2, Rounding::half_even) == 2.67);
    CHECK(round_to(2.679, 2, Rounding::truncate) == 2.67);
    CHECK(round_to(-2.679, 2, Rounding::truncate) == -2.67);
    CHECK(round_to(9.995, 2, Rounding::half_up) == 10);
    CHECK(round_to(999.5, 0, Rounding::half_up) == 1000);
    CHECK(round_to(14.53125, 1, Rounding::half_up) == 14.5);
    CHECK(round_to(-6.85, 1, Rounding::half_up) == -6.9);
    CHECK(round_to(1.25, 5, Rounding::half_up) == 1.25);  // fewer places than asked: unchanged
    CHECK(round_to(1234567.0, 0, Rounding::half_up) == 1234567);
}

TEST_CASE("rounding to zero never gives negative zero", "[number]") {
    double z = round_to(-0.004, 2, Rounding::half_up);
    CHECK(z == 0);
    CHECK_FALSE(std::signbit(z));
    CHECK(format_fixed(-0.004, 2) == "0.00");
    CHECK(format_fixed(-0.0, 0) == "0");
}

TEST_CASE("non-finite values pass through rounding and print as n/a", "[number]") {
    CHECK(std::isnan(round_to(std::nan(""), 2, Rounding::half_up)));
    CHECK(format_fixed(std::nan(""), 1) == "n/a");
    CHECK(format_fixed(INFINITY, 1) == "n/a");
}

TEST_CASE("format_fixed prints exactly the decimals asked", "[number]") {
    CHECK(format_fixed(547, 0) == "547");
    CHECK(format_fixed(547, 2) == "547.00");
    CHECK(format_fixed(2.675, 2) == "2.68");
    CHECK(format_fixed(-6.85, 1) == "-6.9");
    CHECK(format_fixed(0.1, 20) == "0.10000000000000000000");
    CHECK(format_fixed(1e20, 0) == "100000000000000000000");
    CHECK(format_fixed(0.5, 0) == "1");
}

TEST_CASE("format_number gives the shortest round-trip text", "[number]") {
    CHECK(format_number(547) == "547");
    CHECK(format_number(-14.53125) == "-14.53125");
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(1e14) == "100000000000000");
    CHECK(format_number(0.000001) == "0.000001");
    CHECK(format_number(1e20) == "1e+20");
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> dist(-1e9, 1e9);
    for (int i = 0; i < 2000; ++i) {
        double x = dist(rng);
        std::string text = format_number(x);
        INFO(text);
        CHECK(text.find('e') == std::string::npos);
        Result<CellValue> back = parse_cell(text);
        REQUIRE(back.ok());
        CHECK(*back->value == x);
    }
}

TEST_CASE("formatting ignores the C locale", "[number]") {
    const char* old = std::setlocale(LC_ALL, nullptr);
    std::string saved = old ? old : "C";
    // A comma-decimal locale, where one is installed (often none is).
    for (const char* name : {"de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "fr_FR"})
        if (std::setlocale(LC_ALL, name)) break;
    CHECK(format_fixed(1234.5, 1) == "1234.5");
    CHECK(format_number(0.25) == "0.25");
    CHECK(value_of("0.25") == 0.25);
    std::setlocale(LC_ALL, saved.c_str());
}

TEST_CASE("binary noise from arithmetic does not tip truncation or ties", "[number]") {
    // The PCC seed truncates: 84.6 - 67.9 printed as +16.7, 44.1 - 46.0 as -1.9.
    CHECK(format_fixed(round_to(84.6 - 67.9, 1, Rounding::truncate), 1) == "16.7");
    CHECK(format_fixed(round_to(44.1 - 46.0, 1, Rounding::truncate), 1) == "-1.9");
    CHECK(round_to(1843.7 - 1843.6, 1, Rounding::truncate) == 0.1);
    // Genuine figures still truncate.
    CHECK(round_to(-6.9699, 1, Rounding::truncate) == -6.9);
    CHECK(round_to(38.4615384615, 1, Rounding::truncate) == 38.4);
    // A tie reached through noise is still a tie: 1.005 - 0.0 style sums.
    CHECK(round_to(0.1 + 0.2, 1, Rounding::half_up) == 0.3);
}

namespace {

/// The rule round_to and format_fixed follow, written plainly on decimal
/// text as an oracle: the digits of the shortest fixed form, rounded at
/// `keep` places in `mode`, no "-0".
std::string oracle_round_text(double x, size_t keep, Rounding mode) {
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
    std::string s(buf, r.ptr);
    bool negative = s[0] == '-';
    if (negative) s.erase(0, 1);
    size_t dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    std::string digits = whole + frac.substr(0, std::min(keep, frac.size()));
    while (digits.size() < whole.size() + keep) digits += '0';
    if (frac.size() > keep) {
        char next = frac[keep];
        bool rest = frac.find_first_not_of('0', keep + 1) != std::string::npos;
        bool odd = (digits.back() - '0') % 2 == 1;
        bool up = mode == Rounding::half_up     ? next >= '5'
                  : mode == Rounding::half_even ? next > '5' || (next == '5' && (rest || odd))
                                                : false;
        if (up) {
            size_t k = digits.size();
            while (k > 0 && digits[k - 1] == '9') digits[--k] = '0';
            if (k == 0)
                digits.insert(digits.begin(), '1');
            else
                ++digits[k - 1];
        }
    }
    if (keep > 0) digits.insert(digits.size() - keep, ".");
    if (negative && digits.find_first_not_of("0.") != std::string::npos) digits.insert(0, "-");
    return digits;
}

/// Noise absorbed at 9 places (half-even), read back, then rounded as asked.
std::string oracle_round(double x, size_t keep, Rounding mode) {
    if (keep < 9) x = std::stod(oracle_round_text(x, 9, Rounding::half_even));
    return oracle_round_text(x, keep, mode);
}

}  // namespace

TEST_CASE("round_to and format_fixed agree with rounding the written digits, on many values", "[number]") {
    std::mt19937_64 rng(20261205);
    std::uniform_int_distribution<int64_t> whole(-2'000'000'000, 2'000'000'000);
    std::uniform_int_distribution<int> places(0, 12), kind(0, 6);
    std::uniform_real_distribution<double> near_half(0.38, 0.62);
    const Rounding modes[] = {Rounding::half_up, Rounding::half_even, Rounding::truncate};
    std::string first_wrong;
    for (int i = 0; i < 200000; ++i) {
        double x = 0;
        switch (kind(rng)) {
            case 0:  // a figure as written: digits over a power of ten
                x = static_cast<double>(whole(rng)) / std::pow(10.0, places(rng));
                break;
            case 1:  // a ratio, as a trajectory or a percentage change
                x = static_cast<double>(whole(rng) % 100000) / static_cast<double>(1 + whole(rng) % 997 + 997);
                break;
            case 2:  // a tie at some place, and its neighbours
                x = (static_cast<double>(whole(rng) % 1000000) + 0.5) / std::pow(10.0, places(rng));
                x = std::nextafter(x, (i & 1) ? INFINITY : -INFINITY);
                if (i % 3 == 0) x = (static_cast<double>(whole(rng) % 1000000) + 0.5) / std::pow(10.0, places(rng));
                break;
            case 3:  // noise from a subtraction of written figures
                x = static_cast<double>(whole(rng) % 100000) / 10.0 - static_cast<double>(whole(rng) % 100000) / 10.0;
                break;
            case 4:  // large and small magnitudes
                x = static_cast<double>(whole(rng)) * std::pow(10.0, places(rng) - 6) * 1234.5678;
                break;
            case 5:  // any bits
                x = std::ldexp(static_cast<double>(whole(rng)), places(rng) * 5 - 40);
                break;
            default:  // near a half at the ninth place, where round_to's quick way hands over to the digits
                x = (static_cast<double>(whole(rng) % 1000000000000000) + near_half(rng)) / 1e9;
                break;
        }
        const size_t keep = static_cast<size_t>(places(rng));
        for (Rounding mode : modes) {
            const std::string want = oracle_round(x, keep, mode);
            const double got = round_to(x, static_cast<int>(keep), mode);
            const bool same = std::stod(want) == got &&
                              (mode != Rounding::half_up || format_fixed(x, static_cast<int>(keep)) == want);
            if (!same && first_wrong.empty()) {
                char buf[64];
                first_wrong = std::string(buf, std::to_chars(buf, buf + sizeof buf, x).ptr) + " to " +
                              std::to_string(keep) + " places, " + std::string(to_string(mode)) + ": want " + want;
            }
        }
    }
    CHECK(first_wrong == "");
}
