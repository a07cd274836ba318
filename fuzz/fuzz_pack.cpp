// Fuzz target: a rule pack from arbitrary Lua text (pack.lua), loaded in
// the sandbox under small limits and, when it loads with Lua rules,
// assessed against the LSP 2007 dataset so that rule calls run too. A pack
// or an InputError naming pack.lua, never a crash, a hang or an exception
// of another kind.
#include "fuzz_support.hpp"

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

using namespace assay;
using assay::fuzz::check;

namespace {

namespace fs = std::filesystem;

const fs::path& folder() {
    static const fs::path dir = [] {
        fs::path d = fuzz::scratch() / "pack";
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

const Dataset& lsp2007() {
    static const Dataset d = load_dataset(fs::path(ASSAY_SOURCE_DIR) / "datasets" / "lsp2007");
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fs::path& dir = folder();
    fuzz::write_file(dir / "pack.lua", fuzz::text_of(data, size));
    SandboxLimits limits;
    limits.instructions = 200'000;
    limits.memory_bytes = 16u << 20;
    limits.seconds = 2;
    try {
        Pack pack = load_pack(dir, limits);
        if (!pack.host) return 0;
        Assessment a = assess(pack, prepare(pack, lsp2007()), AssessOptions{});
        std::string json = render(a, Format::json, RenderOptions{});
        check(!json.empty(), "an assessment renders");
    } catch (const InputError& e) {
        check(std::string(e.what()).find("pack.lua") != std::string::npos, "the error names the pack file", e.what());
    } catch (const Fatal& e) {
        // Only the sandbox's own set-up can fail this way (out of memory).
        check(std::string(e.what()).find("memory") != std::string::npos, "a fatal error is about memory", e.what());
    }
    return 0;
}
