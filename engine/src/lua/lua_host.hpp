// The ScriptHost behind a loaded pack: owns the pack's Sandbox and calls its
// rating and roll-up functions by registry reference, one call at a time,
// each under a fresh instruction budget.
#pragma once

#include "core/script_host.hpp"
#include "lua/sandbox.hpp"
#include "lua/state_guard.hpp"

#include <map>
#include <mutex>

namespace assay::lua {

/// Runs one pack's Lua rules.
class LuaHost final : public ScriptHost {
public:
    /// A fresh sandbox with the DSL's globals added to its _ENV.
    explicit LuaHost(const SandboxLimits& limits);

    /// The pack's sandbox (the loader runs the pack's files in it).
    Sandbox& sandbox() { return sandbox_; }

    /// Ends loading: freezes the globals and what the pack's rule functions
    /// reach (see StateGuard) and starts the first assessment.
    void seal(const Pack& pack);
    /// Forgets earlier assessments' failure counts and starts a fresh
    /// budget for all rule calls of the next one.
    void begin_assessment() override;

    /// Calls rating function `fn` with `a` for outcome `o`; see ScriptHost.
    ScriptResult rate(int fn, const Pack& pack, const Dataset& data, const Outcome& o, bool reads = true) override;
    /// Calls roll-up function `fn` with `c` for `counts`; see ScriptHost.
    ScriptResult rollup(int fn, const Pack& pack, const Counts& counts) override;

private:
    /// Reads a rule's results (label, or nil + reason) on `scale`.
    ScriptResult read_result(const Scale* scale);

    /// Runs the function on top of the stack's caller: `fn` under the
    /// sandbox, unless it has already run out of budget or time too often.
    RunStatus call(int fn, int nargs);

    std::mutex mutex_;  // one call at a time: a lua_State is single-threaded
    Sandbox sandbox_;
    StateGuard guard_;
    // Budget and time-limit failures per function in this assessment. A rule
    // that loops for every indicator would otherwise spend its whole budget
    // 490,000 times in a national run (hours); after a few it is not called
    // again until the next assessment.
    std::map<int, int> exhausted_;
    std::map<int, std::string> names_;  // "rule 'g.rating' (groups.lua:3)" by function, for the watchdog
};

}  // namespace assay::lua
