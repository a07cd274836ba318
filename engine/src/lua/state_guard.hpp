// Keeps rule calls from carrying state from one to the next. Once a pack has
// loaded, every table rule functions can reach (through the pack's globals,
// their upvalues, other tables and functions) is frozen: reading, pairs, #
// and ipairs work as before, assigning raises an error. Tables used as
// metatables cannot be frozen that way (Lua reads metamethods raw), so they
// are copied instead, and so are the values of every upvalue reachable. After
// each call the guard compares them with the copies: a change is undone and
// the call fails, naming the upvalue, so a rule's result never depends on
// which indicators were assessed before it.
#pragma once

#include <lua.hpp>

#include <string>
#include <vector>

namespace assay::lua {

class Sandbox;

/// The frozen state of one pack's rule functions.
class StateGuard {
public:
    /// Freezes what the functions `refs` (registry references) and the
    /// pack's _ENV reach, and records upvalues and metatables. Runs in
    /// protected mode; throws Fatal if it cannot.
    void seal(Sandbox& sandbox, const std::vector<int>& refs);
    /// After a call: undoes any change to a recorded upvalue or metatable,
    /// and returns what the first one was (empty when there was none).
    std::string check(Sandbox& sandbox);

    struct Cell {
        int index;          ///< upvalue number in its function
        std::string name;   ///< the local's name
        std::string where;  ///< file:line of the function that holds it
    };

private:
    friend struct GuardAccess;
    std::vector<int> refs_;
    std::vector<Cell> cells_;  // parallel to the registry table cells_ref_ (fn, value pairs)
    int cells_ref_ = LUA_NOREF;
    int metas_ref_ = LUA_NOREF;  // list of { table, copy, its metatable or false }
    size_t metas_ = 0;
    std::string found_;
};

}  // namespace assay::lua
