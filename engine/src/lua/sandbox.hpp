// The sandbox a rule pack's Lua code runs in: one lua_State per pack, with
// an allocator capped at SandboxLimits::memory_bytes, an instruction budget
// for each chunk loaded and each call (bytes allocated and bytes scanned by
// host functions are charged to it too, so a cheap-looking step that copies a
// long text still costs), a wall-clock backstop, and the pack's own _ENV
// built from an allow-list (sandbox_env.hpp). Loads and calls also share a
// total per run (begin_run: all files of a load, all calls of one
// assessment), and a watchdog thread ends the process with a message naming
// the work when one step that no hook reaches runs far past its time limit.
// A budget, time or memory
// failure cannot be caught by rule code: pcall re-raises it, and the call
// fails whatever the rule does. Lua runs in the "C" locale whatever the
// process's locale, so numbers read and print the same everywhere.
#pragma once

#include <assay/pack.hpp>

#include <lua.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace assay::lua {

/// How a load or a protected call ended.
struct RunStatus {
    enum class Failure { none, error, budget, memory, time };
    Failure failure = Failure::none;
    std::string message;  ///< "file:line: what went wrong (called from file:line, ...)"
    bool ok() const { return failure == Failure::none; }
};

/// One pack's Lua state and _ENV.
class Sandbox {
public:
    /// Creates the state and the allow-listed _ENV; throws Fatal if it cannot.
    explicit Sandbox(const SandboxLimits& limits);
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    /// The Sandbox that owns `L`.
    /// The address of this state's `a` (the rating functions' view of an
    /// assessment, rule_views.cpp), so that its methods know it without a look-up.
    const void* assessment_view = nullptr;
    static Sandbox& of(lua_State* L);

    /// The Lua state; only engine/src/lua uses it.
    lua_State* state() const { return L_; }
    /// Instructions the last call used (charged to the run when it ended).
    uint64_t last_call_instructions() const { return last_used_; }
    /// Charges to the run `instructions` of a call the host replayed instead
    /// of running (a call that used them when it ran); false, charging
    /// nothing, when the run's budget left is less than one call's, where a
    /// call that runs could end differently.
    bool charge_replayed(uint64_t instructions) {
        if (run_instructions_ != 0 &&
            run_instructions_ - std::min(run_used_, run_instructions_) < limits_.instructions + instructions)
            return false;
        run_used_ += instructions;
        return true;
    }
    /// Instructions the calls of this run have used so far, and their time.
    uint64_t run_instructions_used() const { return run_used_; }
    double run_seconds_used() const { return static_cast<double>(run_ns_) / 1e9; }
    /// The limits this sandbox enforces.
    const SandboxLimits& limits() const { return limits_; }

    /// Pushes the pack's _ENV table.
    void push_env();
    /// Compiles `code` (text only, never bytecode) as chunk `name` with the
    /// pack's _ENV and pushes the function; on a syntax error pushes nothing.
    RunStatus load(std::string_view code, const std::string& name);
    /// Calls the function below the top `nargs` values with a fresh budget,
    /// leaving `nresults` results on success and nothing on failure.
    RunStatus call(int nargs, int nresults);
    /// Loads and runs a chunk under one budget.
    RunStatus run(std::string_view code, const std::string& name);
    /// Runs host function `fn` in protected mode (for set-up work that
    /// allocates); pops nothing, pushes nothing. Throws Fatal on failure.
    void protect(lua_CFunction fn, void* arg);
    /// Ends loading: from now on rule code cannot assign globals, so a call
    /// cannot leave state behind for the next indicator.
    void freeze_env();

    /// Starts a run (loading a pack, or one assessment): the loads and calls
    /// that follow share `instructions` and `seconds` (0: no total) on top
    /// of their own limits. `what` names the run in messages ("loading the
    /// pack", "one assessment").
    void begin_run(const char* what, uint64_t instructions, double seconds);
    /// Whether the current run's instructions or time are used up.
    bool run_exhausted() const;
    /// The message for a call refused because the run is used up.
    std::string run_exhausted_message() const;
    /// Names the work of the loads and calls that follow, for the message
    /// the watchdog prints if one of them cannot be stopped.
    void set_task(std::string_view task) {
        if (task == task_) return;
        task_.assign(task);
        ++task_version_;
    }

    /// Bytes the state holds now.
    size_t memory_used() const { return used_; }
    /// Charges `work` steps done inside one C function (elements shifted by
    /// table.insert) to the instruction budget; raises the budget error at
    /// once when it does not fit.
    void charge(uint64_t work);
    /// Charges `bytes` read by one C function (a text searched) to the
    /// budget, at the rate allocations are charged.
    void charge_bytes(uint64_t bytes) { charge(bytes / kBytesPerStep); }
    /// Counts `bytes` of C++ copies that declarations made of rule values
    /// toward an allowance as large as the memory cap, kept for the life of
    /// the state; false once they no longer fit.
    bool account_host(size_t bytes) {
        host_bytes_ += bytes;
        return host_bytes_ <= limits_.memory_bytes;
    }
    /// Records that rule code met a memory error (even one it caught).
    void note_memory_error() { memory_error_ = true; }
    /// Whether the current call has hit its instruction budget, time limit or memory cap.
    bool failed_hard() const { return budget_tripped_ || time_tripped_ || memory_error_; }

    /// Bytes allocated (or scanned) that cost one step of the budget.
    static constexpr uint64_t kBytesPerStep = 16;

private:
    /// lua_Alloc: refuses any growth past limits_.memory_bytes.
    static void* allocate(void* ud, void* ptr, size_t osize, size_t nsize);
    /// The allocator's work for this state: `old` is the block's size (0 for a new one).
    void* reallocate(void* ptr, size_t old, size_t nsize);
    /// Records a refused allocation; see refused_ below.
    void refuse(const void* ptr, size_t nsize);
    /// Charges `bytes` allocated to the budget; never raises (the allocator
    /// must not), but makes the hook fire at the next instruction when the
    /// budget has run out.
    void spend_bytes(size_t bytes);
    /// Count hook: spends the budget and trips it when it runs out.
    static void count_hook(lua_State* L, lua_Debug* ar);
    /// Starts a fresh budget and deadline (and clears the failure flags) for one load or call.
    void arm_budget();
    /// Ends the budget: host code runs without one.
    void disarm_budget();
    /// Sets the hook to fire after the next slice of the budget.
    void set_hook_chunk();
    /// Instructions between hook firings: fewer while the state holds large texts.
    uint64_t hook_interval() const;
    /// After a large allocation: makes the hook fire sooner if the state is now large.
    void tighten_hook();
    /// Raises the budget error at stack `level`; re-arms the hook to fire at once. Never returns.
    void trip_budget(int level);
    /// Raises the time-limit error at stack `level`, like trip_budget. Never returns.
    void trip_time(int level);
    /// Whether the current call has run past its deadline (its own time
    /// limit or what is left of the run's, whichever ends first).
    bool past_deadline();

    SandboxLimits limits_;
    lua_State* L_ = nullptr;
    size_t used_ = 0;            // bytes the state holds
    uint64_t allocations_ = 0;   // growing allocations so far, for limits_.fail_allocation_at
    bool armed_ = false;         // a budgeted load or call is running
    uint64_t remaining_ = 0;     // instructions left in the current budget
    uint64_t byte_debt_ = 0;     // bytes allocated not yet charged (less than kBytesPerStep)
    int chunk_ = 0;              // instructions until the hook next fires
    int64_t deadline_ns_ = 0;    // steady-clock deadline of the current call (0: none)
    int64_t start_ns_ = 0;       // when the current call started
    uint64_t armed_budget_ = 0;  // the current call's budget when it started
    uint64_t last_used_ = 0;     // instructions the last call used
    // The run's totals (begin_run): limits, what is used, and whether the
    // current call's budget or deadline is what is left of the run's.
    const char* run_what_ = "one run";
    uint64_t run_instructions_ = 0;
    double run_seconds_ = 0;
    uint64_t run_used_ = 0;
    int64_t run_ns_ = 0;
    bool budget_is_run_ = false;
    bool time_is_run_ = false;
    std::string task_ = "rule code";  // see set_task
    uint64_t task_version_ = 1;       // changes with task_, so that the watchdog copies it only then
    void* watch_ = nullptr;           // this sandbox's entry in the watchdog, once it has one
    bool coarse_ = true;              // the call's clock is the coarse one (its limits allow it)
    bool budget_tripped_ = false;
    bool time_tripped_ = false;
    bool memory_error_ = false;
    // An allocation Lua was refused. Lua collects garbage and asks again for
    // the same block; if that is refused too, or another allocation comes
    // instead, Lua has raised a memory error (or given up on the block) and
    // the call has failed, even if rule code went on to catch or replace the
    // error (a __close handler can turn it into an ordinary error).
    bool refused_ = false;
    const void* refused_ptr_ = nullptr;
    size_t refused_size_ = 0;
    size_t host_bytes_ = 0;    // see account_host
    int env_ref_ = LUA_NOREF;  // registry reference of the pack's _ENV
};

}  // namespace assay::lua
