// Fuzz target: indicators.csv (indicator metadata), read with the LSP 2007
// observations. A dataset or an InputError naming the place, never a crash
// or another exception; a dataset that loads keeps its invariants.
#include "dataset_checks.hpp"

#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/io.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

using namespace assay;
using assay::fuzz::check;

namespace {

namespace fs = std::filesystem;

const fs::path& folder() {
    static const fs::path dir = [] {
        fs::path d = fuzz::scratch() / "indicators";
        fs::create_directories(d);
        fuzz::write_file(d / "observations.csv",
                         read_file(fs::path(ASSAY_SOURCE_DIR) / "datasets" / "lsp2007" / "observations.csv"));
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fs::path& dir = folder();
    fuzz::write_file(dir / "indicators.csv", fuzz::text_of(data, size));
    try {
        Dataset d = load_dataset(dir);
        fuzz::check_dataset(d);
        for (const Indicator& i : d.indicators) {
            check(!i.id.empty(), "an indicator has an id");
            check(i.decimals >= 0 && i.decimals <= 20, "decimals are sensible", i.id);
        }
    } catch (const InputError& e) {
        check(std::string(e.what()).find(dir.string()) != std::string::npos, "the error names the file", e.what());
    }
    return 0;
}
