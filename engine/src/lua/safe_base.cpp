// The base functions rule code gets in place of Lua's own:
// - pairs visits keys in a fixed order (numbers ascending, then strings in
//   byte order, then false, true), so a rule gives the same result on every
//   run and machine; keys of other types have no fixed order and are refused.
//   next follows the same order (Lua's own depends on string hashes, which
//   are seeded afresh in every process).
// - tostring never shows an address (a table prints as "table"), prints a
//   NaN as "nan" whatever its sign bit, and string.format refuses %p and
//   formats tables the same way, so no output depends on where memory lies.
// - pcall and xpcall cannot catch a budget or memory failure: they re-raise it.
// - setmetatable refuses __gc (finalisers run at unpredictable times), __mode
//   (weak tables depend on garbage collection) and protected tables;
//   getmetatable shows no metatable of strings, libraries or host values.
#include "lua/lua_util.hpp"
#include "lua/sandbox.hpp"
#include "lua/sandbox_env.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>
#include <vector>

namespace assay::lua {
namespace {

// A key of a table being iterated by pairs, in a form C++ can order.
struct SortKey {
    int rank = 0;  // 0 number, 1 string, 2 boolean
    bool is_integer = false;
    lua_Integer integer = 0;
    double number = 0;
    std::string_view text;  // points into the key string, alive while the table holds it
    int slot = 0;           // position of the key in the scratch array
};

// Exact integer < float comparison (no rounding of large integers).
bool int_less_float(lua_Integer i, double f) {
    if (f >= 9223372036854775808.0) return true;
    if (f < -9223372036854775808.0) return false;
    double fl = std::floor(f);
    auto fi = static_cast<lua_Integer>(fl);
    return i < fi || (i == fi && f > fl);
}

bool float_less_int(double f, lua_Integer i) {
    if (f >= 9223372036854775808.0) return false;
    if (f < -9223372036854775808.0) return true;
    double c = std::ceil(f);
    auto ci = static_cast<lua_Integer>(c);
    return ci < i || (ci == i && f < c);
}

bool number_less(const SortKey& a, const SortKey& b) {
    if (a.is_integer && b.is_integer) return a.integer < b.integer;
    if (!a.is_integer && !b.is_integer) return a.number < b.number;
    if (a.is_integer) return int_less_float(a.integer, b.number);
    return float_less_int(a.number, b.integer);
}

bool key_less(const SortKey& a, const SortKey& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.rank == 0) return number_less(a, b);
    if (a.rank == 1) return a.text < b.text;
    return a.integer < b.integer;
}

// The key on top of the stack as a SortKey; throws for keys with no order.
SortKey sort_key(lua_State* L, int slot) {
    SortKey k;
    k.slot = slot;
    switch (lua_type(L, -1)) {
        case LUA_TNUMBER:
            k.rank = 0;
            k.is_integer = lua_isinteger(L, -1);
            k.integer = lua_tointeger(L, -1);
            k.number = lua_tonumber(L, -1);
            break;
        case LUA_TSTRING:
            k.rank = 1;
            k.text = view_of(L, -1);
            break;
        case LUA_TBOOLEAN:
            k.rank = 2;
            k.integer = lua_toboolean(L, -1);
            break;
        default:
            throw RuleError(std::string("pairs: a table with keys of type ") + luaL_typename(L, -1) +
                            " has no fixed order; use number or string keys (or ipairs)");
    }
    return k;
}

// Iterator made by pairs; upvalues: the table, its keys in order, the position.
int sorted_next(lua_State* L) {
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
    for (;;) {
        ++pos;
        if (lua_rawgeti(L, lua_upvalueindex(2), pos) == LUA_TNIL) return 1;  // nil: done
        lua_pushvalue(L, -1);                                                // key key
        if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) break;           // key value
        lua_pop(L, 2);                                                       // (removed during the loop: skip)
    }
    lua_pushinteger(L, pos);              // key value pos
    lua_replace(L, lua_upvalueindex(3));  // key value
    return 2;
}

// pairs(t): the iterator walks what `t` holds (for a read-only view, the
// table behind it, which only the iterator's upvalue holds) and the
// function returns `t` itself, never the table behind a view.
int safe_pairs(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);                                 // v
    lua_pushvalue(L, 1);                              // v t
    if (is_read_only(L, 1, true)) lua_replace(L, 2);  // v t   (a library: show what it holds)
    lua_newtable(L);                                  // v t scratch
    std::vector<SortKey> keys;
    lua_pushnil(L);           // v t scratch nil
    while (lua_next(L, 2)) {  // v t scratch key value
        lua_pop(L, 1);        // v t scratch key
        int slot = static_cast<int>(keys.size()) + 1;
        lua_pushvalue(L, -1);     // v t scratch key key
        lua_rawseti(L, 3, slot);  // v t scratch key
        keys.push_back(sort_key(L, slot));
    }
    Sandbox::of(L).charge(keys.size());  // the sort, done in one C call
    std::sort(keys.begin(), keys.end(), key_less);
    lua_createtable(L, static_cast<int>(keys.size()), 0);  // v t scratch ordered
    for (size_t i = 0; i < keys.size(); ++i) {
        lua_rawgeti(L, 3, keys[i].slot);                     // v t scratch ordered key
        lua_rawseti(L, 4, static_cast<lua_Integer>(i + 1));  // v t scratch ordered
    }
    lua_remove(L, 3);                     // v t ordered
    lua_pushinteger(L, 0);                // v t ordered 0
    lua_pushcclosure(L, sorted_next, 3);  // v iter
    lua_insert(L, 1);                     // iter v
    lua_pushnil(L);                       // iter v nil
    return 3;
}

// next(t [, key]): the key after `key` in pairs order (the first without
// one) and its value, or nil after the last. Each call looks at every key,
// and is charged for it: use pairs to walk a table, next(t) == nil to test
// for an empty one.
int safe_next(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);                                 // t key
    if (is_read_only(L, 1, true)) lua_replace(L, 1);  // t key   (a library: show what it holds)
    const bool from_start = lua_isnil(L, 2);
    SortKey after;
    if (!from_start) {
        lua_pushvalue(L, 2);     // t key key
        after = sort_key(L, 0);  // (refuses a key with no order)
        lua_pop(L, 1);           // t key
    }
    lua_pushnil(L);  // t key best   (slot 3: the next key so far)
    SortKey best;    // its text points into the key, which slot 3 keeps alive
    bool found = false;
    uint64_t seen = 0;
    lua_pushnil(L);           // t key best nil
    while (lua_next(L, 1)) {  // t key best k v
        lua_pop(L, 1);        // t key best k
        ++seen;
        SortKey k = sort_key(L, 0);
        if ((from_start || key_less(after, k)) && (!found || key_less(k, best))) {
            lua_pushvalue(L, -1);  // t key best k k
            lua_replace(L, 3);     // t key k k
            best = k;
            found = true;
        }
    }  // t key best
    Sandbox::of(L).charge(seen);
    if (!found) return 1;  // nil
    lua_pushvalue(L, 3);   // t key best best
    lua_rawget(L, 1);      // t key best value
    return 2;
}

// The text of a value for tostring: a number in the "C" locale (Sandbox
// calls run in it), a NaN as "nan", a table or function by its kind only.
int safe_tostring(lua_State* L) {
    luaL_checkany(L, 1);
    switch (lua_type(L, 1)) {
        case LUA_TNUMBER:
            if (!lua_isinteger(L, 1) && std::isnan(lua_tonumber(L, 1))) {
                lua_pushliteral(L, "nan");
                return 1;
            }
            [[fallthrough]];
        case LUA_TSTRING:
        case LUA_TBOOLEAN:
        case LUA_TNIL:
            luaL_tolstring(L, 1, nullptr);  // v text
            return 1;
        default:
            if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {  // v fn
                lua_pop(L, 1);                                        // v
                luaL_tolstring(L, 1, nullptr);                        // v text   (the value's own text)
                return 1;
            }
            lua_pushstring(L, luaL_typename(L, 1));  // v "table"
            return 1;
    }
}

// string.format: Lua's own (upvalue 1), run in the "C" locale, after
// checking the conversions: %p (an address) is refused, %s of a table or
// function gets the text tostring gives, and a NaN prints as "nan".
int safe_format(lua_State* L) {
    size_t len = 0;
    const char* fmt = luaL_checklstring(L, 1, &len);
    const char* const end = fmt + len;
    int arg = 1;
    for (const char* p = fmt; p < end; ++p) {
        if (*p != '%') continue;
        if (++p < end && *p == '%') continue;  // "%%"
        while (p < end && std::strchr("-+ #0123456789.", *p)) ++p;
        if (p == end) break;  // Lua's own reports the bad conversion
        ++arg;
        switch (*p) {
            case 'p':
                return luaL_error(L,
                                  "string.format: '%%p' is not available in rules (an address differs on every run)");
            case 's':
                if (lua_type(L, arg) != LUA_TSTRING && lua_type(L, arg) != LUA_TNONE) {
                    lua_pushcfunction(L, safe_tostring);  // ... tostring
                    lua_pushvalue(L, arg);                // ... tostring v
                    lua_call(L, 1, 1);                    // ... text
                    lua_replace(L, arg);                  // ...
                }
                break;
            case 'a':
            case 'A':
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G':
                if (lua_type(L, arg) == LUA_TNUMBER && std::isnan(lua_tonumber(L, arg))) {
                    lua_pushnumber(L, std::fabs(lua_tonumber(L, arg)));  // ... nan   ("nan", never "-nan")
                    lua_replace(L, arg);                                 // ...
                }
                break;
            default:
                break;
        }
    }
    const int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));  // args... format
    lua_insert(L, 1);                       // format args...
    lua_call(L, n, 1);                      // text
    return 1;
}

// After a protected call inside rule code: re-raise budget and memory
// failures, else return status and results like Lua's pcall. `below` values
// sit under the results (xpcall's handler).
int finish_pcall(lua_State* L, int status, int below) {
    Sandbox& sandbox = Sandbox::of(L);
    if (status == LUA_ERRMEM) sandbox.note_memory_error();
    if (sandbox.failed_hard()) {
        if (status == LUA_OK) lua_pushliteral(L, "resource limit exceeded");
        return lua_error(L);  // rule code cannot catch this
    }
    lua_pushboolean(L, status == LUA_OK);  // results... ok
    lua_insert(L, below + 1);              // ok results...
    return lua_gettop(L) - below;
}

int safe_pcall(lua_State* L) {
    luaL_checkany(L, 1);  // f args...
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    return finish_pcall(L, status, 0);
}

int safe_xpcall(lua_State* L) {
    luaL_checktype(L, 2, LUA_TFUNCTION);  // f h args...
    const int nargs = lua_gettop(L) - 2;
    lua_pushvalue(L, 2);  // f h args... h
    lua_remove(L, 2);     // f args... h
    lua_insert(L, 1);     // h f args...
    int status = lua_pcall(L, nargs, LUA_MULTRET, 1);
    return finish_pcall(L, status, 1);
}

// Whether the metatable at `idx` holds field `name` (raw: no metamethods run).
bool has_raw_field(lua_State* L, int idx, const char* name) {
    lua_pushstring(L, name);                        // name
    bool present = lua_rawget(L, idx) != LUA_TNIL;  // value
    lua_pop(L, 1);
    return present;
}

int safe_setmetatable(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    const int t = lua_type(L, 2);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "setmetatable: this table is protected and cannot be changed");
    if (t == LUA_TTABLE) {
        if (has_raw_field(L, 2, "__gc"))
            return luaL_error(L, "setmetatable: __gc is not allowed in rules (it would run at unpredictable times)");
        if (has_raw_field(L, 2, "__mode"))
            return luaL_error(
                L, "setmetatable: __mode is not allowed in rules (weak tables depend on garbage collection)");
        if (is_read_only(L, 2, false))
            return luaL_error(L, "setmetatable: a library table cannot be used as a metatable");
    }
    lua_settop(L, 2);        // t mt
    lua_setmetatable(L, 1);  // t
    return 1;
}

int safe_getmetatable(lua_State* L) {
    luaL_checkany(L, 1);
    if (lua_type(L, 1) != LUA_TTABLE) return 0;                        // strings and host values: none shown
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return 1;  // protected: its stand-in
    if (!lua_getmetatable(L, 1)) return 0;
    return 1;
}

const luaL_Reg kSafeBase[] = {
    {"pairs", guarded<safe_pairs>},
    {"next", guarded<safe_next>},
    {"tostring", safe_tostring},
    {"pcall", safe_pcall},
    {"xpcall", safe_xpcall},
    {"setmetatable", safe_setmetatable},
    {"getmetatable", safe_getmetatable},
    {nullptr, nullptr},
};

}  // namespace

void add_safe_base(lua_State* L) {
    luaL_setfuncs(L, kSafeBase, 0);
}

void push_safe_format(lua_State* L, int real_string) {
    lua_getfield(L, real_string, "format");  // format
    lua_pushcclosure(L, safe_format, 1);     // safe
}

}  // namespace assay::lua
