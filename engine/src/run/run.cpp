// The run pipeline's first step: load, then prepare (assay/run.hpp).
#include <assay/run.hpp>

namespace assay {

RunInputs load_run(const std::filesystem::path& pack_dir, const std::filesystem::path& dataset,
                   const SandboxLimits& limits) {
    return load_run(pack_dir, dataset, limits, 0);
}

RunInputs load_run(const std::filesystem::path& pack_dir, const std::filesystem::path& dataset,
                   const SandboxLimits& limits, unsigned threads) {
    RunInputs run;
    run.pack = load_pack(pack_dir, limits);
    run.data = prepare(run.pack, load_dataset(dataset, threads));
    return run;
}

Assessment assess(const RunInputs& run, const AssessOptions& options, const OutcomeSink& sink) {
    return assess(run.pack, run.data, options, sink);
}

}  // namespace assay
