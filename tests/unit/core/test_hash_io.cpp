// Tests of core/hash.cpp and core/io.cpp: known SHA-256 digests, whole-file
// reads, and atomic writes that leave no temporary file behind.
#include <assay/error.hpp>
#include <assay/hash.hpp>
#include <assay/io.hpp>

#include <catch2/catch.hpp>

#include "../temp_dir.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace assay;
namespace fs = std::filesystem;

namespace {

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("assay-core-test") {}
};

size_t entries(const fs::path& dir) {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST_CASE("sha256 of known strings", "[hash]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256 of a file equals sha256 of its bytes", "[hash]") {
    TempDir dir;
    std::string big(3 << 20, 'x');  // larger than the read buffer
    for (size_t i = 0; i < big.size(); i += 4099) big[i] = static_cast<char>('a' + i % 26);
    write_file_atomic(dir.path / "big.bin", big);
    CHECK(sha256_file(dir.path / "big.bin") == sha256_hex(big));
    CHECK_THROWS_AS(sha256_file(dir.path / "nope.bin"), InputError);
}

TEST_CASE("read_file returns the bytes or names the file", "[io]") {
    TempDir dir;
    std::string bytes("a\0b\r\nc", 6);
    write_file_atomic(dir.path / "f.csv", bytes);
    CHECK(read_file(dir.path / "f.csv") == bytes);
    try {
        read_file(dir.path / "missing.csv");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.error().where.file == (dir.path / "missing.csv").string());
        CHECK_THAT(e.error().message, Catch::Contains("No such file"));
    }
    CHECK_THROWS_AS(read_file(dir.path), InputError);  // a folder is not a file
}

TEST_CASE("write_file_atomic replaces the file and leaves nothing else", "[io]") {
    TempDir dir;
    fs::path out = dir.path / "report.json";
    write_file_atomic(out, "old");
    write_file_atomic(out, "new content");
    CHECK(read_file(out) == "new content");
    CHECK(entries(dir.path) == 1);
    // Ordinary permissions, not the 0600 of a temporary file.
    struct stat st {};
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & S_IRGRP) != 0);
}

TEST_CASE("write_file_atomic failures throw Fatal naming the file", "[io]") {
    TempDir dir;
    fs::path out = dir.path / "no-such-folder" / "report.json";
    try {
        write_file_atomic(out, "x");
        FAIL("no error");
    } catch (const Fatal& e) {
        CHECK_THAT(e.what(), Catch::Contains(out.string()));
    }
    // Renaming over a folder fails after the temporary file was written:
    // it must be removed again.
    fs::create_directories(dir.path / "taken" / "inner");
    CHECK_THROWS_AS(write_file_atomic(dir.path / "taken", "x"), Fatal);
    CHECK(entries(dir.path) == 1);
}

TEST_CASE("error locations print as file:line:column", "[error]") {
    CHECK(to_string(SourceLoc{"a.csv", 3, 7}) == "a.csv:3:7");
    CHECK(to_string(SourceLoc{"a.csv", 3, 0}) == "a.csv:3");
    CHECK(to_string(SourceLoc{"a.csv", 0, 0}) == "a.csv");
    CHECK(Error{{"a.csv", 2, 1}, "bad"}.to_string() == "a.csv:2:1: bad");
    CHECK(Error{{}, "bad"}.to_string() == "bad");
    InputError e(Error{{"x.csv", 1, 2}, "oops"});
    CHECK(std::string(e.what()) == "x.csv:1:2: oops");
}

TEST_CASE("incremental SHA-256 equals the one-shot digest", "[hash]") {
    std::string text = "The quick brown fox jumps over the lazy dog";
    Sha256 h;
    h.update(text.substr(0, 10));
    h.update("");
    h.update(text.substr(10));
    CHECK(h.hex() == "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
    // After hex() the digest starts afresh.
    h.update("abc");
    CHECK(h.hex() == sha256_hex("abc"));
}
