// `assay run --shard K/N`: one machine's part of a run split across N.
// Every series belongs to exactly one shard, chosen by a stable hash of its
// indicator id and area (FNV-1a, 64 bits, over "INDICATOR\x1fAREA", modulo
// N, plus one), the same on every machine and build. A shard file is JSON
// Lines with each line prefixed by the outcome's position in the whole run;
// `assay merge` (merge.cpp) joins the N files into the single run's output.
#pragma once

#include <assay/assessment.hpp>
#include <assay/io.hpp>
#include <assay/record.hpp>
#include <assay/run.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace assay::cli {

/// The K-th (1-based) of N shards.
struct Shard {
    unsigned k = 1;
    unsigned n = 1;
};

/// Parses "K/N" (1 <= K <= N <= 100000); throws InputError naming what was expected.
Shard parse_shard(std::string_view text);

/// The shard (1..n) a series belongs to.
unsigned shard_of(std::string_view indicator, std::string_view area, unsigned n);

/// The first line of a shard file, "#assay-shard K/N".
std::string shard_header(const Shard& s);

/// Whether the outcome is the shard's.
bool in_shard(const Assessment& a, const Outcome& outcome, const Shard& shard);

/// Writes an assessed run's shard as assess_shard_to_jsonl does.
void write_shard_jsonl(const Assessment& a, AtomicWriter* file, const Shard& shard);

/// The sealed record of an assessed run, cut for the shard (make_record_shard).
RecordShard record_shard(const Pack& pack, const std::string& dataset_path, const AssessOptions& options,
                         const Assessment& a, const Shard& shard);

/// Assesses `inputs` and writes the shard's outcomes to `file` (stdout when
/// null): a header line, then "POSITION\tJSON" for each outcome of the shard,
/// then "#assay-end OUTCOMES" with the number of outcomes in the whole run.
Assessment assess_shard_to_jsonl(const RunInputs& inputs, const AssessOptions& options, AtomicWriter* file,
                                 const Shard& shard);

}  // namespace assay::cli
