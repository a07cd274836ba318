// assay-bench: times the engine at scale through its public API only:
// load_dataset, load_pack, then assess() streaming every outcome as a JSON
// line into a large buffer flushed to the output file. Prints a table of
// throughput, time and peak memory per phase, and the counts of ratings and
// arrows so that a run can be compared with assay-reference's.

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Peak resident set size of this process so far, in MB (ru_maxrss is in KB on Linux).
double peak_rss_mb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;
}

/// A file written in large blocks from an in-memory buffer.
class BlockWriter {
public:
    explicit BlockWriter(const std::string& path) : path_(path) {
        fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd_ < 0) throw std::runtime_error(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
        buf_.reserve(kBlock + (1u << 20));
    }
    ~BlockWriter() {
        if (fd_ >= 0) ::close(fd_);
    }
    BlockWriter(const BlockWriter&) = delete;
    BlockWriter& operator=(const BlockWriter&) = delete;

    /// The buffer to append lines to; call flush_if_full() after appending.
    std::string& buffer() { return buf_; }
    /// Writes the buffer out when it is full.
    void flush_if_full() {
        if (buf_.size() >= kBlock) flush();
    }
    void flush() {
        const char* p = buf_.data();
        size_t n = buf_.size();
        while (n) {
            const ssize_t w = ::write(fd_, p, n);
            if (w < 0) throw std::runtime_error(fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
            p += w, n -= size_t(w);
        }
        bytes_ += buf_.size();
        buf_.clear();
    }
    uint64_t bytes() const { return bytes_; }

private:
    static constexpr size_t kBlock = 16u << 20;
    std::string path_;
    int fd_ = -1;
    std::string buf_;
    uint64_t bytes_ = 0;
};

/// One row of the figures table.
struct Row {
    std::string phase;
    double secs;
    std::string throughput;
    double rss_mb;
};

void print_table(const std::vector<Row>& rows) {
    fmt::print("{:<24} {:>9}  {:<40} {:>12}\n", "phase", "time (s)", "throughput", "peak RSS (MB)");
    for (const Row& r : rows)
        fmt::print("{:<24} {:>9.3f}  {:<40} {:>12.1f}\n", r.phase, r.secs, r.throughput, r.rss_mb);
}

int run(const std::string& data_dir, const std::string& pack_dir, const std::string& out_path) {
    std::vector<Row> rows;
    const auto start = Clock::now();

    auto t = Clock::now();
    assay::Dataset loaded = assay::load_dataset(data_dir);
    const double load_secs = seconds_since(t);
    uint64_t csv_bytes = 0;
    for (const auto& f : loaded.files) csv_bytes += f.bytes;
    const double mb = double(csv_bytes) / 1e6;
    const double obs = double(loaded.observation_count());
    rows.push_back({"load_dataset", load_secs,
                    fmt::format("{:.0f} MB/s, {:.1f} M rows/s", mb / load_secs, obs / load_secs / 1e6), peak_rss_mb()});

    t = Clock::now();
    const assay::Pack pack = assay::load_pack(pack_dir);
    rows.push_back({"load_pack", seconds_since(t), "", peak_rss_mb()});

    t = Clock::now();
    const assay::PreparedData prepared = assay::prepare(pack, std::move(loaded));
    const assay::Dataset& data = prepared.dataset();
    rows.push_back({"prepare", seconds_since(t), "", peak_rss_mb()});

    BlockWriter out(out_path);
    std::map<std::string, uint64_t> ratings, arrows;
    uint64_t outcomes = 0;
    double render_secs = 0;
    assay::AssessOptions options;
    options.explain = false;

    t = Clock::now();
    const assay::Assessment result =
        assay::assess(pack, prepared, options, [&](const assay::Assessment& run, const assay::Outcome& o) {
            const auto r0 = Clock::now();
            assay::render_jsonl_outcome(run, o, out.buffer());
            out.flush_if_full();
            render_secs += seconds_since(r0);
            ++outcomes;
            const assay::Group& g = pack.groups[o.group];
            const assay::Scale* scale = pack.find_scale(g.scale);
            ++ratings[o.rating >= 0 && scale && size_t(o.rating) < scale->levels.size()
                          ? scale->levels[size_t(o.rating)].label
                          : std::string("none")];
            ++arrows[std::string(assay::to_string(o.arrow))];
        });
    out.flush();
    const double assess_secs = seconds_since(t);
    const double total_secs = seconds_since(start);

    rows.push_back({"assess (rules)", assess_secs - render_secs,
                    fmt::format("{:.0f} k series/s", double(outcomes) / (assess_secs - render_secs) / 1e3),
                    peak_rss_mb()});
    rows.push_back({"render_jsonl + write", render_secs, fmt::format("{:.1f} MB written", double(out.bytes()) / 1e6),
                    peak_rss_mb()});
    rows.push_back({"assess + output", assess_secs,
                    fmt::format("{:.0f} k series/s", double(outcomes) / assess_secs / 1e3), peak_rss_mb()});
    rows.push_back({"end to end", total_secs, fmt::format("{:.0f} MB/s of CSV", mb / total_secs), peak_rss_mb()});

    fmt::print("assay-bench: {} series, {:.0f} observations, {:.1f} MB of CSV, {} outcomes\n", data.series.size(), obs,
               mb, outcomes);
    print_table(rows);
    fmt::print("ratings:");
    for (const auto& [label, n] : ratings) fmt::print(" {} {}", label, n);
    fmt::print("\narrows:");
    for (const auto& [name, n] : arrows) fmt::print(" {} {}", name, n);
    fmt::print("\nrule errors: {}\n", result.errors.size());
    for (size_t i = 0; i < result.errors.size() && i < 5; ++i) fmt::print("  {}\n", result.errors[i]);
    fmt::print("figures: seconds={:.3f} rss_mb={:.1f} csv_mb={:.1f} series={} load_s={:.3f} assess_s={:.3f}\n",
               total_secs, peak_rss_mb(), mb, outcomes, load_secs, assess_secs);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"assay-bench: times load_dataset, load_pack and a streamed assess() through Assay's public API."};
    std::string data_dir, pack_dir, out_path;
    app.add_option("--data", data_dir, "dataset folder (e.g. written by assay-gen)")->required();
    app.add_option("--pack", pack_dir, "rule pack folder (e.g. bench/pack)")->required();
    app.add_option("--out", out_path, "JSON Lines output file")->required();
    CLI11_PARSE(app, argc, argv);
    try {
        return run(data_dir, pack_dir, out_path);
    } catch (const assay::InputError& e) {
        fmt::print(stderr, "assay-bench: {}\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "assay-bench: {}\n", e.what());
        return 3;
    }
}
