// Run records: made from a run, written, read back and verified; every kind
// of tampering refused with a message saying what failed.
#include "audit/encoding.hpp"
#include "fixture.hpp"

#include <assay/hash.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::test;

namespace {

const RunRecord& lsp_record() {
    static const RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    return r;
}

/// Runs `f` and returns the InputError message it throws ("" when none).
template <class F>
std::string error_of(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a record holds the outcome and every input, each with its SHA-256", "[audit][record]") {
    const RunRecord& r = lsp_record();
    CHECK(r.engine_version == engine_version());
    CHECK(r.lua_release.starts_with("Lua 5.4"));
    CHECK(r.pack_name == "lsp2007");
    CHECK(r.dataset_name == "dataset");  // a folder's name is not content: it is the label
    CHECK(r.dataset_label == "lsp2007");
    CHECK_FALSE(r.dataset_is_file);
    CHECK(r.as_at == "2006/07");
    CHECK(r.as_at_requested.empty());
    REQUIRE(r.dataset_files.size() == 3);  // in name order: the commentary is pinned like the figures
    CHECK(r.dataset_files[0].name == "commentary.csv");
    CHECK(r.dataset_files[0].content == read_file(source("datasets/lsp2007/commentary.csv")));
    CHECK(r.dataset_files[1].name == "indicators.csv");
    CHECK(r.dataset_files[2].content == read_file(source("datasets/lsp2007/observations.csv")));
    CHECK(r.dataset_files[2].sha256 == sha256_file(source("datasets/lsp2007/observations.csv")));
    bool has_pack_lua = false;
    for (const RecordFile& f : r.pack_files) {
        CHECK(f.content == read_file(source("rules/lsp2007") / f.name));
        has_pack_lua |= f.name == "pack.lua";
    }
    CHECK(has_pack_lua);
    CHECK(r.outcome_sha256 == sha256_hex(r.outcome));
    CHECK(r.outcome.find("\"pack\"") != std::string::npos);
    CHECK(r.outcome.find(r.pack_sha256) != std::string::npos);  // the JSON record's own pack digest
    CHECK(r.outcome.find(r.dataset_sha256) != std::string::npos);
}

TEST_CASE("record text reads back as the same record, sealed outside the time written", "[audit][record]") {
    RunRecord r = lsp_record();
    std::string text = record_text(r);
    RunRecord back = parse_record(text, "r.json");
    CHECK(back.sha256 == r.sha256);
    CHECK(back.outcome == r.outcome);
    CHECK(back.pack_files.size() == r.pack_files.size());
    CHECK(back.dataset_files[2].content == r.dataset_files[2].content);
    CHECK(back.written_at == r.written_at);
    CHECK(is_record_text(text));
    CHECK_FALSE(is_record_text(r.outcome));

    // The seal does not cover the time: the same run written later has the same seal.
    RunRecord later = r;
    later.written_at = "2099-01-01T00:00:00Z";
    CHECK(parse_record(record_text(later), "later.json").sha256 == r.sha256);
    // Nor a path or a machine: two runs of the same inputs seal alike.
    CHECK(record_of(source("rules/lsp2007"), source("datasets/lsp2007")).sha256 == r.sha256);
    // The sealed part is line 2, in canonical form: its SHA-256 can be checked by hand.
    size_t line2 = text.find('\n') + 1;
    std::string sealed = text.substr(line2, text.find('\n', line2) - line2);
    REQUIRE(sealed.starts_with("\"sealed\": "));
    sealed = sealed.substr(10, sealed.size() - 11);  // without the key and the trailing comma
    CHECK(sha256_hex(sealed) == r.sha256);
}

TEST_CASE("a record can be written and read as a file", "[audit][record]") {
    Scratch tmp;
    write_record(tmp.path / "r.json", lsp_record());
    CHECK(read_record(tmp.path / "r.json").sha256 == lsp_record().sha256);
}

TEST_CASE("a tampered record is refused, naming what failed", "[audit][record]") {
    const RunRecord& r = lsp_record();
    std::string text = record_text(r);

    SECTION("a byte of a file's content changed") {
        std::string t = text;
        size_t at = t.find("Theft of Vehicle,count");
        REQUIRE(at != std::string::npos);
        t.replace(at, 5, "Theff");
        std::string e = error_of([&] { parse_record(t, "t.json"); });
        CHECK(e.find("t.json") != std::string::npos);
        // The embedded file is named, not just the seal.
        CHECK(e.find("the record has been altered: dataset file indicators.csv hashes to") != std::string::npos);
    }
    SECTION("the seal itself edited") {
        std::string t = text;
        t.replace(t.find(r.sha256), 4, "0000");
        CHECK(error_of([&] { parse_record(t, "t.json"); }).find("altered") != std::string::npos);
    }
    SECTION("a file changed and the record resealed: the file's own hash no longer holds") {
        RunRecord forged = r;
        forged.dataset_files[2].content[100] ^= 1;
        std::string e = error_of([&] { parse_record(record_text(forged), "f.json"); });
        CHECK(e.find("dataset file observations.csv hashes to") != std::string::npos);
    }
    SECTION("a file and its hash changed and resealed: the digest no longer holds") {
        RunRecord forged = r;
        forged.dataset_files[2].content += "\n";
        forged.dataset_files[2].sha256 = sha256_hex(forged.dataset_files[2].content);
        std::string e = error_of([&] { parse_record(record_text(forged), "f.json"); });
        CHECK(e.find("the dataset files' digest is") != std::string::npos);
    }
    SECTION("every hash redone: the outcome no longer names these inputs") {
        RunRecord forged = r;
        forged.dataset_files[2].content += "\n";
        forged.dataset_files[2].sha256 = sha256_hex(forged.dataset_files[2].content);
        forged.dataset_sha256 = audit::files_digest(forged.dataset_files);
        std::string e = error_of([&] { parse_record(record_text(forged), "f.json"); });
        CHECK(e.find("its outcome gives dataset SHA-256") != std::string::npos);
    }
    SECTION("the outcome edited and rehashed: it no longer matches its own hash") {
        RunRecord forged = r;
        size_t at = forged.outcome.find("\"AMBER GREEN\"");
        REQUIRE(at != std::string::npos);
        forged.outcome.replace(at, 13, "\"GREEN\"");
        std::string e = error_of([&] { parse_record(record_text(forged), "f.json"); });
        CHECK(e.find("its outcome hashes to") != std::string::npos);
    }
}

TEST_CASE("records that are not records, or of another format, are refused clearly", "[audit][record]") {
    CHECK(error_of([] { parse_record("{\"sealed\": ", "x.json"); }).find("x.json:1:") != std::string::npos);
    CHECK(error_of([] { parse_record("{\"assay\": {}}", "x.json"); }).find("not a run record") != std::string::npos);
    RunRecord r = lsp_record();
    r.format = 2;
    CHECK(error_of([&] { parse_record(record_text(r), "x.json"); }).find("written by a newer assay") !=
          std::string::npos);
}

TEST_CASE("files that are not UTF-8 text are kept as base64 and come back byte for byte", "[audit][record]") {
    RunRecord r = lsp_record();
    r.pack_files.push_back({"latin1.lua", "", "-- \xA3 sign\n"});
    r.pack_files.back().sha256 = sha256_hex(r.pack_files.back().content);
    // Not a consistent record any more (the digest changed), but the bytes survive the text form.
    nlohmann::json sealed = nlohmann::json::parse(record_text(r)).at("sealed");
    const auto& last = sealed["pack"]["files"].back();
    CHECK(last.contains("base64"));
    CHECK_FALSE(last.contains("text"));
    CHECK(*audit::base64_decode(last["base64"].get<std::string>()) == r.pack_files.back().content);
}
