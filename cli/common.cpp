// Shared command helpers (see common.hpp).
#include <common.hpp>

#include <assay/error.hpp>
#include <assay/io.hpp>
#include <assay/text.hpp>

#include <fmt/core.h>

#include <sys/stat.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>

#include <filesystem>

namespace assay::cli {

void print_error(std::string_view message) {
    fmt::print(stderr, "assay: error: {}\n", terminal_text(message));
}

void print_warning(std::string_view message) {
    fmt::print(stderr, "assay: warning: {}\n", terminal_text(message));
}

void print_note(std::string_view message) {
    fmt::print(stderr, "assay: note: {}\n", terminal_text(message));
}

void say_text(std::string_view text) {
    std::string shown = terminal_text(text);
    std::fwrite(shown.data(), 1, shown.size(), stdout);
}

bool use_colour(std::string_view when) {
    if (when == "always") return true;
    if (when == "never") return false;
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    return isatty(STDOUT_FILENO) == 1;
}

void check_output(std::string_view option, const std::string& out, const std::vector<std::string>& inputs) {
    namespace fs = std::filesystem;
    if (out.empty() || out == "-") return;
    struct stat target {};
    if (::stat(out.c_str(), &target) != 0) return;  // a new file: it cannot be an input
    if (!S_ISREG(target.st_mode))
        throw InputError(
            fmt::format("{} {}: is not a regular file (a device, FIFO or folder); outputs only replace "
                        "regular files, so nothing was written",
                        option, out));
    auto same = [&](const fs::path& p) {
        struct stat st {};
        return ::stat(p.c_str(), &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino;
    };
    for (const std::string& input : inputs) {
        if (input.empty() || input == "-") continue;
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (same(it->path()))
                    throw InputError(
                        fmt::format("{} {}: is {}, an input of this run; refusing to overwrite it, so "
                                    "nothing was written",
                                    option, out, it->path().string()));
            }
        } else if (same(input)) {
            throw InputError(
                fmt::format("{} {}: is {}, an input of this run; refusing to overwrite it, so nothing "
                            "was written",
                            option, out, input));
        }
    }
}

void emit(const std::string& out_path, std::string_view text) {
    if (out_path.empty() || out_path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return;
    }
    write_file_atomic(out_path, text);
}

}  // namespace assay::cli
