// Shared helpers of the audit tests: bundled packs and datasets, runs made
// into records, and private temporary folders with copies to edit.
#pragma once

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/io.hpp>
#include <assay/pack.hpp>
#include <assay/record.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

namespace assay::test {

/// The source tree's folder `rel` ("rules/lsp2007").
inline std::filesystem::path source(const std::string& rel) {
    return std::filesystem::path(ASSAY_SOURCE_DIR) / rel;
}

/// The sealed record of running `pack_dir` on `dataset` (as `assay run --record` makes it).
inline RunRecord record_of(const std::filesystem::path& pack_dir, const std::filesystem::path& dataset,
                           const std::string& as_at = "") {
    Pack pack = load_pack(pack_dir);
    Dataset data = load_dataset(dataset);
    AssessOptions options;
    options.as_at = as_at;
    Assessment result = assess(pack, prepare(pack, data), options);
    return make_record(pack, data, dataset, options, result);
}

/// A temporary folder that exists for the life of the object.
struct Scratch {
    std::filesystem::path path;

    Scratch() {
        static int counter = 0;
        path = std::filesystem::temp_directory_path() /
               ("assay-audit-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~Scratch() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    /// A copy of the source tree's folder `rel` under this folder, named `name`.
    std::filesystem::path copy(const std::string& rel, const std::string& name) const {
        std::filesystem::path to = path / name;
        std::filesystem::copy(source(rel), to, std::filesystem::copy_options::recursive);
        return to;
    }
};

/// Replaces the one occurrence of `from` in file `path` by `to`; false when it is not there exactly once.
inline bool edit_file(const std::filesystem::path& path, const std::string& from, const std::string& to) {
    std::string text = read_file(path);
    size_t at = text.find(from);
    if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) return false;
    text.replace(at, from.size(), to);
    write_file_atomic(path, text);
    return true;
}

}  // namespace assay::test
