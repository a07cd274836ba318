// The digest of a pack's or a dataset's files: the one the JSON record
// seals, replay checks, and the HTML and XLSX reports print.
//
// It is the SHA-256 (lower-case hex) of the concatenation of
// "<file name>\0<file sha256>\n" over the files in order (name order, as
// loaded), so it changes exactly when a file is added, removed, renamed or
// edited.
#pragma once

#include <assay/dataset.hpp>
#include <assay/record.hpp>

#include <string>
#include <vector>

namespace assay {

/// The digest of the files of a loaded pack or dataset.
std::string files_digest(const std::vector<InputFile>& files);

/// The digest of the files a run record keeps.
std::string files_digest(const std::vector<RecordFile>& files);

}  // namespace assay
