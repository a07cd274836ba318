// Canonical JSON, UTF-8 checks, base64 and file digests (audit/encoding.cpp).
#include "audit/encoding.hpp"

#include <assay/hash.hpp>

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::audit;

TEST_CASE("canonical JSON sorts keys, has no whitespace and keeps UTF-8", "[audit][encoding]") {
    nlohmann::json a = nlohmann::json::parse(R"({"b": 1, "a": {"z": "▲", "y": [1, 2.5, true, null]}})");
    nlohmann::json b =
        nlohmann::json::parse("{\n  \"a\": {\"y\": [1, 2.5, true, null], \"z\": \"\\u25b2\"},\n  \"b\": 1\n}");
    CHECK(canonical(a) == R"({"a":{"y":[1,2.5,true,null],"z":"▲"},"b":1})");
    CHECK(canonical(a) == canonical(b));  // the same content in another layout
    CHECK(canonical(nlohmann::json::parse(R"({"x": 4.990758})")) == R"({"x":4.990758})");
}

TEST_CASE("is_text accepts UTF-8 and refuses other bytes", "[audit][encoding]") {
    CHECK(is_text("id,title\n"));
    CHECK(is_text("£2,406 ▲ ◀▶"));
    CHECK_FALSE(is_text(std::string("a\0b", 3)));
    CHECK_FALSE(
        is_text("\xA3"
                "2,406"));                 // Latin-1 pound sign
    CHECK_FALSE(is_text("\xC0\xAF"));      // overlong '/'
    CHECK_FALSE(is_text("\xED\xA0\x80"));  // a surrogate
    CHECK_FALSE(is_text("\xE2\x96"));      // truncated
}

TEST_CASE("base64 round-trips any bytes and refuses non-canonical text", "[audit][encoding]") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    for (size_t n : {0u, 1u, 2u, 3u, 100u, 256u}) {
        auto back = base64_decode(base64_encode(bytes.substr(0, n)));
        REQUIRE(back);
        CHECK(*back == bytes.substr(0, n));
    }
    CHECK_FALSE(base64_decode("Zg="));   // wrong length
    CHECK_FALSE(base64_decode("Z!=="));  // not in the alphabet
    CHECK_FALSE(base64_decode("Zh=="));  // stray bits: not the canonical form of "f"
}

TEST_CASE("files_digest is the JSON record's digest of a file list", "[audit][encoding]") {
    std::vector<RecordFile> files{{"a.csv", sha256_hex("x"), "x"}, {"b.csv", sha256_hex("y"), "y"}};
    std::string joined = "a.csv" + std::string(1, '\0') + sha256_hex("x") + "\n" + "b.csv" + std::string(1, '\0') +
                         sha256_hex("y") + "\n";
    CHECK(files_digest(files) == sha256_hex(joined));
    std::swap(files[0].name, files[1].name);
    CHECK(files_digest(files) != sha256_hex(joined));  // a rename changes it
}
