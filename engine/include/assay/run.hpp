// The run pipeline, the one path every command takes:
//
//   load_run(pack, dataset)   load_pack + load_dataset + prepare()
//        -> assess(run, options[, sink])
//        -> render(assessment, format)   or a sink streaming each outcome
//
// `assay run`, `serve`, `explain`, `replay` and `diff` (through the
// audit's materialised records) start from load_run(); `assay test` and
// `assay audit` hold a pack already and call prepare() themselves. How a
// run is prepared is decided in prepare() alone.
#pragma once

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/pack.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

/// A run's inputs, loaded and prepared: the pack, and the dataset prepared for it.
struct RunInputs {
    Pack pack;
    PreparedData data;
};

/// Loads the pack in `pack_dir` and the dataset at `dataset` (a folder or
/// a CSV file), and prepares the dataset for the pack. Throws InputError
/// naming the file, line and what was expected.
RunInputs load_run(const std::filesystem::path& pack_dir, const std::filesystem::path& dataset,
                   const SandboxLimits& limits = {});
/// load_run, reading the dataset on `threads` threads (0 = one per core;
/// load_dataset(path, threads)). The inputs are the same for any number.
RunInputs load_run(const std::filesystem::path& pack_dir, const std::filesystem::path& dataset,
                   const SandboxLimits& limits, unsigned threads);

/// assess(run.pack, run.data, options, sink). The Assessment refers to
/// run.pack, so `run` must outlive it (a temporary is refused).
Assessment assess(const RunInputs& run, const AssessOptions& options = {}, const OutcomeSink& sink = nullptr);
Assessment assess(RunInputs&& run, const AssessOptions& options = {}, const OutcomeSink& sink = nullptr) = delete;

/// The periods `spec` names, as the data labels them, ascending: "all" (every
/// period of the data) or "FROM..TO" (both included; "FROM.." and "..TO"
/// run to the last or from the first). A period may be written as any
/// spelling of it the data's labels parse to ("2024 Q2" for "2024Q2").
/// Throws InputError naming a period the data does not hold, with the
/// closest label, or a spec that is neither form.
std::vector<std::string> periods_named(const Dataset& data, std::string_view spec);

/// When `text` (given to option `option`, e.g. "--as-at") names a quarter or
/// a year whose calendar and financial readings differ and the data's own
/// labels use the other reading ("2024 Q1" where the data counts financial
/// quarters, "2024" where it holds 2024/25), a warning saying which period is
/// taken and how to write the other; empty when the spelling is not ambiguous.
std::string period_reading(const Dataset& data, std::string_view option, std::string_view text);

/// period_reading() for each end of a --periods spec ("all", "FROM..TO").
std::vector<std::string> period_spec_readings(const Dataset& data, std::string_view option, std::string_view spec);

/// assess() as at each of `periods` (labels, as periods_named gives them):
/// one Assessment per period, in order, all from the one loaded and
/// prepared run. `options.as_at` is replaced by each period in turn.
std::vector<Assessment> assess_periods(const RunInputs& run, const std::vector<std::string>& periods,
                                       AssessOptions options = {});

/// What stream_run_jsonl did.
struct StreamedRun {
    /// Whether the whole run was streamed. When false, `why_not` says why,
    /// and part of the output may have been written: the caller discards it
    /// and runs in memory (load_run, assess).
    bool streamed = false;
    std::string why_not;
    /// The run's roll-ups and rule failures; its outcomes are not kept, and
    /// `dataset` is the first part's, not the whole.
    Assessment result;
    uint64_t outcomes = 0;  ///< outcomes in the whole run (written or not)
};

/// How a run is streamed.
struct StreamOptions {
    unsigned threads = 0;    ///< threads to read and assess on; 0 = one per core
    size_t piece_bytes = 0;  ///< bytes of the file in a piece; 0 = 1 MB (tests use small pieces)
    /// When set, only the outcomes of the series it keeps (by indicator id
    /// and area) are written, each line prefixed by the outcome's position in
    /// the whole run (0-based) and a tab: one machine's shard of a run.
    std::function<bool(std::string_view indicator, std::string_view area)> keep;
};

/// `assay run --format jsonl` in memory that does not grow with the data:
/// reads the dataset at `dataset` (a folder of indicators.csv and one plain
/// observations.csv) a few pieces at a time, assesses whole series as they
/// are complete with `pack` on worker threads, and calls `write` in order
/// with their JSON Lines: the same bytes as render_jsonl_outcome over
/// assess() of the whole, for any number of threads and any pieces. It
/// streams when the rows are grouped by series, the indicators come in the
/// pack's order and each indicator's areas in the order they first appear
/// (the usual export), the first part holds every period of the data, and
/// the pack compares no series with another (no derived series, comparators,
/// comparator targets or ratings); otherwise, or when a rule fails, reads
/// another series or the data holds an error, it stops with `streamed` false.
StreamedRun stream_run_jsonl(const Pack& pack, const std::filesystem::path& dataset, const AssessOptions& options,
                             const StreamOptions& how, const std::function<void(std::string_view)>& write);

}  // namespace assay
