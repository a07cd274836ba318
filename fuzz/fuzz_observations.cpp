// Fuzz target: observations.csv, read with the indicators of every bundled
// dataset. A dataset or an InputError naming the place, never a crash or
// another exception; a dataset that loads keeps its invariants, and (for
// one input in eight) loading the same bytes again gives the same dataset,
// and the general reader alone (one thread) gives the same dataset as the
// reader in pieces.
#include "dataset_checks.hpp"

#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/io.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>

using namespace assay;
using assay::fuzz::check;

namespace {

namespace fs = std::filesystem;

// indicators.csv with the rows of every bundled dataset (first of each id).
std::string merged_indicators() {
    std::string out;
    std::set<std::string> ids;
    for (const char* name : {"lsp2007", "pcc2024q2", "hotspots2024", "budget2017"}) {
        std::string text = read_file(fs::path(ASSAY_SOURCE_DIR) / "datasets" / name / "indicators.csv");
        size_t at = 0;
        for (bool header = true; at < text.size(); header = false) {
            size_t end = text.find('\n', at);
            if (end == std::string::npos) end = text.size();
            std::string line = text.substr(at, end - at);
            at = end + 1;
            if (header) {
                if (out.empty()) out = line + "\n";
                continue;
            }
            if (ids.insert(line.substr(0, line.find(','))).second) out += line + "\n";
        }
    }
    return out;
}

const fs::path& folder() {
    static const fs::path dir = [] {
        fs::path d = fuzz::scratch() / "observations";
        fs::create_directories(d);
        fuzz::write_file(d / "indicators.csv", merged_indicators());
        return d;
    }();
    return dir;
}

/// Bit for bit: NaN equals NaN.
bool same(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool same_counts(const Dataset& a, const Dataset& b) {
    if (a.counts.size() != b.counts.size()) return false;
    for (const auto& [obs, c] : a.counts) {
        auto it = b.counts.find(obs);
        if (it == b.counts.end() || !same(c.numerator, it->second.numerator) ||
            !same(c.denominator, it->second.denominator) || !same(c.sd, it->second.sd))
            return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fs::path& dir = folder();
    fuzz::write_file(dir / "observations.csv", fuzz::text_of(data, size));
    Dataset first;
    try {
        first = load_dataset(dir);
    } catch (const InputError& e) {
        check(std::string(e.what()).find(dir.string()) != std::string::npos, "the error names the file", e.what());
        return 0;
    }
    fuzz::check_dataset(first);
    if (size % 8 != 0) return 0;  // loading twice halves the speed: only now and then
    const Dataset second = load_dataset(dir);
    check(second.files.size() == first.files.size() && second.files.back().sha256 == first.files.back().sha256 &&
              second.obs_period == first.obs_period && second.series.size() == first.series.size() &&
              second.published.size() == first.published.size(),
          "loading the same bytes twice gives the same dataset");
    const Dataset general = load_dataset(dir, 1);
    check(general.areas == first.areas && general.obs_period == first.obs_period &&
              same_values(general.obs_value, first.obs_value) && general.missing == first.missing &&
              general.series.size() == first.series.size() && same_counts(general, first) &&
              general.files.back().sha256 == first.files.back().sha256,
          "the general reader gives the dataset the reader in pieces gives");
    return 0;
}
