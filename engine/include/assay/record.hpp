// Run records, replay and diff: what an auditor needs to rerun a past
// assessment bit for bit. A record is sealed: it holds the JSON outcome
// record of a run together with every input that produced it (the pack's
// source files and the dataset's files, whole), the as-at, the options and
// the engine and Lua versions, each input with its SHA-256 and the whole
// with one SHA-256 over a canonical serialisation. docs/audit.md describes
// the file format.
#pragma once

#include <assay/assessment.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

/// The record format this engine writes and reads.
inline constexpr int record_format = 1;

/// One input file kept whole in a record.
struct RecordFile {
    std::string name;     ///< file name inside the pack or dataset folder
    std::string sha256;   ///< lower-case hex SHA-256 of `content`
    std::string content;  ///< the file's bytes
};

/// A sealed run record. Everything but `written_at` is covered by `sha256`.
struct RunRecord {
    int format = record_format;             ///< record format (record_format when written by this engine)
    std::string engine_version;             ///< assay version that made the run
    std::string lua_release;                ///< Lua release the rules ran under
    std::string as_at_requested;            ///< --as-at as given; "" for the latest period
    bool explain = true;                    ///< AssessOptions::explain of the run
    bool check_published = true;            ///< AssessOptions::check_published of the run
    std::string pack_name;                  ///< the pack's declared name
    std::string pack_version;               ///< the pack's declared version
    std::string pack_sha256;                ///< digest of the pack's files, as in the JSON record
    std::vector<RecordFile> pack_files;     ///< the pack's source files, in name order
    std::string dataset_name;               ///< the dataset's name (its folder or file name)
    bool dataset_is_file = false;           ///< a single CSV file rather than a folder
    std::string dataset_sha256;             ///< digest of the dataset's files, as in the JSON record
    std::vector<RecordFile> dataset_files;  ///< every dataset file the loader read, in name order
    std::string as_at;                      ///< the as-at period the run used
    std::string outcome;                    ///< the JSON outcome record, byte for byte as render(Format::json) gave it
    std::string outcome_sha256;             ///< SHA-256 of `outcome`
    std::string sha256;                     ///< the seal: SHA-256 of the sealed part in canonical form
    std::string written_at;                 ///< UTC time the record was written (outside the seal)
};

/// Builds the sealed record of a finished run. `dataset_path` is the folder
/// or file the dataset was loaded from and `pack.dir` the pack's folder: their
/// files are read again and must still have the SHA-256 the run pinned
/// (InputError otherwise: an input changed while assay ran).
RunRecord make_record(const Pack& pack, const Dataset& dataset, const std::filesystem::path& dataset_path,
                      const AssessOptions& options, const Assessment& result);

/// The record file's text: the canonical sealed part on one line, its
/// SHA-256 and the time written. Reading it back gives the same record.
std::string record_text(const RunRecord& record);

/// Writes the record atomically; throws Fatal naming the file on failure.
void write_record(const std::filesystem::path& path, const RunRecord& record);

/// Parses and verifies record text: the seal, every file's SHA-256, the pack
/// and dataset digests, the outcome's SHA-256 and that the outcome names
/// those inputs. Throws InputError naming `source` and saying what failed
/// when the record is malformed, tampered with or of an unknown format.
RunRecord parse_record(std::string_view text, const std::string& source);

/// Reads and verifies a record file (see parse_record).
RunRecord read_record(const std::filesystem::path& path);

/// Whether `text` looks like a record rather than a plain JSON outcome record.
bool is_record_text(std::string_view text);

/// Current UTC time as "2024-10-01T09:30:00Z", for `written_at`.
std::string utc_timestamp();

/// One difference between two outcome records.
struct Difference {
    std::string scope;         ///< "run", "outcome", "group", "theme", "check", "error"
    std::string subject;       ///< what changed, as printed: "robbery, Redcar & Cleveland (psa1)", "group psa1"
    std::string group;         ///< the group id (outcomes and groups)
    std::string indicator;     ///< the indicator id (outcomes, checks)
    std::string area;          ///< the area (outcomes, checks)
    std::string field;         ///< "arrow", "rating", "value", "change", "series[2004/05].value", ... ("" = whole item)
    std::string before;        ///< old value as text; "none" for null, "(absent)" when not there
    std::string after;         ///< new value as text
    std::string cause;         ///< diff only: "rules", "data", "rules and data", "engine", "unknown"
    std::string cause_detail;  ///< diff only: what the cross evaluations gave
};

/// Compares two JSON outcome records field by field: run, outcomes (by
/// group, indicator and area), groups, themes, checks and errors. The engine
/// version in the "assay" header is not compared. Throws InputError when
/// either text is not a JSON outcome record.
std::vector<Difference> compare_outcomes(std::string_view before, std::string_view after);

/// The differences as text for people: grouped by what changed, one
/// "field: before -> after" line each, followed by the cause when set.
std::string format_differences(const std::vector<Difference>& differences);

/// What to replace when replaying a record.
struct ReplayOptions {
    std::filesystem::path with_rules;  ///< assess with this pack instead of the recorded one ("" = recorded)
    std::filesystem::path with_data;   ///< assess this dataset instead of the recorded one ("" = recorded)
};

/// The result of a replay.
struct ReplayResult {
    std::vector<std::string> notes;       ///< versions that differ, inputs replaced
    std::vector<Difference> differences;  ///< what changed against the recorded outcome
    std::string outcome;                  ///< the JSON outcome record the replay produced
    bool identical = false;               ///< same outcome; byte for byte when the engine version is the same
};

/// Re-runs the record from its own copies of the inputs (or the replacements
/// in `options`) at the recorded as-at and compares the outcome with the
/// recorded one. A record made by another engine or Lua version is replayed
/// with a note saying so. Throws InputError when the inputs cannot be loaded.
ReplayResult replay(const RunRecord& record, const ReplayOptions& options = {});

/// One side of a diff: a record, or a plain JSON outcome record.
struct RunSide {
    std::string source;               ///< the file it came from, for messages
    std::optional<RunRecord> record;  ///< set when the file is a record
    std::string outcome;              ///< the JSON outcome record
};

/// Reads a record (verified) or a JSON outcome record from `path`.
RunSide read_run_side(const std::filesystem::path& path);

/// The result of comparing two runs.
struct DiffResult {
    std::vector<std::string> notes;       ///< what differs between the runs' inputs
    std::vector<Difference> differences;  ///< each with its cause
    bool rules_changed = false;           ///< the packs differ
    bool data_changed = false;            ///< the datasets or as-at periods differ
};

/// Compares run `a` with run `b` and attributes each difference to the
/// rules, the data, or both. When only one of them changed it is the cause;
/// when both changed and both sides are records, the cross combinations (A's
/// rules on B's data, B's rules on A's data) are evaluated to separate them.
DiffResult diff_runs(const RunSide& a, const RunSide& b);

}  // namespace assay
