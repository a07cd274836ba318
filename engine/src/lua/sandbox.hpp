// The sandbox a rule pack's Lua code runs in: one lua_State per pack, with
// an allocator capped at SandboxLimits::memory_bytes, an instruction budget
// for each chunk loaded and each call, and the pack's own _ENV built from an
// allow-list (sandbox_env.hpp). A budget or memory failure cannot be caught
// by rule code: pcall re-raises it and the call fails whatever the rule does.
#pragma once

#include <assay/pack.hpp>

#include <lua.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace assay::lua {

/// How a load or a protected call ended.
struct RunStatus {
    enum class Failure { none, error, budget, memory };
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
    static Sandbox& of(lua_State* L);

    /// The Lua state; only engine/src/lua uses it.
    lua_State* state() const { return L_; }
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

    /// Bytes the state holds now.
    size_t memory_used() const { return used_; }
    /// Charges `work` steps done inside one C function (elements shifted by
    /// table.insert) to the instruction budget; raises the budget error at
    /// once when it does not fit.
    void charge(uint64_t work);
    /// Records that rule code met a memory error (even one it caught).
    void note_memory_error() { memory_error_ = true; }
    /// Whether the current call has hit its instruction budget or memory cap.
    bool failed_hard() const { return budget_tripped_ || memory_error_; }

private:
    /// lua_Alloc: refuses any growth past limits_.memory_bytes.
    static void* allocate(void* ud, void* ptr, size_t osize, size_t nsize);
    /// Count hook: spends the budget and trips it when it runs out.
    static void count_hook(lua_State* L, lua_Debug* ar);
    /// Starts a fresh budget (and clears the failure flags) for one load or call.
    void arm_budget();
    /// Sets the hook to fire after the next slice of the budget.
    void set_hook_chunk();
    /// Raises the budget error at stack `level`; re-arms the hook to fire at once. Never returns.
    void trip_budget(int level);

    SandboxLimits limits_;
    lua_State* L_ = nullptr;
    size_t used_ = 0;         // bytes the state holds
    uint64_t remaining_ = 0;  // instructions left in the current budget
    int chunk_ = 0;           // instructions until the hook next fires
    bool budget_tripped_ = false;
    bool memory_error_ = false;
    int env_ref_ = LUA_NOREF;  // registry reference of the pack's _ENV
};

}  // namespace assay::lua
