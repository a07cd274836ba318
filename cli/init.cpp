// `assay init NAME [--dir D]`: scaffolds a new rule pack folder (default
// ./NAME) with a worked, commented example, a small dataset and passing
// tests. It never writes into a folder that already holds anything.
#include <commands.hpp>
#include <common.hpp>
#include <init_templates.hpp>

#include <assay/error.hpp>
#include <assay/io.hpp>

#include <fmt/core.h>

#include <cctype>
#include <filesystem>
#include <memory>

namespace assay::cli {

namespace {

namespace fs = std::filesystem;

struct InitOptions {
    std::string name;
    std::string dir;
};

// A pack name goes into Lua text and file names: letters, digits, '_' and '-'.
bool valid_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || !std::isalpha(static_cast<unsigned char>(name.front()))) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
    return true;
}

std::string filled(std::string_view text, const std::string& name) {
    std::string out;
    const std::string_view marker = "{{name}}";
    size_t at = 0;
    while (true) {
        size_t next = text.find(marker, at);
        out.append(text.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
        if (next == std::string_view::npos) return out;
        out += name;
        at = next + marker.size();
    }
}

int init(const InitOptions& o) {
    if (!valid_name(o.name)) {
        print_error(fmt::format("pack name '{}': use a letter, then letters, digits, '_' or '-' (at most 64)", o.name));
        return exit_usage;
    }
    const fs::path dir = o.dir.empty() ? fs::path(o.name) : fs::path(o.dir);
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) {
            print_error(fmt::format("{} exists and is not a folder", dir.string()));
            return exit_usage;
        }
        if (!fs::is_empty(dir, ec)) {
            print_error(fmt::format("{} is not empty: init only writes into a new or empty folder", dir.string()));
            return exit_usage;
        }
    }
    for (const TemplateFile& t : init_templates()) {
        fs::path path = dir / filled(t.path, o.name);
        fs::create_directories(path.parent_path(), ec);
        if (ec) throw Fatal(fmt::format("cannot create folder {}: {}", path.parent_path().string(), ec.message()));
        write_file_atomic(path, filled(t.text, o.name));
    }
    const std::string d = dir.string();
    fmt::print("Created rule pack '{}' in {}. Try:\n", o.name, d);
    fmt::print("  assay run {} {}\n", d, (dir / "data").string());
    fmt::print("  assay test {}\n", d);
    fmt::print("  assay key {}\n", d);
    fmt::print("Then edit {}; docs/rules.md describes the rules.\n", (dir / "pack.lua").string());
    return exit_ok;
}

}  // namespace

Command init_command() {
    return {"init", "Create a new rule pack with a worked example, data and tests", [](CLI::App& sub) {
                auto o = std::make_shared<InitOptions>();
                sub.add_option("name", o->name, "The pack's name (letters, digits, '_' or '-')")->required();
                sub.add_option("--dir", o->dir,
                               "Folder to create the pack in (default: ./NAME); it must be new or empty");
                sub.footer("Exit codes: 0 created, 2 usage error, a bad name, or a folder that is not empty.");
                return [o] { return init(*o); };
            }};
}

}  // namespace assay::cli
