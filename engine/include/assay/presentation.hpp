// Presentation conventions: how a publication prints its figures (signs on
// changes and gaps, thousands separators, accountants' brackets, a currency
// unit over the columns, durations as h:mm:ss, percentage points for rates,
// which change columns a table shows). A pack declares them at pack, group
// or indicator level, like rounding; every report format and the comments
// print figures through the one formatter here, so they agree cell for cell.
#pragma once

#include <assay/dataset.hpp>
#include <assay/number.hpp>

#include <optional>
#include <string>
#include <vector>

namespace assay {

/// A change column a table may show.
enum class ChangeColumn {
    volume,  ///< the change in the indicator's units ("-8,486"; a rate's in points, "+1.5pts", when `points`)
    pct,     ///< the change as a % of the earlier figure ("-6.9%")
    pts,     ///< a percentage's change in percentage points ("+1.5pts"), in a column of its own
};

/// "volume", "pct", "pts".
std::string_view to_string(ChangeColumn c);

/// Conventions as declared at one level; an unset field is inherited from
/// the level above (indicator, then group, then pack, then the defaults of
/// `Style`).
struct Presentation {
    std::optional<bool> sign_changes;        ///< "+" on positive changes and % changes ("+25", "+38.4%")
    std::optional<bool> sign_values;         ///< "+" on positive values: gaps ("+0.4")
    std::optional<long long> thousands;      ///< separators from this magnitude up; 0 always, -1 never
    std::optional<bool> brackets;            ///< negatives as accountants write them: "(83,500)"
    std::optional<std::string> unit_header;  ///< the unit printed over the figure columns: "£000s"
    std::optional<bool> hms;                 ///< durations (unit "duration", in hours) as h:mm:ss
    std::optional<bool> points;              ///< a percentage's change in points ("+1.5pts"), with no relative %
    std::optional<std::vector<ChangeColumn>> changes;  ///< the change columns the table shows, in order
    std::optional<std::string> not_applicable;         ///< a change cell that does not apply ("-"); default empty

    /// This presentation with `over`'s fields where `over` sets them.
    Presentation merged(const Presentation& over) const;
};

/// Every convention decided.
struct Style {
    bool sign_changes = false;
    bool sign_values = false;
    long long thousands = 10000;  ///< separators from 10,000 up unless the pack says otherwise
    bool brackets = false;
    std::string unit_header;
    bool hms = false;
    bool points = false;
    std::vector<ChangeColumn> changes;
    std::string not_applicable;

    /// Whether the table shows change column `c`.
    bool shows(ChangeColumn c) const;
};

/// The conventions `p` decides, defaults elsewhere.
Style resolve(const Presentation& p);

/// `x` rounded to `decimals` with `rounding`, with the style's separators
/// and brackets, and a "+" on positives when `plus`. Non-finite: "N/A".
std::string format_figure(double x, int decimals, Rounding rounding, const Style& style, bool plus);

/// A value as printed: "72%" for percent, h:mm:ss for durations when the
/// style says so, "+" for points and signed values, separators and brackets.
std::string format_value(const Indicator& ind, double value, Rounding rounding, const Style& style);

/// Whether an indicator's change is shown in percentage points with no
/// relative %: a percentage under a style with `points`.
bool change_in_points(const Indicator& ind, const Style& style);

/// A change as printed in the volume column: "-8,486", "25", or "+1.5pts"
/// for a percentage when `change_in_points`; a duration as h:mm:ss.
std::string format_change(const Indicator& ind, double change, Rounding rounding, const Style& style);

/// A % change as printed ("-6.9%", one decimal); the style's
/// `not_applicable` text for a percentage whose change is in points.
std::string format_change_pct(const Indicator& ind, double change_pct, Rounding rounding, const Style& style);

/// A percentage's change in points ("+1.5pts"); `not_applicable` for other units.
std::string format_change_pts(const Indicator& ind, double change, Rounding rounding, const Style& style);

}  // namespace assay
