// Presentation conventions and the one formatter of printed figures (see
// assay/presentation.hpp).
#include <assay/presentation.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace assay {
namespace {

// The decimals printed are bounded so that a wild metadata value cannot ask
// for a thousand-digit cell.
int printable_decimals(int decimals) {
    return std::clamp(decimals, 0, 12);
}

// "10202" -> "10,202"; digits only, the decimals are left alone.
std::string group_thousands(const std::string& digits) {
    size_t end = digits.find('.');
    if (end == std::string::npos) end = digits.size();
    std::string out;
    for (size_t i = 0; i < end; ++i) {
        out += digits[i];
        size_t left = end - i - 1;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    out += digits.substr(end);
    return out;
}

// Whether a magnitude gets separators under `thousands` (0 always, -1 never).
bool separated(double magnitude, long long thousands) {
    if (thousands < 0) return false;
    return magnitude >= static_cast<double>(std::max<long long>(thousands, 1000));
}

// The sign and brackets around an unsigned body: "-", "(...)" or "+".
std::string signed_text(std::string body, bool negative, bool positive, const Style& style, bool plus) {
    if (negative) return style.brackets ? "(" + body + ")" : "-" + body;
    if (positive && plus) return "+" + body;
    return body;
}

// Hours as h:mm:ss, to the nearest second: 373.4333 -> "373:26:00".
std::string hms_text(double hours, const Style& style, bool plus) {
    if (!std::isfinite(hours)) return "N/A";
    long long seconds = std::llround(std::fabs(hours) * 3600.0);
    long long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
    auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    std::string body = std::to_string(h) + ":" + two(m) + ":" + two(s);
    return signed_text(body, hours < 0 && seconds > 0, hours > 0 && seconds > 0, style, plus);
}

bool is_percent(const Indicator& ind) {
    return ind.unit == "percent";
}

bool is_duration(const Indicator& ind, const Style& style) {
    return style.hms && ind.unit == "duration";
}

}  // namespace

std::string_view to_string(ChangeColumn c) {
    switch (c) {
        case ChangeColumn::volume:
            return "volume";
        case ChangeColumn::pct:
            return "pct";
        case ChangeColumn::pts:
            return "pts";
    }
    return "volume";
}

Presentation Presentation::merged(const Presentation& over) const {
    Presentation out = *this;
    auto take = [](auto& mine, const auto& theirs) {
        if (theirs) mine = theirs;
    };
    take(out.sign_changes, over.sign_changes);
    take(out.sign_values, over.sign_values);
    take(out.thousands, over.thousands);
    take(out.brackets, over.brackets);
    take(out.unit_header, over.unit_header);
    take(out.hms, over.hms);
    take(out.points, over.points);
    take(out.changes, over.changes);
    take(out.not_applicable, over.not_applicable);
    return out;
}

bool Style::shows(ChangeColumn c) const {
    return std::find(changes.begin(), changes.end(), c) != changes.end();
}

Style resolve(const Presentation& p) {
    Style s;
    s.sign_changes = p.sign_changes.value_or(s.sign_changes);
    s.sign_values = p.sign_values.value_or(s.sign_values);
    s.thousands = p.thousands.value_or(s.thousands);
    s.brackets = p.brackets.value_or(s.brackets);
    s.unit_header = p.unit_header.value_or("");
    s.hms = p.hms.value_or(s.hms);
    s.points = p.points.value_or(s.points);
    if (p.changes) s.changes = *p.changes;
    s.not_applicable = p.not_applicable.value_or("");
    return s;
}

std::string format_figure(double x, int decimals, Rounding rounding, const Style& style, bool plus) {
    if (!std::isfinite(x)) return "N/A";
    decimals = printable_decimals(decimals);
    double r = round_to(x, decimals, rounding);
    std::string body = format_fixed(std::fabs(r), decimals);
    if (separated(std::fabs(r), style.thousands)) body = group_thousands(body);
    // A figure that rounds to zero prints without a sign: "0", never "-0" or "+0".
    bool zero = format_fixed(r, decimals).find_first_not_of("0.-") == std::string::npos;
    return signed_text(body, !zero && r < 0, !zero && r > 0, style, plus);
}

std::string format_value(const Indicator& ind, double value, Rounding rounding, const Style& style) {
    if (!std::isfinite(value)) return "N/A";
    if (is_duration(ind, style)) return hms_text(value, style, style.sign_values);
    if (is_percent(ind)) {
        // A percentage keeps its plain form ("72%", "-3.5%"): no separators or brackets.
        Style plain;
        plain.thousands = -1;
        return format_figure(value, ind.decimals, rounding, plain, style.sign_values) + "%";
    }
    return format_figure(value, ind.decimals, rounding, style, style.sign_values || ind.unit == "points");
}

bool change_in_points(const Indicator& ind, const Style& style) {
    return style.points && is_percent(ind);
}

std::string format_change(const Indicator& ind, double change, Rounding rounding, const Style& style) {
    if (!std::isfinite(change)) return "N/A";
    if (is_duration(ind, style)) return hms_text(change, style, style.sign_changes);
    if (change_in_points(ind, style)) return format_change_pts(ind, change, rounding, style);
    // A percentage's change without points is a plain figure too.
    if (is_percent(ind)) {
        Style plain;
        plain.thousands = -1;
        return format_figure(change, ind.decimals, rounding, plain, style.sign_changes);
    }
    return format_figure(change, ind.decimals, rounding, style, style.sign_changes || ind.unit == "points");
}

std::string format_change_pct(const Indicator& ind, double change_pct, Rounding rounding, const Style& style) {
    if (change_in_points(ind, style)) return style.not_applicable;
    if (!std::isfinite(change_pct)) return "N/A";
    Style plain;
    plain.thousands = style.thousands;
    return format_figure(change_pct, 1, rounding, plain, style.sign_changes) + "%";
}

std::string format_change_pts(const Indicator& ind, double change, Rounding rounding, const Style& style) {
    if (!is_percent(ind)) return style.not_applicable;
    if (!std::isfinite(change)) return "N/A";
    // Points are a change by nature: always signed, as "+1.5pts" and "-1.9pts".
    Style plain;
    plain.thousands = -1;
    return format_figure(change, ind.decimals, rounding, plain, true) + "pts";
}

}  // namespace assay
