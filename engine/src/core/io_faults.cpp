// The fault-injection seam of atomic writes (see io_faults.hpp).
#include "core/io_faults.hpp"

#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <cstdlib>

namespace assay::io_faults {
namespace {

std::atomic<uint64_t> fail_on{0};  // operation number that fails (0: none)
std::atomic<uint64_t> counted{0};  // operations since fail_at
std::atomic<bool> background_fails{false};

}  // namespace

void fail_at(uint64_t n) {
    counted.store(0);
    fail_on.store(n);
}

uint64_t operations() {
    return counted.load();
}

bool fail_now() {
    const uint64_t n = counted.fetch_add(1, std::memory_order_relaxed) + 1;
    const uint64_t at = fail_on.load(std::memory_order_relaxed);
    if (at == 0 || n < at) return false;
    errno = EIO;
    return true;
}

int make_temp(std::string& pattern, int suffix_length) {
    return fail_now() ? -1 : ::mkstemps(pattern.data(), suffix_length);
}

int open_for_write(const char* path, int flags, mode_t mode) {
    return fail_now() ? -1 : ::open(path, flags, mode);
}

ssize_t write(int fd, const void* data, size_t size) {
    return fail_now() ? -1 : ::write(fd, data, size);
}

int fsync(int fd) {
    return fail_now() ? -1 : ::fsync(fd);
}

int close(int fd) {
    if (fail_now()) {
        ::close(fd);
        errno = EIO;
        return -1;
    }
    return ::close(fd);
}

int rename(const char* from, const char* to) {
    return fail_now() ? -1 : std::rename(from, to);
}

void fail_background_syncs(bool on) {
    background_fails.store(on);
}

int background_sync(int fd) {
    if (background_fails.load(std::memory_order_relaxed)) {
        errno = EIO;
        return -1;
    }
    return ::fdatasync(fd);
}

}  // namespace assay::io_faults
