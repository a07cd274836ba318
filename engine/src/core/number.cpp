// Numbers as people write them and as reports print them. Rounding works on
// the shortest decimal form of a double (what a person typed), not on its
// binary expansion, so 2.675 rounds half-up to 2.68 as expected.
#include "core/shown_text.hpp"
#include "core/text.hpp"

#include <assay/number.hpp>

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

namespace assay {
namespace {

constexpr std::string_view expected_number = "expected a number such as 1,843 or 89.2%, or N/A";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool consume(std::string_view& s, std::string_view prefix) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    s.remove_prefix(prefix.size());
    return true;
}

/// Drops spaces, tabs and no-break spaces (U+00A0) at both ends.
std::string_view trim_padding(std::string_view s) {
    constexpr std::string_view nbsp = "\xC2\xA0";
    for (;;) {
        s = trim_blanks(s);
        if (s.starts_with(nbsp))
            s.remove_prefix(nbsp.size());
        else if (s.ends_with(nbsp))
            s.remove_suffix(nbsp.size());
        else
            return s;
    }
}

bool is_missing_word(std::string_view s) {
    return s.empty() || iequals(s, "n/a") || iequals(s, "na") || s == "-" || s == "\xE2\x80\x93" /* – */
           || s == "\xE2\x80\x94" /* — */;
}

Error bad_number(std::string_view text, std::string_view why = {}) {
    if (why.empty())
        return Error{SourceLoc{}, fmt::format("cannot read \"{}\" as a number: {}", shown_text(text), expected_number)};
    return Error{SourceLoc{},
                 fmt::format("cannot read \"{}\" as a number: {}; {}", shown_text(text), why, expected_number)};
}

size_t digit_run(std::string_view s, size_t i) {
    size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    return j - i;
}

/// "373:26:00" as hours; `s` holds only the duration.
Result<CellValue> parse_duration(std::string_view text, std::string_view s, bool negative) {
    size_t h = digit_run(s, 0);
    bool shape = h >= 1 && h <= 9 && s.size() == h + 6 && s[h] == ':' && s[h + 3] == ':' && digit_run(s, h + 1) == 2 &&
                 digit_run(s, h + 4) == 2;
    if (!shape) return bad_number(text, "a duration is written h:mm:ss, as 373:26:00");
    int minutes = (s[h + 1] - '0') * 10 + (s[h + 2] - '0');
    int seconds = (s[h + 4] - '0') * 10 + (s[h + 5] - '0');
    if (minutes > 59 || seconds > 59) return bad_number(text, "minutes and seconds of a duration run from 00 to 59");
    double hours = 0;
    for (size_t i = 0; i < h; ++i) hours = hours * 10 + (s[i] - '0');
    CellValue v;
    double total = hours + minutes / 60.0 + seconds / 3600.0;
    v.value = negative && total != 0 ? -total : total;  // no negative zero ("-0:00:00")
    v.duration = true;
    return v;
}

/// Reads the unit suffix after the digits: '%', "pts", "pt", "pp" (with an
/// optional space before it).
bool read_suffix(std::string_view s, CellValue& v) {
    s = trim_padding(s);
    if (s.empty()) return true;
    if (s == "%")
        v.percent = true;
    else if (iequals(s, "pts") || iequals(s, "pt") || iequals(s, "pp") || iequals(s, "ppts"))
        v.points = true;
    else
        return false;
    return true;
}

}  // namespace

bool underflows(std::string_view number) {
    // A non-zero digit before the exponent, in a number that reads as 0.
    for (char c : number) {
        if (c == 'e' || c == 'E') break;
        if (c >= '1' && c <= '9') return true;
    }
    return false;
}

std::string_view to_string(Rounding r) {
    switch (r) {
        case Rounding::half_up:
            return "half_up";
        case Rounding::half_even:
            return "half_even";
        case Rounding::truncate:
            return "truncate";
    }
    return "half_up";
}

std::optional<Rounding> rounding_from_string(std::string_view name) {
    if (name == "half_up") return Rounding::half_up;
    if (name == "half_even") return Rounding::half_even;
    if (name == "truncate") return Rounding::truncate;
    return std::nullopt;
}

Result<CellValue> parse_cell(std::string_view text) {
    std::string_view s = trim_padding(text);
    if (is_missing_word(s)) {
        CellValue v;
        v.missing = std::string(s);
        return v;
    }
    bool negative = false;
    bool parens = s.size() >= 2 && s.front() == '(' && s.back() == ')';
    if (parens) {
        s = trim_padding(s.substr(1, s.size() - 2));
        negative = true;
    }
    bool minus = consume(s, "-") || consume(s, "\xE2\x88\x92" /* − */);
    bool plus = !minus && consume(s, "+");
    if (parens && (minus || plus)) return bad_number(text, "a value in brackets is already negative");
    negative = negative || minus;
    // A currency sign is allowed and ignored: the unit is the indicator's.
    const bool currency = consume(s, "\xC2\xA3" /* £ */) || consume(s, "$") || consume(s, "\xE2\x82\xAC" /* € */);

    if (s.find(':') != std::string_view::npos) return parse_duration(text, s, negative);

    // Collect the digits without separators, checking groups of three.
    std::string clean;
    clean.reserve(s.size() + 1);
    if (negative) clean += '-';
    size_t i = 0;
    size_t lead = digit_run(s, 0);
    clean.append(s.substr(0, lead));
    i = lead;
    if (i < s.size() && s[i] == ',') {
        // "0,500" is a half written with a decimal comma, never five hundred.
        if (lead > 0 && s[0] == '0')
            return bad_number(text,
                              "a comma after a leading 0 is a decimal comma, not a thousands separator: write "
                              "decimals with a point, as 0.5");
        if (lead == 0 || lead > 3)
            return bad_number(text, "thousands separators must split the digits in groups of three, as 1,843");
        while (i < s.size() && s[i] == ',') {
            if (digit_run(s, i + 1) != 3)
                return bad_number(text, "thousands separators must split the digits in groups of three, as 1,843");
            clean.append(s.substr(i + 1, 3));
            i += 4;
        }
    }
    size_t fraction = 0;
    if (i < s.size() && s[i] == '.') {
        fraction = digit_run(s, i + 1);
        clean.append(s.substr(i, fraction + 1));
        i += fraction + 1;
    }
    if (lead == 0 && fraction == 0) return bad_number(text);
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        size_t exp = digit_run(s, j);
        if (exp == 0) return bad_number(text);
        clean.append(s.substr(i, j + exp - i));
        i = j + exp;
    }
    CellValue v;
    v.currency = currency;
    if (!read_suffix(s.substr(i), v)) return bad_number(text);

    double x = 0;
    auto r = fast_float::from_chars(clean.data(), clean.data() + clean.size(), x);
    if (r.ec != std::errc() || r.ptr != clean.data() + clean.size()) return bad_number(text);
    if (!std::isfinite(x))
        return Error{SourceLoc{}, fmt::format("the number \"{}\" is out of range", shown_text(text))};
    if (x == 0 && underflows(clean))
        return Error{SourceLoc{},
                     fmt::format("the number \"{}\" is too small to hold: it would read as 0", shown_text(text))};
    v.value = x == 0 ? 0.0 : x;  // no negative zero
    return v;
}

namespace {

/// Room round_text needs beyond its input for `keep` places: a carried
/// digit, a sign, a point and the places.
constexpr size_t round_room = 3;

/// The fixed decimal text `s` ("-12.3456", as std::to_chars writes the
/// shortest fixed form of a double) rounded to exactly `keep` places
/// ("-12.35" for 2): written into `out` (s.size() + keep + round_room bytes),
/// returning its length. No "-0": a figure that rounds to zero has no sign.
size_t round_text(std::string_view s, size_t keep, Rounding mode, char* out) {
    const bool negative = !s.empty() && s.front() == '-';
    if (negative) s.remove_prefix(1);
    const size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    char* d = out + 2;  // room for a carried '1' and a sign before the digits
    size_t n = whole.size();
    std::memcpy(d, whole.data(), n);
    const size_t take = std::min(keep, frac.size());
    if (take > 0) std::memcpy(d + n, frac.data(), take);  // a whole number's frac has no data
    n += take;
    if (keep > take) {
        std::memset(d + n, '0', keep - take);
        n += keep - take;
    }
    if (frac.size() > keep && n > 0) {
        const char next = frac[keep];
        const bool rest_nonzero = frac.substr(keep + 1).find_first_not_of('0') != std::string_view::npos;
        const bool odd = (d[n - 1] - '0') % 2 == 1;
        bool up = false;
        switch (mode) {
            case Rounding::half_up:
                up = next >= '5';
                break;
            case Rounding::half_even:
                up = next > '5' || (next == '5' && (rest_nonzero || odd));
                break;
            case Rounding::truncate:
                up = false;
                break;
        }
        if (up) {
            size_t k = n;
            while (k > 0 && d[k - 1] == '9') d[--k] = '0';
            if (k == 0) {
                *--d = '1';
                ++n;
            } else {
                ++d[k - 1];
            }
        }
    }
    if (keep > 0) {
        std::memmove(d + n - keep + 1, d + n - keep, keep);
        d[n - keep] = '.';
        ++n;
    }
    bool zero = true;
    for (size_t i = 0; i < n && zero; ++i) zero = d[i] == '0' || d[i] == '.';
    if (negative && !zero) {
        *--d = '-';
        ++n;
    }
    std::memmove(out, d, n);
    return n;
}

/// The shortest fixed form of `x` (at most 330 bytes) into `buf`.
std::string_view shortest_fixed(double x, char* buf, size_t size) {
    auto r = std::to_chars(buf, buf + size, x, std::chars_format::fixed);
    return {buf, static_cast<size_t>(r.ptr - buf)};
}

/// Places at which binary noise from arithmetic is absorbed before a figure
/// is rounded: 84.6 - 67.9 is 16.699999999999996 in binary and must truncate
/// to 16.7, as the person who subtracted the printed figures got. No
/// published figure carries more places than this.
constexpr int noise_decimals = 9;

/// Most places a figure is rounded to without the heap.
constexpr size_t small_places = 32;

/// `x` rounded to `decimals` (at most small_places) places as decimal text
/// in `out` (at least 400 + small_places + round_room bytes), after
/// absorbing noise: the shortest form is rounded to noise_decimals places
/// half-even, read back, and its shortest form rounded as asked. Returns
/// the length.
size_t round_decimal_into(double x, size_t decimals, Rounding mode, char* out) {
    char buf[400];
    std::string_view s = shortest_fixed(x, buf, sizeof buf);
    if (decimals < noise_decimals) {
        char snapped[400 + noise_decimals + round_room];
        size_t n = round_text(s, noise_decimals, Rounding::half_even, snapped);
        // With at most 15 significant digits (under a million, to 9 places)
        // the snapped text is the shortest form of the double it reads as
        // (trailing zeros aside, which rounding ignores): no need to read it
        // back and write it again.
        const size_t whole = std::string_view(snapped, n).find('.');
        const size_t sign = snapped[0] == '-' ? 1 : 0;
        if (whole - sign + noise_decimals <= 15) return round_text({snapped, n}, decimals, mode, out);
        fast_float::from_chars(snapped, snapped + n, x);
        s = shortest_fixed(x, buf, sizeof buf);
    }
    return round_text(s, decimals, mode, out);
}

/// Exact powers of ten, as doubles.
constexpr double exact_pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

}  // namespace

/// `x` rounded to `decimals` places as decimal text, after absorbing noise.
std::string round_decimal(double x, int decimals, Rounding mode) {
    const size_t keep = static_cast<size_t>(decimals < 0 ? 0 : decimals);
    if (keep <= small_places) {
        char out[400 + small_places + round_room];
        return std::string(out, round_decimal_into(x, keep, mode, out));
    }
    std::string out(400 + keep + round_room, '\0');
    out.resize(round_decimal_into(x, keep, mode, out.data()));
    return out;
}

/// Whether the shortest decimal form of `x` has at most `decimals` places, so
/// that rounding cannot change it (the common case: 547, -14.53125).
bool fits_decimals(double x, int decimals) {
    // Quickly, where x * 10^decimals is below 2^50: x fits when it is the
    // double nearest to the whole number nearest x * 10^decimals divided by
    // 10^decimals (one correctly rounded division of exact doubles), as a
    // double below 2^50 / 10^decimals is less than a quarter of 10^-decimals
    // from its neighbours.
    if (decimals >= 0 && decimals <= 15) {
        const double p = exact_pow10[decimals];
        const double y = x * p;
        if (std::fabs(y) < 0x1p50) return std::nearbyint(y) / p == x;
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    std::string_view s(buf, static_cast<size_t>(r.ptr - buf));
    if (s.find_first_of("eE") != std::string_view::npos) return false;
    size_t dot = s.find('.');
    return dot == std::string_view::npos || s.size() - dot - 1 <= static_cast<size_t>(decimals);
}

std::optional<uint64_t> rounded_units(double x, int decimals, Rounding mode) {
    if (!std::isfinite(x) || decimals < 0 || decimals >= noise_decimals || !(std::fabs(x) < 1e6)) return std::nullopt;
    const auto keep = static_cast<size_t>(decimals);
    // Under a million: the shortest form of x is within half an ulp of x
    // (2^-34, under 0.059e-9), so its value times 10^9 is within 0.059 of
    // t = |x| * 10^9, which is held exactly as z + lo (the product rounded,
    // and its error by a fused multiply-add). So when t's fraction is more
    // than 0.06 from a half, the whole number nearest t is the shortest form
    // snapped to 9 places, as digits (at most 15, so what it reads back as
    // writes the same digits). Those are rounded as asked.
    const double z = std::fabs(x) * 1e9;
    const double lo = std::fma(std::fabs(x), 1e9, -z);  // |lo| <= 2^-4, half an ulp of z < 2^50
    double whole = std::floor(z);
    double frac = (z - whole) + lo;  // z - whole is exact; t's fraction, give or take 1e-16
    if (frac < 0) {
        whole -= 1;
        frac += 1;
    } else if (frac >= 1) {
        whole += 1;
        frac -= 1;
    }
    if (frac >= 0.44 && frac <= 0.56) return std::nullopt;
    const auto snapped = static_cast<uint64_t>(frac > 0.5 ? whole + 1 : whole);
    const auto unit = static_cast<uint64_t>(exact_pow10[noise_decimals - keep]);
    uint64_t q = snapped / unit;
    const uint64_t rest = snapped % unit, half = unit / 2;
    bool up = false;
    switch (mode) {
        case Rounding::half_up:
            up = rest >= half;
            break;
        case Rounding::half_even:
            up = rest > half || (rest == half && (q & 1) != 0);
            break;
        case Rounding::truncate:
            break;
    }
    return q + (up ? 1 : 0);
}

double round_to(double x, int decimals, Rounding mode) {
    if (!std::isfinite(x)) return x;
    if (decimals >= 0 && fits_decimals(x, decimals)) return x == 0 ? 0.0 : x;
    const size_t keep = static_cast<size_t>(decimals < 0 ? 0 : decimals);
    if (keep < noise_decimals)
        if (std::optional<uint64_t> q = rounded_units(x, static_cast<int>(keep), mode)) {
            if (*q == 0) return 0.0;
            const double y = static_cast<double>(*q) / exact_pow10[keep];
            return x < 0 ? -y : y;
        }
    double y = 0;
    if (keep <= small_places) {
        char out[400 + small_places + round_room];
        size_t n = round_decimal_into(x, keep, mode, out);
        fast_float::from_chars(out, out + n, y);
    } else {
        std::string text = round_decimal(x, decimals, mode);
        fast_float::from_chars(text.data(), text.data() + text.size(), y);
    }
    return y;
}

std::string format_fixed(double x, int decimals) {
    if (!std::isfinite(x)) return "n/a";
    return round_decimal(x, decimals < 0 ? 0 : decimals, Rounding::half_up);
}

std::string format_number(double x) {
    if (x == 0) return "0";
    char buf[400];
    double a = std::fabs(x);
    auto fmt = (a >= 1e-6 && a < 1e15) ? std::chars_format::fixed : std::chars_format::general;
    auto r = std::to_chars(buf, buf + sizeof buf, x, fmt);
    return std::string(buf, static_cast<size_t>(r.ptr - buf));
}

}  // namespace assay
