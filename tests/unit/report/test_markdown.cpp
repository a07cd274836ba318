// Markdown: seed-style pipe tables per group, the key, checks and errors.
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

using namespace assay;

namespace {

size_t unescaped_pipes(const std::string& line) {
    size_t n = 0;
    for (size_t i = 0; i < line.size(); ++i)
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++n;
    return n;
}

}  // namespace

TEST_CASE("Markdown tables are well-formed pipe tables", "[report][markdown]") {
    report_test::Fixture f;
    f.a.outcomes[0].comment = "a | pipe\nand a break";
    std::string text = render(f.a, Format::markdown);
    CHECK(text.rfind("# LSP Performance Management 2007: Crime\n", 0) == 0);
    CHECK(text.find("\n## Crime\n\n**Assessment: AMBER GREEN**\n") != std::string::npos);
    CHECK(text.find("\n### Progress against PSA1 Targets\n") != std::string::npos);
    CHECK(text.find("\n## Narrowing the gap – Borough and National\n") != std::string::npos);  // outside themes
    // Target and distance columns; arrows and ratings in words; the pack's own targets and ratings marked.
    CHECK(text.find("| Indicator | 2003/04 | 2004/05 | 2005/06 | 2006/07 | Target† | Distance from target | "
                    "Trajectory | Rating† | Comments |\n"
                    "| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- |\n"
                    "| Theft of Vehicle | 1029 | 721 | 640 | 547 | 849 by 2007/08 | Met (302 better) | ▲ Improved | "
                    "GREEN | a \\| pipe<br>and a break |\n") != std::string::npos);
    CHECK(text.find("\n† Targets and ratings are set by the rule pack lsp2007, not published in the source.\n") !=
          std::string::npos);
    CHECK(text.find("| Not rated |") != std::string::npos);
    CHECK(text.find("| N/A | Not rated") == std::string::npos);
    CHECK(text.find("| Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08 | 10,202 |") != std::string::npos);
    CHECK(text.find("## Key to assessment of performance") != std::string::npos);
    CHECK(text.find("| ▲ | Performance has improved over the last 2 datasets |") != std::string::npos);
    CHECK(text.find("## Checks") != std::string::npos);
    CHECK(text.find("## Errors\n\n- rule 'drugs'") != std::string::npos);

    std::istringstream in(text);
    std::vector<std::string> table;
    size_t tables = 0;
    auto finish = [&] {
        if (table.empty()) return;
        ++tables;
        INFO(table.front());
        REQUIRE(table.size() >= 2);
        CHECK(std::regex_match(table[1], std::regex(R"(\|( ---:? \|)+)")));
        for (const std::string& row : table) {
            CHECK(row.back() == '|');
            CHECK(unescaped_pipes(row) == unescaped_pipes(table.front()));
        }
        table.clear();
    };
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] == '|')
            table.push_back(line);
        else
            finish();
    }
    finish();
    CHECK(tables == 7);  // three groups, two scale keys, the arrows' key, the checks
    CHECK(text.find("| Rating |\n| --- |\n| RED |\n| AMBER RED |") != std::string::npos);
}
