// Reading the tables of DSL declarations (`group "x" { ... }`): every field
// name is checked against the fields the declaration knows, so a mis-typed
// name is an error with a "did you mean", and every value is checked for its
// type with a message saying what was expected. Errors are RuleError, which
// the calling host function turns into a Lua error at the declaration's line.
#pragma once

#include <lua.hpp>

#include <optional>
#include <string>
#include <vector>

namespace assay::lua {

/// The fields of one declaration table.
class Fields {
public:
    /// Checks the table at `idx`: named fields must be in `known`, and
    /// positional entries 1..`positional` are allowed. `context` names the
    /// declaration in messages ("group 'psa1'").
    Fields(lua_State* L, int idx, std::string context, std::vector<std::string> known, int positional = 0);

    /// The declaration's name for messages.
    const std::string& context() const { return context_; }
    /// The table's stack index.
    int index() const { return idx_; }
    /// Whether field `name` is present (not nil).
    bool has(const char* name) const;
    /// Pushes field `name` (nil when absent) and returns its Lua type.
    int push(const char* name) const;
    /// Pushes positional entry `i` and returns its Lua type.
    int push(int i) const;

    /// A text field, if present; wrong type is an error.
    std::optional<std::string> text(const char* name) const;
    /// A text field that must be present.
    std::string required_text(const char* name) const;
    /// A finite number field, if present.
    std::optional<double> number(const char* name) const;
    /// A list of texts (`{ "a", "b" }`), empty when absent.
    std::vector<std::string> text_list(const char* name) const;

    /// Raises "<context>: field '<name>' must be <expected>, got <what the value at idx is>".
    [[noreturn]] void wrong(const std::string& name, const char* expected, int value_idx) const;

private:
    lua_State* L_;
    int idx_;
    std::string context_;
};

/// Checks that the value at `idx` is a declaration table; raises a message
/// showing the expected form otherwise (e.g. `group "psa1" { ... }`).
void check_table(lua_State* L, int idx, const std::string& context, const char* example);

/// A list of texts at `idx` (a table with entries 1..n only), for messages `what`.
std::vector<std::string> text_list_at(lua_State* L, int idx, const std::string& what);

/// The finite number at `idx`, or RuleError "<what> must be a number, got ...".
double number_at(lua_State* L, int idx, const std::string& what);

}  // namespace assay::lua
