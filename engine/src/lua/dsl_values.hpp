// The values rule code builds and passes to declarations: pct(x), arrow
// rules (arrow.last_two{...}), conditions (on_track, better_than(v), all{}),
// rating rules (first{...}), unrated("reason"), roll-ups (worst, mean{...}).
// Each is an opaque, immutable Lua userdata holding a plain C++ value, so
// rule code cannot alter one after it is made.
#pragma once

#include <assay/error.hpp>
#include <assay/pack.hpp>

#include <lua.hpp>

#include <string>
#include <variant>
#include <vector>

namespace assay::lua {

/// pct(x): a number marked as a percentage.
struct Pct {
    double value = 0;
};

/// unrated("reason"): a rating case that gives no rating.
struct Unrated {
    std::string reason;
};

/// data "floor": the threshold the dataset gives in that column for the
/// indicator and period assessed.
struct DataRef {
    std::string column;
};

/// A rating rule before its levels are known: each case's level label
/// ("" for unrated) is resolved on the group's scale once the pack is loaded.
struct RatingDraft {
    RatingRule rule;
    std::vector<std::string> labels;  ///< parallel to rule.cases
};

/// A roll-up before its levels are known (mean's thresholds name labels).
struct RollupDraft {
    RollupRule rule;
    std::vector<std::string> labels;  ///< parallel to rule.thresholds
};

/// Any value of the DSL.
using DslValue = std::variant<Pct, Unrated, ArrowRule, Condition, RatingDraft, RollupDraft, DataRef>;

/// Pushes `v` as a new userdata.
void push_value(lua_State* L, DslValue v);

/// The DSL value at `idx`, or null when it is something else.
const DslValue* to_value(lua_State* L, int idx);

/// The DSL value of type T at `idx`, or null.
template <class T>
const T* to(lua_State* L, int idx) {
    const DslValue* v = to_value(L, idx);
    return v ? std::get_if<T>(v) : nullptr;
}

/// What the value at `idx` is, in words ("the condition on_track", "a table").
std::string describe_value(lua_State* L, int idx);

/// A band from pct(x) (relative) or a plain number (absolute); `what` names
/// the field in messages.
Band band_at(lua_State* L, int idx, const std::string& what);

/// "pct(1.5)" or "3": a band as written.
std::string band_text(const Band& b);

/// Checks that the declaration table at `idx` (the texts and values in it,
/// a few levels down) fits in what is left of the pack's allowance for
/// declarations, and counts it; throws RuleError naming `context` if not.
/// Every declaration copies its table into C++, outside Lua's memory cap.
void account_declaration(lua_State* L, int idx, const std::string& context);

/// Adds the value constructors (pct, arrow.*, conditions, first, unrated,
/// roll-ups) and the arrow constants (IMPROVED ...) to the table on top.
void add_dsl_values(lua_State* L);

}  // namespace assay::lua
