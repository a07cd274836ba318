// A record's inputs written back to files in a private temporary folder, so
// that the ordinary loaders read exactly the recorded bytes, and a run of a
// pack on a dataset that yields the JSON outcome record.
#pragma once

#include <assay/assessment.hpp>
#include <assay/record.hpp>

#include <filesystem>
#include <string>

namespace assay::audit {

/// A private temporary folder, removed with everything in it on destruction.
class TempDir {
public:
    /// Creates a fresh folder under the system's temporary folder; throws Fatal on failure.
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    /// The folder.
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// Writes the record's pack files into `dir`/pack and returns that folder.
std::filesystem::path materialise_pack(const RunRecord& r, const std::filesystem::path& dir);

/// Writes the record's dataset files under `dir`/data, named so that the
/// loader gives the dataset its recorded name; returns the folder or file to load.
std::filesystem::path materialise_dataset(const RunRecord& r, const std::filesystem::path& dir);

/// Loads the pack and dataset at these paths, assesses as at `as_at` and
/// returns the JSON outcome record. InputError from loading or assessing passes through.
std::string run_to_json(const std::filesystem::path& pack, const std::filesystem::path& dataset,
                        const std::string& as_at, bool explain, bool check_published);

}  // namespace assay::audit
