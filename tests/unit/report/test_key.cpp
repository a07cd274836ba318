// The key to assessment (key.cpp): generated from the pack, listing only the
// arrows its groups can give, with each table's rules in words; the run
// report's key is the same legend.
#include "fixture.hpp"

#include <assay/report.hpp>

#include "report/key.hpp"

#include <catch2/catch.hpp>

using namespace assay;

namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

Condition condition(Condition::Kind k, std::string text) {
    Condition c;
    c.kind = k;
    c.text = std::move(text);
    return c;
}

}  // namespace

TEST_CASE("the key lists the scales and only the arrows the groups can give", "[report][key]") {
    report_test::Fixture f;
    std::string key = render_key(f.pack, Format::terminal);
    CHECK(has(key, "Key to assessment of performance\n================================\n"));
    CHECK(has(key, "Performance is improving at a rate sufficient to meet or exceed target."));
    CHECK(has(key, "Performance has improved over the last 2 datasets"));
    CHECK_FALSE(has(key, "★"));    // the pack describes peaks, but no arrow rule has peak_at
    CHECK_FALSE(has(key, "↑"));    // no group is neutral
    CHECK_FALSE(has(key, "N/A"));  // a key without a run has nothing unassessed

    f.pack.groups[0].arrow.peak_at = 100;
    CHECK(has(render_key(f.pack, Format::terminal), "★ "));

    // A neutral group brings increased and decreased.
    f.pack.groups[2].polarity = Polarity::neutral;
    CHECK(has(render_key(f.pack, Format::terminal), "↑"));
    auto arrows = reporting::key_arrows(f.pack, nullptr);
    CHECK(std::find(arrows.begin(), arrows.end(), Arrow::decreased) != arrows.end());
}

TEST_CASE("with data the arrows follow the indicators' polarity and units", "[report][key]") {
    report_test::Fixture f;
    for (Group& g : f.pack.groups) g.polarity.reset();
    for (Indicator& i : f.data.indicators) i.polarity = Polarity::neutral;
    auto arrows = reporting::key_arrows(f.pack, &f.data);
    CHECK(arrows == std::vector<Arrow>{Arrow::static_, Arrow::increased, Arrow::decreased});

    f.pack.groups[0].arrow.peak_at = 100;  // psa1 has no percentages: still no peak
    for (Indicator& i : f.data.indicators) i.polarity = Polarity::lower_is_better;
    arrows = reporting::key_arrows(f.pack, &f.data);
    CHECK(std::find(arrows.begin(), arrows.end(), Arrow::peak) == arrows.end());
    CHECK(std::find(arrows.begin(), arrows.end(), Arrow::improved) != arrows.end());
}

TEST_CASE("each table's rules are written out in words, in report order", "[report][key]") {
    report_test::Fixture f;
    Group& psa1 = f.pack.groups[0];
    psa1.arrow.static_band = Band{Band::Kind::relative, 1.5};
    psa1.rating.cases = {{condition(Condition::Kind::on_track, "on_track"), 2, ""},
                         {condition(Condition::Kind::improved, "improved"), 1, ""},
                         {condition(Condition::Kind::always, "otherwise"), 0, ""}};
    Condition no_arrow = condition(Condition::Kind::not_, "no(has_arrow)");
    no_arrow.children = {condition(Condition::Kind::has_arrow, "has_arrow")};
    psa1.rating.cases.insert(psa1.rating.cases.begin(), {no_arrow, -1, "no trend data"});

    std::string key = render_key(f.pack, Format::terminal);
    CHECK(has(key, "How each table is assessed"));
    CHECK(has(key, "compares the last two available datasets; a change within 1.5% of the earlier value is static"));
    CHECK(has(key, "Target for each indicator: reduce by 17.5% from 2003/04 by 2007/08."));
    CHECK(has(key, "no rating (\"no trend data\") when there is no earlier dataset to compare with"));
    size_t green = key.find("GREEN when on track to meet the target");
    size_t amber = key.find("AMBER when performance has improved");
    size_t red = key.find("RED otherwise");
    REQUIRE(green != std::string::npos);
    CHECK(green < amber);
    CHECK(amber < red);
    CHECK(has(key, "Rating (rag): decided by a rule function."));  // drugs
    // The theme lists its tables in report order, and says how it rolls up.
    CHECK(has(key, "Tables: Progress against PSA1 Targets; Progress against Drugs Targets."));

    std::string legend_only = render_key(f.pack, Format::terminal, KeyOptions{nullptr, false, {}});
    CHECK_FALSE(has(legend_only, "How each table is assessed"));
}

TEST_CASE("markdown keys, and formats a key cannot take", "[report][key]") {
    report_test::Fixture f;
    std::string md = render_key(f.pack, Format::markdown);
    CHECK(md.rfind("# Key to assessment of performance\n", 0) == 0);
    CHECK(has(md, "| ▲ | Performance has improved over the last 2 datasets |"));
    CHECK(has(md, "\n## How each table is assessed\n"));
    CHECK_FALSE(has(md, "\n\n\n"));
    CHECK_THROWS_AS(render_key(f.pack, Format::json), InputError);
}

TEST_CASE("the run report's key is the same legend, with N/A when an outcome has no arrow", "[report][key]") {
    report_test::Fixture f;
    std::string report = render(f.a, Format::terminal);
    CHECK(has(report, "Directional arrows"));
    CHECK_FALSE(has(report, "↑"));
    bool none = false;
    for (const Outcome& o : f.a.outcomes) none = none || o.arrow == Arrow::none;
    CHECK(has(report, "Not assessed: the comments say why") == none);
}
