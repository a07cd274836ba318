// Glue shared by the Lua bindings: the error type host functions throw, the
// wrapper that turns it into a Lua error at each lua_CFunction boundary, and
// small stack helpers. Lua here is Debian's C++ build, so Lua errors are C++
// exceptions that are not std::exception: catching std::exception never
// swallows them, and C++ destructors run when they pass.
#pragma once

#include <assay/error.hpp>

#include <lua.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace assay::lua {

/// A mistake in rule code found by a host function; it becomes a Lua error
/// located at the calling line of rule code.
class RuleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Runs host function F, turning our C++ exceptions into Lua errors that
/// carry the caller's file:line. Lua's own errors pass through untouched.
template <lua_CFunction F>
int guarded(lua_State* L) {
    std::string message;
    try {
        return F(L);
    } catch (const std::exception& e) {  // ours or the standard library's, never Lua's
        message = e.what();
    }
    return luaL_error(L, "%s", message.c_str());
}

/// The string at `idx` as a view (valid while the value stays on the stack).
inline std::string_view view_of(lua_State* L, int idx) {
    size_t n = 0;
    const char* s = lua_tolstring(L, idx, &n);
    return {s, n};
}

/// Pushes `s` as a Lua string.
inline void push(lua_State* L, std::string_view s) {
    lua_pushlstring(L, s.data(), s.size());
}

/// What the value at `idx` is, in words for error messages ("a number", "a table").
std::string describe(lua_State* L, int idx);

/// file:line of the rule code that called the running host function (the
/// nearest Lua frame), with the file as the pack-relative chunk name.
SourceLoc caller_loc(lua_State* L);

/// file:line where the Lua function at `idx` is defined; for a built-in
/// (C) function, where the running pack code hands it over.
SourceLoc function_loc(lua_State* L, int idx);

/// Formats a number the shortest way that reads back the same ("1.5", "100").
std::string number_text(double x);

}  // namespace assay::lua
