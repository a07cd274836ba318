// A pack while its files load: declarations are recorded as they run, with
// level labels kept as written; resolve_pack() checks the references between
// them (scales, themes, levels) once every file has run.
#pragma once

#include "lua/dsl_values.hpp"

#include <assay/pack.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace assay::lua {

/// A group as declared.
struct GroupDraft {
    Group group;         ///< everything but the rating and roll-up levels
    RatingDraft rating;  ///< kind none when the group has no rating
    RollupDraft rollup;  ///< kind none when the group has no roll-up
};

/// A theme as declared.
struct ThemeDraft {
    Theme theme;
    RollupDraft rollup;
};

/// Everything declared so far.
struct PackDraft {
    Pack pack;                  ///< name, title, version, rounding, scales, arrows, targets
    std::filesystem::path dir;  ///< the pack folder, for error locations
    bool declared = false;      ///< pack "name" { ... } has run
    SourceLoc where;            ///< of pack "name"
    bool arrows_declared = false;
    SourceLoc arrows_where;
    std::vector<GroupDraft> groups;
    std::vector<ThemeDraft> themes;
    std::map<std::string, std::string> constants;  ///< level constant (AMBER_GREEN) -> label
    std::map<std::string, SourceLoc> target_for;   ///< indicator -> its pack-level target's place
    int scripts = 0;                               ///< Lua functions referenced by rules
    std::string pending;                           ///< "group 'psa1'" named but its table not yet given
    SourceLoc pending_where;
};

/// Throws InputError for a declaration at `where` (a pack-relative place).
[[noreturn]] void fail_at(const PackDraft& draft, const SourceLoc& where, const std::string& message);

/// Makes `draft` the pack that declarations in `L` record into (null: none,
/// and declarations become errors).
void set_active_draft(lua_State* L, PackDraft* draft);

/// Adds the declaration functions (pack, scale, arrows, target, group,
/// theme, derive) to the table on top of the stack.
void add_dsl_declarations(lua_State* L);

/// Checks the references between declarations and returns the finished
/// pack. Throws InputError naming the declaration's file:line.
Pack resolve_pack(PackDraft&& draft);

}  // namespace assay::lua
