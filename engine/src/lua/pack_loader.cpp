// load_pack: runs a pack's files (pack.lua first, then the other *.lua files
// of the folder in name order) in a fresh sandbox whose _ENV holds the DSL,
// then resolves the declarations into an assay::Pack. Every failure becomes
// an InputError naming the file and line.
#include "core/text.hpp"
#include "lua/lua_host.hpp"
#include "lua/lua_util.hpp"
#include "lua/pack_again.hpp"
#include "lua/pack_draft.hpp"
#include "lua/pack_files.hpp"

#include <assay/hash.hpp>
#include <assay/io.hpp>
#include <assay/pack.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace assay {
namespace {

namespace fs = std::filesystem;
using lua::LuaHost;
using lua::PackDraft;
using lua::RunStatus;

// The pack's Lua files by name, in byte order; throws if there is no pack.lua.
std::vector<std::string> pack_files(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError(Error{{dir.string(), 0, 0}, "not a rule pack: expected a folder holding pack.lua"});
    std::vector<std::string> names = lua::list_lua_files(dir, "a rule pack");
    if (std::find(names.begin(), names.end(), "pack.lua") == names.end())
        throw InputError(Error{{(dir / "pack.lua").string(), 0, 0}, "not a rule pack: pack.lua is missing"});
    return names;
}

// Splits "psa1.lua:12: message" into its place and message, when the place
// is one of the pack's files.
Error located(const fs::path& dir, const std::vector<std::string>& names, const std::string& file,
              const std::string& message) {
    for (const std::string& name : names)
        if (std::optional<LineMessage> lm = split_file_line(message, name))
            return Error{{(dir / name).string(), lm->line, 0}, std::string(lm->message)};
    return Error{{(dir / file).string(), 0, 0}, message};
}

Error load_error(const fs::path& dir, const std::vector<std::string>& names, const std::string& file,
                 const RunStatus& status) {
    std::string message = status.message;
    if (status.failure == RunStatus::Failure::memory) message += " while loading";
    return located(dir, names, file, message);
}

// Runs `fn(arg)` in protected mode; used to switch the draft on and off.
struct DraftSwitch {
    PackDraft* draft;
    static int apply(lua_State* L) {
        lua::set_active_draft(L, static_cast<DraftSwitch*>(lua_touserdata(L, 1))->draft);
        return 0;
    }
};

void set_draft(LuaHost& host, PackDraft* draft) {
    DraftSwitch s{draft};
    host.sandbox().protect(DraftSwitch::apply, &s);
}

// The styles arrows print with when a pack does not declare them.
void default_arrows(Pack& p) {
    p.arrows[0] = {"▲", "Improved", "Performance has improved"};
    p.arrows[1] = {"◀▶", "Static", "Performance has remained static"};
    p.arrows[2] = {"▼", "Declined", "Performance has declined"};
    p.arrows[3] = {"★", "Peak", "Performance is at its maximum"};
    p.arrows[4] = {"↑", "Increased", "The figure has increased (neither better nor worse)"};
    p.arrows[5] = {"↓", "Decreased", "The figure has decreased (neither better nor worse)"};
}

}  // namespace

Pack load_pack(const fs::path& dir, const SandboxLimits& limits) {
    const std::vector<std::string> names = pack_files(dir);
    std::vector<std::string> order{"pack.lua"};
    for (const std::string& n : names)
        if (n != "pack.lua") order.push_back(n);

    auto host = std::make_shared<LuaHost>(limits);
    PackDraft draft;
    draft.dir = dir;
    default_arrows(draft.pack);
    std::vector<InputFile> files;
    set_draft(*host, &draft);
    host->sandbox().begin_run("loading the pack", limits.load_instructions, limits.load_seconds);
    for (const std::string& name : order) {
        std::string code = lua::read_lua_file(dir, name);
        files.push_back(InputFile{name, sha256_hex(code), code.size()});
        RunStatus status = host->sandbox().run(code, name);
        if (!status.ok()) throw InputError(load_error(dir, names, name, status));
        if (!draft.pending.empty())
            lua::fail_at(draft, draft.pending_where,
                         draft.pending + " is missing its table: write " + draft.pending + " { ... }");
    }
    set_draft(*host, nullptr);

    const int scripts = draft.scripts;
    Pack pack = lua::resolve_pack(std::move(draft));
    pack.dir = dir;
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
    pack.files = std::move(files);
    if (scripts > 0) {
        host->seal(pack);
        pack.host = std::move(host);
    }
    return pack;
}

namespace lua {

std::optional<Pack> pack_again(const Pack& pack) {
    auto* host = dynamic_cast<LuaHost*>(pack.host.get());
    if (!host || pack.dir.empty()) return std::nullopt;
    std::optional<Pack> again;
    try {
        again = load_pack(pack.dir, host->sandbox().limits());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    auto same_files = [&] {
        if (again->files.size() != pack.files.size()) return false;
        for (size_t i = 0; i < pack.files.size(); ++i)
            if (again->files[i].name != pack.files[i].name || again->files[i].sha256 != pack.files[i].sha256)
                return false;
        return true;
    };
    auto same_rules = [&] {
        if (again->groups.size() != pack.groups.size() || again->themes.size() != pack.themes.size()) return false;
        for (size_t g = 0; g < pack.groups.size(); ++g)
            if (again->groups[g].rating.script != pack.groups[g].rating.script ||
                again->groups[g].rollup.script != pack.groups[g].rollup.script)
                return false;
        for (size_t t = 0; t < pack.themes.size(); ++t)
            if (again->themes[t].rollup.script != pack.themes[t].rollup.script) return false;
        return true;
    };
    if (!again->host || !same_files() || !same_rules()) return std::nullopt;
    return again;
}

bool within_run_budget(const Pack& pack, const std::vector<Pack>& packs) {
    auto* host = dynamic_cast<LuaHost*>(pack.host.get());
    if (!host) return true;
    const SandboxLimits& limits = host->sandbox().limits();
    uint64_t instructions = 0;
    double seconds = 0;
    for (const Pack& p : packs)
        if (auto* h = dynamic_cast<LuaHost*>(p.host.get())) {
            instructions += h->sandbox().run_instructions_used();
            seconds += h->sandbox().run_seconds_used();
        }
    return (limits.run_instructions == 0 || instructions <= limits.run_instructions) &&
           (limits.run_seconds <= 0 || seconds <= limits.run_seconds);
}

}  // namespace lua

}  // namespace assay
