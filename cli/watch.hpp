// `assay run --watch`: re-runs a command whenever one of its input files
// changes, so that a performance officer sees the report follow each edit.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

namespace assay::cli {

/// Runs `once`, then again each time a file under `inputs` (folders are
/// watched recursively) is changed, added or removed, polling every 0.5 s.
/// Clears the screen between runs when stdout is a terminal; an error is
/// printed and the watching goes on. Stops after `max_runs` runs when it is
/// above 0 (or ASSAY_WATCH_MAX says so), returning the last run's exit code;
/// otherwise runs until interrupted.
int watch(const std::vector<std::filesystem::path>& inputs, const std::function<int()>& once, int max_runs);

}  // namespace assay::cli
