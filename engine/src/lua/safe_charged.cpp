// Library functions that scan a whole text inside one C call without
// allocating (utf8.len, string.byte, tonumber), wrapped so that they charge
// the budget for the bytes they are given first. Without this a short loop
// calling utf8.len on a 50 MB text would run for hours within the
// instruction budget: each call is one instruction.
#include "lua/sandbox.hpp"
#include "lua/sandbox_env.hpp"

namespace assay::lua {
namespace {

// upvalue 1: the library function. Errors it raises get the rule's file:line
// (Lua would name the wrapper's place, which has none).
int charged_call(lua_State* L) {
    const int n = lua_gettop(L);
    uint64_t bytes = 0;
    for (int i = 1; i <= n; ++i)
        if (lua_type(L, i) == LUA_TSTRING) bytes += lua_rawlen(L, i);
    Sandbox& sandbox = Sandbox::of(L);
    sandbox.charge_bytes(bytes);
    lua_pushvalue(L, lua_upvalueindex(1));            // args... fn
    lua_insert(L, 1);                                 // fn args...
    if (lua_pcall(L, n, LUA_MULTRET, 0) != LUA_OK) {  // error
        if (!sandbox.failed_hard() && lua_type(L, -1) == LUA_TSTRING) {
            luaL_where(L, 1);   // error "file:line: "
            lua_insert(L, -2);  // "file:line: " error
            lua_concat(L, 2);   // located error
        }
        return lua_error(L);  // (a budget or memory failure stays one: the sandbox keeps its flags)
    }
    return lua_gettop(L);  // results...
}

}  // namespace

void wrap_charged(lua_State* L) {
    lua_pushcclosure(L, charged_call, 1);  // wrapper
}

}  // namespace assay::lua
