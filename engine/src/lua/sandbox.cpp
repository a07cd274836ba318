// The sandboxed Lua state: capped allocator, instruction budget (charged for
// bytes allocated as well as instructions run), a wall-clock backstop, the
// "C" locale, protected calls with a short traceback. The allow-listed _ENV
// is built by sandbox_env.cpp.
#include "lua/sandbox.hpp"

#include "lua/lua_util.hpp"
#include "lua/sandbox_env.hpp"

#include "core/shown_text.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

#include <pthread.h>

#include <locale.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <clocale>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace assay::lua {
namespace {

// The hook fires at least this often: work charged by host functions and
// the deadline are checked within this many instructions. A step of Lua
// code takes nanoseconds, but one comparing two long texts can take
// milliseconds; checking often keeps the deadline close.
constexpr uint64_t kHookInterval = 1'000;

// A state holding more than kBigState checks the clock more often, in
// proportion to what it holds (every 62 instructions at 1 MiB, every one
// from 64 MiB): one step comparing two texts of tens of MB (one strcoll per
// NUL byte) takes a quarter of a second, and a thousand of them would run
// far past the limit. A large allocation tightens the hook at once.
constexpr size_t kBigState = size_t{1} << 20;
constexpr uint64_t kStepBytes = uint64_t{64} << 10;

// Characters of a rule's error message kept for the reports.
constexpr size_t kMessageLength = 500;

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
        message = shown_text(view_of(L, 1), kMessageLength);  // rule text goes into reports: bounded, printable
    else
        message = fmt::format("error object is {}, not text", describe(L, 1));
    std::vector<std::string> frames = lua_frames(L, 1, 12);
    if (!frames.empty() && message.starts_with(frames.front() + ":")) frames.erase(frames.begin());
    if (!frames.empty()) {
        message += " (called from ";
        for (size_t i = 0, repeats = 1; i < frames.size(); ++i, repeats = 1) {
            while (i + 1 < frames.size() && frames[i + 1] == frames[i]) ++i, ++repeats;  // recursion: once, counted
            message += (message.ends_with("from ") ? "" : ", ") + frames[i];
            if (repeats > 1) message += fmt::format(" ({} times{})", repeats, i + 1 == frames.size() ? " or more" : "");
        }
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

// Runs Lua in the "C" locale for the current thread, whatever the process's
// locale: Lua prints numbers with snprintf ("1,5" under de_DE), reads them
// with strtod (tonumber("1,5") would work under de_DE) and compares texts
// with strcoll, so without this a rule's results would depend on LC_ALL.
class CLocale {
public:
    CLocale() : old_(uselocale(c_locale())) {}
    ~CLocale() { uselocale(old_); }
    CLocale(const CLocale&) = delete;
    CLocale& operator=(const CLocale&) = delete;

private:
    static locale_t c_locale() {
        static const locale_t c = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
        return c ? c : LC_GLOBAL_LOCALE;
    }
    locale_t old_;
};

// The monotonic clock, read twice for every rule call. With `coarse`, at the
// kernel's tick (a few milliseconds): a tenth of the cost of the fine clock,
// and fine enough for limits of a tenth of a second and more. A call's time
// is then 0 or a tick or more, but over many calls the run's total is right
// on average (a call of d crosses a tick with a chance of d over the tick).
// Both have steady_clock's base, which the watchdog reads.
int64_t now_ns(bool coarse) {
    timespec ts{};
    clock_gettime(coarse ? CLOCK_MONOTONIC_COARSE : CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

/// Whether limits of `call` and `run` seconds (0: none) can be kept with the coarse clock.
bool coarse_enough(double call, double run) {
    constexpr double kFinest = 0.1;
    return (call <= 0 || call >= kFinest) && (run <= 0 || run >= kFinest);
}

// The hard backstop. The count hook ends a call that runs past its time
// limit at its next instruction, but one step can run on inside a single C
// call that no hook reaches (a __call chain that Lua unwinds in C). Every
// budgeted load or call registers a hard deadline here, well past its time
// limit; a thread checks once a second and, when a call is still running
// past its hard deadline, prints what was running and ends the process:
// the interpreter cannot be interrupted inside C, and waiting is a hang.
class Watchdog {
public:
    /// A call's entry: its hard deadline (0 when no call runs) is set and
    /// cleared per call without a lock; what the call does, only when it
    /// changes, under the lock the watching thread reads it under.
    struct Entry {
        std::atomic<int64_t> hard_ns{0};
        std::atomic<int64_t> start_ns{0};
        const void* owner = nullptr;  ///< the sandbox, or null when free
        double limit = 0;             ///< under mutex_
        std::string task;             ///< under mutex_
        uint64_t task_version = 0;    ///< the owner's version of `task` (only the owner's thread reads it)
    };

    static Watchdog& get() {
        static Watchdog* w = new Watchdog;  // never destroyed: its thread may outlive static destructors
        return *w;
    }

    /// The entry of `owner`'s calls, made the first time it is asked for.
    Entry& entry(const void* owner) {
        std::lock_guard<std::mutex> lock(mutex_);
        Entry* free_slot = nullptr;
        for (Entry& e : entries_) {
            if (e.owner == owner) return e;
            if (!e.owner && !free_slot) free_slot = &e;
        }
        if (!free_slot) free_slot = &entries_.emplace_back();
        free_slot->owner = owner;
        return *free_slot;
    }

    /// The call of `e`'s owner, started at `start_ns`, runs until `hard_ns`
    /// (steady clock), doing `task` (whose text changes with `version`).
    void watch(Entry& e, int64_t start_ns, int64_t hard_ns, const std::string& task, uint64_t version, double limit) {
        // The watching thread, started by the first call watched (again in a forked child, which has none).
        if (!started_.load(std::memory_order_acquire) || e.limit != limit || e.task_version != version) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!started_.load(std::memory_order_relaxed)) {
                std::thread([this] { loop(); }).detach();
                started_.store(true, std::memory_order_release);
            }
            e.limit = limit;  // only the owner's thread writes them
            e.task = task;
            e.task_version = version;
        }
        e.start_ns.store(start_ns, std::memory_order_relaxed);
        e.hard_ns.store(hard_ns, std::memory_order_release);
    }

    /// The call of `e`'s owner has ended.
    static void unwatch(Entry& e) { e.hard_ns.store(0, std::memory_order_release); }

    /// `owner` is gone: its entry is free for another.
    void release(const void* owner) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (Entry& e : entries_)
            if (e.owner == owner) {
                e.hard_ns.store(0, std::memory_order_release);
                e.owner = nullptr;
            }
    }

private:
    Watchdog() {
        // A forked child has no watchdog thread: it starts its own when it needs one.
        pthread_atfork([] { get().mutex_.lock(); }, [] { get().mutex_.unlock(); },
                       [] {
                           Watchdog& w = get();
                           w.started_.store(false, std::memory_order_relaxed);
                           w.mutex_.unlock();
                       });
    }

    static int64_t now() {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }

    [[noreturn]] static void stop(const Entry& e, int64_t now_ns) {
        std::string message = fmt::format(
            "assay: stopped: {} ran for {} s, past its time limit of {} s, inside one step that cannot be "
            "interrupted (such as a __call chain or a very long comparison); the run is abandoned\n",
            e.task,
            number_text(std::round(static_cast<double>(now_ns - e.start_ns.load(std::memory_order_relaxed)) / 1e8) /
                        10),
            number_text(e.limit));
        std::fwrite(message.data(), 1, message.size(), stderr);
        std::fflush(stderr);
        std::_Exit(2);
    }

    void loop() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            const int64_t t = now();
            for (const Entry& e : entries_) {
                const int64_t hard = e.hard_ns.load(std::memory_order_acquire);
                if (e.owner && hard != 0 && t >= hard) stop(e, t);
            }
            cv_.wait_for(lock, std::chrono::seconds(1));
        }
    }

    std::mutex mutex_;
    std::condition_variable cv_;  // never notified: the thread wakes once a second
    std::deque<Entry> entries_;   // a deque: entries never move, as their owners hold them
    std::atomic<bool> started_{false};
};

// How long past its time limit a call may run before the watchdog ends the
// process: the limit again, and at least 2 s.
int64_t grace_ns(double limit) {
    return static_cast<int64_t>(std::max(2.0, std::min(limit, 1e6)) * 1e9);
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
    Watchdog::get().release(this);
    lua_close(L_);
}

Sandbox& Sandbox::of(lua_State* L) {
    return **static_cast<Sandbox**>(lua_getextraspace(L));
}

void* Sandbox::allocate(void* ud, void* ptr, size_t osize, size_t nsize) {
    return static_cast<Sandbox*>(ud)->reallocate(ptr, ptr ? osize : 0, nsize);  // without a block, osize is a type tag
}

void* Sandbox::reallocate(void* ptr, size_t old, size_t nsize) {
    if (nsize == 0) {
        std::free(ptr);
        used_ -= old;
        return nullptr;
    }
    if (nsize <= old) {  // Lua assumes shrinking never fails
        void* block = std::realloc(ptr, nsize);
        if (!block) return ptr;  // keep the larger block
        used_ = used_ - old + nsize;
        return block;
    }
    ++allocations_;
    const size_t cap = limits_.memory_bytes;
    const bool injected = limits_.fail_allocation_at != 0 && allocations_ >= limits_.fail_allocation_at;
    void* block = injected || used_ > cap || nsize - old > cap - used_ ? nullptr : std::realloc(ptr, nsize);
    if (!block) {
        refuse(ptr, nsize);  // Lua collects garbage and asks once more, then raises a memory error
        return nullptr;
    }
    if (refused_) {
        if (armed_ && (ptr != refused_ptr_ || nsize != refused_size_))
            memory_error_ = true;  // the refused one was given up
        refused_ = false;
    }
    used_ = used_ - old + nsize;
    if (armed_) {
        spend_bytes(nsize - old);
        if (nsize - old >= kStepBytes && used_ > kBigState) tighten_hook();
    }
    return block;
}

void Sandbox::refuse(const void* ptr, size_t nsize) {
    // A second refusal: Lua's retry of the same block failed, or it gave up
    // on the first one without retrying. Either way a memory error was raised.
    if (refused_ && armed_) memory_error_ = true;
    refused_ = true;
    refused_ptr_ = ptr;
    refused_size_ = nsize;
}

void Sandbox::spend_bytes(size_t bytes) {
    byte_debt_ += bytes;
    const uint64_t work = byte_debt_ / kBytesPerStep;
    byte_debt_ %= kBytesPerStep;
    if (work < remaining_) {
        remaining_ -= work;
        return;
    }
    // Out of budget: the hook trips it at the next instruction (lua_sethook
    // is safe to call at any point, even from inside the allocator).
    remaining_ = 0;
    chunk_ = 1;
    lua_sethook(L_, count_hook, LUA_MASKCOUNT, 1);
}

uint64_t Sandbox::hook_interval() const {
    return used_ <= kBigState ? kHookInterval : std::max<uint64_t>(1, kHookInterval * kStepBytes / used_);
}

void Sandbox::tighten_hook() {
    const int chunk = static_cast<int>(std::clamp<uint64_t>(remaining_, 1, hook_interval()));
    if (chunk >= chunk_) return;
    chunk_ = chunk;  // (the instructions since the last firing go uncounted: fewer than the old chunk)
    lua_sethook(L_, count_hook, LUA_MASKCOUNT, chunk_);
}

void Sandbox::set_hook_chunk() {
    const int chunk = static_cast<int>(std::clamp<uint64_t>(remaining_, 1, hook_interval()));
    // Lua restarts the count by itself after each firing; lua_sethook visits
    // every frame on the stack, so calling it each time would make deep
    // recursion quadratic.
    if (chunk == chunk_ && lua_gethook(L_) == count_hook) return;
    chunk_ = chunk;
    lua_sethook(L_, count_hook, LUA_MASKCOUNT, chunk_);
}

void Sandbox::arm_budget() {
    const uint64_t run_left =
        run_instructions_ == 0 ? UINT64_MAX : run_instructions_ - std::min(run_used_, run_instructions_);
    remaining_ = std::min(limits_.instructions, run_left);
    budget_is_run_ = run_left < limits_.instructions;
    armed_budget_ = remaining_;
    chunk_ = 0;  // set the hook afresh
    byte_debt_ = 0;
    budget_tripped_ = false;
    time_tripped_ = false;
    memory_error_ = false;
    refused_ = false;
    coarse_ = coarse_enough(limits_.seconds, run_seconds_);
    start_ns_ = now_ns(coarse_);
    constexpr double kNone = std::numeric_limits<double>::infinity();
    const double call_limit = limits_.seconds > 0 ? std::min(limits_.seconds, 1e6) : kNone;
    const double run_left_s =
        run_seconds_ > 0 ? std::max(0.0, std::min(run_seconds_, 1e6) - static_cast<double>(run_ns_) / 1e9) : kNone;
    const double limit = std::min(call_limit, run_left_s);
    time_is_run_ = run_left_s < call_limit;
    deadline_ns_ = 0;
    if (limit != kNone) {
        deadline_ns_ = start_ns_ + std::max<int64_t>(1, static_cast<int64_t>(limit * 1e9));
        if (!watch_) watch_ = &Watchdog::get().entry(this);
        Watchdog::get().watch(*static_cast<Watchdog::Entry*>(watch_), start_ns_, deadline_ns_ + grace_ns(limit), task_,
                              task_version_, limit);
    }
    armed_ = true;
    set_hook_chunk();
}

void Sandbox::disarm_budget() {
    lua_sethook(L_, nullptr, 0, 0);  // host code runs without a budget
    armed_ = false;
    if (deadline_ns_ != 0) Watchdog::unwatch(*static_cast<Watchdog::Entry*>(watch_));
    last_used_ = armed_budget_ - std::min(remaining_, armed_budget_);
    run_used_ += last_used_;
    run_ns_ += now_ns(coarse_) - start_ns_;
    if (refused_) memory_error_ = true;  // refused and never asked again: Lua raised the error
    refused_ = false;
}

bool Sandbox::past_deadline() {
    return deadline_ns_ != 0 && now_ns(coarse_) >= deadline_ns_;
}

void Sandbox::begin_run(const char* what, uint64_t instructions, double seconds) {
    run_what_ = what;
    run_instructions_ = instructions;
    run_seconds_ = seconds;
    run_used_ = 0;
    run_ns_ = 0;
}

bool Sandbox::run_exhausted() const {
    return (run_instructions_ != 0 && run_used_ >= run_instructions_) ||
           (run_seconds_ > 0 && static_cast<double>(run_ns_) / 1e9 >= run_seconds_);
}

std::string Sandbox::run_exhausted_message() const {
    if (run_instructions_ != 0 && run_used_ >= run_instructions_)
        return fmt::format(
            "not run: the rules have used up the instruction budget of {} for {} (all calls "
            "together; see the first failures)",
            run_instructions_, run_what_);
    return fmt::format(
        "not run: the rules have used up the time limit of {} s for {} (all calls together; see "
        "the first failures)",
        number_text(run_seconds_), run_what_);
}

void Sandbox::count_hook(lua_State* L, lua_Debug*) {
    Sandbox& self = of(L);
    self.remaining_ -= std::min<uint64_t>(static_cast<uint64_t>(self.chunk_), self.remaining_);
    if (self.time_tripped_ || self.past_deadline()) self.trip_time(0);
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
    if (budget_is_run_)
        lua_pushfstring(L_, "instruction budget of %I for %s exceeded (all calls together)",
                        static_cast<lua_Integer>(run_instructions_), run_what_);
    else
        lua_pushfstring(L_, "instruction budget of %I exceeded (a loop that never ends?)",
                        static_cast<lua_Integer>(limits_.instructions));
    lua_concat(L_, 2);
    lua_error(L_);
}

void Sandbox::trip_time(int level) {
    time_tripped_ = true;
    lua_sethook(L_, count_hook, LUA_MASKCOUNT, 1);  // fire again at once: pcall cannot swallow this
    luaL_where(L_, level);                          // "file:line: "
    if (time_is_run_)
        lua_pushfstring(L_, "time limit of %s s for %s exceeded (all calls together)",
                        number_text(run_seconds_).c_str(), run_what_);
    else
        lua_pushfstring(L_,
                        "time limit of %s s exceeded (a step that does too much work, such as comparing very long "
                        "texts?)",
                        number_text(limits_.seconds).c_str());
    lua_concat(L_, 2);
    lua_error(L_);
}

void Sandbox::charge(uint64_t work) {
    if (!armed_) return;  // host set-up work is not budgeted
    if (work >= remaining_) return trip_budget(1);
    remaining_ -= work;  // the hook, due within kHookInterval instructions, sees what is left
}

void Sandbox::push_env() {
    lua_rawgeti(L_, LUA_REGISTRYINDEX, env_ref_);
}

RunStatus Sandbox::load(std::string_view code, const std::string& name) {
    CLocale c_locale;
    const std::string chunkname = "@" + name;
    int status = luaL_loadbufferx(L_, code.data(), code.size(), chunkname.c_str(), "t");
    if (status != LUA_OK) {
        RunStatus r{RunStatus::Failure::error, {}};
        r.message = lua_type(L_, -1) == LUA_TSTRING ? shown_text(view_of(L_, -1), kMessageLength) : "cannot load";
        if (status == LUA_ERRMEM) {
            r.failure = RunStatus::Failure::memory;
            r.message = "memory limit of " + mebibytes(limits_.memory_bytes) + " exceeded";
        }
        lua_pop(L_, 1);
        return r;
    }
    push_env();                 // fn env
    lua_setupvalue(L_, -2, 1);  // fn   (its _ENV is the pack's)
    return {};
}

RunStatus Sandbox::call(int nargs, int nresults) {
    CLocale c_locale;
    const int base = lua_gettop(L_) - nargs;  // the function's slot
    lua_pushcfunction(L_, message_handler);
    lua_insert(L_, base);  // handler fn args
    arm_budget();
    int status = lua_pcall(L_, nargs, nresults, base);
    disarm_budget();
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
            r.message = budget_is_run_ ? fmt::format("instruction budget of {} for {} exceeded (all calls together)",
                                                     run_instructions_, run_what_)
                                       : fmt::format("instruction budget of {} exceeded", limits_.instructions);
    } else if (time_tripped_) {
        r.failure = RunStatus::Failure::time;
        if (r.message.find("time limit") == std::string::npos)
            r.message = time_is_run_ ? fmt::format("time limit of {} s for {} exceeded (all calls together)",
                                                   number_text(run_seconds_), run_what_)
                                     : fmt::format("time limit of {} s exceeded", number_text(limits_.seconds));
    } else if (memory_error_) {
        r.failure = RunStatus::Failure::memory;
        r.message = "memory limit of " + mebibytes(limits_.memory_bytes) + " exceeded";
        lua_gc(L_, LUA_GCCOLLECT);  // free what the failed call left, so the next call starts clean
    }
    return r;
}

RunStatus Sandbox::run(std::string_view code, const std::string& name) {
    set_task("loading " + name);
    RunStatus r = load(code, name);
    return r.ok() ? call(0, 0) : r;
}

void Sandbox::protect(lua_CFunction fn, void* arg) {
    CLocale c_locale;
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
