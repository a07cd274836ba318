// The `assay` table of noise-tolerant comparisons for rule functions, and
// `described(text, fn)`: a rating function with the words the key prints.
#pragma once

#include "lua/lua_util.hpp"

#include <optional>
#include <string>

namespace assay::lua {

/// Adds `assay` (near, at_least, at_most, within, within_pct, pct_change)
/// and `described` to the table on top (the pack's _ENV).
void add_dsl_helpers(lua_State* L);

/// When the value at `idx` is made by `described`, replaces it with its
/// function and returns the description; else leaves it and returns nullopt.
std::optional<std::string> unwrap_described(lua_State* L, int idx);

}  // namespace assay::lua
