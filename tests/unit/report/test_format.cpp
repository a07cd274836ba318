// Format names, the engine version, and render() dispatching to each format.
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace assay;

TEST_CASE("format names round-trip and accept the aliases", "[report]") {
    for (Format f :
         {Format::terminal, Format::json, Format::jsonl, Format::csv, Format::markdown, Format::html, Format::xlsx})
        CHECK(format_from_string(to_string(f)) == f);
    CHECK(format_from_string("text") == Format::terminal);
    CHECK(format_from_string("md") == Format::markdown);
    CHECK_FALSE(format_from_string("pdf"));
    CHECK_FALSE(format_from_string("JSON"));
    CHECK_FALSE(format_from_string(""));
}

TEST_CASE("engine_version matches the project version in CMakeLists.txt", "[report]") {
    std::ifstream in(std::string(ASSAY_SOURCE_DIR) + "/CMakeLists.txt");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    std::smatch m;
    std::string s = text.str();
    REQUIRE(std::regex_search(s, m, std::regex(R"(project\s*\(\s*assay\s+VERSION\s+([0-9][0-9.]*))")));
    CHECK(engine_version() == m[1].str());
}

TEST_CASE("render gives a different, non-empty text for each format", "[report]") {
    report_test::Fixture f;
    std::vector<std::string> texts;
    for (Format fmt : {Format::terminal, Format::json, Format::jsonl, Format::csv, Format::markdown}) {
        texts.push_back(render(f.a, fmt));
        CHECK_FALSE(texts.back().empty());
        CHECK(texts.back().back() == '\n');
    }
    for (size_t i = 0; i < texts.size(); ++i)
        for (size_t j = i + 1; j < texts.size(); ++j) CHECK(texts[i] != texts[j]);
}

TEST_CASE("render refuses an assessment without its inputs", "[report]") {
    Assessment empty;
    CHECK_THROWS_AS(render(empty, Format::json), Fatal);
    CHECK_THROWS_AS(render(empty, Format::terminal), Fatal);
}

TEST_CASE("a streamed assessment (no outcomes held) still renders", "[report]") {
    report_test::Fixture f;
    f.a.outcomes.clear();
    CHECK(render(f.a, Format::jsonl).empty());
    CHECK(render(f.a, Format::json).find("\"outcomes\": [],") != std::string::npos);
    CHECK(render(f.a, Format::csv).find('\n') == render(f.a, Format::csv).size() - 1);  // the header only
    CHECK(render(f.a, Format::terminal).find("No indicators assessed.") != std::string::npos);
}
