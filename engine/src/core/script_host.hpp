// The host-side interface to rules written as Lua functions. The assessment
// engine calls it; engine/src/lua implements it. It knows nothing about Lua.
#pragma once

#include <assay/assessment.hpp>

#include <string>
#include <variant>
#include <vector>

namespace assay {

/// What a script rule returned: a scale level index, or the error text
/// (with the rule's file:line) when it failed.
struct ScriptResult {
    int level = -1;
    std::string error;
    std::string reason;                   ///< why there is no rating, when the rule returned nil, "reason"
    std::vector<std::string> reads = {};  ///< what a rating function read ("value = 8.4"), in order, for explain
    bool other_series = false;            ///< the function read another series than its own (a:lookup)
    bool ok() const { return error.empty(); }
};

/// Calls a pack's Lua functions by reference.
class ScriptHost {
public:
    virtual ~ScriptHost() = default;
    /// Starts an assessment: whatever earlier assessments did (failures
    /// counted, budgets spent) no longer counts. assess() calls it first.
    virtual void begin_assessment() {}
    /// Calls rating function `fn` with the indicator's assessment so far;
    /// with `reads`, notes what the function read (for the explanation).
    virtual ScriptResult rate(int fn, const Pack& pack, const Dataset& data, const Outcome& o, bool reads = true) = 0;
    /// Calls roll-up function `fn` with the counts of a group or theme.
    virtual ScriptResult rollup(int fn, const Pack& pack, const Counts& counts) = 0;
};

}  // namespace assay
