// Hints for mis-typed names in rule packs: the closest known name comes
// from core/closest_name.hpp (one policy for the engine); this adds the
// list of names an "expected ..." message offers.
#pragma once

#include "core/closest_name.hpp"

#include <string>
#include <vector>

namespace assay::lua {

/// "'a', 'b' or 'c'": a list of names for "expected ..." messages.
std::string quoted_list(const std::vector<std::string>& names);

}  // namespace assay::lua
