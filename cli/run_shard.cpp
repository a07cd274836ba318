// Shards of a run (run_shard.hpp).
#include <run_shard.hpp>

#include <assay/error.hpp>
#include <assay/report.hpp>

#include <fmt/core.h>

#include <charconv>
#include <cstdio>

namespace assay::cli {

namespace {

void put(AtomicWriter* file, std::string_view text) {
    if (file)
        file->write(text);
    else
        std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

Shard parse_shard(std::string_view text) {
    auto bad = [&] {
        return InputError(fmt::format(
            "--shard '{}': expected K/N with 1 <= K <= N <= 100000, e.g. 3/8 for the third of eight shards", text));
    };
    size_t slash = text.find('/');
    if (slash == std::string_view::npos) throw bad();
    Shard s;
    auto number = [&](std::string_view part, unsigned& v) {
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc{} || end != part.data() + part.size()) throw bad();
    };
    number(text.substr(0, slash), s.k);
    number(text.substr(slash + 1), s.n);
    if (s.n < 1 || s.n > 100000 || s.k < 1 || s.k > s.n) throw bad();
    return s;
}

unsigned shard_of(std::string_view indicator, std::string_view area, unsigned n) {
    uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
    auto mix = [&](std::string_view bytes) {
        for (unsigned char c : bytes) {
            h ^= c;
            h *= 1099511628211ull;
        }
    };
    mix(indicator);
    mix("\x1f");
    mix(area);
    return static_cast<unsigned>(h % n) + 1;
}

std::string shard_header(const Shard& s) {
    return fmt::format("#assay-shard {}/{}\n", s.k, s.n);
}

bool in_shard(const Assessment& a, const Outcome& outcome, const Shard& shard) {
    const Series& s = a.dataset->series[outcome.series];
    return shard_of(a.dataset->indicators[s.indicator].id, a.dataset->areas[s.area], shard.n) == shard.k;
}

namespace {

/// Writes the outcome at `position` when it is the shard's.
void put_outcome(const Assessment& a, const Outcome& outcome, uint64_t position, const Shard& shard, AtomicWriter* file,
                 std::string& line) {
    if (!in_shard(a, outcome, shard)) return;
    line = fmt::format("{}\t", position);
    render_jsonl_outcome(a, outcome, line);
    put(file, line);
}

}  // namespace

void write_shard_jsonl(const Assessment& a, AtomicWriter* file, const Shard& shard) {
    put(file, shard_header(shard));
    std::string line;
    for (size_t i = 0; i < a.outcomes.size(); ++i) put_outcome(a, a.outcomes[i], i, shard, file, line);
    put(file, fmt::format("#assay-end {}\n", a.outcomes.size()));
}

RecordShard record_shard(const Pack& pack, const std::string& dataset_path, const AssessOptions& options,
                         const Assessment& a, const Shard& shard) {
    return make_record_shard(pack, *a.dataset, dataset_path, options, a, shard.k, shard.n,
                             [&](uint64_t position) { return in_shard(a, a.outcomes[position], shard); });
}

Assessment assess_shard_to_jsonl(const RunInputs& inputs, const AssessOptions& options, AtomicWriter* file,
                                 const Shard& shard) {
    put(file, shard_header(shard));
    uint64_t position = 0;
    std::string line;
    Assessment result = assess(inputs, options, [&](const Assessment& a, const Outcome& outcome) {
        put_outcome(a, outcome, position++, shard, file, line);
    });
    put(file, fmt::format("#assay-end {}\n", position));
    return result;
}

}  // namespace assay::cli
