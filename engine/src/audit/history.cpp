// The run history (see history.hpp). Schema version 3:
//
//   runs(id, recorded_at, engine, pack, pack_version, pack_sha256, dataset,
//        dataset_sha256, as_at, ratings, themes, record, record_sha256,
//        prev_hash, row_hash, kind)        -- kind 'run' or 'audit' (3)
//   signatures(id, row_id, row_hash, key, public_key, signature, signed_at) (2)
//   chain(id = 1, last_id, head)   -- the id and row_hash of the last append
//
// Each append reads the chain head and writes the new row and the new head
// in one BEGIN IMMEDIATE transaction, so concurrent writers take turns and a
// killed writer leaves nothing behind. The head is kept apart from the rows
// so that deleting the last rows is detected too.
#include "audit/json_text.hpp"
#include "audit/sqlite.hpp"
#include "report/outcome_record.hpp"

#include <assay/hash.hpp>
#include <assay/history.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

namespace assay {
namespace {

namespace fs = std::filesystem;

const std::string genesis(64, '0');

/// Schema steps: migrations[n] takes a file from user_version n to n + 1.
const char* const migrations[] = {
    R"(CREATE TABLE runs (
         id INTEGER PRIMARY KEY,
         recorded_at TEXT NOT NULL,
         engine TEXT NOT NULL,
         pack TEXT NOT NULL,
         pack_version TEXT NOT NULL,
         pack_sha256 TEXT NOT NULL,
         dataset TEXT NOT NULL,
         dataset_sha256 TEXT NOT NULL,
         as_at TEXT NOT NULL,
         ratings TEXT NOT NULL,
         themes TEXT NOT NULL,
         record TEXT NOT NULL,
         record_sha256 TEXT NOT NULL,
         prev_hash TEXT NOT NULL,
         row_hash TEXT NOT NULL);
       CREATE TABLE chain (
         id INTEGER PRIMARY KEY CHECK (id = 1),
         last_id INTEGER NOT NULL,
         head TEXT NOT NULL);
       INSERT INTO chain (id, last_id, head) VALUES (1, 0, ')"
    "0000000000000000000000000000000000000000000000000000000000000000"
    R"(');)",
    // 1 -> 2: signatures of heads (history_head_statement) by Ed25519 keys.
    R"(CREATE TABLE signatures (
         id INTEGER PRIMARY KEY,
         row_id INTEGER NOT NULL,
         row_hash TEXT NOT NULL,
         key TEXT NOT NULL,
         public_key TEXT NOT NULL,
         signature TEXT NOT NULL,
         signed_at TEXT NOT NULL);)",
    // 2 -> 3: audits kept beside runs; every row before was a run's.
    R"(ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'run';)",
};
static_assert(std::size(migrations) == history_schema);

constexpr const char* columns =
    "id, recorded_at, engine, pack, pack_version, pack_sha256, dataset, dataset_sha256, as_at, ratings, themes, "
    "record_sha256, prev_hash, row_hash, kind";

HistoryEntry read_entry(const audit::Statement& st) {
    HistoryEntry e;
    e.id = st.integer(0);
    e.recorded_at = st.text(1);
    e.engine = st.text(2);
    e.pack = st.text(3);
    e.pack_version = st.text(4);
    e.pack_sha256 = st.text(5);
    e.dataset = st.text(6);
    e.dataset_sha256 = st.text(7);
    e.as_at = st.text(8);
    e.ratings = st.text(9);
    e.themes = st.text(10);
    e.record_sha256 = st.text(11);
    e.prev_hash = st.text(12);
    e.row_hash = st.text(13);
    e.kind = st.text(14);
    return e;
}

/// The metadata columns of a record: what it ran and what it concluded.
HistoryEntry describe(const RunRecord& r) {
    HistoryEntry e;
    e.engine = r.engine_version;
    e.pack = r.pack_name;
    e.pack_version = r.pack_version;
    e.pack_sha256 = r.pack_sha256;
    e.dataset = r.dataset_label.empty() ? r.dataset_name : r.dataset_label;
    e.dataset_sha256 = r.dataset_sha256;
    e.as_at = r.as_at;
    e.record_sha256 = r.sha256;
    if (r.kind == RecordKind::audit) {
        // What the audit concluded, from its JSON.
        e.kind = "audit";
        nlohmann::json a = audit::parse_json(r.outcome, "the record's audit");
        auto count = [&](const char* key) {
            return a.is_object() && a.contains(key) && a[key].is_number_integer() ? a[key].get<int64_t>() : 0;
        };
        e.ratings =
            fmt::format("checked {}, errors {}, roundings {}", count("checked"), count("errors"), count("roundings"));
        return e;
    }
    const std::string source = "the record's outcome";
    outcome_record::Results results = outcome_record::read_results(audit::parse_json(r.outcome, source), source);
    std::map<std::string, int> ratings;
    int unrated = 0;
    for (const auto& out : results.outcomes) {
        if (!out.rating.empty())
            ++ratings[out.rating];
        else
            ++unrated;
    }
    std::vector<std::string> parts;
    for (const auto& [label, n] : ratings) parts.push_back(fmt::format("{} {}", label, n));
    if (unrated) parts.push_back(fmt::format("unrated {}", unrated));
    e.ratings = fmt::format("{}", fmt::join(parts, ", "));
    parts.clear();
    for (const auto& t : results.themes)
        parts.push_back(fmt::format("{} {}", t.id, t.rating.empty() ? std::string("none") : t.rating));
    e.themes = fmt::format("{}", fmt::join(parts, "; "));
    return e;
}

/// Sets WAL mode, retrying while another process holds the lock it needs.
void use_wal(audit::Sqlite& db) {
    for (int attempt = 0;; ++attempt) {
        int rc = sqlite3_exec(db.handle(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) return;
        if ((rc & 0xFF) != SQLITE_BUSY || attempt > 600) db.fail(rc, "cannot switch the history to WAL mode");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

int user_version(const audit::Sqlite& db) {
    audit::Statement st(db, "PRAGMA user_version");
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

}  // namespace

struct History::Db {
    audit::Sqlite sql;
    Db(const fs::path& path, bool create) : sql(path, create) {}
};

fs::path resolve_history_path(std::string_view chosen, const char* env) {
    if (!chosen.empty()) return fs::path(chosen);
    if (env && *env) return fs::path(env);
    return fs::path(default_history_file);
}

std::string history_row_hash(const HistoryEntry& e) {
    // Length-prefixed, so no field can run into the next.
    std::string s = "assay-history-row-1\n";
    for (const std::string* f : {&e.prev_hash, &e.record_sha256, &e.recorded_at, &e.engine, &e.pack, &e.pack_version,
                                 &e.pack_sha256, &e.dataset, &e.dataset_sha256, &e.as_at, &e.ratings, &e.themes})
        s += fmt::format("{}:{}\n", f->size(), *f);
    // Rows from before kinds were kept are runs and keep their hashes.
    if (e.kind != "run") s += fmt::format("kind {}:{}\n", e.kind.size(), e.kind);
    return sha256_hex(s);
}

History::History(const fs::path& path, bool create) {
    std::error_code ec;
    if (!create && !fs::exists(path, ec))
        throw InputError(Error{SourceLoc{path.string(), 0, 0},
                               "no history here: runs are kept with assay run --history (or ASSAY_HISTORY set)"});
    if (create && path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    db_ = std::make_unique<Db>(path, create);
    audit::Sqlite& db = db_->sql;
    use_wal(db);
    db.exec("PRAGMA synchronous=FULL");

    int version = user_version(db);
    if (version > history_schema)
        throw InputError(Error{SourceLoc{db.name(), 0, 0},
                               fmt::format("history schema {} is newer than this assay knows ({}): use a newer assay",
                                           version, history_schema)});
    if (version == history_schema) return;
    audit::Transaction t(db);
    version = user_version(db);  // another process may have migrated meanwhile
    if (version == 0) {
        audit::Statement tables(db, "SELECT count(*) FROM sqlite_master");
        if (tables.step() && tables.integer(0) > 0)
            throw InputError(
                Error{SourceLoc{db.name(), 0, 0}, "not an assay history: the database holds other tables"});
    }
    for (int v = version; v < history_schema; ++v) db.exec(migrations[v]);
    db.exec(fmt::format("PRAGMA user_version = {}", history_schema));
    t.commit();
}

History::~History() = default;

int History::schema_version() const {
    return user_version(db_->sql);
}

std::string history_head_statement(int64_t row, const std::string& row_hash) {
    return fmt::format("assay-history-head-1\nrow {}\nrow_hash {}\n", row, row_hash);
}

namespace {

void insert_signature(audit::Sqlite& db, int64_t row, const std::string& row_hash, const Signer& signer,
                      const std::string& signed_at) {
    audit::Statement st(db,
                        "INSERT INTO signatures (row_id, row_hash, key, public_key, signature, signed_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, row).bind(2, row_hash).bind(3, signer.key_id()).bind(4, signer.public_key());
    st.bind(5, signer.sign(history_head_statement(row, row_hash))).bind(6, signed_at);
    st.step();
}

}  // namespace

int64_t History::sign_head(const Signer& signer, const std::string& signed_at) {
    audit::Sqlite& db = db_->sql;
    audit::Transaction t(db);
    int64_t row = 0;
    std::string hash;
    {
        audit::Statement head(db, "SELECT last_id, head FROM chain WHERE id = 1");
        if (!head.step()) throw InputError(Error{SourceLoc{db.name(), 0, 0}, "the history has lost its chain head"});
        row = head.integer(0);
        hash = head.text(1);
    }
    if (row == 0) throw InputError(Error{SourceLoc{db.name(), 0, 0}, "the history is empty: there is no head to sign"});
    insert_signature(db, row, hash, signer, signed_at);
    t.commit();
    return row;
}

int64_t History::append(const RunRecord& record, const std::string& recorded_at) {
    return append(record, recorded_at, nullptr);
}

int64_t History::append(const RunRecord& record, const std::string& recorded_at, const Signer* signer) {
    HistoryEntry e = describe(record);
    e.recorded_at = recorded_at;
    e.record = record_text(record);
    audit::Sqlite& db = db_->sql;
    audit::Transaction t(db);
    {
        audit::Statement head(db, "SELECT last_id, head FROM chain WHERE id = 1");
        if (!head.step()) throw InputError(Error{SourceLoc{db.name(), 0, 0}, "the history has lost its chain head"});
        e.id = head.integer(0) + 1;
        e.prev_hash = head.text(1);
    }
    e.row_hash = history_row_hash(e);
    audit::Statement insert(db,
                            "INSERT INTO runs (id, recorded_at, engine, pack, pack_version, pack_sha256, dataset, "
                            "dataset_sha256, as_at, ratings, themes, record, record_sha256, prev_hash, row_hash, kind) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    insert.bind(1, e.id).bind(2, e.recorded_at).bind(3, e.engine).bind(4, e.pack).bind(5, e.pack_version);
    insert.bind(6, e.pack_sha256).bind(7, e.dataset).bind(8, e.dataset_sha256).bind(9, e.as_at).bind(10, e.ratings);
    insert.bind(11, e.themes).bind(12, e.record).bind(13, e.record_sha256).bind(14, e.prev_hash).bind(15, e.row_hash);
    insert.bind(16, e.kind);
    insert.step();
    audit::Statement head(db, "UPDATE chain SET last_id = ?1, head = ?2 WHERE id = 1");
    head.bind(1, e.id).bind(2, e.row_hash);
    head.step();
    if (signer) insert_signature(db, e.id, e.row_hash, *signer, recorded_at);
    t.commit();
    return e.id;
}

std::vector<HistoryEntry> History::list() const {
    std::vector<HistoryEntry> out;
    audit::Statement st(db_->sql, fmt::format("SELECT {} FROM runs ORDER BY id", columns).c_str());
    while (st.step()) out.push_back(read_entry(st));
    return out;
}

std::vector<HeadSignature> History::head_signatures() const {
    std::vector<HeadSignature> out;
    audit::Statement st(db_->sql,
                        "SELECT row_id, row_hash, key, public_key, signature, signed_at FROM signatures ORDER BY id");
    while (st.step()) out.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    return out;
}

std::optional<HistoryEntry> History::find(int64_t id) const {
    audit::Statement st(db_->sql, fmt::format("SELECT {}, record FROM runs WHERE id = ?1", columns).c_str());
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    HistoryEntry e = read_entry(st);
    e.record = st.text(15);
    return e;
}

namespace {

/// Problems within one row: its record, its columns against the record, its row hash.
void check_row(const HistoryEntry& e, std::vector<HistoryProblem>& problems, const std::vector<TrustedKey>& trusted,
               bool replay_record) {
    auto problem = [&](std::string message) { problems.push_back({e.id, std::move(message)}); };
    try {
        RunRecord r = parse_record(e.record, fmt::format("the record of row {}", e.id));
        // A record signed by a trusted key must be as it was signed.
        bool by_trusted = false;
        for (const RecordSignature& s : r.signatures)
            for (const TrustedKey& k : trusted) by_trusted |= s.key == k.key_id();
        if (by_trusted)
            for (const std::string& p : check_record_trust(r, trusted).problems)
                problem(fmt::format("row {}: its record: {}", e.id, p));
        if (replay_record) {
            ReplayResult res = replay(r);
            if (!res.identical) {
                const Difference& d = res.differences.front();
                problem(fmt::format("row {}: replaying its record gives {} difference{}, the first {}{}{}: {} -> {}",
                                    e.id, res.differences.size(), res.differences.size() == 1 ? "" : "s", d.subject,
                                    d.field.empty() ? "" : " ", d.field, d.before, d.after));
            }
        }
        if (r.sha256 != e.record_sha256)
            problem(fmt::format("row {}: its stored record (seal {}) is not the one the row was written with ({})",
                                e.id, r.sha256, e.record_sha256));
        HistoryEntry d = describe(r);
        const std::pair<const char*, std::pair<const std::string*, const std::string*>> fields[] = {
            {"kind", {&e.kind, &d.kind}},
            {"engine", {&e.engine, &d.engine}},
            {"pack", {&e.pack, &d.pack}},
            {"pack_version", {&e.pack_version, &d.pack_version}},
            {"pack_sha256", {&e.pack_sha256, &d.pack_sha256}},
            {"dataset", {&e.dataset, &d.dataset}},
            {"dataset_sha256", {&e.dataset_sha256, &d.dataset_sha256}},
            {"as_at", {&e.as_at, &d.as_at}},
            {"ratings", {&e.ratings, &d.ratings}},
            {"themes", {&e.themes, &d.themes}},
        };
        for (const auto& [name, values] : fields)
            if (*values.first != *values.second)
                problem(fmt::format("row {}: {} says \"{}\" but its record says \"{}\"", e.id, name, *values.first,
                                    *values.second));
    } catch (const InputError& err) {
        problem(fmt::format("row {}: its stored record was edited or damaged: {}", e.id, err.error().message));
    }
    if (history_row_hash(e) != e.row_hash)
        problem(fmt::format("row {}: edited: its fields no longer give its row hash", e.id));
}

/// Head signatures by trusted keys: each verifies and names a row still there with the hash it signed.
void check_head_signatures(const audit::Sqlite& db, const std::vector<HistoryEntry>& rows,
                           const std::vector<TrustedKey>& trusted, HistoryCheck& check) {
    std::map<int64_t, std::string> hash_of;
    for (const HistoryEntry& e : rows) hash_of[e.id] = e.row_hash;
    auto short_hash = [](const std::string& h) { return h.substr(0, 12) + "…"; };
    audit::Statement st(db, "SELECT id, row_id, row_hash, key, signature, signed_at FROM signatures ORDER BY id");
    std::vector<std::string> ids;
    for (const TrustedKey& k : trusted) ids.push_back(k.key_id());
    while (st.step()) {
        int64_t row = st.integer(1);
        std::string hash = st.text(2), key = st.text(3), signed_at = st.text(5);
        const TrustedKey* k = nullptr;
        for (const TrustedKey& t : trusted)
            if (t.key_id() == key) k = &t;
        if (!k) continue;
        if (!k->verify(history_head_statement(row, hash), st.text(4))) {
            check.problems.push_back(
                {row, fmt::format("the signature of {} on the head at row {} ({}) does not verify: "
                                  "the signature or the row hash it names was edited",
                                  key, row, signed_at)});
            continue;
        }
        auto it = hash_of.find(row);
        if (it == hash_of.end()) {
            check.problems.push_back(
                {row, fmt::format("row {} was signed by {} as the head ({}, row hash {}) but is missing: the history "
                                  "was rewound or cut back",
                                  row, key, signed_at, short_hash(hash))});
            continue;
        }
        if (it->second != hash) {
            check.problems.push_back(
                {row, fmt::format("row {} was signed by {} with row hash {} ({}), but now has {}: the row or one "
                                  "before it was edited and the chain re-made",
                                  row, key, short_hash(hash), signed_at, short_hash(it->second))});
            continue;
        }
        check.signed_row = std::max(check.signed_row, row);
        if (std::find(check.signed_by.begin(), check.signed_by.end(), key) == check.signed_by.end())
            check.signed_by.push_back(key);
    }
    if (check.signed_row == 0 && !rows.empty()) {
        check.problems.push_back(
            {0, fmt::format("no head of this history is signed by a trusted key ({})", fmt::join(ids, ", "))});
    } else if (!rows.empty() && rows.back().id > check.signed_row) {
        int64_t last = rows.back().id;
        check.problems.push_back(
            {last, last == check.signed_row + 1
                       ? fmt::format("row {} was appended after the last head a trusted key signed (row {}): nothing "
                                     "vouches for it",
                                     last, check.signed_row)
                       : fmt::format("rows {} to {} were appended after the last head a trusted key signed (row {}): "
                                     "nothing vouches for them",
                                     check.signed_row + 1, last, check.signed_row)});
    }
}

}  // namespace

HistoryCheck History::verify() const {
    return verify({}, false);
}

HistoryCheck History::verify(const std::vector<TrustedKey>& trusted, bool replay_records) const {
    HistoryCheck check;
    std::vector<HistoryEntry> rows;
    {
        audit::Statement st(db_->sql, fmt::format("SELECT {}, record FROM runs ORDER BY id", columns).c_str());
        while (st.step()) {
            HistoryEntry e = read_entry(st);
            e.record = st.text(15);
            check_row(e, check.problems, trusted, replay_records);
            if (replay_records) ++check.replayed;
            e.record.clear();
            rows.push_back(std::move(e));
        }
    }
    check.rows = static_cast<int64_t>(rows.size());

    std::map<std::string, int64_t> by_hash;
    for (const HistoryEntry& e : rows) by_hash.emplace(e.row_hash, e.id);
    std::string expected = genesis;
    int64_t prev_id = 0;
    for (const HistoryEntry& e : rows) {
        if (e.prev_hash != expected) {
            auto it = by_hash.find(e.prev_hash);
            if (it != by_hash.end() && it->second != prev_id)
                check.problems.push_back({e.id, fmt::format("row {} is out of order: it does not follow row {} but "
                                                            "was appended after row {}",
                                                            e.id, prev_id, it->second)});
            else if (e.id > prev_id + 1)
                check.problems.push_back(
                    {e.id,
                     e.id == prev_id + 2
                         ? fmt::format("row {} is missing: deleted (row {} was appended after it)", prev_id + 1, e.id)
                         : fmt::format("rows {} to {} are missing: deleted (row {} was appended after them)",
                                       prev_id + 1, e.id - 1, e.id)});
            else
                check.problems.push_back(
                    {e.id, fmt::format("row {} does not follow row {}: a row between them was deleted or row {} was "
                                       "replaced",
                                       e.id, prev_id, prev_id)});
        } else if (e.id != prev_id + 1) {
            check.problems.push_back({e.id, fmt::format("row {} was renumbered: it follows row {}", e.id, prev_id)});
        }
        expected = e.row_hash;
        prev_id = e.id;
    }

    audit::Statement head(db_->sql, "SELECT last_id, head FROM chain WHERE id = 1");
    if (!head.step()) {
        check.problems.push_back({0, "the chain head is missing"});
        return check;
    }
    int64_t last_id = head.integer(0);
    check.head = head.text(1);
    if (last_id > prev_id)
        check.problems.push_back({last_id, last_id == prev_id + 1
                                               ? fmt::format("row {} is missing: the last run was deleted", last_id)
                                               : fmt::format("rows {} to {} are missing: the last runs were deleted",
                                                             prev_id + 1, last_id)});
    else if (check.head != expected)
        check.problems.push_back({prev_id, fmt::format("the chain head does not match row {}: the last row was edited, "
                                                       "replaced or added by hand",
                                                       prev_id)});
    if (!trusted.empty()) check_head_signatures(db_->sql, rows, trusted, check);
    return check;
}

}  // namespace assay
