// The Lua sandbox: what rule code can and cannot reach, the instruction and
// memory budgets (which rule code cannot catch), and determinism.
#include "lua/sandbox.hpp"

#include <catch2/catch.hpp>

#include <string>

using assay::SandboxLimits;
using assay::lua::RunStatus;
using assay::lua::Sandbox;

namespace {

const SandboxLimits kSmall{2'000'000, 8u << 20};

// Runs `code` and returns its single result as text ("nil" when none).
std::string eval(Sandbox& sb, const std::string& code) {
    RunStatus st = sb.load(code, "test.lua");
    if (!st.ok()) return "load failed: " + st.message;
    st = sb.call(0, 1);
    if (!st.ok()) return "failed: " + st.message;
    lua_State* L = sb.state();
    std::string out = lua_isnil(L, -1) ? "nil" : luaL_tolstring(L, -1, nullptr);
    lua_settop(L, 0);
    return out;
}

}  // namespace

TEST_CASE("dangerous globals are absent", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    for (const char* name : {"io", "os", "debug", "package", "require", "dofile", "loadfile", "load", "loadstring",
                             "collectgarbage", "coroutine", "print", "rawset", "rawget", "_G"}) {
        INFO(name);
        RunStatus st = sb.run(std::string("return ") + name, "test.lua");
        REQUIRE_FALSE(st.ok());
        CHECK(st.message.find(std::string("unknown name '") + name + "'") != std::string::npos);
    }
}

TEST_CASE("dangerous library functions are absent", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    for (const char* expr : {"string.dump", "string.match", "string.gmatch", "string.gsub", "math.random",
                             "math.randomseed", "table.move", "(\"x\").dump", "(\"x\").gsub"}) {
        INFO(expr);
        CHECK(eval(sb, std::string("return ") + expr + " == nil") == "true");
    }
    CHECK(eval(sb, "return ('abc'):match('b')").find("attempt to call a nil value") != std::string::npos);
}

TEST_CASE("the allowed globals work", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    CHECK(eval(sb, "return select('#', unpack({1, 2, 3}))") == "3");
    CHECK(eval(sb, "return math.floor(2.5) + math.max(1, 4)") == "6");
    CHECK(eval(sb, "local t = {3, 1, 2}; table.sort(t); return table.concat(t, ',')") == "1,2,3");
    CHECK(eval(sb, "return utf8.len('◀▶')") == "2");
    CHECK(eval(sb, "return tostring(tonumber('12') + rawlen({1, 2}))") == "14");
    CHECK(eval(sb, "local ok, e = pcall(error, 'x', 0); return tostring(ok) .. e") == "falsex");
    CHECK(eval(sb,
               "return xpcall(function() error('x', 0) end, function(m) return 'handled ' .. m end) and 'no'"
               " or select(2, xpcall(function() error('x', 0) end, function(m) return 'handled ' .. m end))") ==
          "handled x");
}

TEST_CASE("string functions search plain text only", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    CHECK(eval(sb, "return ('a.c'):find('.')") == "2");
    CHECK(eval(sb, "return string.find('abcabc', 'c', 4)") == "6");
    CHECK(eval(sb, "return string.find('abc', 'x')") == "nil");
    CHECK(eval(sb, "return string.find('abc', 'b', 1, false)").find("plain text only") != std::string::npos);
    CHECK(eval(sb, "return table.concat(string.split('a,,b', ','), '|')") == "a||b");
    CHECK(eval(sb, "return string.trim('  x y \\n')") == "x y");
    CHECK(eval(sb, "return string.replace('a%b%c', '%', '--')") == "a--b--c");
    CHECK(eval(sb, "return tostring(string.starts_with('theft_of', 'theft')) .. tostring(('x'):ends_with('y'))") ==
          "truefalse");
    CHECK(eval(sb, "return ('abc'):upper()") == "ABC");
}

TEST_CASE("an endless loop is stopped by the budget and the state stays usable", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    RunStatus st = sb.run("while true do end", "loop.lua");
    REQUIRE(st.failure == RunStatus::Failure::budget);
    CHECK(st.message.find("loop.lua:1:") != std::string::npos);
    CHECK(st.message.find("instruction budget") != std::string::npos);
    CHECK(eval(sb, "local n = 0; for i = 1, 1000 do n = n + i end; return n") == "500500");
}

TEST_CASE("pcall cannot swallow the budget error", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    RunStatus st = sb.run("local ok = pcall(function() while true do end end); return 'escaped'", "test.lua");
    CHECK(st.failure == RunStatus::Failure::budget);
    st = sb.run("for i = 1, 10 do xpcall(function() while true do end end, function(m) return m end) end", "test.lua");
    CHECK(st.failure == RunStatus::Failure::budget);
    st = sb.run("while true do pcall(function() while true do end end) end", "test.lua");
    CHECK(st.failure == RunStatus::Failure::budget);
    CHECK(eval(sb, "return 'still usable'") == "still usable");
}

TEST_CASE("C loops that do not allocate are bounded too", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    CHECK(eval(sb, "return #string.rep('', 1 << 62) + #string.rep('', 1 << 62, '')") == "0");
    CHECK(eval(sb, "return string.rep('ab', 3, ',')") == "ab,ab,ab");
    RunStatus st = sb.run(
        "local t = setmetatable({}, { __len = function() return 1 << 50 end })\n"
        "table.insert(t, 1, 'x')",
        "shift.lua");
    CHECK(st.failure == RunStatus::Failure::budget);
    CHECK(st.message.find("shift.lua:2:") == 0);
    st = sb.run(
        "local t = {} for i = 50, 0, -1 do t[1 << i] = true end\n"
        "return #t > 1000000 and table.remove(t, 1)",
        "sparse.lua");
    CHECK(st.failure == RunStatus::Failure::budget);
    CHECK(eval(sb,
               "local t = { 'a', 'c' } table.insert(t, 2, 'b') table.insert(t, 'd') "
               "local r = table.remove(t, 1) return r .. table.concat(t)") == "abcd");
    CHECK(eval(sb, "local t = {} return tostring(table.remove(t)) .. #t") == "nil0");
    CHECK(eval(sb,
               "local t = setmetatable({}, { __len = function() return math.maxinteger end })\n"
               "table.insert(t, 'x') return t[math.mininteger]") == "x");
}

TEST_CASE("deep recursion fails cleanly", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    RunStatus st = sb.run("local function f(n) return 1 + f(n + 1) end return f(1)", "deep.lua");
    CHECK_FALSE(st.ok());
    CHECK(eval(sb, "return 'usable'") == "usable");
}

TEST_CASE("a string.rep memory bomb is stopped", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    RunStatus st = sb.run("local s = string.rep('x', 100 * 1024 * 1024); return #s", "bomb.lua");
    CHECK(st.failure == RunStatus::Failure::memory);
    CHECK(st.message.find("memory limit") != std::string::npos);
    CHECK(sb.memory_used() < kSmall.memory_bytes / 2);
    CHECK(eval(sb, "return #string.rep('x', 1000)") == "1000");
}

TEST_CASE("a table growth bomb is stopped by memory, not by time", "[lua][sandbox]") {
    Sandbox sb(SandboxLimits{1'000'000'000, 4u << 20});
    RunStatus st = sb.run("local t = {}; for i = 1, 1e9 do t[i] = i end", "bomb.lua");
    CHECK(st.failure == RunStatus::Failure::memory);
    CHECK(sb.memory_used() < (2u << 20));
    CHECK(eval(sb, "local t = {}; for i = 1, 1000 do t[i] = i end; return #t") == "1000");
}

TEST_CASE("an allocation failure caught with pcall still fails the call", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    RunStatus st = sb.run("local ok = pcall(string.rep, 'x', 64 * 1024 * 1024); return 'caught'", "test.lua");
    CHECK(st.failure == RunStatus::Failure::memory);
    st = sb.run("local ok = pcall(function() local t = {} for i = 1, 1e7 do t[i] = {} end end) return 'caught'",
                "test.lua");
    CHECK(st.failure == RunStatus::Failure::memory);
    CHECK(eval(sb, "return 'fine'") == "fine");
}

TEST_CASE("metatables cannot carry __gc or __mode or touch protected tables", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    CHECK(eval(sb, "setmetatable({}, { __gc = function() end })").find("__gc is not allowed") != std::string::npos);
    CHECK(eval(sb, "setmetatable({}, { __mode = 'k' })").find("__mode is not allowed") != std::string::npos);
    CHECK(eval(sb, "setmetatable(string, {})").find("protected") != std::string::npos);
    CHECK(eval(sb, "setmetatable({}, math)").find("library table") != std::string::npos);
    CHECK(eval(sb,
               "local mt = { __index = function(t, k) return k .. '!' end };"
               "return setmetatable({}, mt).hi") == "hi!");
    CHECK(eval(sb, "local mt = {}; local t = setmetatable({}, mt); return getmetatable(t) == mt") == "true");
}

TEST_CASE("the string metatable and library tables cannot be changed", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    CHECK(eval(sb, "return getmetatable('')") == "nil");
    CHECK(eval(sb, "return getmetatable(string)") == "false");
    CHECK(eval(sb, "string.upper = nil").find("cannot change library table 'string'") != std::string::npos);
    CHECK(eval(sb, "math.pi = 3").find("cannot change library table 'math'") != std::string::npos);
    CHECK(eval(sb, "getmetatable('').__index = {}").find("attempt to index") != std::string::npos);
    CHECK(eval(sb, "return ('x'):rep(3)") == "xxx");
}

TEST_CASE("two packs do not see each other's globals", "[lua][sandbox]") {
    Sandbox a(kSmall), b(kSmall);
    REQUIRE(a.run("shared = 'from a'", "a.lua").ok());
    CHECK(eval(a, "return shared") == "from a");
    CHECK(eval(b, "return shared").find("unknown name 'shared'") != std::string::npos);
}

TEST_CASE("unknown globals are errors with a suggestion", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    REQUIRE(sb.run("GREEN = 'GREEN'", "a.lua").ok());
    std::string out = eval(sb, "\nreturn GREN");
    CHECK(out.find("test.lua:2: unknown name 'GREN' (did you mean 'GREEN'?)") != std::string::npos);
}

TEST_CASE("a frozen _ENV refuses new globals but keeps the old ones", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    REQUIRE(sb.run("limit = 5; function bump() limit = limit + 1 end", "a.lua").ok());
    sb.freeze_env();
    CHECK(eval(sb, "return limit") == "5");
    CHECK(eval(sb, "bump()").find("cannot assign global 'limit'") != std::string::npos);
    CHECK(eval(sb, "fresh = 1").find("cannot assign global 'fresh'") != std::string::npos);
    CHECK(eval(sb, "local n = 0; for k in pairs(_ENV) do if k == 'limit' then n = n + 1 end end; return n") == "1");
}

TEST_CASE("pairs visits keys in a fixed order", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    const char* walk =
        "local out = {} for k, v in pairs(t) do out[#out + 1] = tostring(k) .. '=' .. tostring(v) end "
        "return table.concat(out, ' ')";
    std::string expected = "-1=f 1=a 2=b 2.5=c 10=d a=g b=h c=i false=j true=k";
    CHECK(eval(sb, std::string("t = { c = 'i', [10] = 'd', b = 'h', [true] = 'k', 'a', 'b', [2.5] = 'c', "
                               "[-1] = 'f', a = 'g', [false] = 'j' } ") +
                       walk) == expected);
    CHECK(eval(sb, std::string("t = {} t[false] = 'j' t.a = 'g' t[2.5] = 'c' t[10] = 'd' t[true] = 'k' "
                               "t.c = 'i' t[-1] = 'f' t[2] = 'b' t.b = 'h' t[1] = 'a' ") +
                       walk) == expected);
    CHECK(eval(sb, "local n = 0 for k in pairs(math) do n = n + 1 end return n > 20") == "true");
    CHECK(eval(sb, "for k in pairs({ [{}] = 1 }) do end").find("no fixed order") != std::string::npos);
    CHECK(eval(sb,
               "local t = { a = 1, b = 2, c = 3 } local seen = '' "
               "for k in pairs(t) do t.b = nil seen = seen .. k end return seen") == "ac");
}

TEST_CASE("chunks are loaded as text only", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    RunStatus st = sb.load(std::string("\x1bLua\x54\x00", 6), "binary.lua");
    REQUIRE_FALSE(st.ok());
    CHECK(st.message.find("binary") != std::string::npos);
}

TEST_CASE("errors carry the Lua lines that led to them", "[lua][sandbox]") {
    Sandbox sb(kSmall);
    RunStatus st =
        sb.run("local function inner(x)\n  return x.field\nend\n\nlocal r = inner(nil) return r", "trace.lua");
    REQUIRE(st.failure == RunStatus::Failure::error);
    CHECK(st.message.find("trace.lua:2:") == 0);
    CHECK(st.message.find("called from trace.lua:5") != std::string::npos);
}
