// Reading `derive "id" { ... }`: a series the pack computes from the
// dataset's (gap, gap_areas, rate, rolling_sum or sum), with the metadata
// it is reported with. Names are checked against the dataset only when the
// series are derived (derive_series), as the loader has no dataset.
#pragma once

#include "lua/dsl_fields.hpp"

#include <assay/pack.hpp>

#include <string>
#include <vector>

namespace assay::lua {

/// The fields a derive declaration accepts.
extern const std::vector<std::string> kDeriveFields;

/// Reads the fields of a derive declaration into `out` (id and place set by
/// the caller). Raises RuleError for a missing or doubled kind, or a field
/// of the wrong form.
void read_derive(lua_State* L, const Fields& f, DerivedSeries& out);

}  // namespace assay::lua
