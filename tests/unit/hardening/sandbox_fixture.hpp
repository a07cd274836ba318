// Shared helpers of the hardening tests: run Lua code in a Sandbox and get
// its result as text, time it, and write throw-away pack folders.
#pragma once

#include "lua/sandbox.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

namespace assay::hardening {

/// What one run of Lua code gave: its result (or error) and how long it took.
struct Outcome {
    lua::RunStatus status;
    std::string result;  ///< the first result as text ("nil" when none); empty on failure
    double seconds = 0;
};

/// Runs `code` as chunk "test.lua" and times it.
inline Outcome run_lua(lua::Sandbox& sb, const std::string& code) {
    Outcome out;
    const auto start = std::chrono::steady_clock::now();
    out.status = sb.load(code, "test.lua");
    if (out.status.ok()) out.status = sb.call(0, 1);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    lua_State* L = sb.state();
    if (out.status.ok()) {
        out.result = lua_isnil(L, -1) ? "nil" : luaL_tolstring(L, -1, nullptr);
        lua_settop(L, 0);
    }
    return out;
}

/// The result of `code` as text, or "failed: <message>".
inline std::string eval(lua::Sandbox& sb, const std::string& code) {
    Outcome o = run_lua(sb, code);
    return o.status.ok() ? o.result : "failed: " + o.status.message;
}

/// Whether `text` contains `part`.
inline bool has(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

/// A temporary folder that exists for the life of the object.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("assay-hardening-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// Writes `bytes` to `name` (which may hold folders) and returns its path.
    std::filesystem::path write(const std::string& name, std::string_view bytes) const {
        std::filesystem::path p = path_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return p;
    }
    /// Writes several files.
    void write_all(const std::map<std::string, std::string>& files) const {
        for (const auto& [name, text] : files) write(name, text);
    }
    /// The folder.
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace assay::hardening
