// The allow-list a pack's _ENV is built from, read-only library tables, and
// the strict globals that turn a mis-typed name into an error instead of nil.
#pragma once

#include <lua.hpp>

namespace assay::lua {

/// Pushes a new _ENV holding only the allowed globals: assert error ipairs
/// next pairs pcall xpcall select tonumber tostring type rawequal rawlen
/// unpack setmetatable getmetatable, and read-only math, string, table and
/// utf8 tables (deterministic and bounded versions where Lua's are not). Also points the shared string metatable at the
/// safe string table and hides it from rule code.
void push_safe_env(lua_State* L);

/// Replaces the table on top of the stack by a read-only view of it named
/// `name` (assignments raise "cannot change library table 'name'").
void make_read_only(lua_State* L, const char* name);

/// Makes the table on top of the stack strict: reading a name it lacks is
/// an error with a "did you mean" instead of nil.
void make_strict(lua_State* L);

/// Whether the value at `idx` is a read-only view made by make_read_only or
/// a frozen _ENV; if so and `push_backing`, pushes the table it shows.
bool is_read_only(lua_State* L, int idx, bool push_backing);

/// Marks the metatable at `mt` as that of a read-only view (its __index
/// is the table the view shows).
void mark_read_only(lua_State* L, int mt);

/// Moves the globals of the _ENV at `idx` behind a read-only view: reading
/// works as before, assigning any global raises an error.
void freeze_env_table(lua_State* L, int idx);

/// Adds pairs and next (in sorted key order), tostring (no addresses),
/// pcall, xpcall (which cannot catch a budget or memory failure),
/// setmetatable and getmetatable (guarded) to the table on top of the stack.
void add_safe_base(lua_State* L);

/// Adds table.insert, remove, concat, unpack (which charge the elements they
/// visit to the instruction budget) and a stable, deterministic sort to the
/// table on top of the stack.
void add_safe_table(lua_State* L);

/// Pushes the string.format rules get: Lua's own (from the string library
/// at `real_string`) without %p, with tables shown as tostring shows them.
void push_safe_format(lua_State* L, int real_string);

/// Replaces the library function on top of the stack by one that first
/// charges the budget for the bytes of its text arguments.
void wrap_charged(lua_State* L);

/// Adds the plain-text string functions (find with plain search only,
/// contains, starts_with, ends_with, split, trim, replace) and a rep that
/// does not loop on empty strings to the table on top of the stack.
void add_plain_string(lua_State* L);

}  // namespace assay::lua
