// What rules written as Lua functions see: `a`, one indicator's assessment
// in one area, and `c`, the counts of a group or theme. Each is a single
// read-only userdata per pack state whose fields are read on demand from the
// host's structs, so a call allocates nothing it does not use. They point at
// the host's data only during a call.
#pragma once

#include <assay/assessment.hpp>

#include <lua.hpp>

#include <string>
#include <vector>

namespace assay::lua {

/// The outcome a rating function is looking at.
struct RateView {
    const Pack* pack = nullptr;        ///< the pack the outcome's group belongs to
    const Dataset* data = nullptr;     ///< the dataset the outcome's series belongs to
    const Outcome* outcome = nullptr;  ///< the outcome so far (arrow and target decided)
    /// What the function read, in order, once each ("value = 8.4", "a:improved(\"long\") = true"); null: not kept.
    std::vector<std::string>* reads = nullptr;
    /// Set when the function reads another series than its own (a:lookup); null: not asked.
    bool* other_series = nullptr;
};

/// Creates the `a` and `c` userdata of this state (once, at set-up).
void register_views(lua_State* L);

/// Points `a` at `view` (null: nothing) and pushes it.
void push_assessment_view(lua_State* L, const RateView* view);

/// Points `c` at `counts` (null: nothing) and pushes it.
void push_counts_view(lua_State* L, const Counts* counts);

}  // namespace assay::lua
