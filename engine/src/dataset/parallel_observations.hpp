// The parallel reader of plain observations files: a file whose header is
// exactly indicator, area, period and value is cut into pieces at line ends,
// the pieces are parsed on several threads into compact rows with their own
// names, and the rows are handed to the DatasetBuilder in file order, so
// that the dataset is the same, byte for byte, for any number of threads.
//
// It is optimistic: anything it does not read exactly as the general reader
// (read_observations) would -- a quoted value spanning lines, a doubled
// quote, a lone CR, a row of the wrong width, a value parse_cell refuses, a
// builder error -- makes it give up with NeedsGeneralReader, and the caller
// loads again with the general reader, whose errors then name the place.
#pragma once

#include "dataset/builder.hpp"

#include <assay/dataset.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace assay::dataset {

/// Thrown when the parallel reader gave up after rows had been added: the
/// whole dataset must be loaded again by the general reader.
struct NeedsGeneralReader {};

/// How the parallel reader splits the work.
struct ParallelRead {
    unsigned threads = 0;           ///< parsing threads; 0 = one per core
    size_t piece_bytes = 2u << 20;  ///< bytes of file per piece (tests use tiny pieces)
};

/// Reads the observations file `path` (named `display` in errors) into
/// `builder` as read_observations would. `declared` holds the declared
/// indicators (null for a single-file dataset, which declares them as it
/// goes); `bytes_after` is the size of the observation files still to come.
/// Returns the file's SHA-256 and size, or nothing (having added nothing)
/// when the file is not one it reads; throws NeedsGeneralReader when it gave
/// up part way.
std::optional<InputFile> read_observations_parallel(const std::filesystem::path& path, const std::string& display,
                                                    DatasetBuilder& builder, const std::vector<Indicator>* declared,
                                                    uint64_t bytes_after, const ParallelRead& how);

/// The number of threads `threads` stands for: itself, or one per core when 0.
unsigned thread_count(unsigned threads);

}  // namespace assay::dataset
