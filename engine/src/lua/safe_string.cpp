// Plain-text string functions for rules, in place of Lua's pattern
// functions (which can run unbounded inside one C call, out of reach of the
// instruction budget). Searching uses glibc's memmem, which is linear in the
// text, so every function here takes time proportional to its input, and
// charges the budget for the bytes it searches.
#include "lua/lua_util.hpp"
#include "lua/sandbox.hpp"
#include "lua/sandbox_env.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace assay::lua {
namespace {

std::string_view check_view(lua_State* L, int idx) {
    size_t n = 0;
    const char* s = luaL_checklstring(L, idx, &n);
    return {s, n};
}

// Offset of `needle` in `hay` at or after `from`, or npos.
size_t find_plain(std::string_view hay, std::string_view needle, size_t from) {
    if (from > hay.size()) return std::string_view::npos;
    if (needle.empty()) return from;
    const void* hit = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
    return hit ? static_cast<size_t>(static_cast<const char*>(hit) - hay.data()) : std::string_view::npos;
}

// Lua's rule for a start position: negative counts from the end.
size_t start_offset(lua_Integer pos, size_t len) {
    if (pos > 0) return static_cast<size_t>(pos) - 1;
    if (pos == 0 || pos < -static_cast<lua_Integer>(len)) return 0;
    return len - static_cast<size_t>(-pos);
}

// string.find(s, text [, init [, plain]]): plain search only.
int str_find(lua_State* L) {
    std::string_view s = check_view(L, 1), text = check_view(L, 2);
    size_t from = start_offset(luaL_optinteger(L, 3, 1), s.size());
    if (!lua_isnoneornil(L, 4) && !lua_toboolean(L, 4))
        return luaL_error(L, "string.find searches plain text only: patterns are not available in rules");
    Sandbox::of(L).charge_bytes(s.size());
    size_t at = find_plain(s, text, from);
    if (at == std::string_view::npos) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushinteger(L, static_cast<lua_Integer>(at + 1));
    lua_pushinteger(L, static_cast<lua_Integer>(at + text.size()));
    return 2;
}

int str_contains(lua_State* L) {
    std::string_view s = check_view(L, 1), text = check_view(L, 2);
    Sandbox::of(L).charge_bytes(s.size());
    lua_pushboolean(L, find_plain(s, text, 0) != std::string_view::npos);
    return 1;
}

int str_starts_with(lua_State* L) {
    lua_pushboolean(L, check_view(L, 1).starts_with(check_view(L, 2)));
    return 1;
}

int str_ends_with(lua_State* L) {
    lua_pushboolean(L, check_view(L, 1).ends_with(check_view(L, 2)));
    return 1;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int str_trim(lua_State* L) {
    std::string_view s = check_view(L, 1);
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    push(L, s);
    return 1;
}

// string.split(s, sep): the pieces between separators, as a list.
int str_split(lua_State* L) {
    std::string_view s = check_view(L, 1), sep = check_view(L, 2);
    luaL_argcheck(L, !sep.empty(), 2, "the separator must not be empty");
    Sandbox::of(L).charge_bytes(s.size());
    lua_newtable(L);  // list
    lua_Integer n = 0;
    size_t from = 0;
    for (;;) {
        size_t at = find_plain(s, sep, from);
        size_t end = at == std::string_view::npos ? s.size() : at;
        push(L, s.substr(from, end - from));  // list piece
        lua_rawseti(L, -2, ++n);              // list
        if (at == std::string_view::npos) return 1;
        from = at + sep.size();
    }
}

// string.replace(s, old, new): every occurrence of old replaced, as plain text.
int str_replace(lua_State* L) {
    std::string_view s = check_view(L, 1), old = check_view(L, 2), with = check_view(L, 3);
    luaL_argcheck(L, !old.empty(), 2, "the text to replace must not be empty");
    Sandbox::of(L).charge_bytes(s.size());
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t from = 0;
    for (size_t at; (at = find_plain(s, old, from)) != std::string_view::npos; from = at + old.size()) {
        luaL_addlstring(&b, s.data() + from, at - from);
        luaL_addlstring(&b, with.data(), with.size());
    }
    luaL_addlstring(&b, s.data() + from, s.size() - from);
    luaL_pushresult(&b);  // result
    return 1;
}

// string.rep(s, n [, sep]): Lua's own loops n times even when s and sep are
// empty (string.rep("", 2^62) would never return); here that is "" at once.
int str_rep(lua_State* L) {
    std::string_view s = check_view(L, 1);
    const lua_Integer n = luaL_checkinteger(L, 2);
    std::string_view sep = lua_isnoneornil(L, 3) ? std::string_view() : check_view(L, 3);
    if (n <= 0 || s.size() + sep.size() == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    const auto count = static_cast<size_t>(n);
    if (s.size() + sep.size() > (static_cast<size_t>(LUA_MAXINTEGER) / 2) / count)
        return luaL_error(L, "resulting string too large");
    const size_t total = count * s.size() + (count - 1) * sep.size();
    luaL_Buffer b;
    char* out = luaL_buffinitsize(L, &b, total);
    // One unit (s, then sep + s), then the filled part doubled until full.
    auto put = [&](size_t at, std::string_view part) {
        if (!part.empty()) std::memcpy(out + at, part.data(), part.size());  // (an empty view's data may be null)
    };
    put(0, s);
    size_t filled = s.size();
    if (count > 1) {
        put(filled, sep);
        put(filled + sep.size(), s);
        filled += sep.size() + s.size();
    }
    const size_t unit = sep.size() + s.size();  // what repeats after the first s
    while (filled < total) {
        const size_t done = (filled - s.size()) / unit * unit;  // whole units after the first s
        const size_t chunk = std::min(done, total - filled);
        std::memcpy(out + filled, out + s.size(), chunk);
        filled += chunk;
    }
    luaL_pushresultsize(&b, total);
    return 1;
}

const luaL_Reg kPlainString[] = {
    {"rep", str_rep},
    {"find", str_find},
    {"contains", str_contains},
    {"starts_with", str_starts_with},
    {"ends_with", str_ends_with},
    {"trim", str_trim},
    {"split", str_split},
    {"replace", str_replace},
    {nullptr, nullptr},
};

}  // namespace

void add_plain_string(lua_State* L) {
    luaL_setfuncs(L, kPlainString, 0);
}

}  // namespace assay::lua
