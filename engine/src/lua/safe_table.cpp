// table.insert, table.remove, table.concat, table.unpack and table.sort for
// rules. Lua's own loop in C as long as the table's length says, and a length
// can be made huge without memory (a __len metamethod, or a sparse table
// whose border is 2^50; elements can come from an __index that is itself a C
// function), so these charge each element they visit to the instruction
// budget before they start. They read the length once, as Lua's own do.
// table.sort is a stable merge sort: Lua's own quicksort picks pivots from
// the clock for large unbalanced inputs, so elements that compare equal
// could end in a different order on each run.
#include "lua/lua_util.hpp"
#include "lua/sandbox.hpp"
#include "lua/sandbox_env.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <vector>

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

// The number of elements from i to j, 0 when j < i (2^64 saturates).
uint64_t count_of(lua_Integer i, lua_Integer j) {
    if (i > j) return 0;
    const uint64_t gap = static_cast<uint64_t>(j) - static_cast<uint64_t>(i);
    return gap == UINT64_MAX ? gap : gap + 1u;
}

int table_concat(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t seplen = 0;
    const char* sep = luaL_optlstring(L, 2, "", &seplen);
    const lua_Integer first = luaL_optinteger(L, 3, 1);
    const lua_Integer last = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    Sandbox::of(L).charge(count_of(first, last));
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (lua_Integer i = first; i <= last; ++i) {
        lua_geti(L, 1, i);  // ... value
        if (!lua_isstring(L, -1))
            return luaL_error(L, "invalid value (at index %I) in table for 'concat'", static_cast<LUAI_UACINT>(i));
        luaL_addvalue(&b);  // ...
        if (i != last) luaL_addlstring(&b, sep, seplen);
        if (i == LUA_MAXINTEGER) break;
    }
    luaL_pushresult(&b);  // text
    return 1;
}

int table_unpack(lua_State* L) {
    const lua_Integer first = luaL_optinteger(L, 2, 1);
    const lua_Integer last = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
    const uint64_t n = count_of(first, last);
    if (n == 0) return 0;
    if (n >= static_cast<uint64_t>(INT_MAX) || !lua_checkstack(L, static_cast<int>(n)))
        return luaL_error(L, "too many results to unpack");
    Sandbox::of(L).charge(n);
    for (uint64_t k = 0; k < n; ++k) lua_geti(L, 1, first + static_cast<lua_Integer>(k));  // values...
    return static_cast<int>(n);
}

// Whether element `a` sorts before element `b`, both indexes into the
// scratch table at stack slot 3; the comparator, if any, is at slot 2.
bool sorts_before(lua_State* L, lua_Integer a, lua_Integer b) {
    const bool custom = !lua_isnil(L, 2);
    if (custom) lua_pushvalue(L, 2);  // [cmp]
    lua_rawgeti(L, 3, a);             // [cmp] ea
    lua_rawgeti(L, 3, b);             // [cmp] ea eb
    bool less;
    if (custom) {
        lua_call(L, 2, 1);  // result
        less = lua_toboolean(L, -1);
        lua_pop(L, 1);
    } else {
        less = lua_compare(L, -2, -1, LUA_OPLT);
        lua_pop(L, 2);
    }
    return less;
}

// Bottom-up merge sort of `order` (indexes into the scratch table): stable,
// n log n comparisons, and it ends whatever the comparator answers.
void merge_sort(lua_State* L, std::vector<lua_Integer>& order) {
    std::vector<lua_Integer> merged(order.size());
    for (size_t width = 1; width < order.size(); width *= 2) {
        for (size_t lo = 0; lo < order.size(); lo += 2 * width) {
            const size_t mid = std::min(lo + width, order.size()), hi = std::min(lo + 2 * width, order.size());
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) merged[k++] = sorts_before(L, order[j], order[i]) ? order[j++] : order[i++];
            while (i < mid) merged[k++] = order[i++];
            while (j < hi) merged[k++] = order[j++];
        }
        order.swap(merged);
    }
}

int table_sort(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    const lua_Integer n = luaL_len(L, 1);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);  // t cmp
    if (n < 2) return 0;
    luaL_argcheck(L, n < INT_MAX, 1, "array too big");
    uint64_t log2n = 1;
    while ((uint64_t{1} << log2n) < static_cast<uint64_t>(n)) ++log2n;
    Sandbox::of(L).charge(static_cast<uint64_t>(n) * log2n);
    lua_createtable(L, static_cast<int>(n), 0);  // t cmp scratch
    for (lua_Integer i = 1; i <= n; ++i) {
        lua_geti(L, 1, i);     // t cmp scratch ti
        lua_rawseti(L, 3, i);  // t cmp scratch
    }
    std::vector<lua_Integer> order(static_cast<size_t>(n));
    for (lua_Integer i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i + 1;
    merge_sort(L, order);
    for (lua_Integer i = 1; i <= n; ++i) {  // written back only once sorted: an error leaves t as it was
        lua_rawgeti(L, 3, order[static_cast<size_t>(i - 1)]);  // t cmp scratch v
        lua_seti(L, 1, i);                                     // t cmp scratch
    }
    return 0;
}

const luaL_Reg kSafeTable[] = {
    {"insert", table_insert}, {"remove", table_remove},      {"concat", table_concat},
    {"unpack", table_unpack}, {"sort", guarded<table_sort>}, {nullptr, nullptr},
};

}  // namespace

void add_safe_table(lua_State* L) {
    luaL_setfuncs(L, kSafeTable, 0);
}

}  // namespace assay::lua
