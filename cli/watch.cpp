// Watching inputs for `assay run --watch` (see watch.hpp): a snapshot of the
// size and modification time of every input file, taken before each run and
// compared every half second.
#include <watch.hpp>

#include <app.hpp>
#include <common.hpp>

#include <assay/error.hpp>

#include <fmt/core.h>

#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

namespace assay::cli {

namespace {

namespace fs = std::filesystem;

/// Each input file's size and modification time.
using Snapshot = std::map<std::string, std::pair<fs::file_time_type, std::uintmax_t>>;

void note(Snapshot& s, const fs::path& file) {
    std::error_code ec;
    auto time = fs::last_write_time(file, ec);
    if (ec) return;  // gone since it was listed: the next snapshot will differ
    auto size = fs::file_size(file, ec);
    s[file.string()] = {time, ec ? 0 : size};
}

Snapshot snapshot(const std::vector<fs::path>& inputs) {
    Snapshot s;
    for (const fs::path& input : inputs) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec))
                if (it->is_regular_file(ec)) note(s, it->path());
        } else {
            note(s, input);
        }
    }
    return s;
}

/// The limit on runs: the option's, else ASSAY_WATCH_MAX's, else none (0).
int run_limit(int max_runs) {
    if (max_runs > 0) return max_runs;
    const char* env = std::getenv("ASSAY_WATCH_MAX");
    return env ? std::max(0, std::atoi(env)) : 0;
}

/// One run; an input error is printed and becomes exit 2, and watching goes on.
int run_once(const std::function<int()>& once) {
    try {
        return once();
    } catch (const InputError& e) {
        print_error(e.what());
    } catch (const Fatal& e) {
        print_error(e.what());
    }
    return exit_usage;
}

}  // namespace

int watch(const std::vector<fs::path>& inputs, const std::function<int()>& once, int max_runs) {
    const int limit = run_limit(max_runs);
    const bool tty = isatty(STDOUT_FILENO) == 1;
    int runs = 0;
    while (true) {
        Snapshot before = snapshot(inputs);
        if (tty && runs > 0) std::fputs("\x1b[H\x1b[2J", stdout);  // a fresh screen for the new report
        std::fflush(stdout);
        int code = run_once(once);
        std::fflush(stdout);
        if (limit > 0 && ++runs >= limit) return code;
        if (limit == 0) ++runs;
        fmt::print(stderr, "assay: watching {} files for changes (Ctrl-C to stop)\n", before.size());
        std::fflush(stderr);
        while (snapshot(inputs) == before) std::this_thread::sleep_for(std::chrono::milliseconds(500));
        // Editors often write a file in several steps: let it settle before reading it.
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace assay::cli
