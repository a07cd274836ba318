// Freezing what rule functions reach, and checking their upvalues and
// metatables after each call; see state_guard.hpp.
#include "lua/state_guard.hpp"

#include "lua/lua_util.hpp"
#include "lua/sandbox.hpp"
#include "lua/sandbox_env.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

namespace assay::lua {

struct GuardAccess {
    static std::vector<int>& refs(StateGuard& g) { return g.refs_; }
    static std::vector<StateGuard::Cell>& cells(StateGuard& g) { return g.cells_; }
    static int& cells_ref(StateGuard& g) { return g.cells_ref_; }
    static int& metas_ref(StateGuard& g) { return g.metas_ref_; }
    static size_t& metas(StateGuard& g) { return g.metas_; }
    static std::string& found(StateGuard& g) { return g.found_; }
};

namespace {

// __newindex of a frozen table: (t, key, value).
int refuse_frozen(lua_State* L) {
    std::string key = lua_type(L, 2) == LUA_TSTRING   ? fmt::format("field '{}'", view_of(L, 2))
                      : lua_type(L, 2) == LUA_TNUMBER ? "element " + number_text(lua_tonumber(L, 2))
                                                      : std::string("an entry");
    throw RuleError(
        fmt::format("cannot set {} of a table made while loading the pack: a rule must not keep state "
                    "from one indicator to the next (build a new local table instead)",
                    key));
}

// __len of a frozen table without its own: the length of what it holds (upvalue 1).
int frozen_len(lua_State* L) {
    lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1))));
    return 1;
}

// __index of a frozen table whose own metatable has an __index: (view,
// key). Upvalues: the table's contents, its metatable's __index. The
// contents are never handed to rule code (a function __index gets the view).
int frozen_index(lua_State* L) {
    lua_settop(L, 2);
    lua_pushvalue(L, 2);                                           // view key key
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;  // view key value
    lua_pop(L, 1);                                                 // view key
    if (lua_type(L, lua_upvalueindex(2)) == LUA_TFUNCTION) {
        lua_pushvalue(L, lua_upvalueindex(2));  // view key fn
        lua_insert(L, 1);                       // fn view key
        lua_call(L, 2, 1);                      // value
        return 1;
    }
    lua_gettable(L, lua_upvalueindex(2));  // view value
    return 1;
}

// Metamethods a frozen table keeps from its own metatable (the others are the freeze's).
bool kept_metamethod(std::string_view k) {
    return k.starts_with("__") && k != "__index" && k != "__newindex" && k != "__metatable";
}

// Moves the contents of the table at `t` into a new table behind a read-only
// view: `t` keeps its identity (whoever holds it sees the frozen table).
void freeze_table(lua_State* L, int t) {
    t = lua_absindex(L, t);
    lua_newtable(L);  // B
    const int b = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {   // B k v
        lua_pushvalue(L, -2);  // B k v k
        lua_insert(L, -2);     // B k k v
        lua_rawset(L, b);      // B k
    }
    lua_pushnil(L);
    while (lua_next(L, b)) {   // B k v
        lua_pop(L, 1);         // B k
        lua_pushvalue(L, -1);  // B k k
        lua_pushnil(L);        // B k k nil
        lua_rawset(L, t);      // B k
    }
    lua_createtable(L, 0, 6);  // B fm
    const int fm = lua_gettop(L);
    bool has_len = false;
    if (lua_getmetatable(L, t)) {  // B fm M
        const int m = lua_gettop(L);
        lua_pushnil(L);
        while (lua_next(L, m)) {  // B fm M k v
            if (lua_type(L, -2) == LUA_TSTRING && kept_metamethod(view_of(L, -2))) {
                has_len = has_len || view_of(L, -2) == "__len";
                lua_pushvalue(L, -2);  // ... k v k
                lua_insert(L, -2);     // ... k k v
                lua_rawset(L, fm);     // ... k
            } else {
                lua_pop(L, 1);  // ... k
            }
        }
        lua_pushliteral(L, "__metatable");   // B fm M "__metatable"
        if (lua_rawget(L, m) == LUA_TNIL) {  // B fm M shown
            lua_pop(L, 1);                   // B fm M
            lua_pushvalue(L, m);             // B fm M M   (getmetatable shows the table's own)
        }
        lua_setfield(L, fm, "__metatable");        // B fm M
        lua_pushliteral(L, "__index");             // B fm M "__index"
        if (lua_rawget(L, m) != LUA_TNIL) {        // B fm M index
            lua_pushvalue(L, b);                   // B fm M index B
            lua_insert(L, -2);                     // B fm M B index
            lua_pushcclosure(L, frozen_index, 2);  // B fm M fn
            lua_setfield(L, fm, "__index");        // B fm M
        } else {
            lua_pop(L, 1);  // B fm M
        }
        lua_pop(L, 1);  // B fm
    } else {
        lua_pushboolean(L, 0);               // B fm false
        lua_setfield(L, fm, "__metatable");  // B fm
    }
    if (!has_len) {
        lua_pushvalue(L, b);                 // B fm B
        lua_pushcclosure(L, frozen_len, 1);  // B fm len
        lua_setfield(L, fm, "__len");        // B fm
    }
    if (lua_getfield(L, fm, "__index") == LUA_TNIL) {  // B fm index?
        lua_pushvalue(L, b);                           // B fm nil B
        lua_setfield(L, fm, "__index");                // B fm nil
    }
    lua_pop(L, 1);                                 // B fm
    lua_pushcfunction(L, guarded<refuse_frozen>);  // B fm fn
    lua_setfield(L, fm, "__newindex");             // B fm
    mark_read_only(L, fm);
    lua_setmetatable(L, t);  // B
    lua_pop(L, 1);           //
}

// Whether the values at `a` and `b` are the same (a NaN is the same as itself).
bool same_value(lua_State* L, int a, int b) {
    if (lua_rawequal(L, a, b)) return true;
    return lua_type(L, a) == LUA_TNUMBER && lua_type(L, b) == LUA_TNUMBER && !lua_isinteger(L, a) &&
           !lua_isinteger(L, b) && std::isnan(lua_tonumber(L, a)) && std::isnan(lua_tonumber(L, b));
}

// Copies the raw contents of the table at `from` into a new table, pushed.
void push_copy(lua_State* L, int from) {
    from = lua_absindex(L, from);
    lua_newtable(L);  // copy
    lua_pushnil(L);
    while (lua_next(L, from)) {  // copy k v
        lua_pushvalue(L, -2);    // copy k v k
        lua_insert(L, -2);       // copy k k v
        lua_rawset(L, -4);       // copy k
    }
}

// Stack slots of the walk below.
enum Slot { kSeen = 2, kWork, kTables, kMetas, kCells, kIds };

// Pushes the value on top onto the work list (popping it).
void push_work(lua_State* L) {
    lua_rawseti(L, kWork, static_cast<lua_Integer>(lua_rawlen(L, kWork)) + 1);
}

// Adds the keys and values of the table at `t` to the work list; true if a
// key names a metamethod ("__index"): the table is, or will be, a metatable.
bool walk_contents(lua_State* L, int t) {
    bool meta = false;
    lua_pushnil(L);
    while (lua_next(L, t)) {  // k val
        meta = meta || (lua_type(L, -2) == LUA_TSTRING && view_of(L, -2).starts_with("__"));
        lua_pushvalue(L, -2);  // k val k
        push_work(L);          // k val
        push_work(L);          // k
    }
    return meta;
}

void walk_table(lua_State* L, int v) {
    if (is_read_only(L, v, true)) {  // v backing: a library or the globals, only reachable through v
        walk_contents(L, lua_gettop(L));
        lua_pop(L, 1);
        return;
    }
    lua_pushvalue(L, v);
    lua_rawseti(L, kTables, static_cast<lua_Integer>(lua_rawlen(L, kTables)) + 1);
    if (walk_contents(L, v)) {  // a class-like table: set as a metatable later, so not frozen but checked
        lua_pushvalue(L, v);
        lua_pushboolean(L, 1);
        lua_rawset(L, kMetas);
    }
    if (lua_getmetatable(L, v)) {  // mt
        lua_pushvalue(L, -1);      // mt mt
        lua_pushboolean(L, 1);     // mt mt true
        lua_rawset(L, kMetas);     // mt   (metas[mt] = true)
        push_work(L);
    }
}

void walk_function(lua_State* L, int v, StateGuard& g) {
    if (lua_iscfunction(L, v)) return;  // the host's own: rule code cannot reach their upvalues
    const std::string where = to_string(function_loc(L, v));
    for (int i = 1;; ++i) {
        const char* name = lua_getupvalue(L, v, i);  // value
        if (!name) break;
        push_work(L);
        lua_pushlightuserdata(L, lua_upvalueid(L, v, i));  // id
        if (lua_rawget(L, kIds) != LUA_TNIL) {             // seen: another closure shares this local
            lua_pop(L, 1);
            continue;
        }
        lua_pop(L, 1);
        lua_pushlightuserdata(L, lua_upvalueid(L, v, i));  // id
        lua_pushboolean(L, 1);
        lua_rawset(L, kIds);
        const auto n = static_cast<lua_Integer>(lua_rawlen(L, kCells));
        lua_pushvalue(L, v);
        lua_rawseti(L, kCells, n + 1);  // the function
        lua_getupvalue(L, v, i);
        lua_rawseti(L, kCells, n + 2);  // its value now
        GuardAccess::cells(g).push_back(StateGuard::Cell{i, *name ? name : "?", where});
    }
}

// seal(guard) in protected mode.
int seal_state(lua_State* L) {
    StateGuard& g = *static_cast<StateGuard*>(lua_touserdata(L, 1));
    lua_settop(L, 1);
    for (int i = 0; i < 5; ++i) lua_newtable(L);  // guard seen work tables metas cells
    lua_newtable(L);                              // ... ids
    Sandbox::of(L).push_env();                    // ... env
    push_work(L);
    for (int ref : GuardAccess::refs(g)) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
        push_work(L);
    }
    for (lua_Integer next = 1; next <= static_cast<lua_Integer>(lua_rawlen(L, kWork)); ++next) {
        lua_rawgeti(L, kWork, next);  // v
        const int v = lua_gettop(L);
        const int type = lua_type(L, v);
        if (type == LUA_TTABLE || type == LUA_TFUNCTION) {
            lua_pushvalue(L, v);
            if (lua_rawget(L, kSeen) == LUA_TNIL) {
                lua_pushvalue(L, v);
                lua_pushboolean(L, 1);
                lua_rawset(L, kSeen);
                if (type == LUA_TTABLE)
                    walk_table(L, v);
                else
                    walk_function(L, v, g);
            }
        }
        lua_settop(L, kIds);
    }
    // Metatables are checked after each call; every other table is frozen.
    lua_newtable(L);  // ... metas-list
    const int list = lua_gettop(L);
    size_t metas = 0;
    const auto tables = static_cast<lua_Integer>(lua_rawlen(L, kTables));
    for (lua_Integer i = 1; i <= tables; ++i) {
        lua_rawgeti(L, kTables, i);  // t
        lua_pushvalue(L, -1);
        if (lua_rawget(L, kMetas) == LUA_TNIL) {  // t nil
            lua_pop(L, 1);
            freeze_table(L, -1);
        } else {
            lua_pop(L, 1);                                                    // t
            lua_rawseti(L, list, static_cast<lua_Integer>(++metas) * 3 - 2);  //
            continue;
        }
        lua_pop(L, 1);
    }
    for (size_t m = 1; m <= metas; ++m) {
        const auto at = static_cast<lua_Integer>(m) * 3;
        lua_rawgeti(L, list, at - 2);                         // t
        push_copy(L, -1);                                     // t copy
        lua_rawseti(L, list, at - 1);                         // t
        if (!lua_getmetatable(L, -1)) lua_pushboolean(L, 0);  // t mt
        lua_rawseti(L, list, at);                             // t
        lua_pop(L, 1);
    }
    GuardAccess::metas(g) = metas;
    lua_pushvalue(L, list);
    GuardAccess::metas_ref(g) = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushvalue(L, kCells);
    GuardAccess::cells_ref(g) = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

// Restores the metatable at list slot `at` (table, copy, metatable) to its copy.
void restore_meta(lua_State* L, int t, int copy) {
    lua_pushnil(L);
    while (lua_next(L, t)) {  // k v
        lua_pop(L, 1);        // k
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, t);
    }
    lua_pushnil(L);
    while (lua_next(L, copy)) {  // k v
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, t);
    }
}

// The first key of the table at `t` whose value differs from `copy`'s (or
// that `copy` lacks, or lacks in `t`), as text; empty when they hold the same.
std::string changed_key(lua_State* L, int t, int copy) {
    for (int pass = 0; pass < 2; ++pass) {
        const int a = pass == 0 ? t : copy, b = pass == 0 ? copy : t;
        lua_pushnil(L);
        while (lua_next(L, a)) {   // k v
            lua_pushvalue(L, -2);  // k v k
            lua_rawget(L, b);      // k v v'
            if (!same_value(L, -1, -2)) {
                std::string key = lua_type(L, -3) == LUA_TSTRING ? std::string(view_of(L, -3)) : "?";
                lua_pop(L, 3);
                return key.empty() ? "?" : key;
            }
            lua_pop(L, 2);  // k
        }
    }
    return {};
}

// Compares each kept upvalue with its value when sealed, restoring any that
// changed; sets found_ to the first. The table of cells is at `cells`, the
// top of the stack, and three free slots above it. Raw reads and writes
// only: nothing here allocates or raises an error.
void check_cells(lua_State* L, StateGuard& g, int cells) {
    std::string& found = GuardAccess::found(g);
    const auto& list = GuardAccess::cells(g);
    for (size_t k = 0; k < list.size(); ++k) {
        const auto at = static_cast<lua_Integer>(k) * 2;
        lua_rawgeti(L, cells, at + 1);                // ... cells fn
        lua_getupvalue(L, cells + 1, list[k].index);  // ... cells fn now
        lua_rawgeti(L, cells, at + 2);                // ... cells fn now then
        if (!same_value(L, cells + 2, cells + 3)) {
            lua_setupvalue(L, cells + 1, list[k].index);  // ... cells fn now   (restored)
            if (found.empty())
                found = fmt::format(
                    "the rule keeps state in upvalue '{}' (an outer local used by the function at {}) between "
                    "indicators; a rule may depend only on its inputs",
                    list[k].name, list[k].where);
        }
        lua_settop(L, cells);
    }
}

// check(guard) in protected mode: sets found_ to the first change.
int check_state(lua_State* L) {
    StateGuard& g = *static_cast<StateGuard*>(lua_touserdata(L, 1));
    std::string& found = GuardAccess::found(g);
    lua_rawgeti(L, LUA_REGISTRYINDEX, GuardAccess::cells_ref(g));  // g cells
    check_cells(L, g, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, GuardAccess::metas_ref(g));  // g cells list
    for (size_t m = 1; m <= GuardAccess::metas(g); ++m) {
        const auto at = static_cast<lua_Integer>(m) * 3;
        lua_rawgeti(L, 3, at - 2);                   // ... t
        lua_rawgeti(L, 3, at - 1);                   // ... t copy
        lua_rawgeti(L, 3, at);                       // ... t copy mt
        const bool has_mt = lua_getmetatable(L, 4);  // ... t copy mt [mt']
        if (!has_mt) lua_pushboolean(L, 0);
        const bool same_mt = lua_rawequal(L, -1, -2);
        lua_pop(L, 1);  // ... t copy mt
        std::string key = changed_key(L, 4, 5);
        if (!key.empty()) restore_meta(L, 4, 5);
        if (!same_mt) {
            if (lua_type(L, 6) == LUA_TBOOLEAN)
                lua_pushnil(L);
            else
                lua_pushvalue(L, 6);
            lua_setmetatable(L, 4);
        }
        if ((!key.empty() || !same_mt) && found.empty())
            found = fmt::format(
                "the rule keeps state in a metatable ({}) between indicators; a rule may depend only "
                "on its inputs",
                key.empty() ? "its own metatable" : "field '" + key + "'");
        lua_settop(L, 3);
    }
    return 0;
}

}  // namespace

void StateGuard::seal(Sandbox& sandbox, const std::vector<int>& refs) {
    refs_ = refs;
    sandbox.protect(seal_state, this);
}

std::string StateGuard::check(Sandbox& sandbox) {
    found_.clear();
    if (cells_ref_ == LUA_NOREF || (cells_.empty() && metas_ == 0)) return {};
    lua_State* L = sandbox.state();
    if (metas_ == 0 && lua_checkstack(L, 4)) {
        // Upvalues alone need no protected call (check_cells raises nothing), which a rule called
        // for each of 490,000 series would otherwise pay for each time.
        const int top = lua_gettop(L);
        lua_rawgeti(L, LUA_REGISTRYINDEX, cells_ref_);  // ... cells
        check_cells(L, *this, top + 1);
        lua_settop(L, top);
        return found_;
    }
    sandbox.protect(check_state, this);
    return found_;
}

}  // namespace assay::lua
