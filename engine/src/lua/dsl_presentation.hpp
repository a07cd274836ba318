// Reading a pack's or group's presentation conventions:
// presentation = { sign_changes = true, thousands = "always", changes = { "volume", "pct" },
//                  indicators = { some_id = { hms = true } } }.
#pragma once

#include "lua/dsl_fields.hpp"

#include <assay/presentation.hpp>

#include <map>
#include <string>
#include <vector>

namespace assay::lua {

/// A presentation field as written: conventions for all, and per indicator.
struct PresentationSpec {
    Presentation general;
    std::map<std::string, Presentation, std::less<>> indicators;
};

/// Reads field `presentation` of `f` (absent: an empty spec). When `members`
/// is given (a group's indicators), per-indicator conventions must name one of them.
PresentationSpec read_presentation(lua_State* L, const Fields& f, const std::vector<std::string>* members = nullptr);

}  // namespace assay::lua
