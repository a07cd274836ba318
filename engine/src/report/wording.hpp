// Words the HTML and XLSX reports print beyond the cells of the tables: a
// group's rating rule in the words of `assay key` (key.hpp), what a scale
// rates, the word for each arrow, why a figure is missing, and how a figure
// is rounded.
#pragma once

#include <assay/assessment.hpp>

#include <cstdint>
#include <string>

namespace assay::reporting {

/// The rating rule of a group in one line, its conditions in the words of
/// `assay key`: "the first that holds of: on track to meet the target ->
/// GREEN; ..."; "decided by a rule function (file:line)"; "" without a rule.
std::string rating_rule_text(const Pack& pack, const Group& group);

/// How `o` is rounded: its group's and indicator's rounding, else the pack's.
Rounding rounding_of(const Assessment& a, const Outcome& o);

/// The header of a group's named arrow: "long" -> "Long", "long_term" -> "Long term".
std::string arrow_name_header(const std::string& name);

/// What a scale rates, for the key's captions: "indicators", "tables",
/// "themes" or several of them ("indicators and themes"); "" when unused.
std::string scale_use(const Pack& pack, const Scale& scale);

/// The word printed beside an arrow: the pack's word, else "Improved",
/// "Static", "Declined", "At maximum", "Increased", "Decreased"; "Not
/// assessed" for Arrow::none.
std::string arrow_word(const Pack& p, Arrow arrow);

/// Why observation `obs` has no figure: the note on it, else "N/A: no figure
/// is available for this period." (the same for every period, so that one
/// footnote serves a whole column).
std::string missing_note(const Dataset& d, uint32_t obs);

}  // namespace assay::reporting
