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

}  // namespace assay
