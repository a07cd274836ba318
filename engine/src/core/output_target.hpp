// Checks made before an output file is written, shared by write_file_atomic
// and AtomicWriter: the target must be a regular file (or not exist yet),
// and temporaries that a killed writer left beside it are removed.
#pragma once

#include <filesystem>

namespace assay {

/// Throws Fatal naming `path` when it exists and is not a regular file (a
/// device such as /dev/sda, a FIFO, a socket or a folder): an output never
/// replaces one.
void require_regular_target(const std::filesystem::path& path);

/// Removes temporaries of `path` (".NAME.PID.XXXXXX.tmp" beside it) whose
/// writing process PID no longer exists: a writer killed before it could
/// rename or remove its temporary. Temporaries of live processes, and every
/// other file, are left alone.
void remove_stale_temporaries(const std::filesystem::path& path);

}  // namespace assay
