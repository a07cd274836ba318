// Tests of dataset/csv.cpp: RFC 4180 records, positions, skipped lines,
// UTF-8 checks, hashing, and records cut by the chunk boundary.
#include "dataset/csv.hpp"
#include "temp_dir.hpp"

#include <assay/hash.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace assay;
using namespace assay::dataset;

namespace {

/// Every record of `bytes`, as text.
std::vector<std::vector<std::string>> records(std::string_view bytes) {
    test::TempDir dir;
    CsvReader r(dir.write("f.csv", bytes), "f.csv");
    std::vector<std::vector<std::string>> out;
    std::vector<CsvField> fields;
    while (r.next(fields)) {
        out.emplace_back();
        for (const CsvField& f : fields) out.back().emplace_back(f.text);
    }
    return out;
}

Error read_error(std::string_view bytes) {
    test::TempDir dir;
    CsvReader r(dir.write("f.csv", bytes), "f.csv");
    std::vector<CsvField> fields;
    try {
        while (r.next(fields)) {
        }
    } catch (const InputError& e) {
        return e.error();
    }
    FAIL("read without error");
    return {};
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("plain records", "[csv]") {
    CHECK(records("a,b,c\n1,2,3\n") == Rows{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(records("a,b\n1,2") == Rows{{"a", "b"}, {"1", "2"}});  // no final newline
    CHECK(records("a,,c\n") == Rows{{"a", "", "c"}});
    CHECK(records("a,b,\n") == Rows{{"a", "b", ""}});
    CHECK(records("").empty());
}

TEST_CASE("quoted fields", "[csv]") {
    CHECK(records("\"a,b\",c\n") == Rows{{"a,b", "c"}});
    CHECK(records("\"say \"\"hi\"\"\",x\n") == Rows{{"say \"hi\"", "x"}});
    CHECK(records("\"line1\nline2\",x\n") == Rows{{"line1\nline2", "x"}});
    CHECK(records("\"\",x\n") == Rows{{"", "x"}});
    CHECK(records("\"\"\"\"\n") == Rows{{"\""}});
    CHECK(records("x,\"end\"") == Rows{{"x", "end"}});
}

TEST_CASE("line ends, BOM, blank lines, comments and empty rows", "[csv]") {
    CHECK(records("\xEF\xBB\xBF"
                  "a,b\r\n1,2\r\n") == Rows{{"a", "b"}, {"1", "2"}});
    CHECK(records("a\r1\r") == Rows{{"a"}, {"1"}});
    CHECK(records("a\n\n\r\n1\n") == Rows{{"a"}, {"1"}});
    CHECK(records("# a comment, with commas\na\n#another\n1\n") == Rows{{"a"}, {"1"}});
    CHECK(records("a,b\n1,2\n,\n,,\n") == Rows{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("fields know their line and column", "[csv]") {
    test::TempDir dir;
    CsvReader r(dir.write("f.csv",
                          "\xEF\xBB\xBF"
                          "id,name\n\n# note\n\"multi\nline\",\xC2\xA3"
                          "5,x\n7,\"q\"\n"),
                "f.csv");
    std::vector<CsvField> f;
    REQUIRE(r.next(f));
    CHECK(f[0].line == 1);
    CHECK(f[0].column == 1);  // the BOM takes no column
    CHECK(f[1].column == 4);
    REQUIRE(r.next(f));
    CHECK(f[0].line == 4);
    CHECK(f[0].column == 1);
    CHECK(f[1].line == 5);
    CHECK(f[1].column == 7);  // after `line",`
    CHECK(f[2].line == 5);
    CHECK(f[2].column == 10);  // '£' is one character
    REQUIRE(r.next(f));
    CHECK(f[0].line == 6);
    CHECK(f[1].column == 3);
    CHECK(r.at(f[1]).file == "f.csv");
    CHECK_FALSE(r.next(f));
}

TEST_CASE("unterminated quotes and stray text after quotes are errors", "[csv]") {
    Error e = read_error("a,b\n1,\"open\n2,3\n");
    CHECK(e.where.file == "f.csv");
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 3);
    CHECK_THAT(e.message, Catch::Contains("not closed"));

    e = read_error("a,b\n\"x\"y,2\n");
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 4);
    CHECK_THAT(e.message, Catch::Contains("two quotes"));
}

TEST_CASE("invalid UTF-8 is reported where it is", "[csv]") {
    Error e = read_error("a,b\nok,caf\xE9\n");  // Latin-1 é
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 7);
    CHECK_THAT(e.message, Catch::Contains("UTF-8"));

    CHECK(read_error("\xC0\xAF\n").where.column == 1);        // overlong '/'
    CHECK(read_error("x,\xED\xA0\x80\n").where.column == 3);  // a surrogate
    CHECK(read_error("x,\"a\nb\xFF\"\n").where.line == 2);    // inside a quoted field
    CHECK(records("\xE2\x96\xB2,\xF0\x9F\x98\x80\n") == Rows{{"\xE2\x96\xB2", "\xF0\x9F\x98\x80"}});
}

TEST_CASE("records cut by the chunk boundary are read whole", "[csv]") {
    // Over 4 MiB with quoted fields, doubled quotes and CRLF at every offset,
    // and a record of almost the most a record may hold across the boundary.
    std::string text = "id,text,n\r\n";
    std::vector<std::vector<std::string>> expected{{"id", "text", "n"}};
    const std::string big(CsvReader::max_record_bytes - 16, 'h');
    bool big_added = false;
    for (int i = 0; text.size() < (9u << 20); ++i) {
        if (!big_added && text.size() > (4u << 20) - (512u << 10)) {
            text += "big," + big + ",1\n";
            expected.push_back({"big", big, "1"});
            big_added = true;
        }
        std::string body = std::string(static_cast<size_t>(i % 37), 'x') + "\"q\"," + std::to_string(i);
        std::string quoted;
        for (char c : body) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        text += std::to_string(i) + ",\"" + quoted + "\"," + std::to_string(i * 7) + "\r\n";
        expected.push_back({std::to_string(i), body, std::to_string(i * 7)});
    }
    CHECK(records(text) == expected);
    // One record larger than a whole chunk is refused at its line, not held.
    const auto lines = static_cast<int>(expected.size());
    Error e = read_error(text + "big," + std::string(5u << 20, 'h') + ",1\n");
    CHECK(e.where.line == lines + 1);
    CHECK(e.message.find("is longer than 1024 KiB") != std::string::npos);
}

TEST_CASE("the reader hashes exactly the bytes it read", "[csv]") {
    test::TempDir dir;
    std::string bytes = "a,b\n1,2\n# trailing comment\n";
    CsvReader r(dir.write("f.csv", bytes), "f.csv");
    std::vector<CsvField> f;
    while (r.next(f)) {
    }
    CHECK(r.bytes_read() == bytes.size());
    CHECK(r.sha256() == sha256_hex(bytes));
    CHECK_THROWS_AS(CsvReader(dir.path / "missing.csv", "missing.csv"), InputError);
}
