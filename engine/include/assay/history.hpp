// Run history: a local SQLite database to which each run appends its record,
// rows linked in a hash chain so that an edited, deleted or reordered row is
// detected. Safe for several processes appending at once (WAL mode, one
// immediate transaction per append); a process killed mid-append leaves the
// history as it was. docs/audit.md describes the schema and the chain.
#pragma once

#include <assay/record.hpp>
#include <assay/signing.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

/// The schema version this engine writes (SQLite user_version).
inline constexpr int history_schema = 3;

/// Where a history lives when `--history` names no file.
inline constexpr std::string_view default_history_file = ".assay/history.sqlite";

/// The history file to use: `chosen` when not empty, else `env` (the value of
/// ASSAY_HISTORY) when set and not empty, else default_history_file.
std::filesystem::path resolve_history_path(std::string_view chosen, const char* env);

/// One run (or audit) in the history.
struct HistoryEntry {
    int64_t id = 0;              ///< 1, 2, 3... in the order runs were appended
    std::string kind = "run";    ///< "run", or "audit" for an audit's record (assay audit --history)
    std::string recorded_at;     ///< UTC time of the append
    std::string engine;          ///< assay version of the run
    std::string pack;            ///< pack name
    std::string pack_version;    ///< pack version
    std::string pack_sha256;     ///< digest of the pack's files
    std::string dataset;         ///< dataset name
    std::string dataset_sha256;  ///< digest of the dataset's files
    std::string as_at;           ///< the as-at period used
    std::string ratings;  ///< rating counts: "AMBER 12, GREEN 7, RED 10, unrated 4"; audits: "checked 40, errors 2,
                          ///< roundings 1"
    std::string themes;   ///< theme ratings: "crime AMBER GREEN"
    std::string record_sha256;  ///< the record's seal
    std::string prev_hash;      ///< the previous row's row_hash (64 zeros for the first)
    std::string row_hash;       ///< SHA-256 over prev_hash, record_sha256 and the fields above
    std::string record;         ///< the record file's text (filled by find() only)
};

/// A signature of a history head, as stored.
struct HeadSignature {
    int64_t row = 0;         ///< the row signed as the head
    std::string row_hash;    ///< its row hash when signed
    std::string key;         ///< the key's id
    std::string public_key;  ///< the raw public key, base64 (trust comes from --trust)
    std::string signature;   ///< base64 Ed25519 signature of history_head_statement(row, row_hash)
    std::string signed_at;   ///< UTC time of signing
};

/// A problem verify() found, naming the row.
struct HistoryProblem {
    int64_t row = 0;      ///< the row concerned (0 for the history as a whole)
    std::string message;  ///< what is wrong: edited, missing, out of order...
};

/// The result of verifying a history.
struct HistoryCheck {
    int64_t rows = 0;                      ///< rows present
    std::string head;                      ///< row_hash of the last row, to note down
    std::vector<HistoryProblem> problems;  ///< empty when the chain and every record are intact
    int64_t signed_row = 0;                ///< with trusted keys: the last row whose head a trusted key signed
    std::vector<std::string> signed_by;    ///< with trusted keys: the trusted keys whose head signatures hold
    int64_t replayed = 0;                  ///< with replay: the records re-run
    /// Whether nothing is wrong.
    bool ok() const { return problems.empty(); }
};

/// A history database, open for reading and appending.
class History {
public:
    /// Opens the history at `path`. With `create`, a missing file (and its
    /// folder) is created and an older schema migrated; without, a missing
    /// file is an InputError. Throws InputError when the file is not a
    /// history or was written by a newer schema.
    History(const std::filesystem::path& path, bool create);
    ~History();
    History(const History&) = delete;
    History& operator=(const History&) = delete;

    /// Appends a run or an audit (by the record's kind) in one immediate transaction, waiting for other writers;
    /// returns its id. `recorded_at` is the UTC time of the append.
    int64_t append(const RunRecord& record, const std::string& recorded_at);
    /// append(), and in the same transaction, with a signer, a signature of the new head.
    int64_t append(const RunRecord& record, const std::string& recorded_at, const Signer* signer);
    /// Signs the current head (the last row's id and row hash); returns the row signed.
    /// Throws InputError when the history is empty.
    int64_t sign_head(const Signer& signer, const std::string& signed_at);
    /// Every run, oldest first, without the record text.
    std::vector<HistoryEntry> list() const;
    /// Every head signature, oldest first.
    std::vector<HeadSignature> head_signatures() const;
    /// The run with this id, with its record text.
    std::optional<HistoryEntry> find(int64_t id) const;
    /// Re-checks every row's hash, the chain between rows and every stored record.
    HistoryCheck verify() const;
    /// verify(), and with `trusted` keys: every head signature by a trusted
    /// key must verify and name a row that is still there with the row hash
    /// it signed (a rewound or re-chained history fails, naming the row), at
    /// least one must exist, and no row may follow the last signed head;
    /// records signed by a trusted key must be unchanged since. With
    /// `replay_records`, each stored record is also re-run and must give its
    /// recorded outcome.
    HistoryCheck verify(const std::vector<TrustedKey>& trusted, bool replay_records) const;
    /// The file's schema version.
    int schema_version() const;

private:
    struct Db;                ///< the SQLite connection, opaque so this header needs no SQLite
    std::unique_ptr<Db> db_;  ///< open for the life of the object
};

/// The row hash of an entry: SHA-256 of a length-prefixed serialisation of
/// prev_hash, record_sha256, recorded_at, engine, pack, pack_version,
/// pack_sha256, dataset, dataset_sha256, as_at, ratings and themes, then
/// for an audit its kind (a run's rows hash as they did before kinds).
std::string history_row_hash(const HistoryEntry& e);

/// What a head signature signs: "assay-history-head-1\nrow <id>\nrow_hash <hash>\n".
std::string history_head_statement(int64_t row, const std::string& row_hash);

}  // namespace assay
