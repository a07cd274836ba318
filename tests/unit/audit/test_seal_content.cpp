// The seal depends on content only: the files of the pack and the dataset and
// their names inside them, never the name of the folder they sit in or the
// path they were read from. The folder's name is kept beside the seal as a
// label that changes nothing of what is sealed.
#include "fixture.hpp"

#include <assay/hash.hpp>
#include <assay/record.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace assay;
using namespace assay::test;

namespace fs = std::filesystem;

TEST_CASE("the same files in differently named folders on other paths seal alike", "[audit][record][seal]") {
    Scratch a, b;
    fs::create_directories(b.path / "deeper" / "still");
    RunRecord original = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    RunRecord renamed = record_of(a.copy("rules/lsp2007", "pack_copy"), a.copy("datasets/lsp2007", "data_base"));
    fs::path moved_pack = b.path / "deeper" / "rules";
    fs::path moved_data = b.path / "deeper" / "still" / "lsp2007_copy";
    fs::copy(source("rules/lsp2007"), moved_pack, fs::copy_options::recursive);
    fs::copy(source("datasets/lsp2007"), moved_data, fs::copy_options::recursive);
    RunRecord moved = record_of(moved_pack, moved_data);

    CHECK(renamed.sha256 == original.sha256);
    CHECK(moved.sha256 == original.sha256);
    CHECK(renamed.outcome == original.outcome);
    // The sealed outcome calls a folder dataset by the fixed name; the folder's name is a label.
    CHECK(original.dataset_name == sealed_dataset_name);
    CHECK(original.outcome.find("\"name\": \"dataset\"") != std::string::npos);
    CHECK(original.dataset_label == "lsp2007");
    CHECK(renamed.dataset_label == "data_base");
    CHECK(moved.dataset_label == "lsp2007_copy");

    // The label is written beside the seal, read back, and not covered by it.
    std::string text = record_text(renamed);
    size_t line2 = text.find('\n') + 1;
    std::string sealed_line = text.substr(line2, text.find('\n', line2) - line2);
    CHECK(sealed_line.find("data_base") == std::string::npos);
    CHECK(text.find("\"dataset_label\": \"data_base\"") != std::string::npos);
    RunRecord back = parse_record(text, "renamed.json");
    CHECK(back.dataset_label == "data_base");
    CHECK(back.sha256 == original.sha256);
    // The same record relabelled keeps its seal.
    RunRecord relabelled = renamed;
    relabelled.dataset_label = "other";
    CHECK(parse_record(record_text(relabelled), "relabelled.json").sha256 == original.sha256);
}

TEST_CASE("a renamed file inside the dataset changes the seal", "[audit][record][seal]") {
    Scratch a;
    RunRecord original = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    fs::path data = a.copy("datasets/lsp2007", "lsp2007");
    // A further observations file is read too: its name is part of the content.
    std::string header = read_file(data / "observations.csv");
    header = header.substr(0, header.find('\n') + 1);
    write_file_atomic(data / "observations_more.csv", header);
    RunRecord more = record_of(source("rules/lsp2007"), data);
    CHECK(more.sha256 != original.sha256);
    fs::rename(data / "observations_more.csv", data / "observations_other.csv");
    RunRecord other = record_of(source("rules/lsp2007"), data);
    CHECK(other.dataset_sha256 != more.dataset_sha256);
    CHECK(other.sha256 != more.sha256);
    // Back under its first name, the seal is the first one again.
    fs::rename(data / "observations_other.csv", data / "observations_more.csv");
    CHECK(record_of(source("rules/lsp2007"), data).sha256 == more.sha256);
}

TEST_CASE("a single-file dataset keeps its file name, which is content", "[audit][record][seal]") {
    Scratch a, b;
    fs::copy_file(source("datasets/lsp2007/observations.csv"), a.path / "figures.csv");
    fs::create_directories(b.path / "elsewhere");
    fs::copy_file(source("datasets/lsp2007/observations.csv"), b.path / "elsewhere" / "figures.csv");
    RunRecord here = record_of(source("rules/lsp2007"), a.path / "figures.csv");
    RunRecord there = record_of(source("rules/lsp2007"), b.path / "elsewhere" / "figures.csv");
    CHECK(here.dataset_name == "figures");
    CHECK(here.sha256 == there.sha256);
    fs::copy_file(a.path / "figures.csv", a.path / "other.csv");
    CHECK(record_of(source("rules/lsp2007"), a.path / "other.csv").sha256 != here.sha256);
}

TEST_CASE("a record sealed from a renamed folder replays identical", "[audit][record][seal]") {
    Scratch a;
    RunRecord r = record_of(a.copy("rules/lsp2007", "p"), a.copy("datasets/lsp2007", "data_base"));
    ReplayResult res = replay(parse_record(record_text(r), "r.json"));
    CHECK(res.identical);
    CHECK(res.differences.empty());
}
