// Which engine made a record: the version (one source: project() in
// CMakeLists.txt), the build's commit and compiler (cmake/build_id.cmake,
// written at build time) and the Lua release.
#include "assay_build_id.hpp"

#include <assay/pack.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>

#include <fmt/format.h>

namespace assay {

EngineIdentity engine_identity() {
    return EngineIdentity{std::string(engine_version()), ASSAY_COMMIT, ASSAY_COMPILER, std::string(lua_release())};
}

EngineIdentity identity_of(const RunRecord& r) {
    return EngineIdentity{r.engine_version, r.engine_commit, r.engine_compiler, r.lua_release};
}

std::string EngineIdentity::text() const {
    auto or_not = [](const std::string& s) { return s.empty() ? std::string("not recorded") : s; };
    return fmt::format("assay {} (commit {}, compiler {}), {}", version, or_not(commit), or_not(compiler),
                       lua.empty() ? std::string("Lua not recorded") : lua);
}

std::vector<std::string> EngineIdentity::differences(const EngineIdentity& other) const {
    std::vector<std::string> out;
    auto part = [&](const char* name, const std::string& a, const std::string& b) {
        if (a != b)
            out.push_back(
                fmt::format("{} {} -> {}", name, a.empty() ? "not recorded" : a, b.empty() ? "not recorded" : b));
    };
    part("version", version, other.version);
    part("commit", commit, other.commit);
    part("compiler", compiler, other.compiler);
    part("Lua", lua, other.lua);
    return out;
}

}  // namespace assay
