// The arithmetic of the published-figure audit: how precisely a figure was
// printed, the range of values a printed input may stand for, and the
// verdict on a published figure against the figure the data gives.
//
// "Explained by rounding", precisely: each input printed in the data is a
// count or a duration (exact) or a rounded figure standing for any value
// that rounds to it at its indicator's decimals (within half a unit of its
// last digit; under truncate, up to one unit away from zero). Over those
// ranges the computed figure lies in [lo, hi]. The published figure, at its
// own printed precision u, is explained by rounding when the declared
// convention gives it for some value in that range (it lies between the
// convention's roundings of lo and hi), or when another convention applied
// to the computed figure gives it (and the finding says which). Any other
// figure, even one unit off in its last digit, is an error. It is a match when the pack's convention
// applied to the figure computed from the printed inputs gives it exactly.
#pragma once

#include <assay/audit.hpp>
#include <assay/number.hpp>

#include <string>
#include <string_view>

namespace assay::audit {

/// How a figure is printed: the unit of its last digit and its decorations.
struct Printed {
    int decimals = 0;       ///< digits after the decimal point
    bool duration = false;  ///< h:mm:ss (values in hours; the last digit is a second)
    bool percent = false;   ///< a trailing %
    bool points = false;    ///< a trailing pts
    bool grouped = true;    ///< thousands separated by commas (1,047)
    /// The value of one unit of the last printed digit.
    double unit() const;
};

/// How `text` (a published cell) is printed.
Printed printed_as(std::string_view text);

/// How a data value of an indicator with this unit and decimals is printed.
Printed printed_like_data(std::string_view unit, int decimals);

/// A closed range of values.
struct Range {
    double lo = 0;
    double hi = 0;
};

/// One printed input of a computation.
struct Term {
    double value = 0;
    int decimals = 0;    ///< its indicator's decimals
    bool exact = false;  ///< a count or duration: no rounding in it
};

/// Whether values of this indicator unit are exact (counts and durations).
bool exact_unit(std::string_view unit);

/// The values a printed input may stand for under `mode`.
Range range_of(const Term& t, Rounding mode);

/// `x` rounded to the precision `p` by `mode`.
double round_at(double x, const Printed& p, Rounding mode);

/// A judgement of a published figure.
struct Judgement {
    Verdict verdict = Verdict::match;
    double rounded = 0;       ///< the computed figure rounded by the convention
    std::string explanation;  ///< why it is rounding (empty otherwise)
};

/// Judges `published` (printed as `p`) against `computed` from the printed
/// inputs, which may lie anywhere in `range`, under convention `mode`.
Judgement judge(double published, const Printed& p, double computed, Range range, Rounding mode);

/// `x` printed as `p` prints: thousands grouped, decimals, % or pts, or h:mm:ss.
std::string format_figure(double x, const Printed& p);

/// `x` with `extra` more decimals than `p` prints, to show what was rounded.
std::string format_precise(double x, const Printed& p, int extra = 2);

}  // namespace assay::audit
