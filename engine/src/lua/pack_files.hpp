// The one place a pack's Lua files are listed and read: the rule files of a
// pack folder (load_pack, check_pack_syntax) and the files of its tests
// folder (load_pack_tests). Every listing enforces the same limits:
//   - at most kMaxPackFiles *.lua files in the folder;
//   - each one a regular file (a folder, FIFO or device named *.lua is an
//     error, not skipped and not read), whose name holds no control character;
//   - at most kMaxSourceBytes per file and kMaxPackSourceBytes for the
//     folder, checked from the sizes before anything is read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace assay::lua {

constexpr size_t kMaxPackFiles = 1000;
constexpr uint64_t kMaxSourceBytes = 16u << 20;      ///< one .lua file
constexpr uint64_t kMaxPackSourceBytes = 64u << 20;  ///< all the .lua files of a folder (the Lua memory cap)

/// The *.lua files of `dir` (names not starting with '.'), in byte order.
/// `what` names the folder in messages ("a rule pack", "a pack's tests
/// folder"). Throws InputError naming the folder or the file when a limit
/// is passed, or when the folder cannot be listed.
std::vector<std::string> list_lua_files(const std::filesystem::path& dir, const char* what);

/// The text of `dir / name`, a file list_lua_files() returned: read only
/// if it is still a regular file within kMaxSourceBytes.
std::string read_lua_file(const std::filesystem::path& dir, const std::string& name);

}  // namespace assay::lua
