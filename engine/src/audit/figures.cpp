// Printed precision, input ranges and verdicts (see figures.hpp). Verdicts
// are decided on whole multiples of the printed unit, so no floating-point
// equality is ever tested.
#include "audit/figures.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <vector>

namespace assay::audit {
namespace {

/// `x` in units of `u`, as the nearest whole number (for figures printed at u).
int64_t units(double x, double u) {
    return std::llround(x / u);
}

std::string group_thousands(std::string digits) {
    // digits: an optional '-', integer digits, then maybe ".ddd".
    size_t start = digits[0] == '-' ? 1 : 0;
    size_t end = digits.find('.');
    if (end == std::string::npos) end = digits.size();
    for (size_t i = end; i > start + 3; i -= 3) digits.insert(i - 3, 1, ',');
    return digits;
}

std::string_view convention_words(Rounding r) {
    switch (r) {
        case Rounding::half_up:
            return "rounding half up";
        case Rounding::half_even:
            return "rounding half to even";
        case Rounding::truncate:
            return "truncating";
    }
    return "rounding";
}

/// `x` without binary noise: rounded to 12 significant digits, so that
/// 84.6 - 67.9 is 16.7 and not 16.699999999999989, which truncates to 16.6.
double snap(double x) {
    if (x == 0 || !std::isfinite(x)) return x;
    int digits = 12 - static_cast<int>(std::ceil(std::log10(std::fabs(x))));
    return round_to(x, std::clamp(digits, 0, 15), Rounding::half_even);
}

}  // namespace

double Printed::unit() const {
    return duration ? 1.0 / 3600.0 : std::pow(10.0, -decimals);
}

Printed printed_as(std::string_view text) {
    Printed p;
    p.duration = text.find(':') != std::string_view::npos;
    p.percent = text.find('%') != std::string_view::npos;
    p.grouped = text.find(',') != std::string_view::npos;
    const std::string lower = to_lower(text);
    p.points = lower.find("pt") != std::string::npos || lower.find("pp") != std::string::npos;
    size_t dot = text.find('.');
    if (dot != std::string_view::npos && !p.duration)
        while (dot + 1 + static_cast<size_t>(p.decimals) < text.size() &&
               std::isdigit(static_cast<unsigned char>(text[dot + 1 + static_cast<size_t>(p.decimals)])))
            ++p.decimals;
    return p;
}

Printed printed_like_data(std::string_view unit, int decimals) {
    Printed p;
    p.duration = unit == "duration";
    p.percent = unit == "percent";
    p.decimals = decimals;
    return p;
}

bool exact_unit(std::string_view unit) {
    return unit == "count" || unit == "duration";
}

Range range_of(const Term& t, Rounding mode) {
    if (t.exact) return {t.value, t.value};
    double u = std::pow(10.0, -t.decimals);
    if (mode != Rounding::truncate) return {t.value - u / 2, t.value + u / 2};
    // Truncation drops digits toward zero: the value was up to one unit further from zero.
    if (t.value > 0) return {t.value, t.value + u};
    if (t.value < 0) return {t.value - u, t.value};
    return {-u, u};
}

double round_at(double x, const Printed& p, Rounding mode) {
    if (p.duration) return round_to(x * 3600.0, 0, mode) / 3600.0;
    return round_to(x, p.decimals, mode);
}

Judgement judge(double published, const Printed& p, double computed, Range range, Rounding mode) {
    Judgement j;
    double u = p.unit();
    computed = snap(computed);
    range = {snap(range.lo), snap(range.hi)};
    j.rounded = round_at(computed, p, mode);
    int64_t pub = units(published, u);
    if (pub == units(j.rounded, u)) return j;  // match
    // What the declared convention can print for some value in the range:
    // rounding is monotone, so exactly the figures between its roundings of
    // the two ends. A figure outside is not rounding, however close.
    int64_t lo = units(round_at(range.lo, p, mode), u), hi = units(round_at(range.hi, p, mode), u);
    auto explained = [&](int64_t v) { return lo <= v && v <= hi; };
    // Another convention applied to the figure itself (published under a
    // convention other than the declared one) is said as such.
    std::vector<std::string> by;
    for (Rounding r : {Rounding::half_up, Rounding::half_even, Rounding::truncate})
        if (r != mode && units(round_at(computed, p, r), u) == pub) by.emplace_back(convention_words(r));
    if (!by.empty() || explained(pub)) {
        j.verdict = Verdict::rounding;
        if (!by.empty())
            j.explanation = fmt::format("{} gives the published figure, {} gives {}", fmt::join(by, " or "),
                                        convention_words(mode), format_figure(j.rounded, p));
        else
            j.explanation = fmt::format("the printed inputs are rounded, so the figure lies between {} and {}",
                                        format_precise(range.lo, p), format_precise(range.hi, p));
        return j;
    }
    bool flipped = pub != 0 && (-pub == units(j.rounded, u) || explained(-pub));
    j.verdict = flipped ? Verdict::wrong_sign : Verdict::wrong;
    return j;
}

std::string format_figure(double x, const Printed& p) {
    if (p.duration) {
        int64_t s = std::llround(std::fabs(x) * 3600.0);
        return fmt::format("{}{}:{:02}:{:02}", x < 0 && s != 0 ? "-" : "", s / 3600, (s / 60) % 60, s % 60);
    }
    std::string out = format_fixed(x, p.decimals);
    if (p.grouped) out = group_thousands(out);
    if (p.percent) out += '%';
    if (p.points) out += "pts";
    return out;
}

std::string format_precise(double x, const Printed& p, int extra) {
    if (p.duration) return format_figure(x, p);
    Printed q = p;
    q.decimals = p.decimals + extra;
    // Drop trailing zeros beyond the printed decimals: -1047 stays -1,047, -6.9700 reads -6.97.
    std::string s = format_fixed(x, q.decimals);
    if (p.grouped) s = group_thousands(s);
    size_t dot = s.find('.');
    if (dot != std::string::npos) {
        size_t keep = dot + 1 + static_cast<size_t>(p.decimals);
        while (s.size() > keep && s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (p.percent) s += '%';
    if (p.points) s += "pts";
    return s;
}

}  // namespace assay::audit
