// The ScriptHost behind a loaded pack: owns the pack's Sandbox and calls its
// rating and roll-up functions by registry reference, one call at a time,
// each under a fresh instruction budget.
#pragma once

#include "core/script_host.hpp"
#include "lua/rule_views.hpp"
#include "lua/sandbox.hpp"
#include "lua/state_guard.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

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
    /// Rating calls answered by replay (see Replay) since the host was made.
    uint64_t replayed_calls() const { return replayed_calls_; }
    /// Calls roll-up function `fn` with `c` for `counts`; see ScriptHost.
    ScriptResult rollup(int fn, const Pack& pack, const Counts& counts) override;

private:
    /// What a rating function returned, as replay keeps it: a level's label,
    /// or the reason for no rating.
    struct Returned {
        bool kept = false;  ///< one of those two (else an error: never kept)
        bool label = false;
        std::string text;
    };
    /// The calls of one rating function so far, by what they read of `a`.
    /// Every call reads the same first thing (nothing else differs before
    /// it: the state guard keeps calls from leaving anything for the next),
    /// and what it reads next depends only on what that gave, and so on: a
    /// tree whose leaves are what the function returned and the instructions
    /// it used. A call whose reads lead to a leaf is replayed from it
    /// without running Lua, and charged the same instructions.
    struct Replay {
        struct Node {
            bool leaf = false;
            bool has_read = false;
            ViewRead read;  ///< the read calls make here (read.value unused)
            std::vector<std::pair<ViewValue, std::unique_ptr<Node>>> next;  ///< by what the read gave
            Returned result;                                                ///< at a leaf
            uint64_t instructions = 0;                                      ///< at a leaf
            const Scale* level_on = nullptr;  ///< the scale `level` was found on (a label at a leaf)
            int level = -1;
            /// The branch for what the read gave; null when no call has taken it yet.
            Node* after(const ViewValue& value) const {
                for (const auto& [v, node] : next)
                    if (v == value) return node.get();
                return nullptr;
            }
        };
        Node root;
        size_t nodes = 0;
        bool off = false;  ///< its calls read too many different values to be worth replaying
    };
    /// Whether a call of `fn` for `view` is replayed (its reads lead to a
    /// leaf); if so its result is in `r`.
    bool replayed(int fn, Replay& replay, const RateView& view, const Scale* scale, ScriptResult& r);
    /// The rating scale of group `g` of `pack`.
    const Scale* group_scale(const Pack& pack, uint32_t g);
    /// Adds a call that ran to the replay tree.
    void remember(Replay& replay, const ViewTrace& trace, Returned result, uint64_t instructions);
    /// Reads a rule's results (label, or nil + reason) on `scale`; what was
    /// returned goes to `kept`, when given.
    ScriptResult read_result(const Scale* scale, Returned* kept = nullptr);

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
    std::map<int, Replay> replays_;     // by rating function, for this assessment
    // Each group's rating scale in the pack last rated for (found once, not per call).
    const Pack* scales_of_ = nullptr;
    std::vector<const Scale*> group_scale_;
    uint64_t replayed_calls_ = 0;
    size_t replay_nodes_ = 0;  // in all the trees of this assessment
};

}  // namespace assay::lua
