// A period written one way that a council could mean another: "2024 Q1" is
// January to March 2024 as a calendar quarter, but a council that counts
// financial quarters means April to June 2024 by "Q1"; "2024" is a calendar
// year, where the data may hold financial years (2024/25). When the data's
// own labels use the other reading, say which period is taken and how to
// write the other.
#include <assay/period.hpp>
#include <assay/run.hpp>

#include <fmt/format.h>

#include <array>
#include <optional>

namespace assay {
namespace {

constexpr std::array<std::string_view, 12> month_names = {"January",   "February", "March",    "April",
                                                          "May",       "June",     "July",     "August",
                                                          "September", "October",  "November", "December"};

int year_of(int32_t month) {
    return month / 12;
}

std::string_view month_name(int32_t month) {
    return month_names[static_cast<size_t>(month % 12)];
}

/// "January to March 2024", "April 2024 to March 2025".
std::string span_text(int32_t first, int32_t last) {
    if (year_of(first) == year_of(last))
        return fmt::format("{} to {} {}", month_name(first), month_name(last), year_of(last));
    return fmt::format("{} {} to {} {}", month_name(first), year_of(first), month_name(last), year_of(last));
}

/// A quarter label written in financial terms ("2024/25 Q1", "Q1 2024/25").
bool financial_label(std::string_view label) {
    return label.find('/') != std::string_view::npos;
}

/// The data's label for the span first..last of kind `kind`, or `fallback` when it holds none.
std::string label_in(const Dataset& data, PeriodKind kind, int32_t first, int32_t last, std::string fallback) {
    for (const Period& p : data.periods)
        if (p.kind == kind && p.first == first && p.last == last) return p.label;
    return fallback;
}

/// " (the data's 2023/24 Q4)" or ", which the data does not hold".
std::string held_as(const Dataset& data, const Period& taken) {
    for (const Period& p : data.periods)
        if (p.same_span(taken)) return p.label == taken.label ? std::string() : fmt::format(", the data's {}", p.label);
    return ", which the data does not hold";
}

std::string quarter_reading(const Dataset& data, std::string_view option, const Period& taken) {
    bool text_financial = financial_label(taken.label);
    bool data_financial = false, data_calendar = false;
    for (const Period& p : data.periods)
        if (p.kind == PeriodKind::quarter) (financial_label(p.label) ? data_financial : data_calendar) = true;
    if (text_financial ? !data_calendar || data_financial : !data_financial || data_calendar) return {};
    // The quarter numbered the same in the other reading.
    int q = 0;
    int32_t other_first = 0;
    std::string other;
    if (text_financial) {
        int fy = year_of(taken.first - 3);
        q = (taken.first - (fy * 12 + 3)) / 3 + 1;
        other_first = fy * 12 + (q - 1) * 3;
        other = label_in(data, PeriodKind::quarter, other_first, other_first + 2, fmt::format("{} Q{}", fy, q));
    } else {
        int y = year_of(taken.first);
        q = taken.first % 12 / 3 + 1;
        other_first = y * 12 + 3 + (q - 1) * 3;
        other = label_in(data, PeriodKind::quarter, other_first, other_first + 2,
                         fmt::format("{}/{:02} Q{}", y, (y + 1) % 100, q));
    }
    return fmt::format(
        "{} {}: taken as the {} quarter {}{}; the data counts quarters in {} terms, so for its Q{} ({}) write {}",
        option, taken.label, text_financial ? "financial" : "calendar", span_text(taken.first, taken.last),
        held_as(data, taken), text_financial ? "calendar" : "financial", q, span_text(other_first, other_first + 2),
        other);
}

std::string year_reading(const Dataset& data, std::string_view option, const Period& taken) {
    bool text_financial = taken.kind == PeriodKind::financial_year;
    PeriodKind other_kind = text_financial ? PeriodKind::calendar_year : PeriodKind::financial_year;
    bool data_other = false;
    for (const Period& p : data.periods) data_other = data_other || p.kind == other_kind;
    if (!data_other) return {};
    int y = year_of(taken.first);
    std::string how;
    if (text_financial) {
        // 2024/25 overlaps the calendar years 2024 and 2025.
        for (int c : {y, y + 1}) {
            std::string l = label_in(data, other_kind, c * 12, c * 12 + 11, fmt::format("{}", c));
            how += fmt::format("{}{} ({})", how.empty() ? "" : " or ", l, span_text(c * 12, c * 12 + 11));
        }
    } else {
        // 2024 overlaps the financial years 2023/24 and 2024/25.
        for (int f : {y, y - 1}) {
            std::string l =
                label_in(data, other_kind, f * 12 + 3, f * 12 + 14, fmt::format("{}/{:02}", f, (f + 1) % 100));
            how += fmt::format("{}{} ({})", how.empty() ? "" : " or ", l, span_text(f * 12 + 3, f * 12 + 14));
        }
    }
    return fmt::format("{} {}: taken as the {} year {}{}; the data has {} years: write {}", option, taken.label,
                       text_financial ? "financial" : "calendar", span_text(taken.first, taken.last),
                       held_as(data, taken), text_financial ? "calendar" : "financial", how);
}

}  // namespace

std::string period_reading(const Dataset& data, std::string_view option, std::string_view text) {
    Result<Period> parsed = parse_period(text);
    if (!parsed) return {};
    const Period& taken = parsed.value();
    switch (taken.kind) {
        case PeriodKind::quarter:
            return quarter_reading(data, option, taken);
        case PeriodKind::calendar_year:
        case PeriodKind::financial_year:
            return year_reading(data, option, taken);
        default:
            return {};
    }
}

std::vector<std::string> period_spec_readings(const Dataset& data, std::string_view option, std::string_view spec) {
    std::vector<std::string> out;
    size_t dots = spec.find("..");
    std::vector<std::string_view> ends;
    if (dots == std::string_view::npos)
        ends.push_back(spec);
    else
        ends = {spec.substr(0, dots), spec.substr(dots + 2)};
    for (std::string_view end : ends) {
        while (!end.empty() && end.front() == ' ') end.remove_prefix(1);
        while (!end.empty() && end.back() == ' ') end.remove_suffix(1);
        if (end.empty() || end == "all") continue;
        if (std::string w = period_reading(data, option, end); !w.empty()) out.push_back(std::move(w));
    }
    return out;
}

}  // namespace assay
