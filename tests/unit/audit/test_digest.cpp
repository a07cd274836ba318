// The digest of a pack's and a dataset's files is one: what the JSON
// record publishes, what the HTML and XLSX reports print, and what a sealed
// record carries and replay checks are the same text for the same run, and
// equal the protocol recomputed here from the files themselves.
#include "../report/zip.hpp"
#include "fixture.hpp"

#include <assay/hash.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace assay;
using assay::test::source;

namespace {

// The documented protocol, computed independently: SHA-256 of
// "<name>\0<sha256 of the file's bytes>\n" over the files in order.
std::string protocol_digest(const std::vector<RecordFile>& files) {
    std::string joined;
    for (const RecordFile& f : files) {
        joined += f.name;
        joined += '\0';
        joined += sha256_hex(f.content);
        joined += '\n';
    }
    return sha256_hex(joined);
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("reports print the digests a record seals", "[audit][digest]") {
    const auto dataset_dir = source("datasets/lsp2007");
    Pack pack = load_pack(source("rules/lsp2007"));
    Dataset data = load_dataset(dataset_dir);
    AssessOptions options;
    Assessment a = assess(pack, prepare(pack, data), options);
    RunRecord record = make_record(pack, data, dataset_dir, options, a);

    REQUIRE(record.pack_files.size() >= 2);
    CHECK(record.pack_sha256 == protocol_digest(record.pack_files));
    CHECK(record.dataset_sha256 == protocol_digest(record.dataset_files));
    CHECK(record.pack_sha256 != record.dataset_sha256);

    // JSON: the outcome record the seal covers, and a fresh rendering.
    for (const std::string& text : {record.outcome, render(a, Format::json)}) {
        nlohmann::json j = nlohmann::json::parse(text);
        CHECK(j["run"]["pack"]["sha256"] == record.pack_sha256);
        CHECK(j["run"]["datasets"][0]["sha256"] == record.dataset_sha256);
    }

    // HTML: "the rules ... (SHA-256 <pack>) and the data ... (SHA-256 <dataset>)".
    const std::string html = render(a, Format::html);
    CHECK(has(html, "(SHA-256 " + record.pack_sha256 + ")"));
    CHECK(has(html, "(SHA-256 " + record.dataset_sha256 + ")"));

    // XLSX: the Notes sheet's text cells.
    auto parts = test_zip::unzip(render(a, Format::xlsx));
    const std::string& strings = parts["xl/sharedStrings.xml"];
    CHECK(has(strings, "(SHA-256 " + record.pack_sha256 + ")"));
    CHECK(has(strings, "(SHA-256 " + record.dataset_sha256 + ")"));

    // Replay reads the record back and checks the same digests.
    RunRecord back = parse_record(record_text(record), "record");
    CHECK(back.pack_sha256 == record.pack_sha256);
    CHECK(back.dataset_sha256 == record.dataset_sha256);
}
