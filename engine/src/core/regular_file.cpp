// Regular-file checks for inputs (see regular_file.hpp).
#include "core/regular_file.hpp"

#include <assay/error.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace assay {
namespace {

std::string_view kind_of_mode(mode_t mode) {
    if (S_ISREG(mode)) return "";
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

[[noreturn]] void refuse(const std::string& display, std::string message) {
    throw InputError(Error{SourceLoc{display, 0, 0}, std::move(message)});
}

}  // namespace

std::string_view file_kind(const std::filesystem::file_status& st) {
    namespace fs = std::filesystem;
    switch (st.type()) {
        case fs::file_type::regular:
            return "";
        case fs::file_type::directory:
            return "a folder";
        case fs::file_type::fifo:
            return "a FIFO (named pipe)";
        case fs::file_type::character:
            return "a character device";
        case fs::file_type::block:
            return "a block device";
        case fs::file_type::socket:
            return "a socket";
        case fs::file_type::symlink:
            return "a symbolic link";
        case fs::file_type::not_found:
        case fs::file_type::none:
            return "missing";
        default:
            return "not a regular file";
    }
}

RegularFile::~RegularFile() {
    if (fd >= 0) ::close(fd);
}

RegularFile open_regular(const std::filesystem::path& path, const std::string& display) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    RegularFile f;
    f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (f.fd < 0) refuse(display, std::string("cannot read file: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) refuse(display, std::string("cannot read file: ") + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        refuse(display, fmt::format("{}, not a regular file: expected a file to read", kind_of_mode(st.st_mode)));
    int flags = ::fcntl(f.fd, F_GETFL);
    if (flags >= 0) ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
    f.size = static_cast<uint64_t>(st.st_size);
    return f;
}

std::string byte_size(uint64_t bytes) {
    if (bytes < 1024) return fmt::format("{} bytes", bytes);
    constexpr const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double x = static_cast<double>(bytes);
    int u = -1;
    while (x >= 1024 && u < 3) {
        x /= 1024;
        ++u;
    }
    if (x == static_cast<double>(static_cast<uint64_t>(x)))
        return fmt::format("{} {}", static_cast<uint64_t>(x), units[u]);
    return fmt::format("{:.1f} {}", x, units[u]);
}

std::string read_regular(const std::filesystem::path& path, const std::string& display, uint64_t max_bytes,
                         std::string_view what) {
    RegularFile f = open_regular(path, display);
    auto too_big = [&](std::string holds) {
        refuse(display, fmt::format("{} may hold at most {}; this one holds {}", what, byte_size(max_bytes), holds));
    };
    if (f.size > max_bytes) too_big(byte_size(f.size));
    std::string out;
    out.reserve(static_cast<size_t>(f.size));
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(f.fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            refuse(display, std::string("cannot read file: ") + std::strerror(errno));
        }
        if (n == 0) break;
        if (out.size() + static_cast<size_t>(n) > max_bytes) too_big("more");  // it grew while being read
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

}  // namespace assay

namespace assay {

std::filesystem::path resolved_path(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(path, ec);
    if (ec) return {};
    std::filesystem::path out = std::filesystem::weakly_canonical(abs, ec);
    if (ec) return {};
    return out.lexically_normal();
}

bool lies_within(const std::filesystem::path& path, const std::filesystem::path& root) {
    const std::filesystem::path p = resolved_path(path), r = resolved_path(root);
    if (p.empty() || r.empty()) return false;
    auto pi = p.begin();
    for (auto ri = r.begin(); ri != r.end(); ++ri, ++pi) {
        if (ri->empty() && std::next(ri) == r.end()) break;  // a trailing separator
        if (pi == p.end() || *pi != *ri) return false;
    }
    return true;
}

}  // namespace assay
