// SQLite RAII helpers (see sqlite.hpp).
#include "audit/sqlite.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

namespace assay::audit {

namespace {
/// How long a writer waits for another before giving up.
constexpr int busy_timeout_ms = 60'000;
}  // namespace

Sqlite::Sqlite(const std::filesystem::path& path, bool create) : name_(path.string()) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(name_.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError(Error{SourceLoc{name_, 0, 0}, "cannot open the history: " + msg});
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Sqlite::~Sqlite() {
    sqlite3_close(db_);
}

void Sqlite::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        fail(rc, msg);
    }
}

void Sqlite::fail(int rc, std::string_view what) const {
    int primary = rc & 0xFF;
    std::string msg = fmt::format("{} ({})", what, db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        throw InputError(Error{SourceLoc{name_, 0, 0}, "not a usable history database: " + msg});
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        throw Fatal(fmt::format("{}: the history stayed locked by another process: {}", name_, msg));
    throw Fatal(fmt::format("{}: {}", name_, msg));
}

Statement::Statement(const Sqlite& db, const char* sql) : db_(db) {
    int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, fmt::format("cannot prepare \"{}\"", sql));
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int i, std::string_view text) {
    int rc = sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_.fail(rc, "cannot bind a value");
    return *this;
}

Statement& Statement::bind(int i, int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, i, value);
    if (rc != SQLITE_OK) db_.fail(rc, "cannot bind a value");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail(rc, "statement failed");
}

std::string Statement::text(int i) const {
    const unsigned char* p = sqlite3_column_text(stmt_, i);
    int n = sqlite3_column_bytes(stmt_, i);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

int64_t Statement::integer(int i) const {
    return sqlite3_column_int64(stmt_, i);
}

Transaction::Transaction(Sqlite& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace assay::audit
