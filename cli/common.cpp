// Shared command helpers (see common.hpp).
#include <common.hpp>

#include <assay/io.hpp>
#include <assay/text.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace assay::cli {

void print_error(std::string_view message) { fmt::print(stderr, "assay: error: {}\n", terminal_text(message)); }

void print_warning(std::string_view message) {
    fmt::print(stderr, "assay: warning: {}\n", terminal_text(message));
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

void emit(const std::string& out_path, std::string_view text) {
    if (out_path.empty() || out_path == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        return;
    }
    write_file_atomic(out_path, text);
}

}  // namespace assay::cli
