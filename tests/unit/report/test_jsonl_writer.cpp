// The fast JSON writer against the reference it replaced: strings escaped
// as nlohmann::json escapes them (invalid UTF-8 repaired to U+FFFD), numbers
// as assay::format_number writes them, nesting and commas as before, and the
// appending render_jsonl_outcome giving exactly the lines of render(jsonl).
#include "fixture.hpp"
#include "report/json_writer.hpp"

#include <assay/number.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>

using namespace assay;

namespace {

/// How the writer wrote a string before it was made fast.
std::string reference_escape(std::string_view s) {
    return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string written_string(std::string_view s) {
    std::string out;
    reporting::JsonWriter w(out, -1);
    w.string(s);
    return out;
}

std::string written_number(double x) {
    std::string out;
    reporting::JsonWriter w(out, -1);
    w.number(x);
    return out;
}

}  // namespace

TEST_CASE("JSON strings are escaped exactly as nlohmann::json escapes them", "[report][jsonl]") {
    std::vector<std::string> cases = {"",
                                      "plain",
                                      "E01000001",
                                      "say \"hi\"",
                                      "back\\slash",
                                      "tab\there",
                                      "line\nbreak\r\n",
                                      "\b\f",
                                      std::string("nul\0byte", 8),
                                      "\x01\x1f\x7f",
                                      "caf\xC3\xA9",
                                      "\xE2\x96\xB2 up",
                                      "\xF0\x9F\x98\x80 emoji",
                                      "bad \xC3 lead",
                                      "\xFF\xFE",
                                      "overlong \xC0\xAF",
                                      "surrogate \xED\xA0\x80",
                                      "too big \xF4\x90\x80\x80",
                                      "cut \xE2\x96",
                                      "mix \"\xC2\xA3\" \x05 \xE2\x80\x93 end"};
    // Every single byte, alone and between plain text.
    for (int b = 0; b < 256; ++b) {
        cases.push_back(std::string(1, static_cast<char>(b)));
        cases.push_back("a" + std::string(1, static_cast<char>(b)) + "z");
    }
    for (const std::string& s : cases) {
        INFO("bytes: " << nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
        CHECK(written_string(s) == reference_escape(s));
    }
}

TEST_CASE("JSON numbers are written as format_number writes them", "[report][jsonl]") {
    const double cases[] = {0.0,       -0.0,      1.0,
                            -1.0,      0.1,       -0.2,
                            89.6,      4650,      1e-6,
                            9.99e-7,   1e15,      123456789012345.6,
                            1e300,     -2.5e-300, 0.30000000000000004,
                            1.0 / 3.0, 78.8,      5e-324,
                            12.345678};
    for (double x : cases) {
        INFO(x);
        CHECK(written_number(x) == format_number(x == 0 ? 0.0 : x));
    }
    CHECK(written_number(std::numeric_limits<double>::quiet_NaN()) == "null");
    CHECK(written_number(std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("JSON numbers of every size and number of places are written as format_number writes them",
          "[report][jsonl]") {
    std::mt19937_64 rng(4650);
    std::uniform_int_distribution<int64_t> digits(-9'999'999'999'999, 9'999'999'999'999);
    std::uniform_int_distribution<int> places(0, 16);
    std::string first_wrong;
    for (int i = 0; i < 300000 && first_wrong.empty(); ++i) {
        // Figures as written (digits over a power of ten), ratios, and their neighbours.
        double x = static_cast<double>(digits(rng)) / std::pow(10.0, places(rng));
        if (i % 3 == 1) x = static_cast<double>(digits(rng) % 100000) / static_cast<double>(1 + (i % 977));
        if (i % 5 == 2) x = std::nextafter(x, i % 2 ? INFINITY : -INFINITY);
        if (written_number(x) != format_number(x == 0 ? 0.0 : x)) first_wrong = format_number(x);
    }
    CHECK(first_wrong == "");
}

TEST_CASE("JSON nesting and commas hold past 64 levels", "[report][jsonl]") {
    std::string out;
    reporting::JsonWriter w(out, -1);
    std::string expected;
    for (int i = 0; i < 70; ++i) {
        w.begin_array();
        w.integer(i);
        expected += (i > 0 ? ",[" : "[") + std::to_string(i);
        if (i % 2) {
            w.begin_object();
            w.end_object();
            expected += ",{}";
        }
    }
    for (int i = 0; i < 70; ++i) {
        w.boolean(true);
        w.end_array();
        expected += ",true]";
    }
    CHECK(out == expected);
    CHECK_NOTHROW(nlohmann::json::parse(out));
}

TEST_CASE("Appending render_jsonl_outcome gives the lines of render(jsonl)", "[report][jsonl]") {
    report_test::Fixture f;
    std::string appended = "kept:";
    for (const Outcome& o : f.a.outcomes) render_jsonl_outcome(f.a, o, appended);
    CHECK(appended == "kept:" + render(f.a, Format::jsonl));
    for (const Outcome& o : f.a.outcomes) {
        std::string line;
        render_jsonl_outcome(f.a, o, line);
        CHECK(line == render_jsonl_outcome(f.a, o));
    }
}
