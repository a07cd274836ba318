// Files: whole-file reads with clear errors, and atomic writes (a temporary
// file in the same folder, flushed, then renamed), so an output is either
// the old file or the complete new one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace assay {

/// The file's bytes; throws InputError naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& path);

/// Writes `content` to `path` atomically; throws Fatal naming the file on failure
/// and leaves no temporary file behind.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

}  // namespace assay

namespace assay {

/// A file written in pieces that appears at its path only when committed:
/// bytes go to a temporary file beside it, renamed over the path by commit().
/// Destroyed uncommitted, it removes the temporary file and leaves the path as it was.
/// A large output is synced to disk as it is written, by a thread that only
/// waits for the disk, so that commit waits for the last few megabytes only.
class AtomicWriter {
public:
    /// Opens a temporary file beside `path`; throws Fatal naming it on failure.
    explicit AtomicWriter(std::filesystem::path path);
    AtomicWriter(const AtomicWriter&) = delete;
    AtomicWriter& operator=(const AtomicWriter&) = delete;
    ~AtomicWriter();
    /// Appends bytes; throws Fatal naming the file on a failed write.
    void write(std::string_view bytes);
    /// Flushes, syncs and renames the temporary file over the path.
    void commit();

private:
    std::filesystem::path path_;
    std::filesystem::path temp_;
    int fd_ = -1;
    std::string buffer_;
    uint64_t written_ = 0;  ///< bytes written to the temporary file
    uint64_t asked_ = 0;    ///< of them, those the syncer was last asked to make durable
    struct Syncer;
    std::unique_ptr<Syncer> syncer_;
    void flush();
    int stop_syncer() noexcept;  ///< joins the syncer; the errno of its first failed sync, or 0
    void write_all(std::string_view bytes);
};

}  // namespace assay
