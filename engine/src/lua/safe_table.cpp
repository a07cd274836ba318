// table.insert and table.remove for rules. Lua's own shift elements in a C
// loop as long as the table's length says, and a length can be made huge
// without memory (a __len metamethod, or a sparse table whose border is
// 2^50), so these charge each element shifted to the instruction budget.
// They read the length once, as Lua's own do.
#include "lua/sandbox.hpp"
#include "lua/sandbox_env.hpp"

namespace assay::lua {
namespace {

// Shifting costs nothing when nothing moves; count differences as unsigned.
uint64_t span(lua_Integer from, lua_Integer to) {
    return to > from ? static_cast<uint64_t>(to) - static_cast<uint64_t>(from) : 0;
}

int table_insert(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    // First empty slot; wraps like Lua's own when __len gives the largest integer.
    const auto e = static_cast<lua_Integer>(static_cast<lua_Unsigned>(luaL_len(L, 1)) + 1u);
    lua_Integer pos = e;
    switch (lua_gettop(L)) {
        case 2:
            break;
        case 3: {
            pos = luaL_checkinteger(L, 2);
            luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u < static_cast<lua_Unsigned>(e), 2,
                          "position out of bounds");
            Sandbox::of(L).charge(span(pos, e));
            for (lua_Integer i = e; i > pos; --i) {
                lua_geti(L, 1, i - 1);  // t [pos] v t[i-1]
                lua_seti(L, 1, i);      // t [pos] v
            }
            break;
        }
        default:
            return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);  // t [pos]   (t[pos] = v)
    return 0;
}

int table_remove(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    const lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u <= static_cast<lua_Unsigned>(size), 2,
                      "position out of bounds");
    Sandbox::of(L).charge(span(pos, size));
    lua_geti(L, 1, pos);  // t [pos] removed
    for (; pos < size; ++pos) {
        lua_geti(L, 1, pos + 1);  // t [pos] removed t[pos+1]
        lua_seti(L, 1, pos);      // t [pos] removed
    }
    lua_pushnil(L);       // t [pos] removed nil
    lua_seti(L, 1, pos);  // t [pos] removed
    return 1;
}

const luaL_Reg kSafeTable[] = {
    {"insert", table_insert},
    {"remove", table_remove},
    {nullptr, nullptr},
};

}  // namespace

void add_safe_table(lua_State* L) {
    luaL_setfuncs(L, kSafeTable, 0);
}

}  // namespace assay::lua
