// The run history: appends, listing, the hash chain, and verify naming an
// edited, deleted or reordered row; writers on several connections at once;
// schema versions.
#include "fixture.hpp"

#include <assay/history.hpp>

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <thread>

using namespace assay;
using namespace assay::test;

namespace {

const RunRecord& run_2007() {
    static const RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    return r;
}

const RunRecord& run_2006() {
    static const RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"), "2005/06");
    return r;
}

/// Runs SQL on the history file behind the engine's back, as someone editing it would.
void tamper(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(h);
    REQUIRE(rc == SQLITE_OK);
}

/// A history of `n` runs alternating 2006/07 and 2005/06.
std::filesystem::path history_of(const Scratch& tmp, int n) {
    auto path = tmp.path / "h" / "history.sqlite";
    History h(path, true);
    for (int i = 0; i < n; ++i)
        h.append(i % 2 ? run_2006() : run_2007(), "2024-10-0" + std::to_string(i + 1) + "T00:00:00Z");
    return path;
}

std::vector<std::string> problems(const std::filesystem::path& path) {
    std::vector<std::string> out;
    for (const HistoryProblem& p : History(path, false).verify().problems) out.push_back(p.message);
    return out;
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
    for (const std::string& l : lines)
        if (l.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("resolve_history_path: the flag, else ASSAY_HISTORY, else the default", "[audit][history]") {
    CHECK(resolve_history_path("x.sqlite", "env.sqlite") == "x.sqlite");
    CHECK(resolve_history_path("", "env.sqlite") == "env.sqlite");
    CHECK(resolve_history_path("", "") == ".assay/history.sqlite");
    CHECK(resolve_history_path("", nullptr) == ".assay/history.sqlite");
}

TEST_CASE("runs are appended, listed and found with their records", "[audit][history]") {
    Scratch tmp;
    auto path = history_of(tmp, 2);
    History h(path, false);
    CHECK(h.schema_version() == history_schema);
    std::vector<HistoryEntry> runs = h.list();
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].id == 1);
    CHECK(runs[0].as_at == "2006/07");
    CHECK(runs[0].themes == "crime AMBER GREEN");
    CHECK(runs[0].ratings == "AMBER 12, GREEN 7, RED 10, unrated 4");
    CHECK(runs[0].prev_hash == std::string(64, '0'));
    CHECK(runs[1].as_at == "2005/06");
    CHECK(runs[1].themes == "crime AMBER RED");
    CHECK(runs[1].prev_hash == runs[0].row_hash);
    CHECK(runs[1].row_hash == history_row_hash(runs[1]));
    CHECK(runs[0].record.empty());
    auto one = h.find(2);
    REQUIRE(one);
    CHECK(parse_record(one->record, "row 2").sha256 == run_2006().sha256);
    CHECK_FALSE(h.find(3));
    HistoryCheck check = h.verify();
    CHECK(check.ok());
    CHECK(check.rows == 2);
    CHECK(check.head == runs[1].row_hash);
}

TEST_CASE("verify names an edited outcome", "[audit][history]") {
    Scratch tmp;
    auto path = history_of(tmp, 4);
    tamper(path, "UPDATE runs SET record = replace(record, 'AMBER GREEN', 'GREEN') WHERE id = 3");
    auto found = problems(path);
    REQUIRE(found.size() == 1);
    CHECK(found[0].starts_with("row 3: its stored record was edited or damaged"));
}

TEST_CASE("verify names an edited column", "[audit][history]") {
    Scratch tmp;
    auto path = history_of(tmp, 3);
    tamper(path, "UPDATE runs SET as_at = '2004/05' WHERE id = 2");
    auto found = problems(path);
    CHECK(mentions(found, "row 2: as_at says \"2004/05\" but its record says \"2005/06\""));
    CHECK(mentions(found, "row 2: edited"));
}

TEST_CASE("verify names a deleted row, in the middle or at the end", "[audit][history]") {
    Scratch tmp;
    auto path = history_of(tmp, 4);
    SECTION("middle") {
        tamper(path, "DELETE FROM runs WHERE id = 2");
        CHECK(problems(path) == std::vector<std::string>{"row 2 is missing: deleted (row 3 was appended after it)"});
    }
    SECTION("last") {
        tamper(path, "DELETE FROM runs WHERE id = 4");
        CHECK(problems(path) == std::vector<std::string>{"row 4 is missing: the last run was deleted"});
    }
}

TEST_CASE("verify names a swapped pair", "[audit][history]") {
    Scratch tmp;
    auto path = history_of(tmp, 4);
    tamper(path,
           "UPDATE runs SET id = -1 WHERE id = 2; UPDATE runs SET id = 2 WHERE id = 3; "
           "UPDATE runs SET id = 3 WHERE id = -1");
    auto found = problems(path);
    CHECK(mentions(found, "row 2 is out of order: it does not follow row 1 but was appended after row 3"));
    CHECK(mentions(found, "row 3 is out of order"));
    for (const std::string& p : found) CHECK(p.find("edited") == std::string::npos);  // nothing edited, only moved
}

TEST_CASE("appends after a deletion keep the gap visible", "[audit][history]") {
    Scratch tmp;
    auto path = history_of(tmp, 3);
    tamper(path, "DELETE FROM runs WHERE id = 3");
    History(path, true).append(run_2007(), "2024-11-01T00:00:00Z");
    CHECK(mentions(problems(path), "row 3 is missing"));
}

TEST_CASE("writers on separate connections at once all land, chained", "[audit][history]") {
    Scratch tmp;
    auto path = tmp.path / "concurrent.sqlite";
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
        writers.emplace_back([&path, w] {
            History h(path, true);  // each thread its own connection, as separate processes would have
            for (int i = 0; i < 5; ++i) h.append(w % 2 ? run_2006() : run_2007(), "2024-10-01T00:00:00Z");
        });
    for (std::thread& t : writers) t.join();
    History h(path, false);
    CHECK(h.list().size() == 20);
    HistoryCheck check = h.verify();
    CHECK(check.ok());
    CHECK(check.rows == 20);
}

TEST_CASE("schema versions: new files are migrated, newer ones and other databases refused", "[audit][history]") {
    Scratch tmp;
    CHECK_THROWS_WITH(History(tmp.path / "none.sqlite", false), Catch::Contains("no history here"));

    auto old = tmp.path / "empty.sqlite";
    tamper(old, "PRAGMA user_version = 0");
    CHECK(History(old, false).schema_version() == history_schema);

    auto newer = tmp.path / "newer.sqlite";
    tamper(newer, "PRAGMA user_version = 99");
    CHECK_THROWS_WITH(History(newer, true), Catch::Contains("newer than this assay"));

    auto other = tmp.path / "other.sqlite";
    tamper(other, "CREATE TABLE t (x)");
    CHECK_THROWS_WITH(History(other, true), Catch::Contains("not an assay history"));

    auto text = tmp.path / "text.sqlite";
    write_file_atomic(text, "this is not a database, it is a text file of some length........................\n");
    CHECK_THROWS_AS(History(text, true), InputError);
}
