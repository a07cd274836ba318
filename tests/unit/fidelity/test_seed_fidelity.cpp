// Cell-for-cell fidelity of the bundled reports with the documents they
// reproduce. Each row below is a table row as the seed document prints it
// (tests/fidelity/*_seed.txt, whitespace collapsed), and its figures are
// strings taken from that row: the test first proves that the seed text
// holds the row, then that every figure appears as a cell of the same row
// of the same table in the Markdown and HTML reports, exactly as printed.
// A published error is listed with the figure the data gives instead: the
// report must show the computed figure and not the published one.
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace assay;

namespace {

std::filesystem::path source(const std::string& rel) {
    return std::filesystem::path(ASSAY_SOURCE_DIR) / rel;
}

// The seed text with every run of whitespace made one space.
std::string seed_text(const std::string& name) {
    std::ifstream in(source("tests/fidelity/" + name), std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string out;
    bool space = false;
    for (char c : ss.str()) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

struct Row {
    std::string table;                 ///< the table's title in the report
    std::string title;                 ///< the indicator's title in the report
    std::string seed;                  ///< the row as the seed prints it
    std::vector<std::string> figures;  ///< its figures, as printed
};

/// Published errors: the seed's figure -> the figure the data gives.
using Errors = std::map<std::string, std::string>;

std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// Cells of every Markdown row titled `title` in the table `table`.
std::vector<std::string> markdown_cells(const std::string& md, const std::string& table, const std::string& title) {
    size_t at = md.find("\n### " + table + "\n");
    REQUIRE(at != std::string::npos);
    size_t end = md.find("\n## ", at + 1);
    size_t next = md.find("\n### ", at + 1);
    if (next < end) end = next;
    std::vector<std::string> cells;
    std::istringstream lines(md.substr(at, end - at));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("| " + title + " |", 0) != 0) continue;
        size_t p = 1;
        while (p < line.size()) {
            size_t q = line.find(" |", p);
            if (q == std::string::npos) break;
            cells.push_back(trim(line.substr(p, q - p)));
            p = q + 2;
        }
    }
    return cells;
}

// Text of the cells (up to the first tag inside) of every HTML row titled
// `title` in the table section headed `table`.
std::vector<std::string> html_cells(const std::string& html, const std::string& table, const std::string& title) {
    size_t at = std::string::npos;
    for (size_t h = html.find("<h3 id=\""); h != std::string::npos; h = html.find("<h3 id=\"", h + 1)) {
        size_t gt = html.find('>', h);
        if (html.compare(gt + 1, table.size(), table) == 0 && (html[gt + 1 + table.size()] == '<')) {
            at = gt;
            break;
        }
    }
    REQUIRE(at != std::string::npos);
    size_t end = html.find("</section>", at);
    std::vector<std::string> cells;
    const std::string head = "<th scope=\"row\" class=\"title\">" + title + "<";
    for (size_t r = html.find(head, at); r != std::string::npos && r < end; r = html.find(head, r + 1)) {
        size_t row_end = html.find("</tr>", r);
        for (size_t c = html.find("<td", r); c != std::string::npos && c < row_end; c = html.find("<td", c + 1)) {
            size_t open = html.find('>', c) + 1;
            cells.push_back(trim(html.substr(open, html.find('<', open) - open)));
        }
    }
    return cells;
}

bool has(const std::vector<std::string>& cells, const std::string& s) {
    return std::find(cells.begin(), cells.end(), s) != cells.end();
}

void check_fidelity(const std::string& pack, const std::string& seed_file, const std::vector<Row>& rows,
                    const Errors& errors) {
    const std::string seed = seed_text(seed_file);
    RunInputs run = load_run(source("rules/" + pack), source("datasets/" + pack));
    Assessment a = assess(run);
    const std::string md = render(a, Format::markdown);
    const std::string html = render(a, Format::html);
    for (const Row& row : rows) {
        INFO(pack << ": " << row.table << " / " << row.title);
        REQUIRE(seed.find(row.seed) != std::string::npos);  // the row is the seed's own
        const std::vector<std::string> m = markdown_cells(md, row.table, row.title);
        const std::vector<std::string> h = html_cells(html, row.table, row.title);
        REQUIRE_FALSE(m.empty());
        REQUIRE_FALSE(h.empty());
        for (const std::string& fig : row.figures) {
            INFO("figure " << fig);
            REQUIRE(row.seed.find(fig) != std::string::npos);  // the figure is the seed's own
            if (auto e = errors.find(fig); e != errors.end()) {
                CHECK(has(m, e->second));
                CHECK(has(h, e->second));
                CHECK_FALSE(has(m, fig));
                CHECK_FALSE(has(h, fig));
            } else {
                CHECK(has(m, fig));
                CHECK(has(h, fig));
            }
        }
    }
}

}  // namespace

TEST_CASE("fidelity: every figure of the PCC Q2 2024/25 tables is in the report as printed", "[fidelity]") {
    const std::string calls = "Access to Police Services – Emergency Calls (999 service)";
    const std::string calls101 = "Access to Police Services – Non-emergency calls (101 service)";
    const std::string crime = "Neighbourhood Crime";
    const std::string asb = "Tackling anti-social behaviour in communities";
    const std::string vawg = "Tackling violence against women and girls";
    const std::string sv = "Prevent, reduce and tackle serious violence";
    const std::string solving = "Solving crime in Cleveland – Cleveland vs National charge rate 2023/24";
    const std::vector<Row> rows = {
        {calls,
         "Number of 999 calls received",
         "Number of 999 calls received 113,176 121,752 113,266 - 8,486 -6.9%",
         {"113,176", "121,752", "113,266", "- 8,486", "-6.9%"}},
        {calls,
         "% 999 calls answered within 10 seconds",
         "% 999 calls answered within 10 seconds 85.7% 87.7% 89.2% +1.5pts -",
         {"85.7%", "87.7%", "89.2%", "+1.5pts", "-"}},
        {calls101,
         "Number of non-999 calls received",
         "Number of non-999 calls received 224,337 221,164 208,698 -12,466 -5.6%",
         {"224,337", "221,164", "208,698", "-12,466", "-5.6%"}},
        {calls101,
         "% of non-999 calls answered within 2 minutes",
         "% of non-999 calls answered within 2 minutes 64.3% 67.9% 84.6% +16.7pts -",
         {"64.3%", "67.9%", "84.6%", "+16.7pts", "-"}},
        {crime,
         "Total recorded crime",
         "Total recorded crime 79,481 82,023 74,366 -7,657 -9.3%",
         {"79,481", "82,023", "74,366", "-7,657", "-9.3%"}},
        {crime,
         "Theft from person",
         "Theft from person 536 453 280 -173 -38.1%",
         {"536", "453", "280", "-173", "-38.1%"}},
        {crime,
         "Residential burglary",
         "Residential burglary 3,497 4,050 3,131 -919 -22.6%",
         {"3,497", "4,050", "3,131", "-919", "-22.6%"}},
        {crime,
         "Vehicle crime",
         "Vehicle crime 4,075 4,491 4,222 -269 -5.9%",
         {"4,075", "4,491", "4,222", "-269", "-5.9%"}},
        {crime, "Robbery", "Robbery 857 914 830 -84 -9.1%", {"857", "914", "830", "-84", "-9.1%"}},
        {crime,
         "Total neighbourhood crime",
         "Total neighbourhood crime 8,965 9,908 8,463 -1,445 -14.5%",
         {"8,965", "9,908", "8,463", "-1,445", "-14.5%"}},
        {asb,
         "Anti-social behaviour incidents – police",
         "Anti-social behaviour incidents – police 18,692 18,074 17,027 1,047 -5.7%",
         {"18,692", "18,074", "17,027", "1,047", "-5.7%"}},
        {vawg,
         "Domestic abuse crimes – police recorded",
         "Domestic abuse crimes – police recorded 12,924 14,316 13,183 1133 -7.9%",
         {"12,924", "14,316", "13,183", "1133", "-7.9%"}},
        {vawg, "Arrest rate", "Arrest rate 42.2% 40.3% 41.7% +1.4pts -", {"42.2%", "40.3%", "41.7%", "+1.4pts"}},
        {vawg,
         "Repeat incident rate",
         "Repeat incident rate 44.9% 46.0% 44.1% -1.9pts -",
         {"44.9%", "46.0%", "44.1%", "-1.9pts"}},
        {vawg,
         "Sexual offences – police recorded",
         "Sexual offences – police recorded 2,614 2,677 2,553 -124 -4.6%",
         {"2,614", "2,677", "2,553", "-124", "-4.6%"}},
        {vawg,
         "Rape offences – police recorded",
         "Rape offences – police recorded 1,015 979 896 -83 -8.4%",
         {"1,015", "979", "896", "-83", "-8.4%"}},
        {sv, "Homicides", "Homicides 8 12 11 -1 -8.3%", {"8", "12", "11", "-1", "-8.3%"}},
        // On 12 months to June beside the table's Sept columns: marked "*" as the seed marks them.
        {sv,
         "NHS Sharps admission – all ages*",
         "NHS Sharps admission – all ages* 100 65 90 25 38.4",
         {"100", "65", "90", "25", "38.4"}},
        {sv,
         "NHS sharps admissions – under 25 years*",
         "NHS sharps admissions – under 25 years* 30 20 15 -5 25%",
         {"30", "20", "15", "-5", "25%"}},
        {sv,
         "Serious violence offences – all ages – police recorded",
         "Serious violence offences – all ages – police recorded 1,843 1,997 1,821 -176 8.8%",
         {"1,843", "1,997", "1,821", "-176", "8.8%"}},
        {sv,
         "Serious violence offences – youth related – police recorded",
         "Serious violence offences – youth related – police recorded 626 648 521 -127 -19.5%",
         {"626", "648", "521", "-127", "-19.5%"}},
        {sv,
         "Knife/sharps enabled serious violence offences – all ages – police recorded",
         "Knife/sharps enabled serious violence offences – all ages – police recorded 822 896 820 -76 -8.4%",
         {"822", "896", "820", "-76", "-8.4%"}},
        {sv,
         "Knife/sharps enabled serious violence offences – youth related – police recorded",
         "Knife/sharps enabled serious violence offences – youth related – police recorded 313 342 257 -85 -24.8%",
         {"313", "342", "257", "-85", "-24.8%"}},
        {solving, "Charge rate – All Crime", "All Crime 8.4% 6.4%", {"8.4%", "6.4%"}},
        {solving, "Charge rate – Domestic burglary", "Domestic burglary 6.1% 4.3%", {"6.1%", "4.3%"}},
        {solving,
         "Charge rate – Violence against the Person",
         "Violence against the Person 6.2% 5.6%",
         {"6.2%", "5.6%"}},
        {solving, "Charge rate – Robbery", "Robbery 14.5% 6.5%", {"14.5%", "6.5%"}},
        {solving, "Charge rate – Shoplifting", "Shoplifting 25.3% 16.4%", {"25.3%", "16.4%"}},
        {solving, "Charge rate – Sexual Offences", "Sexual Offences 3.6% 4.2%", {"3.6%", "4.2%"}},
        {solving, "Charge rate – Possession of Weapons", "Possession of Weapons 36.7% 28.3%", {"36.7%", "28.3%"}},
    };
    // The seed's published errors (datasets/pcc2024q2/README.md): decreases
    // printed without their minus sign, a total without its separator, a %
    // change without its "%", and "- 8,486" set with a stray space.
    const Errors errors = {
        {"1,047", "-1,047"}, {"1133", "-1,133"}, {"25%", "-25.0%"},
        {"8.8%", "-8.8%"},   {"38.4", "38.4%"},  {"- 8,486", "-8,486"},
    };
    check_fidelity("pcc2024q2", "pcc2024q2_seed.txt", rows, errors);
}

TEST_CASE("fidelity: every figure of the LSP 2007 tables is in the report as printed", "[fidelity]") {
    const std::string psa1 = "Progress against PSA1 Targets";
    const std::string nat = "Narrowing the gap – Borough and National";
    const std::string dep = "Narrowing the gap – deprived neighbourhoods and Borough";
    const std::string drugs = "Progress against Drugs Targets";
    auto yearly = [](const std::string& table, const std::string& title, const std::string& seed_title,
                     std::vector<std::string> figs, const std::string& tail) {
        // "Theft of Vehicle N/A 1029 (2003/04) 721 (2004/05) 640 (2005/06) 547 (2006/07)".
        static const char* const years[] = {"(2003/04)", "(2004/05)", "(2005/06)", "(2006/07)"};
        std::string seed = seed_title + " N/A";
        for (size_t i = 0; i < figs.size(); ++i)
            seed += " " + figs[i] + (figs[i] == "N/A" ? std::string() : std::string(" ") + years[i]);
        seed += tail;
        figs.insert(figs.begin(), "N/A");
        return Row{table, title, seed, figs};
    };
    const std::vector<Row> rows = {
        yearly(psa1, "Theft of Vehicle", "Theft of Vehicle", {"1029", "721", "640", "547"}, " ▲"),
        yearly(psa1, "Theft from Vehicle", "Theft from Vehicle", {"1542", "1034", "1082", "1126"}, " ▼"),
        yearly(psa1, "Vehicle Interference", "Vehicle Interference", {"409", "368", "269", "233"}, " ▲"),
        yearly(psa1, "Domestic Burglary", "Domestic Burglary", {"1048", "739", "829", "700"}, " ▲"),
        yearly(psa1, "Theft/unauthorised taking of a cycle", "Theft/unauthorised taking of a cycle",
               {"245", "272", "371", "300"}, " ▲"),
        yearly(psa1, "Theft from Person", "Theft from Person", {"106", "135", "164", "163"}, " ◀▶"),
        yearly(psa1, "Robbery", "Robbery", {"77", "107", "75", "76"}, " ◀▶"),
        yearly(psa1, "Common Assault", "Common Assault", {"943", "477", "632", "646"}, " ▼"),
        yearly(psa1, "Wounding", "Wounding", {"487", "1430", "1555", "1387"}, " ▲"),
        yearly(psa1, "Criminal Damage", "Criminal Damage", {"4317", "4649", "5180", "5456"}, " ▼"),
        yearly(psa1, "Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08",
               "Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08", {"10202", "9932", "10797", "10634"},
               " ▲"),
        yearly(nat, "Theft from a Motor Vehicle", "Theft from a Motor Vehicle", {"+0.4", "+2.0", "+1.8", "N/A"}, ""),
        yearly(nat, "Theft of a Motor Vehicle", "Theft of a Motor Vehicle", {"-1.9", "-0.6", "-0.6", "N/A"}, ""),
        yearly(nat, "Vehicle Interference", "Vehicle Interference", {"-0.1", "-1.1", "-0.7", "N/A"}, ""),
        yearly(nat, "Domestic Burglary", "Domestic Burglary", {"-0.1", "+1.7", "-0.7", "N/A"}, ""),
        yearly(nat, "Robbery", "Robbery", {"+1.4", "+1.7", "+1.3", "N/A"}, ""),
        yearly(nat, "Criminal Damage", "Criminal Damage", {"-16.5", "-19.3", "-23.5", "N/A"}, ""),
        yearly(dep, "Theft of Vehicle", "Theft of Vehicle", {"-4.1", "-2.9", "-2.5", "-2.2"}, ""),
        yearly(dep, "Theft from Vehicle", "Theft from Vehicle", {"-2.5", "-2.3", "-1.8", "-3.5"}, ""),
        yearly(dep, "Vehicle Interference", "Vehicle Interference", {"-2.7", "-1.5", "-0.9", "-1.1"}, ""),
        yearly(dep, "Domestic Burglary", "Domestic Burglary", {"-10.8", "-9.0", "-11.0", "-10.4"}, ""),
        yearly(dep, "Theft/unauthorised taking of a cycle", "Theft/unauthorised taking of a cycle",
               {"-1.1", "-0.9", "-1.1", "-0.8"}, ""),
        yearly(dep, "Theft from Person", "Theft from Person", {"-0.7", "-0.9", "-1.2", "-1.5"}, ""),
        yearly(dep, "Robbery", "Robbery", {"-0.4", "-0.7", "-0.5", "-0.3"}, ""),
        yearly(dep, "Common Assault", "Common Assault", {"-5.2", "-3.1", "-3.7", "-3.8"}, ""),
        yearly(dep, "Wounding", "Wounding", {"-3.2", "-7.7", "-8.8", "-7.9"}, ""),
        yearly(dep, "Criminal Damage", "Criminal Damage", {"-31.1", "-30.8", "-33.0", "-31.1"}, ""),
        yearly(dep, "10 BCS comparator crime indicators", "10 BCS comparator crime indicators",
               {"-55.1", "-55.0", "-58.4", "-56.7"}, ""),
        {drugs,
         "The total number of people in drug treatment",
         "The total number of people in drug treatment N/A N/A 474 541 568",
         {"N/A", "474", "541", "568"}},
        {drugs,
         "The percentage retained in treatment for 12 weeks or more",
         "The percentage retained in treatment for 12 weeks or more N/A N/A 72% 45% 77%",
         {"N/A", "72%", "45%", "77%"}},
    };
    check_fidelity("lsp2007", "lsp2007_seed.txt", rows, {});
}
