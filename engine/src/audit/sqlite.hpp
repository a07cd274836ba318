// A thin RAII layer over SQLite for the history: a connection and prepared
// statements whose failures become InputError (a file that is not a usable
// database) or Fatal (a write that cannot be made), naming the file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace assay::audit {

/// An open SQLite connection.
class Sqlite {
public:
    /// Opens `path`, creating it when `create`; sets a busy timeout so that
    /// writers wait for each other instead of failing.
    Sqlite(const std::filesystem::path& path, bool create);
    ~Sqlite();
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;
    /// Runs SQL that returns no rows; throws on failure.
    void exec(const std::string& sql);
    /// The raw handle, for statements.
    sqlite3* handle() const { return db_; }
    /// The file, for messages.
    const std::string& name() const { return name_; }
    /// Throws the error for result code `rc` of the last call, with `what` was being done.
    [[noreturn]] void fail(int rc, std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string name_;
};

/// A prepared statement, finalised on destruction.
class Statement {
public:
    /// Prepares `sql` on `db`; throws on failure.
    Statement(const Sqlite& db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    /// Binds text to the 1-based parameter `i`.
    Statement& bind(int i, std::string_view text);
    /// Binds a number to the 1-based parameter `i`.
    Statement& bind(int i, int64_t value);
    /// Steps once: true when a row is available, false when done; throws on error.
    bool step();
    /// Column `i` of the current row as text ("" for NULL).
    std::string text(int i) const;
    /// Column `i` of the current row as a number.
    int64_t integer(int i) const;

private:
    const Sqlite& db_;
    sqlite3_stmt* stmt_ = nullptr;
};

/// Commits on commit(), rolls back if destroyed first.
class Transaction {
public:
    /// BEGIN IMMEDIATE: takes the write lock now (waiting up to the busy timeout).
    explicit Transaction(Sqlite& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    /// COMMIT.
    void commit();

private:
    Sqlite& db_;
    bool done_ = false;
};

}  // namespace assay::audit
