// Every way a hostile rule pack could hurt the host, one test each, run
// against Debian's liblua5.4 (5.4.4, built as C++): endless loops, memory,
// work hidden inside one C call, finalisers, coroutines, escapes from the
// sandbox, deep recursion, and C++ / Lua errors crossing each other. Each
// test fails if its containment is taken away.
#include "sandbox_fixture.hpp"

#include "lua/lua_util.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using assay::SandboxLimits;
using assay::hardening::eval;
using assay::hardening::has;
using assay::hardening::Outcome;
using assay::hardening::run_lua;
using assay::lua::RunStatus;
using assay::lua::Sandbox;
using Failure = RunStatus::Failure;

namespace {

const SandboxLimits kLimits{2'000'000, 16u << 20};

// The bound, in seconds, within which every contained vector must end: far
// above what each takes (milliseconds in a Release build), far below a hang.
constexpr double kBound = 10;

}  // namespace

// ---- endless loops -----------------------------------------------------------

TEST_CASE("vector: an endless loop stops at the budget, and pcall cannot swallow it", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    Outcome o = run_lua(sb, "while true do end");
    CHECK(o.status.failure == Failure::budget);
    CHECK(has(o.status.message, "test.lua:1: instruction budget of 2000000 exceeded"));
    CHECK(o.seconds < kBound);

    // After the first trip the hook fires again at once: the code after the
    // pcall never runs, so it cannot record that it escaped.
    o = run_lua(sb, "pcall(function() while true do end end)\nescaped = true");
    CHECK(o.status.failure == Failure::budget);
    CHECK(has(eval(sb, "return escaped"), "unknown name 'escaped'"));
    o = run_lua(sb, "local ok, e = xpcall(function() while true do end end, function(m) return m end) return 'caught'");
    CHECK(o.status.failure == Failure::budget);
    CHECK(eval(sb, "return 'usable'") == "usable");
}

// ---- memory ------------------------------------------------------------------

TEST_CASE("vector: memory bombs stop at the cap", "[hardening][sandbox]") {
    Sandbox sb(SandboxLimits{1'000'000'000, 16u << 20});
    for (const char* bomb :
         {"local s = string.rep('x', 1e9) return #s", "local s = ('x'):rep(1e9) return #s",
          "local t = {} for i = 1, 1e9 do t[i] = i end", "local t = {} for i = 1, 1e9 do t['k' .. i] = i end",
          "local t = {} for i = 1, 1e9 do t[i * 1.5] = true end", "local s = 'x' while true do s = s .. s end"}) {
        INFO(bomb);
        Outcome o = run_lua(sb, bomb);
        CHECK(o.status.failure == Failure::memory);
        CHECK(has(o.status.message, "memory limit of 16 MiB exceeded"));
        CHECK(o.seconds < kBound);
        CHECK(sb.memory_used() < (8u << 20));  // what the bomb held is collected
    }
    CHECK(eval(sb, "return #string.rep('x', 1000)") == "1000");
}

TEST_CASE("vector: a rule that met an allocation failure fails, however it caught it", "[hardening][sandbox]") {
    Sandbox sb(SandboxLimits{1'000'000'000, 16u << 20});
    for (const char* caught :
         {"local ok = pcall(string.rep, 'x', 1e9) return 'caught'",
          "local ok = xpcall(function() local t = {} for i = 1, 1e8 do t[i] = {} end end, function(m) return m end) "
          "return 'caught'",
          // A __close handler that raises replaces the memory error by an
          // ordinary one, which pcall then catches as if nothing happened.
          "local ok, e = pcall(function()\n"
          "  local guard <close> = setmetatable({}, { __close = function() error('replaced', 0) end })\n"
          "  local s = string.rep('x', 1e9)\n"
          "end) return tostring(ok) .. ' ' .. e",
          "local ok = pcall(function() local s = 'x' while true do s = s .. s end end) return 'caught'"}) {
        INFO(caught);
        Outcome o = run_lua(sb, caught);
        CHECK(o.status.failure == Failure::memory);
        CHECK(o.result.empty());
    }
    CHECK(eval(sb, "return 'fine'") == "fine");
}

// ---- work inside one C call ---------------------------------------------------

TEST_CASE("vector: a pattern or table.move cannot run for hours inside one C call", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    // Lua's matcher takes 49 s on this; rules search plain text only.
    Outcome o = run_lua(sb, "return ('a'):rep(250):find(('a-'):rep(4) .. 'b')");
    CHECK(o.status.ok());
    CHECK(o.result == "nil");
    CHECK(o.seconds < kBound);
    o = run_lua(sb, "return ('a'):rep(250):match(('a-'):rep(4) .. 'b')");
    CHECK(has(o.status.message, "test.lua:1: attempt to call a nil value (method 'match')"));
    o = run_lua(sb, "return string.gsub(('a'):rep(250), ('a-'):rep(4) .. 'b', '')");
    CHECK(has(o.status.message, "attempt to call a nil value (field 'gsub')"));
    o = run_lua(sb, "table.move({}, 1, 1e15, 1, {})");
    CHECK(has(o.status.message, "test.lua:1: attempt to call a nil value (field 'move')"));
    CHECK(o.seconds < kBound);
}

TEST_CASE("vector: table functions charge the elements they visit before looping", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    // Lengths from __len and elements from C functions (rawlen, rawequal):
    // Lua's own would loop 1e9..1e15 times without running a Lua instruction.
    const char* bombs[] = {
        "table.sort(setmetatable({}, { __len = function() return 1e9 end, __index = rawlen, __newindex = rawequal }))",
        "return table.concat(setmetatable({}, { __index = rawlen }), '', 1, 1e15)",
        "return #table.concat(setmetatable({}, { __index = rawlen }), '', math.mininteger, math.maxinteger)",
        "table.insert(setmetatable({}, { __len = function() return 1 << 50 end }), 1, 'x')",
        "table.remove(setmetatable({}, { __len = function() return 1 << 50 end }), 1)",
    };
    for (const char* bomb : bombs) {
        INFO(bomb);
        Outcome o = run_lua(sb, bomb);
        CHECK(o.status.failure == Failure::budget);
        CHECK(has(o.status.message, "test.lua:1:"));
        CHECK(o.seconds < kBound);
    }
    CHECK(has(eval(sb, "return table.unpack({}, 1, 1e15)"), "too many results to unpack"));
    CHECK(eval(sb, "return select('#', table.unpack({}, 1, 3))") == "3");
    CHECK(eval(sb, "return #string.rep('', 1 << 62) + #string.rep('', 1 << 62, '')") == "0");
}

TEST_CASE("vector: one cheap-looking step over a long text is charged for its bytes", "[hardening][sandbox]") {
    // Each of these is a few instructions per loop, but each step copies or
    // scans 4 MB: within 2 million instructions it would run for minutes.
    Sandbox sb(SandboxLimits{2'000'000, 32u << 20});
    const char* loops[] = {
        "local s = ('x'):rep(4e6) local n = 0 for i = 1, 1e6 do n = n + #(s .. 'y') end",
        "local s = ('x'):rep(4e6) local n = 0 for i = 1, 1e6 do n = n + #s:upper() end",
        "local s = ('x'):rep(4e6) local n = 0 for i = 1, 1e6 do n = n + utf8.len(s) end",
        "local s = ('x'):rep(4e6) local n = 0 for i = 1, 1e6 do n = n + (s:find('y') and 1 or 0) end",
        "local s = ('x'):rep(4e6) local n = 0 for i = 1, 1e6 do n = n + #s:split('y') end",
        "local s = ('1'):rep(4e6) local n = 0 for i = 1, 1e6 do n = n + (tonumber(s) and 1 or 0) end",
        "local t = {} for i = 1, 1e5 do t['k' .. i] = i end local n = 0 for i = 1, 1e6 do for k in pairs(t) do "
        "n = n + 1 break end end",
        "local t = {} for i = 1, 1e5 do t[i] = i end local k = next(t) while k do k = next(t, k) end",
    };
    for (const char* loop : loops) {
        INFO(loop);
        Outcome o = run_lua(sb, loop);
        CHECK(o.status.failure == Failure::budget);
        CHECK(o.seconds < kBound);
    }
}

TEST_CASE("vector: the time limit stops what the budget cannot count", "[hardening][sandbox]") {
    // Comparing two equal 8 MB texts is one instruction that reads 16 MB.
    Sandbox sb(SandboxLimits{1'000'000'000, 64u << 20, 1.0});
    Outcome o = run_lua(sb,
                        "local a = ('x'):rep(8e6) local b = ('x'):rep(8e6) local n = 0\n"
                        "for i = 1, 1e8 do if a == b then n = n + 1 end end return n");
    CHECK(o.status.failure == Failure::time);
    CHECK(has(o.status.message, "time limit of 1 s exceeded"));
    CHECK(o.seconds < kBound);
    // pcall cannot swallow it either.
    o = run_lua(sb,
                "local a = ('x'):rep(8e6) local b = ('x'):rep(8e6)\n"
                "pcall(function() for i = 1, 1e8 do local _ = a == b end end) return 'escaped'");
    CHECK(o.status.failure == Failure::time);
    CHECK(eval(sb, "return 'usable'") == "usable");
}

// ---- finalisers ----------------------------------------------------------------

TEST_CASE("vector: rules cannot install finalisers or weak tables", "[hardening][sandbox]") {
    Sandbox sb(SandboxLimits{50'000'000, 16u << 20});
    CHECK(has(eval(sb, "setmetatable({}, { __gc = function() end })"), "__gc is not allowed"));
    CHECK(has(eval(sb, "setmetatable({}, { __gc = true })"), "__gc is not allowed"));
    CHECK(has(eval(sb, "setmetatable({}, { __mode = 'k' })"), "__mode is not allowed"));
    CHECK(has(eval(sb, "setmetatable({}, { __mode = 'v' })"), "__mode is not allowed"));
    // A __gc added to the metatable afterwards is never honoured by Lua 5.4:
    // churn memory through several collections and the flag stays false.
    CHECK(eval(sb,
               "local ran = false local mt = {} local t = setmetatable({}, mt)\n"
               "mt.__gc = function() ran = true end t = nil\n"
               "for i = 1, 2e5 do local junk = { i, i } end return ran") == "false");
}

// ---- coroutines ------------------------------------------------------------------

TEST_CASE("vector: rules get no coroutines", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    // 20,000 nested coroutine.close calls crash a stock Lua 5.4.4 host.
    Outcome o = run_lua(sb,
                        "local co = coroutine.wrap(function() end)\n"
                        "for i = 1, 20000 do co = coroutine.create(function() coroutine.close(co) end) end");
    CHECK(o.status.failure == Failure::error);
    CHECK(has(o.status.message, "test.lua:1: unknown name 'coroutine'"));
    for (const char* probe : {"return coroutine", "return _ENV.coroutine", "return _ENV['corou' .. 'tine']"})
        CHECK(has(eval(sb, probe), "unknown name 'coroutine'"));
    CHECK(eval(sb, "local found = 0 for k in pairs(_ENV) do if k == 'coroutine' then found = 1 end end return found") ==
          "0");
}

// ---- escapes ---------------------------------------------------------------------

TEST_CASE("vector: no global reaches files, the OS, the debug library or loaders", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    for (const char* name : {"io", "os", "debug", "package", "require", "dofile", "loadfile", "load", "loadstring",
                             "collectgarbage", "rawset", "rawget", "print", "_G", "module", "setfenv", "getfenv"}) {
        INFO(name);
        CHECK(has(eval(sb, std::string("return ") + name), std::string("unknown name '") + name + "'"));
    }
    for (const char* expr : {"string.dump", "string.pack", "string.unpack", "string.packsize", "math.random",
                             "math.randomseed", "table.move", "('x').dump"})
        CHECK(eval(sb, std::string("return ") + expr + " == nil") == "true");
}

TEST_CASE("vector: the globals are exactly the documented allow-list", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    CHECK(eval(sb,
               "local names = {} for k in pairs(_ENV) do names[#names + 1] = k end "
               "return table.concat(names, ' ')") ==
          "assert error getmetatable ipairs math next pairs pcall rawequal rawlen select setmetatable string "
          "table tonumber tostring type unpack utf8 xpcall");
}

TEST_CASE("vector: binary chunks are refused", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    RunStatus st = sb.load(std::string("\x1bLua\x54\x00\x19\x93\r\n\x1a\n", 12), "binary.lua");
    CHECK(st.failure == Failure::error);
    CHECK(has(st.message, "attempt to load a binary chunk"));
}

TEST_CASE("vector: shared and library tables cannot be changed", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    CHECK(eval(sb, "return getmetatable('')") == "nil");
    CHECK(has(eval(sb, "string.upper = function() return 'x' end"), "cannot change library table 'string'"));
    CHECK(has(eval(sb, "('x').upper = nil"), "attempt to index a string value"));
    CHECK(has(eval(sb, "table.sort = nil"), "cannot change library table 'table'"));
    CHECK(has(eval(sb, "utf8.len = nil"), "cannot change library table 'utf8'"));
    for (const char* lib : {"string", "math", "table", "utf8", "_ENV"}) {
        INFO(lib);
        CHECK(has(eval(sb, std::string("setmetatable(") + lib + ", {})"), "protected"));
    }
    CHECK(has(eval(sb, "setmetatable({}, string)"), "library table"));
    CHECK(eval(sb, "return ('abc'):upper()") == "ABC");
}

TEST_CASE("vector: one pack neither sees nor changes another's globals", "[hardening][sandbox]") {
    Sandbox a(kLimits), b(kLimits);
    REQUIRE(a.run("shared = 'from a' function helper() return 1 end", "a.lua").ok());
    CHECK(has(eval(b, "return shared"), "unknown name 'shared'"));
    CHECK(has(eval(b, "return helper"), "unknown name 'helper'"));
    REQUIRE(b.run("shared = 'from b'", "b.lua").ok());
    CHECK(eval(a, "return shared") == "from a");
    CHECK(has(eval(b, "string.upper = nil"), "cannot change"));
    CHECK(eval(a, "return ('a'):upper()") == "A");
}

// ---- deep recursion ------------------------------------------------------------

TEST_CASE("vector: deep recursion ends with a clear error and the state stays usable", "[hardening][sandbox]") {
    Sandbox sb(SandboxLimits{50'000'000, 64u << 20});
    struct Case {
        const char* code;
        const char* message;
    };
    const Case cases[] = {
        {"local function f(n) return 1 + f(n + 1) end return f(1)", "stack overflow"},
        {"local t = setmetatable({}, {}) getmetatable(t).__index = function(t, k) return t[k] end return t.x",
         "stack overflow"},
        {"local t t = setmetatable({}, { __tostring = function() return tostring(t) end }) return tostring(t)",
         "stack overflow"},
        {"local function f() return select(2, pcall(f)) end return f()", nullptr},
        {"local t = { 2, 1 } local function cmp(a, b) table.sort(t, cmp) return a < b end table.sort(t, cmp)",
         "stack overflow"},
        {"local t t = setmetatable({}, { __tostring = function() return string.format('%s', t) end }) "
         "return string.format('%s', t)",
         "stack overflow"},
    };
    for (const Case& c : cases) {
        INFO(c.code);
        Outcome o = run_lua(sb, c.code);
        if (c.message) {
            CHECK(o.status.failure == Failure::error);
            CHECK(has(o.status.message, c.message));
        }
        CHECK(o.seconds < kBound);
        CHECK(eval(sb, "return 'usable'") == "usable");
    }
    // Source nested too deep is refused by the parser.
    std::string nested = "return " + std::string(10000, '{') + std::string(10000, '}');
    CHECK(has(eval(sb, nested), "failed:"));
    std::string parens = "return " + std::string(10000, '(') + "1" + std::string(10000, ')');
    CHECK(has(eval(sb, parens), "failed:"));
    CHECK(eval(sb, "return 'usable'") == "usable");
}

// ---- C++ and Lua errors ------------------------------------------------------------

namespace {

int destroyed = 0;

struct CountsDestruction {
    ~CountsDestruction() { ++destroyed; }
};

// A host function that owns a C++ object when Lua raises an error.
int raise_with_object(lua_State* L) {
    CountsDestruction guard;
    return luaL_error(L, "raised from C++");
}

// A host function whose own C++ exception must not reach Lua raw.
int throw_std(lua_State*) {
    throw std::runtime_error("a C++ failure");
}

bool caught_as_std = false;

// A Lua error passing a catch of std::exception is not caught there.
int lua_error_past_std_catch(lua_State* L) {
    try {
        luaL_error(L, "a Lua error");
    } catch (const std::exception&) {
        caught_as_std = true;
    }
    return 0;
}

// Registers `fn` as global `name` of the sandbox's _ENV.
void add_global(Sandbox& sb, const char* name, lua_CFunction fn) {
    sb.push_env();
    lua_pushcfunction(sb.state(), fn);
    lua_setfield(sb.state(), -2, name);
    lua_pop(sb.state(), 1);
}

}  // namespace

TEST_CASE("vector: Lua errors unwind C++ frames, C++ exceptions become Lua errors", "[hardening][sandbox]") {
    Sandbox sb(kLimits);
    add_global(sb, "raise_with_object", raise_with_object);
    add_global(sb, "throw_std", assay::lua::guarded<throw_std>);
    add_global(sb, "lua_error_past_std_catch", lua_error_past_std_catch);

    // liblua5.4-c++: the error is a C++ exception, so the destructor runs
    // (with the C build's longjmp it would be skipped).
    destroyed = 0;
    CHECK(has(eval(sb, "raise_with_object()"), "test.lua:1: raised from C++"));
    CHECK(destroyed == 1);
    CHECK(eval(sb, "local ok, e = pcall(raise_with_object) return tostring(ok) .. ': ' .. e") ==
          "false: raised from C++");
    CHECK(destroyed == 2);

    // A C++ exception is turned into a Lua error at the boundary, located and catchable.
    CHECK(has(eval(sb, "throw_std()"), "test.lua:1: a C++ failure"));
    CHECK(eval(sb, "local ok, e = pcall(throw_std) return tostring(ok)") == "false");

    // Lua's own exception is not a std::exception: host code catching those never swallows it.
    caught_as_std = false;
    CHECK(has(eval(sb, "lua_error_past_std_catch() return 'swallowed'"), "a Lua error"));
    CHECK_FALSE(caught_as_std);
    CHECK(eval(sb, "return 'usable'") == "usable");
}
