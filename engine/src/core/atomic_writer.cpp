// AtomicWriter: streams output to a temporary file beside the target and
// renames it into place on commit, so a reader never sees half a file; the
// file is synced to disk before the rename, so that a power cut leaves the
// old file or the new one, never an empty one. A large output is synced as
// it grows, by a thread of its own that only waits for the disk: a sync
// waits for the disk to have the bytes (and, on a virtual machine, for the
// host to have written them), which for hundreds of megabytes at once takes
// longer than making them; in steps behind the writer it overlaps with the
// run, and commit's own sync has the last step left.
#include "core/io_faults.hpp"
#include "core/output_target.hpp"

#include <assay/error.hpp>
#include <assay/io.hpp>

#include <fmt/core.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

namespace assay {

namespace {
constexpr size_t flush_at = 1 << 20;   // write in 1 MiB pieces
constexpr size_t direct_at = 1 << 16;  // bytes written as they are, not copied into the buffer
// Every 32 MiB written, the syncer is asked to make what is written durable.
// Outputs smaller than that (reports, records) never start the thread.
constexpr uint64_t sync_every = uint64_t{32} << 20;
}  // namespace

/// The thread that syncs the temporary file while the writer goes on. Asked
/// again while it syncs, it syncs once more when that sync ends (the asks
/// coalesce: a writer faster than the disk is never queued behind it). The
/// first failure is kept for commit, which fails with it: a failed sync's
/// error is reported once, so commit's own sync may not see it again.
struct AtomicWriter::Syncer {
    std::mutex mutex;
    std::condition_variable asked_cv;
    uint64_t asked = 0;  // bytes written when last asked
    bool stop = false;
    int error = 0;  // errno of the first failed sync
    std::thread thread;

    explicit Syncer(int fd) : thread([this, fd] { run(fd); }) {}

    void run(int fd) {
        std::unique_lock lock(mutex);
        uint64_t done = 0;
        for (;;) {
            asked_cv.wait(lock, [&] { return stop || asked > done; });
            if (stop) return;
            const uint64_t target = asked;
            lock.unlock();
            const int rc = io_faults::background_sync(fd);
            const int err = rc != 0 ? errno : 0;
            lock.lock();
            if (err != 0 && error == 0) error = err;
            done = target;
        }
    }

    void ask(uint64_t written) {
        {
            std::lock_guard lock(mutex);
            asked = written;
        }
        asked_cv.notify_one();
    }

    /// Tells the thread to stop after the sync it is in, if any.
    void stop_soon() {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        asked_cv.notify_one();
    }

    /// Stops the thread (after the sync it is in, if any); the first error.
    int finish() {
        stop_soon();
        thread.join();
        return error;
    }
};

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
    stop_syncer();
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
    if (written_ - asked_ >= sync_every) {
        asked_ = written_;
        if (!syncer_) {
            try {
                syncer_ = std::make_unique<Syncer>(fd_);
            } catch (const std::system_error&) {
                return;  // no thread to be had: commit's sync does it all
            }
        }
        syncer_->ask(written_);
    }
}

int AtomicWriter::stop_syncer() noexcept {
    if (!syncer_) return 0;
    const int err = syncer_->finish();
    syncer_.reset();
    return err;
}

void AtomicWriter::commit() {
    flush();
    // The last sync overlaps the syncer's, if one is under way, rather than waiting for it first.
    if (syncer_) syncer_->stop_soon();
    const int sync_err = io_faults::fsync(fd_) != 0 ? errno : 0;
    if (int behind = stop_syncer(); behind != 0)
        throw Fatal(fmt::format("{}: sync failed: {}", path_.string(), std::strerror(behind)));
    if (sync_err != 0) throw Fatal(fmt::format("{}: sync failed: {}", path_.string(), std::strerror(sync_err)));
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
