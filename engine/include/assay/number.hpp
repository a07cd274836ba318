// Numbers as people write them, and as reports print them: parsing of
// "1,843", "89.2%", "+1.5pts", "N/A"; rounding conventions; fixed,
// locale-independent formatting.
#pragma once

#include <assay/error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace assay {

/// How a figure is rounded to its printed decimals.
enum class Rounding { half_up, half_even, truncate };

/// "half_up", "half_even", "truncate".
std::string_view to_string(Rounding r);
/// The Rounding named by `name`, if any.
std::optional<Rounding> rounding_from_string(std::string_view name);

/// Rounds `x` to `decimals` places, deciding ties on the shortest decimal
/// form of `x` (so 2.675 half-up gives 2.68, as a person would expect).
/// Half-up rounds ties away from zero; truncate drops digits toward zero.
double round_to(double x, int decimals, Rounding mode);

/// |x| rounded as round_to rounds it, as a whole number of 10^-decimals,
/// when that is quick to know (|x| under a million, decimals under 9, x not
/// within a hair of a half at the ninth place); none otherwise.
std::optional<uint64_t> rounded_units(double x, int decimals, Rounding mode);

/// `x` with exactly `decimals` places, '.' as decimal point whatever the
/// locale, no "-0". Non-finite values print as "n/a".
std::string format_fixed(double x, int decimals);

/// The shortest text that reads back as the same double ("547", "-14.53125").
/// Used for JSON; non-finite values are never passed here.
std::string format_number(double x);

/// A value read from a cell: a number, or missing with the reason as written.
struct CellValue {
    std::optional<double> value;  ///< empty when missing
    std::string missing;          ///< the text that made it missing ("N/A", "-", "")
    bool percent = false;         ///< written with a trailing '%'
    bool points = false;          ///< written with "pts" / "pp"
    bool duration = false;        ///< written as h:mm:ss ("373:26:00"); the value is in hours
    bool currency = false;        ///< written with a currency sign (£, $, €)
};

/// Parses a cell as people write it: optional sign, thousands separators in
/// groups of three, decimals, trailing '%' or "pts"; "N/A", "n/a", "NA",
/// "-", "–" and empty are missing. Parenthesised values "(2,000)" are
/// negative, as accountants write them. Rejects anything else with a message
/// saying what was expected (the Error has no location; callers add it).
Result<CellValue> parse_cell(std::string_view text);

/// Whether the plain decimal `number` ("1e-400") has a non-zero digit yet
/// reads as 0: too small for a double. parse_cell refuses such numbers.
bool underflows(std::string_view number);

}  // namespace assay
