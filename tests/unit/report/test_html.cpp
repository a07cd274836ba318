// HTML report: one self-contained page with every indicator, ratings as
// text + shape + colour, sparklines with gaps, footnotes for missing
// figures, corrective-action boxes on the worst ratings, print CSS, the key
// and what moved since an earlier run.
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <limits>

#include <regex>

using namespace assay;

namespace {

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// The markup of one indicator's <tbody>.
std::string indicator_block(const std::string& html, size_t outcome) {
    std::string open = "<tbody class=\"indicator\" id=\"o" + std::to_string(outcome) + "\">";
    size_t at = html.find(open);
    REQUIRE(at != std::string::npos);
    return html.substr(at, html.find("</tbody>", at) - at);
}

}  // namespace

TEST_CASE("the HTML report is one self-contained page", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">", 0) == 0);
    CHECK(html.find("<title>LSP Performance Management 2007: Crime \u2014 as at 2006/07</title>") != std::string::npos);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    // Nothing to fetch and nothing to run: no scripts, links, images or URLs.
    for (const char* banned : {"<script", "<link", "<img", "<iframe", "src=", "http://", "https://", "url(", "@import"})
        CHECK(html.find(banned) == std::string::npos);
    CHECK(count(html, "<style>") == 1);
    CHECK(html.find("<main>") != std::string::npos);
    CHECK(html.substr(html.size() - 8) == "</html>\n");
    CHECK(render(f.a, Format::html) == html);  // deterministic
}

TEST_CASE("every indicator has its row, figures and a labelled rating", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    CHECK(count(html, "<tbody class=\"indicator\"") == f.a.outcomes.size());
    for (size_t i = 0; i < f.a.outcomes.size(); ++i) {
        std::string block = indicator_block(html, i);
        const Indicator& ind = f.data.indicators[f.data.series[f.a.outcomes[i].series].indicator];
        std::string title = ind.title;
        for (auto [from, to] : {std::pair<std::string, std::string>{"\"", "&quot;"}})
            for (size_t at = title.find(from); at != std::string::npos; at = title.find(from, at + to.size()))
                title.replace(at, from.size(), to);
        INFO(title);
        CHECK(block.find("<th scope=\"row\" class=\"title\">" + title) != std::string::npos);
        CHECK(block.find("<svg class=\"spark\"") != std::string::npos);
    }
    // Theft of Vehicle: its figures, bold latest, target and distance, arrow in words, rating tag.
    std::string theft = indicator_block(html, 0);
    for (const char* cell :
         {">1029<", ">721<", ">640<", "<td class=\"num current\">547<", "849 by 2007/08", "Met (302 better)",
          "<span class=\"sym\" aria-hidden=\"true\">\u25b2</span> Improved", "<span class=\"label\">GREEN</span>"})
        CHECK(theft.find(cell) != std::string::npos);
    // A figure of 10,000 and more is grouped as the seed prints it.
    CHECK(indicator_block(html, 1).find(">10,202<") != std::string::npos);

    // Every rating tag has a text label: a level's label beside its mark, or the reason there is none.
    std::regex none_tag(R"re(<span class="tag s-none">([^<]*)</span>)re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), none_tag); it != std::sregex_iterator(); ++it)
        CHECK_FALSE((*it)[1].str().empty());
    std::regex labelled(
        R"re(<span class="tag s\d+-\d+">(<svg class="shape"[^>]*>.*?</svg>|<span class="sym" aria-hidden="true">[^<]+</span>)<span class="label">[^<]+</span></span>)re");
    CHECK(std::distance(std::sregex_iterator(html.begin(), html.end(), labelled), std::sregex_iterator()) ==
          static_cast<long>(count(html, "<span class=\"tag s") - count(html, "<span class=\"tag s-none")));
    // No rating and no arrow are said in words.
    CHECK(indicator_block(html, 3).find("<span class=\"tag s-none\">Not rated</span>") != std::string::npos);
    CHECK(indicator_block(html, 3).find("Not assessed") != std::string::npos);
}

TEST_CASE("a rating at the worst level gets a corrective-action box", "[report][html]") {
    report_test::Fixture f;
    f.a.outcomes[1].rating = 0;  // BCS comparator: RED
    // A comment (a note of the data, a computed change) is never quoted as the action.
    f.a.outcomes[1].comment = "National data for 2006 is not yet available";
    std::string html = render(f.a, Format::html);
    CHECK(count(html, "Corrective action needed") == 1);
    std::string bcs = indicator_block(html, 1);
    CHECK(bcs.find("<tr class=\"action\">") != std::string::npos);
    CHECK(bcs.find("is rated RED: 10,634 in 2006/07; target 8417 by 2007/08: 2217 to go (26.3%); static from "
                   "10,797 in 2005/06.") != std::string::npos);
    CHECK(bcs.find("<strong>No corrective action has been recorded for 2006/07.</strong>") != std::string::npos);
    // The comment stays in the comments cell, once, outside the box.
    CHECK(count(bcs, "National data for 2006 is not yet available") == 1);
    CHECK(bcs.find("<td class=\"comments\">National data for 2006 is not yet available</td>") != std::string::npos);

    // The action the dataset records (commentary.csv) is quoted with its owner and due date.
    const uint32_t series = f.a.outcomes[1].series;
    const uint32_t year = *f.data.find_period("2006/07");
    f.data.commentary.push_back(assay::Commentary{series,
                                                  year,
                                                  "Criminal damage is 51% of the total.",
                                                  "Action plan agreed with GONE",
                                                  "SSCP",
                                                  "March 2008",
                                                  {}});
    html = render(f.a, Format::html);
    bcs = indicator_block(html, 1);
    CHECK(bcs.find("<p><strong>Commentary:</strong> Criminal damage is 51% of the total.</p>"
                   "<p><strong>Corrective action:</strong> Action plan agreed with GONE</p>"
                   "<p><strong>Owner:</strong> SSCP · <strong>Due:</strong> March 2008</p>") != std::string::npos);
    CHECK(bcs.find("No corrective action has been recorded") == std::string::npos);

    // Commentary on a row that is not RED is shown too, without the red box.
    f.a.outcomes[1].rating = 2;
    html = render(f.a, Format::html);
    bcs = indicator_block(html, 1);
    CHECK(bcs.find("Corrective action needed") == std::string::npos);
    CHECK(bcs.find("<div class=\"commentary-box\"") != std::string::npos);
    CHECK(bcs.find("Action plan agreed with GONE") != std::string::npos);
    CHECK(indicator_block(html, 0).find("Corrective action") == std::string::npos);  // GREEN, nothing recorded
}

TEST_CASE("missing figures are gaps in the chart and footnoted", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    std::string gap = indicator_block(html, 4);  // +0.4, +2.0, +1.8, N/A
    CHECK(gap.find("<td class=\"num missing\">N/A<sup class=\"fn\">") != std::string::npos);
    CHECK(html.find("N/A: no figure is available for this period.</li>") != std::string::npos);
    // The chart: one line through the three figures, the latest marked, and a summary for screen readers.
    CHECK(count(gap, "<polyline class=\"line\"") == 1);
    CHECK(count(gap, "<circle class=\"latest\"") == 1);
    CHECK(gap.find("role=\"img\"") != std::string::npos);
    CHECK(gap.find("<desc id=\"o4-d\">2003/04 +0.4, 2004/05 +2.0, 2005/06 +1.8. No figure for 2006/07. Latest +1.8 "
                   "(2005/06).</desc>") != std::string::npos);

    // A value missing in the middle breaks the line in two.
    uint32_t mid = f.obs("theft_of_vehicle", 1);
    f.data.obs_value[mid] = std::numeric_limits<double>::quiet_NaN();
    f.data.missing[mid] = "N/A";
    f.data.notes[mid] = "Recording system replaced in 2004/05";
    html = render(f.a, Format::html);
    std::string theft = indicator_block(html, 0);
    CHECK(count(theft, "<polyline class=\"line\"") == 1);  // 640, 547, (500 is after as-at)
    CHECK(count(theft, "<circle class=\"dot\"") == 1);     // 1029 stands alone
    CHECK(html.find("Recording system replaced in 2004/05</li>") != std::string::npos);
}

TEST_CASE("a target line and a tolerance band are drawn", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    CHECK(count(indicator_block(html, 0), "<line class=\"target\"") == 1);
    CHECK(indicator_block(html, 0).find("<rect class=\"band\"") == std::string::npos);
    TargetRule within;
    within.kind = TargetRule::Kind::within;
    within.tolerance = 5;
    within.tolerance_percent = true;
    f.a.outcomes[0].target->rule = &within;
    html = render(f.a, Format::html);
    CHECK(count(indicator_block(html, 0), "<rect class=\"band\"") == 1);
    CHECK(indicator_block(html, 0).find("849 \u00b1 5.0% by 2007/08") != std::string::npos);
}

TEST_CASE("text from the data is escaped", "[report][html]") {
    report_test::Fixture f;
    f.a.outcomes[0].comment = "<script>alert('x')</script> & \"quotes\"";
    f.data.indicators[0].title = "Theft <b>of</b> Vehicle";
    std::string html = render(f.a, Format::html);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;") != std::string::npos);
    CHECK(html.find("Theft &lt;b&gt;of&lt;/b&gt; Vehicle") != std::string::npos);
}

TEST_CASE("the page prints on A4 landscape with colours and whole indicators", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    for (const char* rule :
         {"@page { size: A4 landscape;", "print-color-adjust: exact", "-webkit-print-color-adjust: exact",
          "tbody.indicator { break-inside: avoid;", "thead { display: table-header-group; }", "@media print",
          "counter(page)", "tr.why, details.theme-why { display: none; }"})
        CHECK(html.find(rule) != std::string::npos);
    // Each scale level has a tag class with its tint and dark text.
    CHECK(html.find(".s0-0.tag { background: ") != std::string::npos);
    CHECK(html.find(".s1-4.tag { background: ") != std::string::npos);
}

TEST_CASE("sparklines survive forced colours and action boxes reflow at 320 px", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    size_t forced = html.find("@media (forced-colors: active) {");
    REQUIRE(forced != std::string::npos);
    std::string block = html.substr(forced, html.find("\n}\n", forced) - forced);
    // The line, its points and the target take system colours, which forced-colours mode keeps.
    for (const char* rule : {"svg.spark { forced-color-adjust: none;", "svg.spark .line { stroke: CanvasText; }",
                             "svg.spark .dot { fill: CanvasText; }", "svg.spark .target { stroke: LinkText; }"})
        CHECK(block.find(rule) != std::string::npos);
    // WCAG 1.4.10: on a 320 px screen the boxes stay in view as the table scrolls, and wrap within it.
    size_t narrow = html.find("@media (max-width: 40em) {");
    REQUIRE(narrow != std::string::npos);
    std::string reflow = html.substr(narrow, html.find("\n}\n", narrow) - narrow);
    CHECK(reflow.find("tr.action td, tr.commentary td { position: sticky; left: 0; }") != std::string::npos);
    CHECK(reflow.find("max-width: calc(100vw - 24px)") != std::string::npos);
    CHECK(html.find(".action-box p, .commentary-box p { margin: 2px 0; overflow-wrap: anywhere; }") !=
          std::string::npos);
}

TEST_CASE("a series of one figure gets no sparkline", "[report][html]") {
    report_test::Fixture f;
    // Outcome 3 (retained in treatment) has figures for 2003/04, 2004/05 and 2005/06 (period indices 1-3).
    CHECK(indicator_block(render(f.a, Format::html), 3).find("<svg class=\"spark\"") != std::string::npos);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    f.data.obs_value[f.obs("retained_12wk", 1)] = nan;
    f.data.obs_value[f.obs("retained_12wk", 2)] = nan;
    const std::string block = indicator_block(render(f.a, Format::html), 3);
    CHECK(block.find("<svg class=\"spark\"") == std::string::npos);
    CHECK(block.find("<td class=\"trend\"></td>") != std::string::npos);
}

TEST_CASE("the summary counts ratings and arrows per group and theme", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    size_t at = html.find("<section id=\"summary\"");
    REQUIRE(at != std::string::npos);
    std::string summary = html.substr(at, html.find("</section>", at) - at);
    CHECK(summary.find("<caption>Crime: indicators by rating and direction of travel</caption>") != std::string::npos);
    CHECK(summary.find("<th scope=\"row\">Progress against PSA1 Targets</th><td class=\"num\">1</td><td "
                       "class=\"num\">1</td><td class=\"num\">0</td>") != std::string::npos);  // GREEN, AMBER, RED
    CHECK(summary.find("<tr class=\"total\"><th scope=\"row\">All indicators</th><td class=\"num\">2</td>") !=
          std::string::npos);
    CHECK(summary.find("Other tables") != std::string::npos);  // the group outside every theme
    CHECK(summary.find("(+") == std::string::npos);            // no earlier run: no changes
}

TEST_CASE("with an earlier run the report shows what moved", "[report][html]") {
    report_test::Fixture f;
    PreviousRun before;
    before.as_at = "2005/06";
    before.outcomes[PreviousRun::outcome_key("psa1", "theft_of_vehicle", "Redcar & Cleveland")] = {"AMBER", "improved"};
    before.outcomes[PreviousRun::outcome_key("psa1", "bcs_comparator", "Redcar & Cleveland")] = {"AMBER", "declined"};
    before.groups["psa1"] = {"RED", {{{"AMBER", 2}}, {{"improved", 1}, {"declined", 1}}, 2, 0}};
    before.themes["crime"] = {"AMBER RED", {{{"AMBER", 2}}, {}, 2, 0}};
    RenderOptions options;
    options.previous = &before;
    std::string html = render(f.a, Format::html, options);

    CHECK(indicator_block(html, 0).find("<span class=\"was\">was AMBER in 2005/06</span>") != std::string::npos);
    CHECK(indicator_block(html, 1).find("class=\"was\"") == std::string::npos);  // unchanged
    CHECK(indicator_block(html, 2).find("new since 2005/06") != std::string::npos);
    CHECK(html.find("Figures in brackets are the change since the previous report (as at 2005/06).") !=
          std::string::npos);
    // PSA1: GREEN 1 (+1), AMBER 1 (-1).
    CHECK(html.find("<td class=\"num\">1 <span class=\"delta\">(+1)</span></td><td class=\"num\">1 <span "
                    "class=\"delta\">(\u22121)</span></td>") != std::string::npos);
    CHECK(html.find("<h3 id=\"moved\">Ratings that changed since 2005/06</h3>") != std::string::npos);
    CHECK(html.find("<a href=\"#o0\">Theft of Vehicle</a>") != std::string::npos);
    CHECK(html.find("2005/06 assessment <span class=\"tag s1-1\">") != std::string::npos);  // AMBER RED, masthead
}

TEST_CASE("the key is generated from the pack", "[report][html]") {
    report_test::Fixture f;
    Condition on_track, otherwise;
    on_track.kind = Condition::Kind::on_track;
    on_track.text = "on_track";
    otherwise.text = "otherwise";
    f.pack.groups[0].rating.cases = {{on_track, 2, ""}, {otherwise, 0, ""}};
    std::string html = render(f.a, Format::html);
    size_t at = html.find("<section id=\"key\"");
    REQUIRE(at != std::string::npos);
    std::string key = html.substr(at, html.find("</section>", at) - at);
    for (const ScaleLevel& l : f.pack.scales[0].levels) {
        CHECK(key.find("<span class=\"label\">" + l.label + "</span>") != std::string::npos);
        CHECK(key.find(l.meaning) != std::string::npos);
    }
    CHECK(key.find("Performance has declined/got worse over the last 2 datasets") != std::string::npos);
    CHECK(key.find("<caption>Ratings of indicators and tables</caption>") != std::string::npos);  // rag
    CHECK(key.find("<caption>Ratings of themes</caption>") != std::string::npos);                 // five_point
    CHECK(html.find("<li>on track to meet the target \u2192 <span class=\"tag s0-2\">") !=
          std::string::npos);  // as assay key words it
    CHECK(html.find("Target: reduce by 17.5% from 2003/04 by 2007/08.") != std::string::npos);
}

TEST_CASE("custom scales keep their own labels and symbols", "[report][html]") {
    report_test::Fixture f;
    Scale stars{"stars", {}, {}};
    for (const char* s : {"\u2605", "\u2605\u2605", "\u2605\u2605\u2605"}) stars.levels.push_back({s, s, "", ""});
    Scale assurance{"assurance", {}, {}};
    for (const char* s : {"Not Assured", "Partly Assured", "Assured"}) assurance.levels.push_back({s, "", "", ""});
    f.pack.scales.push_back(stars);
    f.pack.scales.push_back(assurance);
    f.pack.groups[0].scale = "stars";
    f.pack.groups[1].scale = "assurance";
    f.a.outcomes[2].rating = 1;  // drugs: Partly Assured
    std::string html = render(f.a, Format::html);
    CHECK(indicator_block(html, 0).find("<span class=\"sym\" aria-hidden=\"true\">\u2605\u2605\u2605</span><span "
                                        "class=\"label\">\u2605\u2605\u2605</span>") != std::string::npos);
    std::string drugs = indicator_block(html, 2);
    CHECK(drugs.find("<svg class=\"shape\"") != std::string::npos);
    CHECK(drugs.find("<span class=\"label\">Partly Assured</span>") != std::string::npos);
    // Symbols that do not tell levels apart (the fixture's three "●") give way to a shape per level.
    CHECK(html.find("<rect x=\"1.5\" y=\"1.5\" width=\"9\" height=\"9\"/></svg><span class=\"label\">RED</span>") !=
          std::string::npos);
}

TEST_CASE("rule errors and failed checks are listed", "[report][html]") {
    report_test::Fixture f;
    std::string html = render(f.a, Format::html);
    CHECK(html.find("<h2 id=\"errors-h\">Rule errors</h2>") != std::string::npos);
    CHECK(html.find("rule &#39;drugs&#39; (drugs.lua:12) failed") != std::string::npos);
    CHECK(html.find("<h2 id=\"checks-h\">Checks: published figures that do not match the data</h2>") !=
          std::string::npos);
    // Each check names the table its indicator is in, so that two indicators of one title are told apart.
    CHECK(html.find("<th scope=\"row\">Theft from a Motor Vehicle, gap &quot;borough - national&quot; (Narrowing "
                    "the gap – Borough and National)</th>") != std::string::npos);
}

TEST_CASE("a streamed assessment renders an HTML page without tables", "[report][html]") {
    report_test::Fixture f;
    f.a.outcomes.clear();
    std::string html = render(f.a, Format::html);
    CHECK(count(html, "No indicators assessed.") == 3);
    CHECK(html.find("<tbody class=\"indicator\"") == std::string::npos);
}

TEST_CASE("short- and long-term arrows get a column each", "[report][html]") {
    report_test::Fixture f;
    NamedArrowRule long_term;
    long_term.name = "long";
    long_term.rule.compare = ArrowRule::Compare::periods_back;
    long_term.rule.span = 3;
    f.pack.groups[0].other_arrows = {long_term};
    f.a.outcomes[0].other_arrows = {OtherArrow{"long", Arrow::improved, "", Point{0, 1029}, -482, -46.8}};
    f.a.outcomes[1].other_arrows = {OtherArrow{"long", Arrow::declined, "", Point{0, 10202}, 432, 4.2}};
    std::string html = render(f.a, Format::html);
    CHECK(html.find("<th scope=\"col\">Direction of travel</th><th scope=\"col\">Long-term direction</th>") !=
          std::string::npos);
    CHECK(count(indicator_block(html, 0), "<td class=\"direction\">") == 2);
    CHECK(indicator_block(html, 1).find("</span> Declined</span></td><td class=\"rating\">") != std::string::npos);
    CHECK(html.find("<li>Long direction of travel: compares the latest value with the value 3 datasets earlier") !=
          std::string::npos);
}
