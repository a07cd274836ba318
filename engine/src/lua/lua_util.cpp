// Stack helpers shared by the Lua bindings.
#include "lua/lua_util.hpp"

#include <fmt/format.h>

#include <cmath>

namespace assay::lua {

std::string describe(lua_State* L, int idx) {
    switch (lua_type(L, idx)) {
        case LUA_TNONE:
        case LUA_TNIL:
            return "nil";
        case LUA_TBOOLEAN:
            return lua_toboolean(L, idx) ? "true" : "false";
        case LUA_TNUMBER: {
            const double x = lua_tonumber(L, idx);
            if (std::isnan(x)) return "not a number (NaN, as 0/0 gives)";
            if (std::isinf(x)) return x > 0 ? "infinity (as 1/0 gives)" : "minus infinity (as -1/0 gives)";
            return "the number " + number_text(x);
        }
        case LUA_TSTRING: {
            std::string_view s = view_of(L, idx);
            if (s.size() <= 40) return fmt::format("the text \"{}\"", s);
            size_t cut = 40;
            while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
            return fmt::format("the text \"{}...\"", s.substr(0, cut));
        }
        case LUA_TTABLE:
            return "a table";
        case LUA_TFUNCTION:
            return "a function";
        default: {
            std::string kind = "a value";
            int t = luaL_getmetafield(L, idx, "__name");  // mt.__name, or nothing pushed
            if (t != LUA_TNIL) {
                if (t == LUA_TSTRING) kind = "a " + std::string(view_of(L, -1));
                lua_pop(L, 1);
            }
            return kind;
        }
    }
}

SourceLoc caller_loc(lua_State* L) {
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); ++level) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) return SourceLoc{ar.short_src, ar.currentline, 0};
    }
    return {};
}

SourceLoc function_loc(lua_State* L, int idx) {
    lua_Debug ar;
    lua_pushvalue(L, idx);      // fn
    lua_getinfo(L, ">S", &ar);  // (pops fn)
    // A built-in (string.rep given as a rule) has no place of its own: the
    // place is where the pack hands it over.
    if (ar.what && std::string_view(ar.what) == "C") return caller_loc(L);
    return SourceLoc{ar.short_src, ar.linedefined > 0 ? ar.linedefined : 0, 0};
}

std::string number_text(double x) {
    return fmt::format("{}", x);
}

}  // namespace assay::lua
