// Run history: a local SQLite database to which each run appends its record,
// rows linked in a hash chain so that an edited, deleted or reordered row is
// detected. Safe for several processes appending at once (WAL mode, one
// immediate transaction per append); a process killed mid-append leaves the
// history as it was. docs/audit.md describes the schema and the chain.
#pragma once

#include <assay/record.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

/// The schema version this engine writes (SQLite user_version).
inline constexpr int history_schema = 1;

/// Where a history lives when `--history` names no file.
inline constexpr std::string_view default_history_file = ".assay/history.sqlite";

/// The history file to use: `chosen` when not empty, else `env` (the value of
/// ASSAY_HISTORY) when set and not empty, else default_history_file.
std::filesystem::path resolve_history_path(std::string_view chosen, const char* env);

/// One run in the history.
struct HistoryEntry {
    int64_t id = 0;              ///< 1, 2, 3... in the order runs were appended
    std::string recorded_at;     ///< UTC time of the append
    std::string engine;          ///< assay version of the run
    std::string pack;            ///< pack name
    std::string pack_version;    ///< pack version
    std::string pack_sha256;     ///< digest of the pack's files
    std::string dataset;         ///< dataset name
    std::string dataset_sha256;  ///< digest of the dataset's files
    std::string as_at;           ///< the as-at period used
    std::string ratings;         ///< rating counts over the outcomes: "AMBER 12, GREEN 7, RED 10, unrated 4"
    std::string themes;          ///< theme ratings: "crime AMBER GREEN"
    std::string record_sha256;   ///< the record's seal
    std::string prev_hash;       ///< the previous row's row_hash (64 zeros for the first)
    std::string row_hash;        ///< SHA-256 over prev_hash, record_sha256 and the fields above
    std::string record;          ///< the record file's text (filled by find() only)
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

    /// Appends a run in one immediate transaction, waiting for other writers;
    /// returns its id. `recorded_at` is the UTC time of the append.
    int64_t append(const RunRecord& record, const std::string& recorded_at);
    /// Every run, oldest first, without the record text.
    std::vector<HistoryEntry> list() const;
    /// The run with this id, with its record text.
    std::optional<HistoryEntry> find(int64_t id) const;
    /// Re-checks every row's hash, the chain between rows and every stored record.
    HistoryCheck verify() const;
    /// The file's schema version.
    int schema_version() const;

private:
    struct Db;                ///< the SQLite connection, opaque so this header needs no SQLite
    std::unique_ptr<Db> db_;  ///< open for the life of the object
};

/// The row hash of an entry: SHA-256 of a length-prefixed serialisation of
/// prev_hash, record_sha256, recorded_at, engine, pack, pack_version,
/// pack_sha256, dataset, dataset_sha256, as_at, ratings and themes.
std::string history_row_hash(const HistoryEntry& e);

}  // namespace assay
