// Audits kept as evidence: a sealed audit record holds the audit as JSON and
// every input (published_totals.csv included), reads back, replays
// identical, names the finding that a forged audit changed, signs, and goes
// into the history beside runs, including a history written before audits
// were kept (schema 2), which is migrated in place.
#include "fixture.hpp"

#include <assay/audit.hpp>
#include <assay/audit_render.hpp>
#include <assay/history.hpp>
#include <assay/signing.hpp>

#include <catch2/catch.hpp>

#include <sqlite3.h>

using namespace assay;
using namespace assay::test;

namespace {

/// The audit record of `dataset` (with `pack_dir` when not empty), as `assay audit --record` makes it.
RunRecord audit_record_of(const std::filesystem::path& dataset, const std::filesystem::path& pack_dir = {},
                          const std::string& rounding = "") {
    Dataset data = load_dataset(dataset);
    std::optional<Pack> pack;
    AuditOptions options;
    if (!pack_dir.empty()) {
        pack = load_pack(pack_dir);
        options.pack = &*pack;
    }
    if (!rounding.empty()) options.rounding = rounding_from_string(rounding);
    AuditReport report = audit_dataset(data, dataset, options);
    std::string json =
        render_audit(report, AuditSubject{&data, pack ? &*pack : nullptr, dataset.string()}, AuditFormat::json);
    return make_audit_record(data, dataset, pack ? &*pack : nullptr, rounding, json);
}

/// hotspots2024 with its published patrol hours total changed from 1060:26:00 to 1060:27:00: one error.
std::filesystem::path hotspots_with_error(const Scratch& tmp, const std::string& name) {
    auto dir = tmp.copy("datasets/hotspots2024", name);
    REQUIRE(edit_file(dir / "published_totals.csv", "1060:26:00", "1060:27:00"));
    return dir;
}

void run_sql(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(h);
    REQUIRE(rc == SQLITE_OK);
}

bool mentions(const std::vector<HistoryProblem>& problems, const std::string& text) {
    for (const HistoryProblem& p : problems)
        if (p.message.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("an audit record holds the audit and every file it read, and reads back", "[audit][audit_record]") {
    Scratch tmp;
    auto dir = hotspots_with_error(tmp, "hotspots");
    RunRecord r = audit_record_of(dir);
    CHECK(r.kind == RecordKind::audit);
    CHECK(r.pack_files.empty());
    std::vector<std::string> names;
    for (const RecordFile& f : r.dataset_files) names.push_back(f.name);
    // The loader's files and the published totals the audit read beside them.
    CHECK(std::find(names.begin(), names.end(), "observations.csv") != names.end());
    CHECK(std::find(names.begin(), names.end(), "published_totals.csv") != names.end());
    CHECK(r.outcome.find("\"errors\": 1") != std::string::npos);
    CHECK(r.outcome.find("\"published\": \"1060:27:00\"") != std::string::npos);

    RunRecord back = parse_record(record_text(r), "audit.json");
    CHECK(back.kind == RecordKind::audit);
    CHECK(back.sha256 == r.sha256);
    CHECK(back.outcome == r.outcome);
    CHECK(back.pack_files.empty());
    CHECK(record_text(back) == record_text(r));
    CHECK(record_text(r).find("\"kind\":\"audit\"") != std::string::npos);
}

TEST_CASE("an audit record's seal depends on content, not on the folder's name or path", "[audit][audit_record]") {
    Scratch tmp;
    RunRecord a = audit_record_of(hotspots_with_error(tmp, "hotspots"));
    std::filesystem::create_directories(tmp.path / "elsewhere");
    RunRecord b = audit_record_of(hotspots_with_error(tmp, "elsewhere/renamed_copy"));
    CHECK(a.sha256 == b.sha256);
    CHECK(b.dataset_label == "renamed_copy");
}

TEST_CASE("an audit record replays identical, with and without rules", "[audit][audit_record]") {
    Scratch tmp;
    ReplayResult plain = replay(audit_record_of(hotspots_with_error(tmp, "hotspots")));
    CHECK(plain.identical);
    CHECK(plain.differences.empty());

    RunRecord with_rules = audit_record_of(source("datasets/lsp2007"), source("rules/lsp2007"));
    CHECK(with_rules.pack_name == "lsp2007");
    CHECK_FALSE(with_rules.pack_files.empty());
    ReplayResult res = replay(parse_record(record_text(with_rules), "audit.json"));
    CHECK(res.identical);

    RunRecord truncated = audit_record_of(source("datasets/pcc2024q2"), {}, "truncate");
    CHECK(truncated.audit_rounding == "truncate");
    CHECK(replay(parse_record(record_text(truncated), "audit.json")).identical);
}

TEST_CASE("replaying an audit against other data names the finding that went away", "[audit][audit_record]") {
    Scratch tmp;
    RunRecord r = audit_record_of(hotspots_with_error(tmp, "hotspots"));
    ReplayOptions options;
    options.with_data = source("datasets/hotspots2024");  // the totals as published: no error
    ReplayResult res = replay(r, options);
    CHECK_FALSE(res.identical);
    bool errors_changed = false, finding_gone = false;
    for (const Difference& d : res.differences) {
        if (d.subject == "audit" && d.field == "errors") errors_changed = d.before == "1" && d.after == "0";
        if (d.subject.find("published_totals.csv:2 total patrol_hours, Totals") != std::string::npos &&
            d.field.empty() && d.after == "(absent)")
            finding_gone = d.before.find("published 1060:27:00, computed 1060:26:00") != std::string::npos;
    }
    CHECK(errors_changed);
    CHECK(finding_gone);
}

TEST_CASE("a forged audit, re-sealed, replays different, naming the finding and field", "[audit][audit_record]") {
    Scratch tmp;
    auto dir = hotspots_with_error(tmp, "hotspots");
    RunRecord honest = audit_record_of(dir);
    std::string forged_json = honest.outcome;
    size_t at = forged_json.find("\"computed\": \"1060:26:00\"");
    REQUIRE(at != std::string::npos);
    forged_json.replace(at, 24, "\"computed\": \"1060:27:00\"");
    Dataset data = load_dataset(dir);
    RunRecord forged = make_audit_record(data, dir, nullptr, "", forged_json);
    RunRecord read = parse_record(record_text(forged), "forged.json");  // the seal holds: it was re-made
    ReplayResult res = replay(read);
    CHECK_FALSE(res.identical);
    REQUIRE(res.differences.size() == 1);
    CHECK(res.differences[0].subject.find("published_totals.csv:2 total patrol_hours") != std::string::npos);
    CHECK(res.differences[0].field == "computed");
    CHECK(res.differences[0].before == "1060:27:00");
    CHECK(res.differences[0].after == "1060:26:00");
}

TEST_CASE("an audit record edited without re-sealing names the file or the audit", "[audit][audit_record]") {
    Scratch tmp;
    std::string text = record_text(audit_record_of(hotspots_with_error(tmp, "hotspots")));
    std::string data_edit = text;
    size_t at = data_edit.find("1060:27:00,Billingham");  // in the embedded published_totals.csv
    REQUIRE(at != std::string::npos);
    data_edit.replace(at, 10, "1060:28:00");
    CHECK_THROWS_WITH(parse_record(data_edit, "a.json"), Catch::Contains("published_totals.csv"));

    std::string audit_edit = text;
    at = audit_edit.find("\\\"errors\\\": 1");
    REQUIRE(at != std::string::npos);
    audit_edit.replace(at, 14, "\\\"errors\\\": 0");
    CHECK_THROWS_WITH(parse_record(audit_edit, "a.json"), Catch::Contains("its audit hashes to"));
}

TEST_CASE("a signed audit record verifies; re-sealed after an edit it names the change", "[audit][audit_record]") {
    Scratch tmp;
    generate_key_pair(tmp.path / "k", tmp.path / "k.pub");
    Signer signer(tmp.path / "k");
    std::vector<TrustedKey> trusted{TrustedKey(tmp.path / "k.pub")};
    RunRecord r = audit_record_of(hotspots_with_error(tmp, "hotspots"), {}, "half_even");
    sign_record(r, signer);
    RunRecord back = parse_record(record_text(r), "a.json");
    CHECK(check_record_trust(back, trusted).ok());

    back.audit_rounding = "truncate";
    back.sha256 = "";
    RunRecord resealed = parse_record(record_text(back), "a.json");  // record_text re-seals
    TrustCheck check = check_record_trust(resealed, trusted);
    CHECK_FALSE(check.ok());
    REQUIRE(check.problems.size() == 1);
    CHECK_THAT(check.problems[0], Catch::Contains("options.rounding was half_even when signed, truncate now"));
}

TEST_CASE("audits go into the history beside runs, listed, verified and replayed", "[audit][audit_record]") {
    Scratch tmp;
    auto path = tmp.path / "history.sqlite";
    History h(path, true);
    h.append(record_of(source("rules/lsp2007"), source("datasets/lsp2007")), "2024-10-01T00:00:00Z");
    h.append(audit_record_of(hotspots_with_error(tmp, "hotspots")), "2024-10-02T00:00:00Z");
    std::vector<HistoryEntry> rows = h.list();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].kind == "run");
    CHECK(rows[1].kind == "audit");
    CHECK(rows[1].dataset == "hotspots");
    CHECK(rows[1].pack.empty());
    CHECK(rows[1].as_at.empty());
    CHECK(rows[1].ratings.find("errors 1, roundings 0") != std::string::npos);
    HistoryCheck check = h.verify({}, true);
    CHECK(check.ok());
    CHECK(check.replayed == 2);

    // The kind is part of the row hash: an audit's row made into a run's is an edit.
    run_sql(path, "UPDATE runs SET kind = 'run' WHERE id = 2");
    std::vector<HistoryProblem> problems = History(path, false).verify().problems;
    CHECK(mentions(problems, "row 2: kind says \"run\" but its record says \"audit\""));
    CHECK(mentions(problems, "row 2: edited"));
}

TEST_CASE("a forged audit in the history fails verify --replay, naming the row and the finding",
          "[audit][audit_record]") {
    Scratch tmp;
    auto dir = hotspots_with_error(tmp, "hotspots");
    RunRecord honest = audit_record_of(dir);
    std::string forged_json = honest.outcome;
    size_t at = forged_json.find("\"computed\": \"1060:26:00\"");
    REQUIRE(at != std::string::npos);
    forged_json.replace(at, 24, "\"computed\": \"1060:27:00\"");
    Dataset data = load_dataset(dir);
    auto path = tmp.path / "history.sqlite";
    History h(path, true);
    h.append(make_audit_record(data, dir, nullptr, "", forged_json), "2024-10-02T00:00:00Z");
    CHECK(h.verify().ok());  // the chain holds: only re-running the audit shows it
    HistoryCheck check = h.verify({}, true);
    CHECK_FALSE(check.ok());
    CHECK(mentions(check.problems,
                   "row 1: replaying its record gives 1 difference, the first finding "
                   "published_totals.csv:2 total patrol_hours"));
}

TEST_CASE("a history of schema 2 (before audits) is migrated in place, its rows intact", "[audit][audit_record]") {
    Scratch tmp;
    auto path = tmp.path / "old.sqlite";
    {
        History h(path, true);
        h.append(record_of(source("rules/lsp2007"), source("datasets/lsp2007")), "2024-10-01T00:00:00Z");
    }
    // Back to the schema-2 layout exactly: the runs table without its kind column.
    run_sql(path, "ALTER TABLE runs DROP COLUMN kind; PRAGMA user_version = 2");
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'kind'", -1, &st,
                                   nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        CHECK(sqlite3_column_int(st, 0) == 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    History h(path, true);
    CHECK(h.schema_version() == 3);
    std::vector<HistoryEntry> rows = h.list();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].kind == "run");
    CHECK(h.verify().ok());  // the old row's hash still holds
    h.append(audit_record_of(hotspots_with_error(tmp, "hotspots")), "2024-10-02T00:00:00Z");
    HistoryCheck check = h.verify({}, true);
    CHECK(check.ok());
    CHECK(check.rows == 2);
    CHECK(h.list()[1].kind == "audit");
}
