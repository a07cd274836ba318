// Opening input files that must be regular files. A FIFO, a device such as
// /dev/zero, a socket or a folder given where a file is expected is refused
// by name ("is a FIFO (named pipe), not a regular file") instead of being
// read forever or reported as missing; a FIFO is opened without waiting for
// a writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace assay {

/// What kind of file `st` describes, for messages: "a folder", "a FIFO
/// (named pipe)", "a character device", ...; "" for a regular file.
std::string_view file_kind(const std::filesystem::file_status& st);

/// An open regular file: its descriptor (closed by the destructor) and size.
struct RegularFile {
    int fd = -1;
    uint64_t size = 0;
    RegularFile() = default;
    RegularFile(RegularFile&& o) noexcept : fd(o.fd), size(o.size) { o.fd = -1; }
    RegularFile& operator=(RegularFile&&) = delete;
    RegularFile(const RegularFile&) = delete;
    ~RegularFile();
};

/// Opens `path` for reading; throws InputError at `display` when it cannot
/// be opened or is not a regular file (saying what it is).
RegularFile open_regular(const std::filesystem::path& path, const std::string& display);

/// The bytes of the regular file `path`; throws InputError at `display` when
/// it is not a regular file or holds more than `max_bytes` (`what` names the
/// kind of file in that message: "a rule file").
std::string read_regular(const std::filesystem::path& path, const std::string& display, uint64_t max_bytes,
                         std::string_view what);

/// A byte count as people read it: "512 bytes", "64 MiB", "3.0 GiB".
std::string byte_size(uint64_t bytes);

}  // namespace assay

namespace assay {

/// `path` with symbolic links resolved as far as it exists (weakly
/// canonical); empty when it cannot be resolved.
std::filesystem::path resolved_path(const std::filesystem::path& path);

/// Whether the resolved `path` is `root` or lies inside it (`root` resolved too).
bool lies_within(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace assay
