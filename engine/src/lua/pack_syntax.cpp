// check_pack_syntax: compiles each Lua file of a pack without running it, so
// that `assay check` reports the syntax errors of every file at once (the
// loader stops at the first file that fails).
#include "core/text.hpp"
#include "lua/lua_util.hpp"
#include "lua/pack_files.hpp"
#include "lua/sandbox.hpp"

#include <assay/io.hpp>
#include <assay/lint.hpp>

#include <algorithm>
#include <cctype>

namespace assay {
namespace {

namespace fs = std::filesystem;

// "name.lua:12: message" -> a finding at the file's line.
Finding syntax_finding(const fs::path& dir, const std::string& file, const std::string& message) {
    Finding f{Finding::Severity::error, {(dir / file).string(), 0, 0}, "syntax", message};
    if (std::optional<LineMessage> lm = split_file_line(message, file)) {
        f.where.line = lm->line;
        f.message = std::string(lm->message);
    }
    return f;
}

}  // namespace

std::vector<Finding> check_pack_syntax(const fs::path& dir) {
    std::vector<Finding> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        out.push_back({Finding::Severity::error, {dir.string(), 0, 0}, "pack", "not a folder"});
        return out;
    }
    std::vector<std::string> names;
    try {
        names = lua::list_lua_files(dir, "a rule pack");
    } catch (const InputError& e) {
        out.push_back({Finding::Severity::error, e.error().where, "pack", e.error().message});
        return out;
    }
    lua::Sandbox sandbox{SandboxLimits{}};
    for (const std::string& name : names) {
        std::string code;
        try {
            code = lua::read_lua_file(dir, name);
        } catch (const InputError& e) {
            out.push_back({Finding::Severity::error, e.error().where, "pack", e.error().message});
            continue;
        }
        lua::RunStatus status = sandbox.load(code, name);
        if (status.ok())
            lua_pop(sandbox.state(), 1);  // the compiled chunk, never run
        else
            out.push_back(syntax_finding(dir, name, status.message));
    }
    return out;
}

}  // namespace assay
