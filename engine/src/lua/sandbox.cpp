// The sandboxed Lua state: capped allocator, instruction budget, protected
// calls with a short traceback. The allow-listed _ENV is built by
// sandbox_env.cpp.
#include "lua/sandbox.hpp"

#include "lua/lua_util.hpp"
#include "lua/sandbox_env.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <vector>

namespace assay::lua {
namespace {

// Lua calls this only for an error raised outside any protected call, which
// the host never lets happen; throwing beats Lua's default abort().
int panic(lua_State* L) {
    std::string message = lua_type(L, -1) == LUA_TSTRING ? std::string(view_of(L, -1)) : "unknown";
    throw Fatal("Lua error outside a protected call: " + message);
}

// "file:line" of each Lua frame from `level` outwards, at most `limit`.
std::vector<std::string> lua_frames(lua_State* L, int level, size_t limit) {
    std::vector<std::string> frames;
    lua_Debug ar;
    while (frames.size() < limit && lua_getstack(L, level++, &ar)) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) frames.push_back(fmt::format("{}:{}", ar.short_src, ar.currentline));
    }
    return frames;
}

// Message handler: the error text plus the Lua lines that led to it, on one
// line, so reports can show it beside the indicator.
int message_handler(lua_State* L) {
    std::string message;
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER)
        message = std::string(view_of(L, 1));
    else
        message = fmt::format("error object is {}, not text", describe(L, 1));
    std::vector<std::string> frames = lua_frames(L, 1, 12);
    if (!frames.empty() && message.starts_with(frames.front() + ":")) frames.erase(frames.begin());
    if (!frames.empty()) {
        message += " (called from ";
        for (size_t i = 0; i < frames.size(); ++i) message += (i ? ", " : "") + frames[i];
        message += ")";
    }
    push(L, message);  // error text
    return 1;
}

std::string mebibytes(size_t bytes) {
    return number_text(static_cast<double>(bytes) / (1024.0 * 1024.0)) + " MiB";
}

// Set-up run in protected mode: builds the allow-listed _ENV.
int build_env(lua_State* L) {
    auto* ref = static_cast<int*>(lua_touserdata(L, 1));
    push_safe_env(L);                       // env
    *ref = luaL_ref(L, LUA_REGISTRYINDEX);  // registry[ref] = env
    return 0;
}

int freeze(lua_State* L) {
    auto* ref = static_cast<int*>(lua_touserdata(L, 1));
    lua_rawgeti(L, LUA_REGISTRYINDEX, *ref);  // env
    freeze_env_table(L, lua_gettop(L));
    return 0;
}

}  // namespace

Sandbox::Sandbox(const SandboxLimits& limits) : limits_(limits) {
    L_ = lua_newstate(allocate, this);
    if (!L_) throw Fatal("cannot create a Lua state within " + mebibytes(limits_.memory_bytes));
    *static_cast<Sandbox**>(lua_getextraspace(L_)) = this;
    lua_atpanic(L_, panic);
    try {
        protect(build_env, &env_ref_);
    } catch (const Fatal&) {
        lua_close(L_);
        throw;
    }
}

Sandbox::~Sandbox() {
    lua_close(L_);
}

Sandbox& Sandbox::of(lua_State* L) {
    return **static_cast<Sandbox**>(lua_getextraspace(L));
}

void* Sandbox::allocate(void* ud, void* ptr, size_t osize, size_t nsize) {
    auto* self = static_cast<Sandbox*>(ud);
    const size_t old = ptr ? osize : 0;  // without a block, osize is a type tag
    if (nsize == 0) {
        std::free(ptr);
        self->used_ -= old;
        return nullptr;
    }
    const size_t cap = self->limits_.memory_bytes;
    if (nsize > old && (self->used_ > cap || nsize - old > cap - self->used_))
        return nullptr;  // Lua collects garbage and retries once, then raises a memory error
    void* block = std::realloc(ptr, nsize);
    if (block) self->used_ = self->used_ - old + nsize;
    return block;
}

// The hook fires at least this often, so that work charged by host
// functions is noticed within this many instructions.
constexpr uint64_t kHookInterval = 100'000;

void Sandbox::set_hook_chunk() {
    chunk_ = static_cast<int>(std::clamp<uint64_t>(remaining_, 1, kHookInterval));
    lua_sethook(L_, count_hook, LUA_MASKCOUNT, chunk_);
}

void Sandbox::arm_budget() {
    remaining_ = limits_.instructions;
    budget_tripped_ = false;
    memory_error_ = false;
    set_hook_chunk();
}

void Sandbox::count_hook(lua_State* L, lua_Debug*) {
    Sandbox& self = of(L);
    self.remaining_ -= std::min<uint64_t>(static_cast<uint64_t>(self.chunk_), self.remaining_);
    if (self.remaining_ > 0 && !self.budget_tripped_) {
        self.set_hook_chunk();
        return;
    }
    self.trip_budget(0);
}

// Raises the budget error located at stack `level` (0: the running Lua
// function, for the hook; 1: the caller of a host function).
void Sandbox::trip_budget(int level) {
    budget_tripped_ = true;
    remaining_ = 0;
    lua_sethook(L_, count_hook, LUA_MASKCOUNT, 1);  // fire again at once: pcall cannot swallow this
    luaL_where(L_, level);                          // "file:line: "
    lua_pushfstring(L_, "instruction budget of %I exceeded (a loop that never ends?)",
                    static_cast<lua_Integer>(limits_.instructions));
    lua_concat(L_, 2);
    lua_error(L_);
}

void Sandbox::charge(uint64_t work) {
    if (work >= remaining_) return trip_budget(1);
    remaining_ -= work;  // the hook, due within kHookInterval instructions, sees what is left
}

void Sandbox::push_env() {
    lua_rawgeti(L_, LUA_REGISTRYINDEX, env_ref_);
}

RunStatus Sandbox::load(std::string_view code, const std::string& name) {
    const std::string chunkname = "@" + name;
    int status = luaL_loadbufferx(L_, code.data(), code.size(), chunkname.c_str(), "t");
    if (status != LUA_OK) {
        RunStatus r{RunStatus::Failure::error, {}};
        r.message = lua_type(L_, -1) == LUA_TSTRING ? std::string(view_of(L_, -1)) : "cannot load";
        if (status == LUA_ERRMEM) {
            r.failure = RunStatus::Failure::memory;
            r.message = name + ": memory limit of " + mebibytes(limits_.memory_bytes) + " exceeded";
        }
        lua_pop(L_, 1);
        return r;
    }
    push_env();                 // fn env
    lua_setupvalue(L_, -2, 1);  // fn   (its _ENV is the pack's)
    return {};
}

RunStatus Sandbox::call(int nargs, int nresults) {
    const int base = lua_gettop(L_) - nargs;  // the function's slot
    lua_pushcfunction(L_, message_handler);
    lua_insert(L_, base);  // handler fn args
    arm_budget();
    int status = lua_pcall(L_, nargs, nresults, base);
    lua_sethook(L_, nullptr, 0, 0);  // host code runs without a budget
    RunStatus r;
    if (status == LUA_ERRMEM) memory_error_ = true;
    if (status != LUA_OK) {
        r.failure = RunStatus::Failure::error;
        r.message = lua_type(L_, -1) == LUA_TSTRING ? std::string(view_of(L_, -1)) : "unknown error";
    }
    if (status != LUA_OK || failed_hard()) lua_settop(L_, base);  // drop the error or the results
    lua_remove(L_, base);                                         // results, if any
    if (budget_tripped_) {
        r.failure = RunStatus::Failure::budget;
        if (r.message.find("instruction budget") == std::string::npos)
            r.message = fmt::format("instruction budget of {} exceeded", limits_.instructions);
    } else if (memory_error_) {
        r.failure = RunStatus::Failure::memory;
        r.message = "memory limit of " + mebibytes(limits_.memory_bytes) + " exceeded";
        lua_gc(L_, LUA_GCCOLLECT);  // free what the failed call left, so the next call starts clean
    }
    return r;
}

RunStatus Sandbox::run(std::string_view code, const std::string& name) {
    RunStatus r = load(code, name);
    return r.ok() ? call(0, 0) : r;
}

void Sandbox::protect(lua_CFunction fn, void* arg) {
    lua_pushcfunction(L_, fn);
    lua_pushlightuserdata(L_, arg);
    if (lua_pcall(L_, 1, 0, 0) != LUA_OK) {
        std::string message = lua_type(L_, -1) == LUA_TSTRING ? std::string(view_of(L_, -1)) : "unknown";
        lua_pop(L_, 1);
        throw Fatal("Lua sandbox set-up failed: " + message);
    }
}

void Sandbox::freeze_env() {
    protect(freeze, &env_ref_);
}

}  // namespace assay::lua
