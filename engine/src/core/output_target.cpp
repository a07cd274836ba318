// Output targets (see output_target.hpp).
#include "core/output_target.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace assay {

void require_regular_target(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;  // not there yet (or unreachable: the write will say)
    if (S_ISREG(st.st_mode)) return;
    std::string_view what = S_ISDIR(st.st_mode)                          ? "a folder"
                            : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                            : S_ISFIFO(st.st_mode)                       ? "a FIFO"
                            : S_ISSOCK(st.st_mode)                       ? "a socket"
                                                                         : "not a regular file";
    throw Fatal(
        fmt::format("{}: is {}, not a regular file; an output only replaces regular files, so nothing "
                    "was written",
                    path.string(), what));
}

void remove_stale_temporaries(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    const std::string prefix = "." + path.filename().string() + ".";
    fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() + 4 || name.compare(0, prefix.size(), prefix) != 0 ||
            name.compare(name.size() - 4, 4, ".tmp") != 0)
            continue;
        // After the prefix: PID '.' a unique part without dots '.tmp'.
        std::string_view rest(name);
        rest = rest.substr(prefix.size(), rest.size() - prefix.size() - 4);
        size_t dot = rest.find('.');
        if (dot == 0 || dot == std::string_view::npos || dot > 9) continue;
        if (rest.substr(dot + 1).empty() || rest.substr(dot + 1).find('.') != std::string_view::npos) continue;
        long pid = 0;
        bool digits = true;
        for (char c : rest.substr(0, dot)) {
            if (c < '0' || c > '9')
                digits = false;
            else
                pid = pid * 10 + (c - '0');
        }
        if (!digits || pid <= 0 || pid == ::getpid()) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
        std::error_code ignored;
        if (it->is_regular_file(ignored)) fs::remove(it->path(), ignored);
    }
}

}  // namespace assay
