// The terminal report: seed-like tables with the periods as columns,
// aligned by display width, wrapped to the terminal, colour only on request.
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

using namespace assay;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Columns taken by a line in the fixture's text: every code point is one
// column (the fixture has no wide or combining characters).
size_t columns(const std::string& s) {
    size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string strip_ansi(const std::string& s) {
    return std::regex_replace(s, std::regex("\x1b\\[[0-9;]*m"), "");
}

bool in_table(const std::string& line) {
    return line.find(" | ") != std::string::npos || line.find("-+-") != std::string::npos;
}

// Each run of table lines (header, rule, rows).
std::vector<std::vector<std::string>> tables_of(const std::string& text) {
    std::vector<std::vector<std::string>> tables;
    bool open = false;
    for (const std::string& line : lines_of(text)) {
        if (!in_table(line)) {
            open = false;
            continue;
        }
        if (!open) tables.emplace_back();
        open = true;
        tables.back().push_back(line);
    }
    return tables;
}

const std::vector<std::string>* table_with_header(const std::vector<std::vector<std::string>>& tables,
                                                  const std::string& header_start) {
    for (const auto& t : tables)
        if (t.front().rfind(header_start, 0) == 0) return &t;
    return nullptr;
}

}  // namespace

TEST_CASE("terminal report is laid out like the published review", "[report][terminal]") {
    report_test::Fixture f;
    RenderOptions wide;  // wide enough that no comment wraps
    wide.width = 1000;
    std::string text = render(f.a, Format::terminal, wide);
    auto lines = lines_of(text);
    REQUIRE(lines.size() > 10);
    CHECK(lines[0] == "LSP Performance Management 2007: Crime");
    CHECK(lines[1] == std::string(lines[0].size(), '='));
    CHECK(lines[2].rfind("As at 2006/07", 0) == 0);
    CHECK(text.find("\nCrime\n-----\nAssessment: AMBER GREEN\n") != std::string::npos);
    CHECK(text.find("\nProgress against PSA1 Targets\nAssessment: AMBER\n") != std::string::npos);

    auto tables = tables_of(text);
    auto psa1 = table_with_header(tables, "Indicator ");
    REQUIRE(psa1);
    // The fixture's targets and ratings are the pack's: marked, with the footnote under the table.
    CHECK(std::regex_search(psa1->front(),
                            std::regex(R"(\| 2003/04 \| 2004/05 \| 2005/06 \| 2006/07 \| Target† +\| )"
                                       R"(Distance from target +\| Trajectory +\| Rating† +\| Comments)")));
    CHECK(text.find("\n† Targets and ratings are set by the rule pack lsp2007, not published in the source.\n") !=
          std::string::npos);
    CHECK(text.find("| 2007/08") == std::string::npos);  // after the as-at period
    // Arrows and ratings in words; the target 1029 less 17.5% (848.925) rounds to 849, and 547 is 302 better.
    CHECK(std::regex_search(
        text,
        std::regex(
            R"(Theft of Vehicle +\| +1029 \| +721 \| +640 \| +547 \| 849 by 2007/08 +\| Met \(302 better\) +\| ▲ Improved +\| GREEN)")));
    // No rating (the drugs rule failed for one indicator) is "Not rated", never "N/A".
    CHECK(std::regex_search(text, std::regex(R"(12 weeks or more +\|.*\| Not rated +\|)")));
    CHECK(text.find("10,634") != std::string::npos);
    CHECK(std::regex_search(text, std::regex(R"(\| +9932 \|)")));
    CHECK(text.find("◀▶") != std::string::npos);
    CHECK(text.find("72%") != std::string::npos);
    CHECK(text.find("+0.4") != std::string::npos);
    CHECK(std::regex_search(text, std::regex(R"(\| +N/A \| ▲ Improved)")));  // the missing 2006/07 gap
    CHECK(text.find("measurement changed in 2006/07: no comparison possible") != std::string::npos);
    CHECK(text.find("2 assessed, 0 unrated; ratings: GREEN 1, AMBER 1; arrows: improved 1, static 1") !=
          std::string::npos);

    // The gap group has no rating rule: no Rating column, and no "no rating rule" noise.
    bool gap_table = false;
    for (const auto& t : tables)
        if (t.front().find("Trajectory | Comments") != std::string::npos) gap_table = true;
    CHECK(gap_table);
    CHECK(text.find("no rating rule") == std::string::npos);

    CHECK(text.find("Key to assessment of performance") != std::string::npos);
    CHECK(text.find("Performance is improving at a rate sufficient to meet or exceed target.") != std::string::npos);
    CHECK(text.find("Performance has remained static over the last 2 datasets") != std::string::npos);
    CHECK(text.find("\nAMBER GREEN\n") != std::string::npos);  // the five-point scale of the theme: labels only
    CHECK(text.find("Checks: published figures that do not match the data") != std::string::npos);
    CHECK(std::regex_search(text, std::regex(R"(2005/06 +\| ▼ +\| improved)")));
    CHECK(text.find("\nErrors\n") != std::string::npos);
}

// Where (in columns) `sep` occurs in `line`.
std::vector<size_t> separators(const std::string& line, const std::string& sep) {
    std::vector<size_t> at;
    for (size_t p = line.find(sep); p != std::string::npos; p = line.find(sep, p + 1))
        at.push_back(columns(line.substr(0, p)));
    return at;
}

TEST_CASE("every line of a terminal table has its separators under the rule's", "[report][terminal]") {
    report_test::Fixture f;
    for (int width : {200, 160}) {
        RenderOptions options;
        options.width = width;
        std::string text = render(f.a, Format::terminal, options);
        auto tables = tables_of(text);
        CHECK(tables.size() == 6);  // three groups, the RAG key, the arrows' key, the checks
        for (const auto& t : tables) {
            INFO("width " << width << ", table " << t.front());
            REQUIRE(t.size() > 2);
            const std::vector<size_t> rule = separators(t[1], "-+-");
            for (const std::string& line : t) {
                CHECK(columns(line) <= columns(t[1]));
                if (line != t[1]) CHECK(separators(line, " |") == rule);  // " |" ends a line whose last cell is empty
            }
        }
    }
    for (int width : {200, 160, 120, 80, 60, 40}) {
        RenderOptions options;
        options.width = width;
        for (const std::string& line : lines_of(render(f.a, Format::terminal, options))) {
            INFO("width " << width << ": " << line);
            CHECK(columns(line) <= static_cast<size_t>(width));
            CHECK((line.empty() || line.back() != ' '));
        }
    }
}

TEST_CASE("narrow terminals wrap at spaces, and stack a table that cannot fit", "[report][terminal]") {
    report_test::Fixture f;
    RenderOptions options;
    options.width = 160;  // the PSA1 table fits once its title and comments wrap
    std::string text = render(f.a, Format::terminal, options);
    CHECK(text.find("Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08") == std::string::npos);
    for (const char* word : {"Reduce", "comparator", "indicators", "17.5%"})
        CHECK(std::regex_search(text, std::regex(std::string("(^|[ \n])") + word + "( |\n|$)")));
    CHECK(std::regex_search(text, std::regex(R"(2003/04 \| 2004/05 \| 2005/06 \| 2006/07 \| Target)")));
    CHECK(text.find("not shown") == std::string::npos);

    // At 60 columns no table of eleven columns fits without cutting words: one block per
    // indicator, every period kept, each figure with its column's header.
    options.width = 60;
    std::string narrow = render(f.a, Format::terminal, options);
    CHECK(narrow.find("\nTheft of Vehicle\n  2003/04: 1029\n  2004/05: 721\n  2005/06: 640\n  2006/07: 547\n") !=
          std::string::npos);
    CHECK(narrow.find("  Trajectory: ▲ Improved\n") != std::string::npos);
    CHECK(narrow.find("not shown") == std::string::npos);
    CHECK(narrow.find("Indicat\n") == std::string::npos);

    options.width = 200;
    std::string wide = render(f.a, Format::terminal, options);
    CHECK(wide.find("Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08") != std::string::npos);
}

TEST_CASE("colour marks ratings and arrows only, and only when asked", "[report][terminal]") {
    report_test::Fixture f;
    std::string plain = render(f.a, Format::terminal);
    CHECK(plain.find('\x1b') == std::string::npos);

    RenderOptions options;
    options.colour = true;
    std::string coloured = render(f.a, Format::terminal, options);
    CHECK(coloured.find("\x1b[32mGREEN\x1b[0m") != std::string::npos);
    CHECK(coloured.find("\x1b[33mAMBER\x1b[0m") != std::string::npos);
    CHECK(coloured.find("\x1b[31mRED\x1b[0m") != std::string::npos);
    CHECK(coloured.find("\x1b[32m▲\x1b[0m") != std::string::npos);
    // AMBER RED and AMBER GREEN get colours of their own.
    std::smatch m;
    std::string ar, ag;
    if (std::regex_search(coloured, m, std::regex("\x1b\\[([0-9;]+)mAMBER RED\x1b"))) ar = m[1];
    if (std::regex_search(coloured, m, std::regex("\x1b\\[([0-9;]+)mAMBER GREEN\x1b"))) ag = m[1];
    CHECK_FALSE(ar.empty());
    CHECK_FALSE(ag.empty());
    CHECK(ar != ag);
    for (const char* other : {"31", "32", "33"}) {
        CHECK(ar != other);
        CHECK(ag != other);
    }
    // Colour changes nothing else: the layout is the plain one.
    CHECK(strip_ansi(coloured) == plain);
}
