// Helpers for end-to-end DSL tests: a pack written to a temporary folder
// and loaded by the real loader, datasets built in C++ (the assessment
// tests' DatasetBuilder), and small lookups into the Assessment.
#pragma once

#include "../assess/fixtures.hpp"

#include <assay/assessment.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace assay::test {

/// File name -> Lua text of a pack.
using PackFiles = std::map<std::string, std::string>;

/// A pack folder under the system's temporary folder, removed afterwards.
class TempPack {
public:
    /// Writes `files` into a fresh folder.
    explicit TempPack(const PackFiles& files) {
        std::string pattern = (std::filesystem::temp_directory_path() / "assay-dsl-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir_ = pattern;
        for (const auto& [name, text] : files) std::ofstream(dir_ / name, std::ios::binary) << text;
    }
    TempPack(const TempPack&) = delete;
    TempPack& operator=(const TempPack&) = delete;
    ~TempPack() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    /// The folder.
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

/// The rag scale and a pack declaration, to which tests add groups.
inline const char* const kRagPack = R"(pack "t" { title = "Test", version = "1" }
scale "rag" { "RED", "AMBER", "GREEN" }
)";

/// Loads the pack written as `files`.
inline Pack load(const PackFiles& files) {
    TempPack tp(files);
    return load_pack(tp.dir());
}

/// The pack.lua of kRagPack with `groups` as groups.lua, loaded.
inline Pack load_groups(const std::string& groups) {
    return load({{"pack.lua", kRagPack}, {"groups.lua", groups}});
}

/// The message of the InputError loading `files` throws, without the
/// temporary folder ("groups.lua:3: ..."); "no error" when it loads.
inline std::string load_error(const PackFiles& files) {
    TempPack tp(files);
    try {
        load_pack(tp.dir());
    } catch (const InputError& e) {
        std::string text = e.what();
        std::string dir = tp.dir().string() + "/";
        size_t at = text.find(dir);
        if (at != std::string::npos) text.erase(at, dir.size());
        return text;
    }
    return "no error";
}

/// load_error for kRagPack plus `groups`.
inline std::string groups_error(const std::string& groups) {
    return load_error({{"pack.lua", kRagPack}, {"groups.lua", groups}});
}

/// The label of the outcome's rating, or "none".
inline std::string rating_of(const Assessment& a, const Outcome& o) {
    if (o.rating < 0) return "none";
    const Group& g = a.pack->groups[o.group];
    return a.pack->find_scale(g.scale)->levels[static_cast<size_t>(o.rating)].label;
}

/// The outcome's named arrow `name`; fails the test when it has none.
inline const OtherArrow& other_arrow(const Outcome& o, const std::string& name) {
    for (const OtherArrow& a : o.other_arrows)
        if (a.name == name) return a;
    FAIL("no arrow named " << name);
    throw std::logic_error("unreachable");
}

/// Whether `text` contains `part`.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace assay::test
