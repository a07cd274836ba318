// Run records, replay and diff: what an auditor needs to rerun a past
// assessment bit for bit. A record is sealed: it holds the JSON outcome
// record of a run together with every input that produced it (the pack's
// source files and the dataset's files, whole), the as-at, the options and
// the engine and Lua versions, each input with its SHA-256 and the whole
// with one SHA-256 over a canonical serialisation. docs/audit.md describes
// the file format.
#pragma once

#include <assay/assessment.hpp>
#include <assay/report.hpp>
#include <assay/signing.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace assay {

/// The record format this engine writes and reads.
inline constexpr int record_format = 1;

/// What a record holds the evidence of: a run of rules on a dataset, or a
/// published-figure audit (assay audit --record).
enum class RecordKind {
    run,    ///< `outcome` is the JSON outcome record of assay run
    audit,  ///< `outcome` is the audit as JSON (render_audit, AuditFormat::json); the pack is optional
};

/// "run" or "audit".
std::string_view to_string(RecordKind kind);

/// One input file kept whole in a record.
struct RecordFile {
    std::string name;     ///< file name inside the pack or dataset folder
    std::string sha256;   ///< lower-case hex SHA-256 of `content`
    std::string content;  ///< the file's bytes
};

/// A sealed run record. Everything but `written_at` is covered by `sha256`.
struct RunRecord {
    int format = record_format;             ///< record format (record_format when written by this engine)
    RecordKind kind = RecordKind::run;      ///< a run's record or an audit's (sealed only for audits)
    std::string audit_rounding;             ///< audits: --rounding as given ("" for the pack's or the default)
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
    /// The name the dataset was loaded under (its folder's name), kept beside
    /// the seal as a label: a folder's name is not content, so the sealed part
    /// calls a folder dataset `sealed_dataset_name`. Equal to dataset_name for
    /// a single-file dataset and for records that carry no label.
    std::string dataset_label;
    std::string
        engine_commit;  ///< the engine build's commit (git describe; "unknown" outside git; "" in older records)
    std::string engine_compiler;  ///< the compiler that built the engine ("" in older records)
    /// Signatures over the record's content (outside the seal); see sign_record.
    std::vector<struct RecordSignature> signatures;
};

/// A signature over what a record holds, by one Ed25519 key.
struct RecordSignature {
    std::string key;         ///< the key's id ("ed25519:" and 16 hex digits of the public key's SHA-256)
    std::string public_key;  ///< the raw public key, base64 (for reading; trust comes from --trust)
    std::string statement;   ///< what was signed: the record's parts and their hashes, canonical JSON
    std::string signature;   ///< base64 Ed25519 signature of "assay-record-signature-1\n" + statement
};

/// Which engine made something: the version (project version in CMake, the
/// one source), the build's commit and compiler, and the Lua release. The
/// build type and flags are not part of it.
struct EngineIdentity {
    std::string version;   ///< "0.1.0"
    std::string commit;    ///< git describe of the build ("unknown" outside git; "" when not recorded)
    std::string compiler;  ///< "GNU 12.2.0" ("" when not recorded)
    std::string lua;       ///< "Lua 5.4.4"

    /// "assay 0.1.0 (commit 583f585abc12, GNU 12.2.0), Lua 5.4.4"; parts not recorded are "not recorded".
    std::string text() const;
    /// Each part that differs from `other`, as "commit a -> b" (this -> other); empty when the same.
    std::vector<std::string> differences(const EngineIdentity& other) const;
};

/// The identity of this engine.
EngineIdentity engine_identity();

/// The identity a record names.
EngineIdentity identity_of(const RunRecord& record);

/// What a record's sealed part calls a dataset loaded from a folder: the seal
/// depends on content only (the files and their names), never on the name of
/// the folder or the path they were read from.
inline constexpr std::string_view sealed_dataset_name = "dataset";

/// Builds the sealed record of a finished run. `dataset_path` is the folder
/// or file the dataset was loaded from and `pack.dir` the pack's folder: their
/// files are read again and must still have the SHA-256 the run pinned
/// (InputError otherwise: an input changed while assay ran). With
/// options.check_published the record's checks include the audit's errors
/// (add_audit_checks), as replay gives them, whether or not `result` has them.
RunRecord make_record(const Pack& pack, const Dataset& dataset, const std::filesystem::path& dataset_path,
                      const AssessOptions& options, const Assessment& result);

/// Builds the sealed record of a finished audit (kind audit): the audit as
/// JSON, every dataset file the loader read plus published_totals.csv when
/// the folder holds one, and the pack's files when `pack` is given.
/// `rounding` is --rounding as given ("" for none). The inputs are read
/// again and must still have the SHA-256 the audit pinned.
RunRecord make_audit_record(const Dataset& dataset, const std::filesystem::path& dataset_path, const Pack* pack,
                            const std::string& rounding, const std::string& audit_json);

/// One shard's part of a run's sealed record (`assay run --shard K/N
/// --record`): the whole run's record without its outcomes (inputs whole,
/// roll-ups, checks and errors; sealed as a record of its own) and this
/// shard's outcomes as the record writes them. `merge_record_shards` joins
/// the N parts into the record one run writes.
struct RecordShard {
    std::string source;  ///< the file it was read from, for messages ("" when made here)
    unsigned k = 1;      ///< this shard, 1..n
    unsigned n = 1;      ///< shards of the run
    uint64_t total = 0;  ///< outcomes in the whole run
    RunRecord base;      ///< the run's record with an empty outcome list
    std::string seal;    ///< the whole run's record's seal (RunRecord::sha256), which the merge must give
    /// This shard's outcomes: position in the run, and the outcome's text in
    /// the record's JSON (from the newline before its '{' to its '}').
    std::vector<std::pair<uint64_t, std::string>> outcomes;
};

/// The record make_record gives, cut for shard k of n: `in_shard(position)`
/// says whether the outcome at that position of `result` is this shard's.
RecordShard make_record_shard(const Pack& pack, const Dataset& dataset, const std::filesystem::path& dataset_path,
                              const AssessOptions& options, const Assessment& result, unsigned k, unsigned n,
                              const std::function<bool(uint64_t position)>& in_shard);

/// The shard's file text: "#assay-shard-record K/N TOTAL SEAL", the base record's
/// text, each outcome as "@POSITION BYTES" and its bytes, then
/// "#assay-end OUTCOMES SHA256" with the SHA-256 of every byte before it.
std::string record_shard_text(const RecordShard& shard);

/// Whether `text` opens as a shard's part of a record.
bool is_record_shard_text(std::string_view text);

/// Parses a shard's part of a record, checking its SHA-256 and its base
/// record's seal; throws InputError naming `source` and the line otherwise.
RecordShard parse_record_shard(std::string_view text, const std::string& source);

/// Joins every shard of one run (each 1..n once, in any order) into the
/// sealed record the run makes unsharded: the same sealed part and seal (the
/// one every shard states), written now and unsigned. Throws InputError
/// naming the file when a shard is missing or repeated, the parts come from
/// different runs, or they do not join into the seal the shards state.
RunRecord merge_record_shards(const std::vector<RecordShard>& shards);

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

/// Signs the record's content as it is now: appends a RecordSignature whose
/// statement holds the seal, the time written, the dataset's label, the
/// engine, the options, every file's name and SHA-256 and the outcome's.
void sign_record(RunRecord& record, const class Signer& signer);

/// What checking a record against trusted public keys found.
struct TrustCheck {
    std::vector<std::string> signed_by;  ///< trusted keys whose signature holds over the record as it is
    std::vector<std::string> problems;   ///< each failure, naming the key and what changed since it signed
    /// Whether a trusted key signed the record and nothing changed since.
    bool ok() const { return !signed_by.empty() && problems.empty(); }
};

/// Checks the record's signatures by the trusted keys: each must verify and
/// its statement must match the record field by field (a record altered and
/// re-sealed after signing fails, naming each file or field that changed).
TrustCheck check_record_trust(const RunRecord& record, const std::vector<class TrustedKey>& trusted);

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
    std::vector<std::string> notes;           ///< versions that differ, inputs replaced
    std::vector<Difference> differences;      ///< what changed against the recorded outcome
    std::string outcome;                      ///< the JSON outcome record the replay produced
    bool identical = false;                   ///< same outcome; byte for byte when the engine version is the same
    EngineIdentity recorded_engine;           ///< the engine that made the record
    EngineIdentity replay_engine;             ///< this engine
    std::vector<std::string> engine_changes;  ///< recorded_engine.differences(replay_engine)
};

/// Re-runs the record from its own copies of the inputs (or the replacements
/// in `options`) at the recorded as-at and compares the outcome with the
/// recorded one. An audit record is audited again (with its rounding and
/// pack) and the audit JSON compared, finding by finding. A record made by another engine or Lua version is replayed
/// with a note saying so. Throws InputError when the inputs cannot be loaded.
ReplayResult replay(const RunRecord& record, const ReplayOptions& options = {});

/// The run record's run again from its own inputs, rendered in `format`
/// (the HTML report of an evidence bundle). Throws InputError for an audit
/// record or inputs that cannot be loaded.
std::string render_record(const RunRecord& record, Format format);

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
    std::string engine_a, engine_b;       ///< each side's engine (EngineIdentity::text for a record)
};

/// Compares run `a` with run `b` and attributes each difference to the
/// rules, the data, or both. When only one of them changed it is the cause;
/// when both changed and both sides are records, the cross combinations (A's
/// rules on B's data, B's rules on A's data) are evaluated to separate them.
DiffResult diff_runs(const RunSide& a, const RunSide& b);

}  // namespace assay
