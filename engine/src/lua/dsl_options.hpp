// Options that packs and groups share beyond the v1 fields: rounding given
// as one convention or per indicator, and a group's further named arrows
// (short- and long-term) beside its main one.
#pragma once

#include "lua/dsl_fields.hpp"

#include <assay/number.hpp>
#include <assay/pack.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace assay::lua {

/// A rounding field as written: `rounding = "truncate"` or
/// `rounding = { default = "half_up", truncate = { "ind_a" } }`.
struct RoundingSpec {
    std::optional<Rounding> general;                          ///< the plain or `default` convention, if given
    std::map<std::string, Rounding, std::less<>> indicators;  ///< indicator -> its own convention
};

/// Reads field `rounding` of `f` (absent: an empty spec).
RoundingSpec read_rounding(lua_State* L, const Fields& f);

/// Reads a group's further arrows: `arrows = { short = ..., long = ... }`
/// and `short_arrow = ...` / `long_arrow = ...`; short, medium, long, then the rest by name.
std::vector<NamedArrowRule> read_named_arrows(lua_State* L, const Fields& f);

}  // namespace assay::lua
