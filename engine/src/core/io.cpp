// Whole-file reads and atomic writes. A write goes to a temporary file in the
// destination's folder (so the rename cannot cross file systems), is flushed
// to disk, then renamed over the destination: readers see the old file or the
// complete new one, never a torn one.
#include "core/io_faults.hpp"
#include "core/output_target.hpp"

#include <assay/error.hpp>
#include <assay/io.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace assay {
namespace {

InputError unreadable(const std::filesystem::path& path, int err) {
    return InputError(Error{SourceLoc{path.string(), 0, 0}, std::string("cannot read file: ") + std::strerror(err)});
}

Fatal unwritable(const std::filesystem::path& path, int err) {
    return Fatal(fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
}

/// Closes a descriptor on scope exit unless released.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

/// A fresh temporary name beside `path`; unique within and across processes.
std::filesystem::path temp_name(const std::filesystem::path& path) {
    static std::atomic<unsigned> counter{0};
    std::string name = fmt::format(".{}.{}.{}.tmp", path.filename().string(), ::getpid(), counter++);
    return path.parent_path() / name;
}

bool write_all(int fd, std::string_view content) {
    const char* p = content.data();
    size_t left = content.size();
    while (left > 0) {
        ssize_t n = io_faults::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
    Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (f.fd < 0) throw unreadable(path, errno);
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) throw unreadable(path, errno);
    if (S_ISDIR(st.st_mode)) throw unreadable(path, EISDIR);
    std::string out;
    if (st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(f.fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw unreadable(path, errno);
        }
        if (n == 0) break;
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
    require_regular_target(path);
    remove_stale_temporaries(path);
    std::filesystem::path tmp;
    Fd f;
    for (int attempt = 0; attempt < 100 && f.fd < 0; ++attempt) {
        tmp = temp_name(path);
        f.fd = io_faults::open_for_write(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (f.fd < 0 && errno != EEXIST) throw unwritable(path, errno);
    }
    if (f.fd < 0) throw unwritable(path, EEXIST);

    auto fail = [&](int err) {
        ::close(f.fd);
        f.fd = -1;
        ::unlink(tmp.c_str());
        return unwritable(path, err);
    };
    if (!write_all(f.fd, content)) throw fail(errno);
    if (io_faults::fsync(f.fd) != 0) throw fail(errno);
    int fd = f.fd;
    f.fd = -1;
    if (io_faults::close(fd) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw unwritable(path, err);
    }
    if (io_faults::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw unwritable(path, err);
    }
    // Make the rename itself durable; a failure here cannot undo the write.
    std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
    Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (d.fd >= 0) ::fsync(d.fd);
}

}  // namespace assay
