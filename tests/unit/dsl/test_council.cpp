// A council's quarterly table end to end (tests/council/): its own codes
// (1.1.2.PI, NI 195, PAM/012, LPI 157a), trend words Better / No change /
// Worse, ratings written Green / amber, targets per year, one stale
// indicator. Every expected value is worked out by hand in
// tests/council/README.md from the figures in tests/council/data.
#include "dsl_fixture.hpp"

#include <assay/audit.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <fstream>
#include <sstream>

using namespace assay;
using namespace assay::test;
using Catch::Contains;

namespace {

const std::filesystem::path kCouncil = std::filesystem::path(ASSAY_SOURCE_DIR) / "tests" / "council";

const Outcome& council_outcome(const Assessment& a, const std::string& id) {
    for (const Outcome& o : a.outcomes)
        if (a.dataset->indicators[a.dataset->series[o.series].indicator].id == id) return o;
    FAIL("no outcome for " << id);
    throw std::logic_error("unreachable");
}

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The council pack with `edit` applied to its pack.lua (find -> replace), loaded from a copy.
Pack council_pack_with(const std::string& find, const std::string& replace) {
    std::string text = read_text(kCouncil / "pack" / "pack.lua");
    size_t at = text.find(find);
    REQUIRE(at != std::string::npos);
    text.replace(at, find.size(), replace);
    return load({{"pack.lua", text}});
}

}  // namespace

TEST_CASE("council table: codes, yearly targets and band edges as at 2025/26 Q2", "[dsl][council]") {
    RunInputs run = load_run(kCouncil / "pack", kCouncil / "data");
    Assessment a = assess(run);
    REQUIRE(a.as_at == "2025/26 Q2");
    REQUIRE(a.outcomes.size() == 4);

    // 70.3 against 74 (2025/26): 3.7 short = exactly 5.0 % -> still GREEN; 70.3 < 73.0 -> declined.
    const Outcome& recycling = council_outcome(a, "1.1.2.PI");
    CHECK(recycling.arrow == Arrow::declined);
    REQUIRE(recycling.target);
    CHECK(recycling.target->target == 74);
    CHECK(recycling.target->distance == Approx(3.7));
    CHECK(recycling.target->distance_pct.value() == Approx(5.0));
    CHECK(rating_of(a, recycling) == "GREEN");
    CHECK(recycling.stale.empty());

    // 11 against 10 (2025/26), lower is better: 1 above = exactly 10 % -> still AMBER; 11 < 12 -> improved.
    const Outcome& litter = council_outcome(a, "NI 195");
    CHECK(litter.arrow == Arrow::improved);
    CHECK(litter.target->target == 10);
    CHECK(litter.target->distance_pct.value() == Approx(10.0));
    CHECK(rating_of(a, litter) == "AMBER");

    // 43 against 50: 7 short = 14 % -> RED; 43 > 40 -> improved.
    const Outcome& prevention = council_outcome(a, "PAM/012");
    CHECK(prevention.arrow == Arrow::improved);
    CHECK(prevention.target->target == 50);
    CHECK(prevention.target->distance == 7);
    CHECK(prevention.target->distance_pct.value() == Approx(14.0));
    CHECK(rating_of(a, prevention) == "RED");

    // No figure after 2024/25 Q3: assessed on 70 against the 2024/25 target of 60 (met), and marked stale.
    const Outcome& planning = council_outcome(a, "LPI 157a");
    REQUIRE(planning.current);
    CHECK(a.dataset->periods[planning.current->period].label == "2024/25 Q3");
    CHECK(planning.current->value == 70);
    CHECK(planning.target->target == 60);
    CHECK(rating_of(a, planning) == "GREEN");
    CHECK(planning.stale == "latest figure 2024/25 Q3; none for 2025/26 Q2");
    CHECK_THAT(planning.comment, Contains("latest figure 2024/25 Q3; none for 2025/26 Q2"));

    // Worst of GREEN, AMBER, RED, GREEN.
    REQUIRE(a.groups.size() == 1);
    CHECK(a.groups[0].rating == 0);
    CHECK(a.groups[0].counts.ratings["GREEN"] == 2);

    // Explanations read like the council's table.
    bool worded = false;
    for (const std::string& line : recycling.explanation) worded = worded || contains(line, "target 74 (2025/26)");
    CHECK(worded);
}

TEST_CASE("council table: published words and levels in the publisher's own case", "[dsl][council]") {
    RunInputs run = load_run(kCouncil / "pack", kCouncil / "data");
    Assessment a = assess(run);
    // Worse, Green, better, amber, Better and Green all read; only PAM/012's Amber is wrong (the data gives RED).
    REQUIRE(a.checks.size() == 1);
    const Check& c = a.checks[0];
    CHECK(c.kind == "published_rating");
    CHECK(c.indicator == "PAM/012");
    CHECK(c.published == "Amber");
    CHECK(c.computed == "RED");
    CHECK_THAT(c.detail, Contains("7 (14%) short of target 50 (2025/26)"));
    CHECK_THAT(c.detail, Contains("2025/26 Q1 40 -> 2025/26 Q2 43"));
}

TEST_CASE("council table: a word that is no arrow or level gets the pack's words and the closest", "[dsl][council]") {
    const Pack pack = council_pack_with("group \"corporate\"", "group \"corporate\"");
    Dataset d = load_dataset(kCouncil / "data");
    for (Published& p : d.published) {
        if (p.text == "Worse") p.text = "Wrose";
        if (p.text == "Green" && d.indicators[d.series[p.series].indicator].id == "1.1.2.PI") p.text = "Gren";
    }
    Assessment a = assess(pack, prepare(pack, std::move(d)));
    REQUIRE(a.checks.size() == 3);
    std::string details;
    for (const Check& c : a.checks) details += c.detail + "\n";
    CHECK_THAT(details, Contains("\"Wrose\" is not an arrow of pack 'council_quarterly': expected Better, No change, "
                                 "Worse"));
    CHECK_THAT(details, Contains("(did you mean 'Worse'?)"));
    CHECK_THAT(details, Contains("\"Gren\" is not a level of scale 'rag': expected RED, AMBER, GREEN (in any case), "
                                 "or N/A (did you mean 'GREEN'?)"));
}

TEST_CASE("council table: max_age leaves a figure too old unrated; the edge is still rated", "[dsl][council]") {
    Dataset data = load_dataset(kCouncil / "data");
    SECTION("2 quarters: 9 months old is too old") {
        const Pack pack = council_pack_with("rollup = worst,", "rollup = worst, max_age = \"2 quarters\",");
        Assessment a = assess(pack, prepare(pack, data));
        const Outcome& o = council_outcome(a, "LPI 157a");
        CHECK(o.rating == -1);
        CHECK(o.rating_reason == "no figure for 2025/26 Q2; latest 2024/25 Q3");
        CHECK(o.stale == "latest figure 2024/25 Q3; none for 2025/26 Q2");
        CHECK(a.groups[0].counts.unrated == 1);
        CHECK(rating_of(a, council_outcome(a, "PAM/012")) == "RED");  // current figures are untouched
    }
    SECTION("3 quarters: exactly 9 months old is rated") {
        const Pack pack = council_pack_with("rollup = worst,", "rollup = worst, max_age = \"3 quarters\",");
        Assessment a = assess(pack, prepare(pack, data));
        CHECK(rating_of(a, council_outcome(a, "LPI 157a")) == "GREEN");
    }
    SECTION("as at 2024/25 Q3 nothing is stale") {
        const Pack pack = council_pack_with("rollup = worst,", "rollup = worst, max_age = \"1 month\",");
        AssessOptions options;
        options.as_at = "2024/25 Q3";
        Assessment a = assess(pack, prepare(pack, data), options);
        for (const Outcome& o : a.outcomes) CHECK(o.stale.empty());
        CHECK(council_outcome(a, "1.1.2.PI").target->target == 72);  // the 2024/25 target
    }
    SECTION("a max_age that is not a length of time") {
        CHECK_THAT(load_error({{"pack.lua", std::string(kRagPack) +
                                                "group \"g\" { max_age = \"soon\", indicators = { \"x\" } }\n"}}),
                   Contains("max_age = \"soon\": expected a number of months, quarters or years"));
    }
}

TEST_CASE("council table: every format says a figure is stale on its row", "[dsl][council]") {
    RunInputs run = load_run(kCouncil / "pack", kCouncil / "data");
    Assessment a = assess(run);
    const std::string note = "latest figure 2024/25 Q3; none for 2025/26 Q2";
    for (Format f : {Format::terminal, Format::json, Format::jsonl, Format::csv, Format::markdown, Format::html}) {
        RenderOptions wide;
        wide.width = 400;  // the terminal table wraps a long comment within its cell
        std::string out = render(a, f, wide);
        INFO("format " << static_cast<int>(f));
        CHECK_THAT(out, Contains(note));
        // The row that says it is LPI 157a's: the note comes after its title on the same line
        // (the JSON record puts the note in the outcome's object, after its code).
        size_t at = out.find(note);
        size_t row = out.rfind(f == Format::json ? "\"indicator\": \"" : "", at);
        if (f == Format::json || f == Format::jsonl) {
            size_t code = out.rfind("LPI 157a", at);
            REQUIRE(code != std::string::npos);
            CHECK(out.find("PAM/012", code) > at);  // no other outcome between the code and the note
        } else {
            size_t line = out.rfind('\n', at);
            CHECK(out.substr(line + 1, at - line).find("planning applications") != std::string::npos);
        }
        (void)row;
    }
    std::string json = render(a, Format::json);
    CHECK_THAT(json, Contains("\"stale\": \"" + note + "\""));
    CHECK_THAT(json, Contains("\"indicator_key\": \"pam_012\""));
    CHECK_THAT(json, Contains("\"indicator\": \"NI 195\""));
}

TEST_CASE("council table: audit says what it checked and what it skipped", "[dsl][council]") {
    Dataset data = load_dataset(kCouncil / "data");
    SECTION("without rules, arrows and ratings are listed as not checked, with the reason") {
        AuditReport r = audit_dataset(data, kCouncil / "data");
        CHECK(r.checked == 0);
        REQUIRE(r.columns.size() == 2);
        CHECK(r.columns[0].column == "published_arrow");
        CHECK(r.columns[0].published == 4);
        CHECK(r.columns[0].checked == 0);
        REQUIRE(r.columns[0].skipped.size() == 1);
        CHECK_THAT(r.columns[0].skipped[0], Contains("4: no rules were given"));
        CHECK(r.columns[1].column == "published_rating");
        CHECK(r.columns[1].not_checked() == 4);
    }
    SECTION("with the rules, all 8 are checked and the council's error is found with its deciding figures") {
        RunInputs run = load_run(kCouncil / "pack", kCouncil / "data");
        AuditOptions options;
        options.pack = &run.pack;
        AuditReport r = audit_dataset(data, kCouncil / "data", options);
        CHECK(r.checked == 8);
        REQUIRE(r.columns.size() == 2);
        CHECK(r.columns[0].checked == 4);
        CHECK(r.columns[1].checked == 4);
        CHECK(r.columns[1].skipped.empty());
        REQUIRE(r.errors() == 1);
        CHECK(r.findings[0].indicator == "PAM/012");
        CHECK(r.findings[0].published == "Amber");
        CHECK_THAT(r.findings[0].detail, Contains("7 (14%) short of target 50 (2025/26)"));
    }
    SECTION("an indicator no group assesses is listed as not checked") {
        const Pack pack = council_pack_with("\"LPI 157a\" }", "}");
        AuditOptions options;
        options.pack = &pack;
        AuditReport r = audit_dataset(data, kCouncil / "data", options);
        CHECK(r.checked == 6);
        REQUIRE(r.columns.size() == 2);
        CHECK(r.columns[0].checked == 3);
        REQUIRE(r.columns[0].skipped.size() == 1);
        CHECK_THAT(r.columns[0].skipped[0], Contains("1: indicator \"LPI 157a\" is assessed by no group"));
    }
}

TEST_CASE("targets per period: the DSL reads them in period order and refuses bad ones", "[dsl][council]") {
    Pack p = load_groups(
        "target \"t\" { indicator = \"x\", values = { [\"2025/26\"] = 74, [\"2024/25\"] = 72 } }\n"
        "group \"g\" { indicators = { \"x\" } }\n");
    REQUIRE(p.targets.size() == 1);
    REQUIRE(p.targets[0].values.size() == 2);
    CHECK(p.targets[0].values[0] == std::pair<std::string, double>{"2024/25", 72});
    CHECK(p.targets[0].values[1] == std::pair<std::string, double>{"2025/26", 74});
    CHECK(p.targets[0].text == "reach 72 in 2024/25, 74 in 2025/26");
    CHECK_THAT(groups_error("target \"t\" { indicator = \"x\", values = { [\"FY26\"] = 74 } }"),
               Contains("values: period \"FY26\""));
    CHECK_THAT(groups_error("target \"t\" { indicator = \"x\", values = { [\"2024/25\"] = \"high\" } }"),
               Contains("[\"2024/25\"] must be a number"));
    CHECK_THAT(groups_error("target \"t\" { indicator = \"x\", values = { [\"2024/25\"] = 1, [\"2024-25\"] = 2 } }"),
               Contains("are the same"));
    CHECK_THAT(groups_error("target \"t\" { indicator = \"x\", value = 3, values = { [\"2024/25\"] = 1 } }"),
               Contains("give exactly one of value, values"));
}

TEST_CASE("a data target kept per year beside quarterly figures", "[dsl][council]") {
    test::DatasetBuilder b;
    b.indicator("NI 195", Polarity::lower_is_better).indicator("NI 195 target", Polarity::lower_is_better);
    b.series("NI 195", "Westshire", {{"2025/26 Q1", 12}, {"2025/26 Q2", 11}});
    b.series("NI 195 target", "Westshire", {{"2024/25", 11}, {"2025/26", 10}});
    const Pack pack = load_groups(
        "target \"t\" { indicator = \"NI 195\", beat = { indicator = \"NI 195 target\" } }\n"
        "group \"g\" { scale = \"rag\", rating = first { { met, GREEN }, { distance_within(pct(10)), AMBER }, "
        "{ otherwise, RED } }, indicators = { \"NI 195\" } }\n");
    AssessOptions options;
    options.as_at = "2025/26 Q2";
    Assessment a = assess(pack, prepare(pack, b.build()), options);
    REQUIRE(a.outcomes.size() == 1);
    const Outcome& o = a.outcomes[0];
    REQUIRE(o.target);
    CHECK(o.target->target == 10);  // the 2025/26 figure covers 2025/26 Q2
    CHECK(rating_of(a, o) == "AMBER");
    bool worded = false;
    for (const std::string& line : o.explanation)
        worded = worded || contains(line, "target 10 (2025/26, from NI 195 target), lower is better");
    CHECK(worded);
}
