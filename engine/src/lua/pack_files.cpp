// Listing and reading a pack folder's Lua files (see pack_files.hpp).
#include "lua/pack_files.hpp"

#include "core/regular_file.hpp"
#include "core/shown_text.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

namespace assay::lua {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const fs::path& where, std::string message) {
    throw InputError(Error{SourceLoc{where.string(), 0, 0}, std::move(message)});
}

bool has_control_character(const std::string& name) {
    return std::any_of(name.begin(), name.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

}  // namespace

std::vector<std::string> list_lua_files(const fs::path& dir, const char* what) {
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) refuse(dir, "cannot list the folder: " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) refuse(dir, "cannot list the folder: " + ec.message());
        std::string name = it->path().filename().string();
        if (name.size() > 4 && name.ends_with(".lua") && name.front() != '.') entries.push_back(*it);
    }
    if (ec) refuse(dir, "cannot list the folder: " + ec.message());
    // Each file loads under its own budget: a folder of a million files
    // that each loop to their budget would take days.
    if (entries.size() > kMaxPackFiles)
        refuse(dir,
               fmt::format("{} holds at most {} .lua files; this one holds {}", what, kMaxPackFiles, entries.size()));
    struct Entry {
        std::string name;
        uint64_t size;
    };
    std::vector<Entry> files;
    for (const fs::directory_entry& e : entries) {
        std::string name = e.path().filename().string();
        if (has_control_character(name))
            refuse(dir, fmt::format("the file name \"{}\" holds a control character: rename the file",
                                    shown_text(name, 200)));
        std::error_code sec;
        fs::file_status st = e.status(sec);  // follows a symbolic link to what it names
        if (st.type() != fs::file_type::regular)
            refuse(e.path(), fmt::format("{}, not a regular file: a .lua file of {} must be a file of Lua code",
                                         file_kind(st), what));
        uint64_t size = e.file_size(sec);
        if (sec) refuse(e.path(), "cannot read file: " + sec.message());
        if (size > kMaxSourceBytes)
            refuse(e.path(), fmt::format("a .lua file may hold at most {}; this one holds {}",
                                         byte_size(kMaxSourceBytes), byte_size(size)));
        files.push_back(Entry{std::move(name), size});
    }
    uint64_t total = 0;
    for (const Entry& e : files) total += e.size;
    if (total > kMaxPackSourceBytes)
        refuse(dir, fmt::format("the .lua files of {} may hold at most {} in all; these hold {}", what,
                                byte_size(kMaxPackSourceBytes), byte_size(total)));
    std::vector<std::string> names;
    names.reserve(files.size());
    for (Entry& e : files) names.push_back(std::move(e.name));
    std::sort(names.begin(), names.end());
    return names;
}

std::string read_lua_file(const fs::path& dir, const std::string& name) {
    const fs::path path = dir / name;
    return read_regular(path, path.string(), kMaxSourceBytes, "a .lua file");
}

}  // namespace assay::lua
