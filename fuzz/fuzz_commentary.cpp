// Fuzz target: commentary.csv, read beside the bundled LSP 2007 indicators
// and observations. A dataset or an InputError naming the file, never a
// crash or another exception; commentary that loads names real series and
// periods, sorted, one row per series and period.
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
        fs::path d = fuzz::scratch() / "commentary";
        fs::create_directories(d);
        const fs::path lsp = fs::path(ASSAY_SOURCE_DIR) / "datasets" / "lsp2007";
        fuzz::write_file(d / "indicators.csv", read_file(lsp / "indicators.csv"));
        fuzz::write_file(d / "observations.csv", read_file(lsp / "observations.csv"));
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fs::path& dir = folder();
    fuzz::write_file(dir / "commentary.csv", fuzz::text_of(data, size));
    Dataset d;
    try {
        d = load_dataset(dir);
    } catch (const InputError& e) {
        check(std::string(e.what()).find((dir / "commentary.csv").string()) != std::string::npos,
              "the error names the file", e.what());
        return 0;
    }
    fuzz::check_dataset(d);
    for (size_t i = 0; i < d.commentary.size(); ++i) {
        const Commentary& c = d.commentary[i];
        check(c.series < d.series.size() && c.period < d.periods.size(), "commentary names a real series and period");
        check(!c.commentary.empty() || !c.action.empty(), "a row says something");
        check(d.find_commentary(c.series, c.period) == &c, "one row per series and period, found by lookup");
        if (i > 0) {
            const Commentary& b = d.commentary[i - 1];
            check(b.series < c.series || (b.series == c.series && b.period < c.period), "sorted by series and period");
        }
    }
    return 0;
}
