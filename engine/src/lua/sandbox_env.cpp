// Builds a pack's _ENV from an allow-list. Nothing reaches rule code unless
// it is named here: no io, os, debug, package, require, dofile, loadfile,
// load, collectgarbage, coroutine, print, rawget or rawset; math without
// random; string without dump, pack and unpack and without the pattern
// functions (find, match, gmatch, gsub can run unbounded inside one C call),
// offering plain text search instead; table without move. Functions whose C
// loops Lua does not bound (table.insert, remove, concat, unpack, sort,
// string.rep) are replaced by versions that charge the budget first, and
// those that scan a whole text (string.byte, tonumber, utf8.len, offset,
// codepoint) are wrapped to do the same; next, tostring, string.format and
// table.sort are replaced by deterministic versions. Library tables are
// read-only views, and reading an unknown global is an error naming the
// closest one.
#include "lua/sandbox_env.hpp"

#include "lua/lua_util.hpp"
#include "lua/sandbox.hpp"
#include "lua/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

namespace assay::lua {
namespace {

// Key (by address, so rule code cannot forge it) marking read-only views.
const char kReadOnlyKey = 0;

const std::initializer_list<const char*> kBaseAllowed = {"assert", "error",    "ipairs", "select",
                                                         "type",   "rawequal", "rawlen"};  // + safe ones
const std::initializer_list<const char*> kStringAllowed = {"char", "len", "lower", "upper", "reverse", "sub"};
const std::initializer_list<const char*> kMathRefused = {"random", "randomseed"};

// Copies the functions `names` of the table at `from` into the table on
// top, each wrapped to charge the budget for the text it scans.
void copy_charged(lua_State* L, int from, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        lua_getfield(L, from, name);  // dst fn
        wrap_charged(L);              // dst charged
        lua_setfield(L, -2, name);    // dst
    }
}

// Copies fields `names` of the table at `from` into the table on top.
void copy_fields(lua_State* L, int from, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        lua_getfield(L, from, name);  // dst value
        lua_setfield(L, -2, name);    // dst
    }
}

// Copies every field of the table at `from` but `refused` into the table on top.
void copy_all_but(lua_State* L, int from, std::initializer_list<const char*> refused) {
    lua_pushnil(L);              // dst nil
    while (lua_next(L, from)) {  // dst key value
        bool skip = lua_type(L, -2) == LUA_TSTRING &&
                    std::any_of(refused.begin(), refused.end(), [&](const char* r) { return view_of(L, -2) == r; });
        if (skip) {
            lua_pop(L, 1);  // dst key
            continue;
        }
        lua_pushvalue(L, -2);  // dst key value key
        lua_insert(L, -2);     // dst key key value
        lua_rawset(L, -4);     // dst key
    }
}

// __newindex of a read-only view: (view, key, value).
int refuse_change(lua_State* L) {
    return luaL_error(L, "cannot change library table '%s'", lua_tostring(L, lua_upvalueindex(1)));
}

// Steps charged for visiting one key of a table in C: a lua_next over a
// large table costs about as much time as this many instructions.
constexpr uint64_t kStepsPerKey = 32;

// The closest string key of the table at `idx` to `name`, walking the table
// once without copying it. The walk is charged to the budget as it goes
// (kStepsPerKey a key, and a step for each 16 characters read or distance
// cells computed), so a rule that misses a name in a loop, among many long
// globals, runs out of budget instead of running for hours.
std::string closest_key(lua_State* L, int idx, std::string_view name) {
    ClosestName finder(name);
    if (!finder.searching()) return {};
    Sandbox& sandbox = Sandbox::of(L);
    constexpr uint64_t kBatch = 1024;
    uint64_t charged = 0, seen = 0;
    auto charge = [&](uint64_t keys) {
        sandbox.charge(keys * kStepsPerKey + (finder.work() - charged) / Sandbox::kBytesPerStep);
        charged = finder.work();
    };
    lua_pushnil(L);             // nil
    while (lua_next(L, idx)) {  // key value
        if (lua_type(L, -2) == LUA_TSTRING) finder.consider(view_of(L, -2));
        lua_pop(L, 1);  // key
        if (++seen % kBatch == 0) charge(kBatch);
    }
    charge(seen % kBatch);
    return finder.best();
}

// __index of the globals: (globals, key). Reading an unknown global is a
// mistake in a rule pack (a mis-typed GREEN would otherwise be nil).
int unknown_global(lua_State* L) {
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    std::string name(view_of(L, 2));
    std::string hint = did_you_mean_text(closest_key(L, 1, name), '\'');
    throw RuleError(fmt::format("unknown name '{}'{}", name, hint));
}

// __newindex of frozen globals: (env, key, value).
int frozen_global(lua_State* L) {
    std::string name = lua_type(L, 2) == LUA_TSTRING ? std::string(view_of(L, 2)) : "?";
    throw RuleError(
        fmt::format("cannot assign global '{}' while assessing: a rule must not keep state from one indicator "
                    "to the next (declare it local)",
                    name));
}

// Pushes a metatable that makes a table strict: unknown names are errors.
void push_strict_metatable(lua_State* L) {
    lua_createtable(L, 0, 2);                       // mt
    lua_pushcfunction(L, guarded<unknown_global>);  // mt fn
    lua_setfield(L, -2, "__index");                 // mt
    lua_pushboolean(L, 0);                          // mt false
    lua_setfield(L, -2, "__metatable");             // mt
}

// The string library for rules, also the __index of every string value.
void push_safe_string(lua_State* L, int real) {
    lua_newtable(L);  // s
    copy_fields(L, real, kStringAllowed);
    copy_charged(L, real, {"byte"});
    push_safe_format(L, real);      // s format
    lua_setfield(L, -2, "format");  // s
    add_plain_string(L);
    make_read_only(L, "string");         // view
    lua_pushliteral(L, "");              // view ""
    lua_getmetatable(L, -1);             // view "" smt
    lua_pushvalue(L, -3);                // view "" smt view
    lua_setfield(L, -2, "__index");      // view "" smt
    lua_pushboolean(L, 0);               // view "" smt false
    lua_setfield(L, -2, "__metatable");  // view "" smt   (getmetatable("") is hidden)
    lua_pop(L, 2);                       // view
}

}  // namespace

void make_strict(lua_State* L) {
    push_strict_metatable(L);  // t mt
    lua_setmetatable(L, -2);   // t
}

void make_read_only(lua_State* L, const char* name) {
    lua_newtable(L);                        // t view
    lua_createtable(L, 0, 4);               // t view mt
    lua_pushvalue(L, -3);                   // t view mt t
    lua_setfield(L, -2, "__index");         // t view mt
    lua_pushstring(L, name);                // t view mt name
    lua_pushcclosure(L, refuse_change, 1);  // t view mt fn
    lua_setfield(L, -2, "__newindex");      // t view mt
    lua_pushboolean(L, 0);                  // t view mt false
    lua_setfield(L, -2, "__metatable");     // t view mt
    lua_pushboolean(L, 1);                  // t view mt true
    lua_rawsetp(L, -2, &kReadOnlyKey);      // t view mt
    lua_setmetatable(L, -2);                // t view
    lua_remove(L, -2);                      // view
}

void mark_read_only(lua_State* L, int mt) {
    mt = lua_absindex(L, mt);
    lua_pushboolean(L, 1);              // true
    lua_rawsetp(L, mt, &kReadOnlyKey);  //
}

bool is_read_only(lua_State* L, int idx, bool push_backing) {
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return false;  // mt
    lua_rawgetp(L, -1, &kReadOnlyKey);                                              // mt flag
    bool read_only = lua_toboolean(L, -1);
    lua_pop(L, 1);  // mt
    if (read_only && push_backing) {
        lua_pushliteral(L, "__index");  // mt "__index"
        lua_rawget(L, -2);              // mt backing
        lua_remove(L, -2);              // backing
    } else {
        lua_pop(L, 1);  //
    }
    return read_only;
}

void push_safe_env(lua_State* L) {
    luaL_requiref(L, "_G", luaopen_base, 0);  // G   (the state's own globals, never shown)
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);  // G string math utf8   (table: all ours)
    const int g = lua_gettop(L) - 3, str = g + 1, math = g + 2, utf8 = g + 3;

    lua_newtable(L);  // ... env
    copy_fields(L, g, kBaseAllowed);
    copy_charged(L, g, {"tonumber"});
    add_safe_base(L);

    push_safe_string(L, str);  // ... env string
    lua_setfield(L, -2, "string");
    lua_newtable(L);  // ... env t
    add_safe_table(L);
    lua_getfield(L, -1, "unpack");  // ... env t unpack
    lua_setfield(L, -3, "unpack");  // ... env t
    make_read_only(L, "table");
    lua_setfield(L, -2, "table");
    lua_newtable(L);  // ... env m
    copy_all_but(L, math, kMathRefused);
    make_read_only(L, "math");
    lua_setfield(L, -2, "math");
    lua_newtable(L);  // ... env u
    copy_all_but(L, utf8, {"len", "offset", "codepoint"});
    copy_charged(L, utf8, {"len", "offset", "codepoint"});
    make_read_only(L, "utf8");
    lua_setfield(L, -2, "utf8");

    make_strict(L);    // ... env
    lua_insert(L, g);  // env G string math utf8
    lua_settop(L, g);  // env
}

void freeze_env_table(lua_State* L, int idx) {
    idx = lua_absindex(L, idx);
    lua_newtable(L);            // backing
    lua_pushnil(L);             // backing nil
    while (lua_next(L, idx)) {  // backing key value
        lua_pushvalue(L, -2);   // backing key value key
        lua_insert(L, -2);      // backing key key value
        lua_rawset(L, -4);      // backing key
    }
    lua_pushnil(L);            // backing nil
    while (lua_next(L, -2)) {  // backing key value
        lua_pop(L, 1);         // backing key
        lua_pushvalue(L, -1);  // backing key key
        lua_pushnil(L);        // backing key key nil
        lua_rawset(L, idx);    // backing key   (env[key] = nil)
    }
    make_strict(L);  // backing

    lua_createtable(L, 0, 4);                      // backing mt
    lua_pushvalue(L, -2);                          // backing mt backing
    lua_setfield(L, -2, "__index");                // backing mt
    lua_pushcfunction(L, guarded<frozen_global>);  // backing mt fn
    lua_setfield(L, -2, "__newindex");             // backing mt
    lua_pushboolean(L, 0);                         // backing mt false
    lua_setfield(L, -2, "__metatable");            // backing mt
    lua_pushboolean(L, 1);                         // backing mt true
    lua_rawsetp(L, -2, &kReadOnlyKey);             // backing mt
    lua_setmetatable(L, idx);                      // backing
    lua_pop(L, 1);                                 //
}

}  // namespace assay::lua
