// Periods: typed, ordered, printed as the source prints them.
#pragma once

#include <assay/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace assay {

/// The kind of time span a period covers.
enum class PeriodKind {
    financial_year,  ///< "2006/07": April 2006 to March 2007
    calendar_year,   ///< "2024"
    quarter,         ///< "2024 Q2" (calendar) or "2024/25 Q2" (financial: Jul-Sep 2024)
    month,           ///< "2024-09", "Sept 2024"
    rolling_year,    ///< "12 months to Sept 2024": the twelve months ending that month
    range,           ///< "Jul 22 - Jun 23": a labelled span of whole months
};

/// "financial_year", "calendar_year", "quarter", "month", "rolling_year", "range".
std::string_view to_string(PeriodKind k);

/// A span of whole months. Months are counted as year*12 + (month-1).
struct Period {
    PeriodKind kind = PeriodKind::calendar_year;
    int32_t first = 0;  ///< first month covered
    int32_t last = 0;   ///< last month covered (inclusive)
    std::string label;  ///< as the source writes it

    /// Number of months covered.
    int32_t months() const { return last - first + 1; }
    /// Same kind and span (labels may differ: "Sep 2024" == "Sept 2024").
    bool same_span(const Period& o) const { return kind == o.kind && first == o.first && last == o.last; }
};

/// Orders by the last month covered, then the first, then the kind.
bool operator<(const Period& a, const Period& b);
/// Same kind and span; the label is not compared.
bool operator==(const Period& a, const Period& b);

/// Parses a period label; the Error says which forms are accepted.
Result<Period> parse_period(std::string_view text);

/// The period of the same kind and length `years` years later (negative for
/// earlier), labelled in the canonical form of its kind.
Period shift_years(const Period& p, int years);

/// The canonical label of a period ("2006/07", "2024-09", "12 months to 2024-09").
std::string canonical_label(const Period& p);

}  // namespace assay
