// "Did you mean" hints for mis-typed names: the closest known name by edit
// distance, so that `indicatrs = ...` or `GREN` gets a useful error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace assay::lua {

/// The candidate closest to `word` (case-insensitive edit distance, at most
/// about a third of the word; a candidate the word begins counts as one
/// edit away), or "" when none is close; ties go to the first.
std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// "'a', 'b' or 'c'": a list of names for "expected ..." messages.
std::string quoted_list(const std::vector<std::string>& names);

}  // namespace assay::lua
