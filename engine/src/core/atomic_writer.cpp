// AtomicWriter: streams output to a temporary file beside the target and
// renames it into place on commit, so a reader never sees half a file; the
// file is synced to disk before the rename, so that a power cut leaves the
// old file or the new one, never an empty one.
#include "core/io_faults.hpp"
#include "core/output_target.hpp"

#include <assay/error.hpp>
#include <assay/io.hpp>

#include <fmt/core.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace assay {

namespace {
constexpr size_t flush_at = 1 << 20;   // write in 1 MiB pieces
constexpr size_t direct_at = 1 << 16;  // bytes written as they are, not copied into the buffer
// Every 8 MiB written, the disk is asked to start writing them (without
// waiting), so that commit's sync waits for what the disk has not yet
// caught up with, not for the whole of a large output at once.
constexpr uint64_t start_every = uint64_t{8} << 20;
}  // namespace

AtomicWriter::AtomicWriter(std::filesystem::path path) : path_(std::move(path)) {
    require_regular_target(path_);
    remove_stale_temporaries(path_);
    // Hidden, beside the target, named by the writing process so that a
    // later writer can tell a killed writer's leftover from a live one's.
    std::string pattern =
        (path_.parent_path() / fmt::format(".{}.{}.XXXXXX.tmp", path_.filename().string(), ::getpid())).string();
    fd_ = io_faults::make_temp(pattern, 4);
    if (fd_ < 0)
        throw Fatal(
            fmt::format("{}: cannot create a temporary file beside it: {}", path_.string(), std::strerror(errno)));
    temp_ = pattern;
    buffer_.reserve(flush_at);
}

AtomicWriter::~AtomicWriter() {
    if (fd_ >= 0) {
        ::close(fd_);
        std::error_code ignored;
        std::filesystem::remove(temp_, ignored);
    }
}

void AtomicWriter::write(std::string_view bytes) {
    if (bytes.size() >= direct_at) {  // large enough to go as it is, without a copy
        flush();
        write_all(bytes);
        return;
    }
    buffer_.append(bytes);
    if (buffer_.size() >= flush_at) flush();
}

void AtomicWriter::flush() {
    write_all(buffer_);
    buffer_.clear();
}

void AtomicWriter::write_all(std::string_view bytes) {
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = io_faults::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw Fatal(fmt::format("{}: write failed: {}", path_.string(), std::strerror(errno)));
        p += n;
        left -= static_cast<size_t>(n);
        written_ += static_cast<uint64_t>(n);
    }
    if (written_ - started_ >= start_every) {
        // Advice only: a failure to write shows in commit's sync.
        ::sync_file_range(fd_, static_cast<off_t>(started_), static_cast<off_t>(written_ - started_),
                          SYNC_FILE_RANGE_WRITE);
        started_ = written_;
    }
}

void AtomicWriter::commit() {
    flush();
    if (io_faults::fsync(fd_) != 0)
        throw Fatal(fmt::format("{}: sync failed: {}", path_.string(), std::strerror(errno)));
    int fd = fd_;
    fd_ = -1;
    if (io_faults::close(fd) != 0) {
        std::error_code ignored;
        std::filesystem::remove(temp_, ignored);
        throw Fatal(fmt::format("{}: close failed: {}", path_.string(), std::strerror(errno)));
    }
    // mkstemp creates files 0600; outputs are ordinary files.
    ::chmod(temp_.c_str(), 0644);
    if (io_faults::rename(temp_.c_str(), path_.c_str()) != 0) {
        int err = errno;
        std::error_code ignored;
        std::filesystem::remove(temp_, ignored);
        throw Fatal(
            fmt::format("{}: cannot rename the finished output into place: {}", path_.string(), std::strerror(err)));
    }
}

}  // namespace assay
