// What rules written as Lua functions see: `a`, one indicator's assessment
// in one area, and `c`, the counts of a group or theme. Each is a single
// read-only userdata per pack state whose fields are read on demand from the
// host's structs, so a call allocates nothing it does not use. They point at
// the host's data only during a call.
#pragma once

#include <assay/assessment.hpp>

#include <lua.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace assay::lua {

/// A value `a` gave a rating function: nil, a boolean, a number or a text.
struct ViewValue {
    enum class Kind : uint8_t { nil, boolean, number, text };
    Kind kind = Kind::nil;
    bool b = false;
    double x = 0;
    std::string s;
    /// The same value: numbers by their bits (so -0 is not 0, and a NaN is itself).
    bool operator==(const ViewValue& o) const;
};

/// One read of `a` a trace can replay: a field of one value (a.value,
/// a.arrow...) or a method of one value (a:on_track(), a:improved("long")...),
/// with its argument, and what it gave.
struct ViewRead {
    uint8_t what = 0;  ///< which field or method (see read_view)
    ViewValue arg;     ///< a method's argument; nil when none
    ViewValue value;   ///< what it gave
};

/// What one call of a rating function read of `a`, in order. A call that
/// read `a` any other way (a.target, a.arrows, a:lookup, tostring(a), or a
/// read that failed) is not `replayable`.
struct ViewTrace {
    std::vector<ViewRead> reads;
    bool replayable = true;
};

/// The outcome a rating function is looking at.
struct RateView {
    const Pack* pack = nullptr;        ///< the pack the outcome's group belongs to
    const Dataset* data = nullptr;     ///< the dataset the outcome's series belongs to
    const Outcome* outcome = nullptr;  ///< the outcome so far (arrow and target decided)
    /// What the function read, in order, once each ("value = 8.4", "a:improved(\"long\") = true"); null: not kept.
    std::vector<std::string>* reads = nullptr;
    /// Set when the function reads another series than its own (a:lookup); null: not asked.
    bool* other_series = nullptr;
    /// Where the call's reads are traced; null: not traced.
    ViewTrace* trace = nullptr;
};

/// Reads field or method `what` with `arg` as the call would, without Lua;
/// false where the call would raise an error (an arrow the group lacks).
bool read_view(const RateView& v, uint8_t what, const ViewValue& arg, ViewValue& out);

/// Creates the `a` and `c` userdata of this state (once, at set-up).
void register_views(lua_State* L);

/// Points `a` at `view` (null: nothing) and pushes it.
void push_assessment_view(lua_State* L, const RateView* view);

/// Points `c` at `counts` (null: nothing) and pushes it.
void push_counts_view(lua_State* L, const Counts* counts);

}  // namespace assay::lua
