// `assay run --format jsonl` on several threads: outcomes are assessed in
// order and handed, a batch at a time, to threads that render them into
// their own buffers; the buffers are written in order, so the output is the
// same bytes for any number of threads.
#pragma once

#include <assay/assessment.hpp>
#include <assay/io.hpp>
#include <assay/run.hpp>

namespace assay::cli {

/// Assesses `inputs` and streams every outcome as a JSON line to `file`
/// (stdout when null), rendering on `threads` threads (0 = one per core).
/// Returns the assessment, its outcomes not kept.
Assessment assess_to_jsonl(const RunInputs& inputs, const AssessOptions& options, AtomicWriter* file, unsigned threads);

/// The number of threads `threads` stands for: itself, or one per core when 0.
unsigned run_threads(unsigned threads);

}  // namespace assay::cli
