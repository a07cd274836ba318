// Period labels as reports write them, parsed into typed spans of whole
// months, and printed back in a canonical form. Matching is case-insensitive
// and tolerant of spacing, but never guesses: a label that fits no form is
// an error listing the forms that are accepted.
#include "core/shown_text.hpp"
#include "core/text.hpp"

#include <assay/period.hpp>

#include <fmt/format.h>

#include <array>
#include <optional>

namespace assay {
namespace {

constexpr std::string_view accepted_forms =
    "expected 2006/07 (financial year), 2024 (calendar year), 2024 Q2 or 2024/25 Q2 (quarter), "
    "2024-09 or Sep 2024 (month), 12 months to Sep 2024 (rolling year), or Jul 22 - Jun 23 (range)";

constexpr std::array<std::string_view, 12> month_names = {"january",   "february", "march",    "april",
                                                          "may",       "june",     "july",     "august",
                                                          "september", "october",  "november", "december"};
constexpr std::array<std::string_view, 12> month_abbrevs = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (!is_digit(c)) return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

/// Lower-cased ASCII with runs of blanks collapsed to one space.
std::string normalise(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : trim_blanks(text)) {
        if (c == '\t') c = ' ';
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

int floor_div(int a, int b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}
int year_of(int32_t month) {
    return floor_div(month, 12);
}
int month_of(int32_t month) {
    return month - year_of(month) * 12 + 1;
}  // 1..12

/// A four-digit year.
std::optional<int> year4(std::string_view s) {
    if (s.size() != 4 || !all_digits(s) || s[0] == '0') return std::nullopt;
    return to_int(s);
}

/// A four-digit year, or a two-digit one (70-99 are 1970-1999, else 20xx).
std::optional<int> year2or4(std::string_view s) {
    if (s.size() == 2 && all_digits(s)) {
        int yy = to_int(s);
        return yy >= 70 ? 1900 + yy : 2000 + yy;
    }
    return year4(s);
}

/// The first year of a financial year "2006/07" or "2006/2007".
std::optional<int> financial_year(std::string_view s, std::string& why) {
    size_t slash = s.find('/');
    if (slash != 4) return std::nullopt;
    std::optional<int> y = year4(s.substr(0, 4));
    std::string_view second = s.substr(5);
    if (!y || !all_digits(second) || (second.size() != 2 && second.size() != 4)) return std::nullopt;
    int expected = second.size() == 2 ? (*y + 1) % 100 : *y + 1;
    if (to_int(second) != expected) {
        why =
            fmt::format("a financial year runs from April to March of the next year, as {}/{:02}", *y, (*y + 1) % 100);
        return std::nullopt;
    }
    return y;
}

/// 1..12 for a month name: "Sep", "Sept", "September" (any case, optional '.').
int month_number(std::string_view word) {
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    if (word == "sept") return 9;
    for (size_t i = 0; i < month_names.size(); ++i) {
        std::string_view full = month_names[i];
        if (word == full || (word.size() == 3 && word == full.substr(0, 3))) return static_cast<int>(i) + 1;
    }
    return 0;
}

/// A single month: "2024-09", "sep 2024", "sept 24", "sep-24" (normalised text).
std::optional<int32_t> month(std::string_view s) {
    s = trim_blanks(s);
    if (s.size() == 7 && s[4] == '-' && all_digits(s.substr(5))) {
        std::optional<int> y = year4(s.substr(0, 4));
        int m = to_int(s.substr(5));
        if (!y || m < 1 || m > 12) return std::nullopt;
        return *y * 12 + m - 1;
    }
    size_t sep = s.find_first_of(" -");
    if (sep == std::string_view::npos) return std::nullopt;
    int m = month_number(s.substr(0, sep));
    std::optional<int> y = year2or4(trim_blanks(s.substr(sep + 1)));
    if (m == 0 || !y) return std::nullopt;
    return *y * 12 + m - 1;
}

Period make(PeriodKind kind, int32_t first, int32_t last, std::string_view label) {
    return Period{kind, first, last, std::string(label)};
}

std::optional<Period> rolling_year(std::string_view s, std::string_view label) {
    for (std::string_view prefix :
         {"12 months to ", "12 months ending ", "twelve months to ", "twelve months ending "}) {
        if (s.substr(0, prefix.size()) != prefix) continue;
        std::optional<int32_t> m = month(s.substr(prefix.size()));
        if (m) return make(PeriodKind::rolling_year, *m - 11, *m, label);
    }
    return std::nullopt;
}

std::optional<Period> range(std::string_view s, std::string_view label, std::string& why) {
    for (std::string_view sep : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " to ", "\xE2\x80\x93", "-"}) {
        for (size_t at = s.find(sep); at != std::string_view::npos; at = s.find(sep, at + 1)) {
            std::optional<int32_t> a = month(s.substr(0, at));
            std::optional<int32_t> b = month(s.substr(at + sep.size()));
            if (!a || !b) continue;
            if (*b < *a) {
                why = "a range must end on or after the month it starts";
                return std::nullopt;
            }
            return make(PeriodKind::range, *a, *b, label);
        }
    }
    return std::nullopt;
}

/// "2024 Q2", "2024-Q2", "2024Q2", "Q2 2024" (calendar) and "2024/25 Q2",
/// "Q2 2024/25" (financial: Q1 is April to June).
std::optional<Period> quarter(std::string_view s, std::string_view label, std::string& why) {
    std::string_view rest;
    int q = 0;
    if (s.size() >= 2 && s[0] == 'q' && is_digit(s[1])) {
        q = s[1] - '0';
        rest = s.substr(2);
    } else if (s.size() >= 2 && s[s.size() - 2] == 'q' && is_digit(s.back())) {
        q = s.back() - '0';
        rest = s.substr(0, s.size() - 2);
    } else {
        return std::nullopt;
    }
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '-')) rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '-')) rest.remove_suffix(1);
    int32_t first = 0;
    if (std::optional<int> y = year4(rest)) {
        first = *y * 12 + (q - 1) * 3;
    } else if (std::optional<int> fy = financial_year(rest, why)) {
        first = *fy * 12 + 3 + (q - 1) * 3;
    } else {
        return std::nullopt;
    }
    if (q < 1 || q > 4) {
        why = "quarters are numbered Q1 to Q4";
        return std::nullopt;
    }
    return make(PeriodKind::quarter, first, first + 2, label);
}

}  // namespace

std::string_view to_string(PeriodKind k) {
    switch (k) {
        case PeriodKind::financial_year:
            return "financial_year";
        case PeriodKind::calendar_year:
            return "calendar_year";
        case PeriodKind::quarter:
            return "quarter";
        case PeriodKind::month:
            return "month";
        case PeriodKind::rolling_year:
            return "rolling_year";
        case PeriodKind::range:
            return "range";
    }
    return "range";
}

bool operator<(const Period& a, const Period& b) {
    if (a.last != b.last) return a.last < b.last;
    if (a.first != b.first) return a.first < b.first;
    return a.kind < b.kind;
}

bool operator==(const Period& a, const Period& b) {
    return a.same_span(b);
}

Result<Period> parse_period(std::string_view text) {
    std::string_view label = trim_blanks(text);
    std::string s = normalise(text);
    std::string why;
    if (std::optional<int> y = year4(s)) return make(PeriodKind::calendar_year, *y * 12, *y * 12 + 11, label);
    if (std::optional<int> fy = financial_year(s, why))
        return make(PeriodKind::financial_year, *fy * 12 + 3, *fy * 12 + 14, label);
    if (std::optional<int32_t> m = month(s)) return make(PeriodKind::month, *m, *m, label);
    // "2024-25" cannot be a month, so it is the financial year 2024/25 (but
    // "2006-07" is July 2006, as ISO 8601 writes months).
    if (s.size() == 7 && s[4] == '-') {
        std::string slashed = s;
        slashed[4] = '/';
        std::string ignored;
        if (std::optional<int> fy = financial_year(slashed, ignored))
            return make(PeriodKind::financial_year, *fy * 12 + 3, *fy * 12 + 14, label);
    }
    if (std::optional<Period> p = quarter(s, label, why)) return *p;
    if (std::optional<Period> p = rolling_year(s, label)) return *p;
    if (std::optional<Period> p = range(s, label, why)) return *p;
    if (!why.empty()) return Error{SourceLoc{}, fmt::format("period \"{}\": {}", shown_text(label), why)};
    return Error{SourceLoc{}, fmt::format("unknown period \"{}\": {}", shown_text(label), accepted_forms)};
}

Period shift_years(const Period& p, int years) {
    Period out{p.kind, p.first + 12 * years, p.last + 12 * years, {}};
    out.label = canonical_label(out);
    return out;
}

std::string canonical_label(const Period& p) {
    switch (p.kind) {
        case PeriodKind::financial_year:
            return fmt::format("{}/{:02}", year_of(p.first), (year_of(p.first) + 1) % 100);
        case PeriodKind::calendar_year:
            return fmt::format("{}", year_of(p.first));
        case PeriodKind::quarter:
            return fmt::format("{} Q{}", year_of(p.first), (month_of(p.first) - 1) / 3 + 1);
        case PeriodKind::month:
            return fmt::format("{}-{:02}", year_of(p.first), month_of(p.first));
        case PeriodKind::rolling_year:
            return fmt::format("12 months to {}-{:02}", year_of(p.last), month_of(p.last));
        case PeriodKind::range:
            return fmt::format("{} {} - {} {}", month_abbrevs[month_of(p.first) - 1], year_of(p.first),
                               month_abbrevs[month_of(p.last) - 1], year_of(p.last));
    }
    return p.label;
}

}  // namespace assay
