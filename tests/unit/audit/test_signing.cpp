// Signed evidence: Ed25519 keys, signed records (a record altered and
// re-sealed after signing is refused, naming what changed), signed history
// heads (a rewound or re-chained history is caught), and the engine identity
// every record carries.
#include "audit/encoding.hpp"
#include "fixture.hpp"

#include <assay/hash.hpp>
#include <assay/history.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>
#include <assay/signing.hpp>

#include <sqlite3.h>
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <filesystem>

using namespace assay;
using namespace assay::test;

namespace fs = std::filesystem;

namespace {

const RunRecord& lsp_record() {
    static const RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    return r;
}

template <class F>
std::string error_of(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::vector<std::string>& list, const std::string& text) {
    for (const std::string& s : list)
        if (s.find(text) != std::string::npos) return true;
    return false;
}

bool has_problem(const HistoryCheck& c, const std::string& text) {
    for (const HistoryProblem& p : c.problems)
        if (p.message.find(text) != std::string::npos) return true;
    return false;
}

void sql(const fs::path& db, const std::string& statement) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.string().c_str(), &h) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(h, statement.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(h);
    INFO(message);
    REQUIRE(rc == SQLITE_OK);
}

/// Re-makes row hashes from `from` on and the head, as a forger who knows the scheme would.
void rechain(const fs::path& db, int64_t from) {
    std::vector<HistoryEntry> rows = History(db, false).list();
    std::string prev = from == 1 ? std::string(64, '0') : rows[static_cast<size_t>(from - 2)].row_hash;
    for (HistoryEntry e : rows) {
        if (e.id < from) continue;
        e.prev_hash = prev;
        e.row_hash = history_row_hash(e);
        sql(db, "UPDATE runs SET prev_hash = '" + e.prev_hash + "', row_hash = '" + e.row_hash +
                    "' WHERE id = " + std::to_string(e.id));
        prev = e.row_hash;
    }
    sql(db, "UPDATE chain SET head = '" + prev + "', last_id = " + std::to_string(rows.back().id) + " WHERE id = 1");
}

}  // namespace

TEST_CASE("a key pair: private key 0600, never overwritten, signatures verify only with its public key",
          "[audit][signing]") {
    Scratch tmp;
    std::string id = generate_key_pair(tmp.path / "k", tmp.path / "k.pub");
    CHECK(id.starts_with("ed25519:"));
    CHECK(id.size() == 8 + 16);
    struct stat st {};
    REQUIRE(::stat((tmp.path / "k").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(read_file(tmp.path / "k").starts_with("-----BEGIN PRIVATE KEY-----"));
    CHECK(read_file(tmp.path / "k.pub").starts_with("-----BEGIN PUBLIC KEY-----"));
    std::string before = read_file(tmp.path / "k");
    CHECK(error_of([&] { generate_key_pair(tmp.path / "k", tmp.path / "other.pub"); }).find("already exists") !=
          std::string::npos);
    CHECK(read_file(tmp.path / "k") == before);
    CHECK_FALSE(fs::exists(tmp.path / "other.pub"));

    Signer signer(tmp.path / "k");
    TrustedKey trusted(tmp.path / "k.pub");
    CHECK(signer.key_id() == id);
    CHECK(trusted.key_id() == id);
    std::string sig = signer.sign("message");
    CHECK(trusted.verify("message", sig));
    CHECK_FALSE(trusted.verify("massage", sig));
    generate_key_pair(tmp.path / "k2", tmp.path / "k2.pub");
    CHECK_FALSE(TrustedKey(tmp.path / "k2.pub").verify("message", sig));
    CHECK(error_of([&] { Signer s(tmp.path / "k.pub"); }).find("not an Ed25519 private key") != std::string::npos);
    write_file_atomic(tmp.path / "junk", "hello");
    CHECK(error_of([&] { TrustedKey k(tmp.path / "junk"); }).find("not an Ed25519 public key") != std::string::npos);
}

TEST_CASE("a signed record verifies; altered and re-sealed after signing it is refused, naming what changed",
          "[audit][signing]") {
    Scratch tmp;
    generate_key_pair(tmp.path / "k", tmp.path / "k.pub");
    generate_key_pair(tmp.path / "other", tmp.path / "other.pub");
    std::vector<TrustedKey> trusted;
    trusted.emplace_back(tmp.path / "k.pub");
    RunRecord r = lsp_record();
    sign_record(r, Signer(tmp.path / "k"));
    RunRecord back = parse_record(record_text(r), "signed.json");
    REQUIRE(back.signatures.size() == 1);
    CHECK(check_record_trust(back, trusted).ok());

    SECTION("unsigned, or signed by another key") {
        TrustCheck none = check_record_trust(lsp_record(), trusted);
        CHECK_FALSE(none.ok());
        CHECK(contains(none.problems, "the record is not signed"));
        RunRecord other = lsp_record();
        sign_record(other, Signer(tmp.path / "other"));
        TrustCheck by_other = check_record_trust(other, trusted);
        CHECK_FALSE(by_other.ok());
        CHECK(contains(by_other.problems, "not by a trusted key"));
    }
    SECTION("a dataset file changed, its hashes and the seal redone") {
        RunRecord forged = back;
        forged.dataset_files[2].content += "Extra,row,2006/07,1\n";
        forged.dataset_files[2].sha256 = sha256_hex(forged.dataset_files[2].content);
        forged.dataset_sha256 = audit::files_digest(forged.dataset_files);
        // The outcome is left as it was: the forger only changed the evidence.
        std::string text = record_text(forged);
        // record_text re-seals; the outcome's dataset digest no longer matches, so fix that too.
        std::string outcome = forged.outcome;
        size_t at = outcome.find(lsp_record().dataset_sha256);
        REQUIRE(at != std::string::npos);
        outcome.replace(at, 64, forged.dataset_sha256);
        forged.outcome = outcome;
        forged.outcome_sha256 = sha256_hex(outcome);
        RunRecord resealed = parse_record(record_text(forged), "forged.json");  // every hash holds
        TrustCheck c = check_record_trust(resealed, trusted);
        CHECK_FALSE(c.ok());
        CHECK(contains(c.problems, "the record was changed after"));
        CHECK(contains(c.problems, "dataset file observations.csv changed"));
        CHECK(contains(c.problems, "seal was"));
        (void)text;
    }
    SECTION("the time written or the dataset's label changed") {
        RunRecord later = back;
        later.written_at = "2099-01-01T00:00:00Z";
        TrustCheck c = check_record_trust(parse_record(record_text(later), "later.json"), trusted);
        CHECK(contains(c.problems, "written_at was"));
        RunRecord relabelled = back;
        relabelled.dataset_label = "something_else";
        CHECK(contains(check_record_trust(relabelled, trusted).problems, "dataset_label was lsp2007 when signed"));
    }
    SECTION("an option changed and re-sealed") {
        RunRecord forged = back;
        forged.check_published = false;
        TrustCheck c = check_record_trust(parse_record(record_text(forged), "f.json"), trusted);
        CHECK(contains(c.problems, "options.check_published was true when signed, false now"));
    }
    SECTION("a field edited without re-sealing: the message names it from the signed statement") {
        std::string text = record_text(back);
        size_t at = text.find("\"check_published\":true");
        REQUIRE(at != std::string::npos);
        text.replace(at, 22, "\"check_published\":false");
        std::string e = error_of([&] { parse_record(text, "edited.json"); });
        CHECK(e.find("its sealed part hashes to") != std::string::npos);
        CHECK(e.find("options.check_published was true when signed, false now") != std::string::npos);
    }
    SECTION("the signature itself edited") {
        RunRecord forged = back;
        forged.signatures[0].statement.replace(forged.signatures[0].statement.find("\"seal\":\"") + 8, 4, "0000");
        CHECK(contains(check_record_trust(forged, trusted).problems, "does not verify"));
    }
}

TEST_CASE("every record names the engine: version, commit, compiler and Lua", "[audit][engine]") {
    const RunRecord& r = lsp_record();
    EngineIdentity id = engine_identity();
    CHECK(id.version == engine_version());
    CHECK_FALSE(id.commit.empty());  // "unknown" outside a git checkout
    CHECK_FALSE(id.compiler.empty());
    CHECK(id.lua.starts_with("Lua 5.4"));
    CHECK(identity_of(r).text() == id.text());
    CHECK(id.text().find("commit " + id.commit) != std::string::npos);
    std::string text = record_text(r);
    CHECK(text.find("\"commit\":\"" + id.commit + "\"") != std::string::npos);
    CHECK(text.find("\"compiler\":\"" + id.compiler + "\"") != std::string::npos);

    EngineIdentity other = id;
    other.commit = "v0.0.9-3-gabcdef123456";
    other.lua = "Lua 5.4.0";
    std::vector<std::string> d = id.differences(other);
    REQUIRE(d.size() == 2);
    CHECK(d[0] == "commit " + id.commit + " -> v0.0.9-3-gabcdef123456");
    CHECK(d[1] == "Lua " + id.lua + " -> Lua 5.4.0");

    // A record from another build replays, saying which parts differ.
    RunRecord old = r;
    old.engine_commit = "v0.0.9-3-gabcdef123456";
    ReplayResult res = replay(parse_record(record_text(old), "old.json"));
    CHECK(res.identical);
    REQUIRE(res.engine_changes.size() == 1);
    CHECK(res.engine_changes[0] == "commit v0.0.9-3-gabcdef123456 -> " + id.commit);
    // A record written before the build was recorded still reads and replays.
    RunRecord older = r;
    older.engine_commit.clear();
    older.engine_compiler.clear();
    RunRecord older_back = parse_record(record_text(older), "older.json");
    CHECK(older_back.engine_commit.empty());
    CHECK(identity_of(older_back).text().find("commit not recorded") != std::string::npos);
}

TEST_CASE("signed history heads: a rewound or re-chained history is caught", "[audit][signing][history]") {
    Scratch tmp;
    generate_key_pair(tmp.path / "k", tmp.path / "k.pub");
    Signer signer(tmp.path / "k");
    std::vector<TrustedKey> trusted;
    trusted.emplace_back(tmp.path / "k.pub");
    fs::path db = tmp.path / "h.sqlite";
    {
        History h(db, true);
        for (int i = 0; i < 3; ++i) h.append(lsp_record(), "2026-01-0" + std::to_string(i + 1) + "T00:00:00Z", &signer);
    }
    HistoryCheck good = History(db, false).verify(trusted, false);
    CHECK(good.ok());
    CHECK(good.signed_row == 3);
    CHECK(good.signed_by == std::vector<std::string>{signer.key_id()});

    SECTION("the last row deleted and the head rewound: intact without a key, caught with one") {
        std::vector<HistoryEntry> rows = History(db, false).list();
        sql(db, "DELETE FROM runs WHERE id = 3");
        sql(db, "UPDATE chain SET last_id = 2, head = '" + rows[1].row_hash + "' WHERE id = 1");
        CHECK(History(db, false).verify().ok());
        HistoryCheck c = History(db, false).verify(trusted, false);
        CHECK_FALSE(c.ok());
        CHECK(has_problem(c, "row 3 was signed by " + signer.key_id()));
        CHECK(has_problem(c, "is missing: the history was rewound or cut back"));
    }
    SECTION("a row edited and the chain re-made") {
        sql(db, "UPDATE runs SET as_at = '2004/05' WHERE id = 2");
        rechain(db, 2);
        HistoryCheck plain = History(db, false).verify();
        CHECK(has_problem(plain, "as_at says \"2004/05\""));  // its record still says otherwise
        HistoryCheck c = History(db, false).verify(trusted, false);
        CHECK(has_problem(c, "row 2 was signed by " + signer.key_id() + " with row hash"));
        CHECK(has_problem(c, "the row or one before it was edited and the chain re-made"));
        CHECK(has_problem(c, "row 3 was signed by"));
    }
    SECTION("a row appended without a signature") {
        History(db, false).append(lsp_record(), "2026-02-01T00:00:00Z");
        CHECK(History(db, false).verify().ok());
        HistoryCheck c = History(db, false).verify(trusted, false);
        CHECK(has_problem(c, "row 4 was appended after the last head a trusted key signed (row 3)"));
        History(db, false).sign_head(signer, "2026-02-02T00:00:00Z");
        CHECK(History(db, false).verify(trusted, false).ok());
    }
    SECTION("no signature by the trusted key") {
        generate_key_pair(tmp.path / "o", tmp.path / "o.pub");
        std::vector<TrustedKey> other;
        other.emplace_back(tmp.path / "o.pub");
        CHECK(
            has_problem(History(db, false).verify(other, false), "no head of this history is signed by a trusted key"));
    }
    SECTION("a head signature edited") {
        sql(db, "UPDATE signatures SET row_hash = '" + std::string(64, 'a') + "' WHERE row_id = 3");
        CHECK(has_problem(History(db, false).verify(trusted, false), "does not verify"));
    }
    SECTION("replay re-runs every stored record") {
        HistoryCheck c = History(db, false).verify({}, true);
        CHECK(c.ok());
        CHECK(c.replayed == 3);
    }
}
