// run_pack_tests: cases assessed on in-memory datasets with the pack
// restricted to one group; dataset tests with the whole pack; failures
// carry expected against actual and the explanation trace.
#include "fixtures.hpp"

#include <assay/pack_test.hpp>

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::test;

namespace {

Expected text(std::string s) {
    Expected e;
    e.kind = Expected::Kind::text;
    e.text = std::move(s);
    return e;
}

Expected number(double x) {
    Expected e;
    e.kind = Expected::Kind::number;
    e.number = x;
    return e;
}

Expected flag(bool b) {
    Expected e;
    e.kind = Expected::Kind::flag;
    e.flag = b;
    return e;
}

/// psa1: lower is better, 1.5% static band, 17.5% reduction from 2003/04 by 2007/08; and a
/// second group, drugs, that the cases must not see.
Pack pack() {
    Group psa1 = make_group("psa1", {"theft", "robbery"}, last_two(pct(1.5)));
    psa1.polarity = Polarity::lower_is_better;
    psa1.target = progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08", "psa1");
    psa1.rating = lsp_rating();
    psa1.rollup.kind = RollupRule::Kind::worst;
    Group drugs = make_group("drugs", {"treatment"});
    drugs.polarity = Polarity::higher_is_better;
    drugs.rating = lsp_rating();
    return make_pack({psa1, drugs});
}

PackTestCase make_case(std::string name, std::vector<TestCell> series,
                       std::vector<std::pair<std::string, Expected>> expect) {
    PackTestCase c;
    c.name = std::move(name);
    c.where = SourceLoc{"tests/psa1.lua", 7, 0};
    c.group = "psa1";
    c.indicator.id = "theft";
    c.indicator.polarity = Polarity::lower_is_better;
    c.area = "Test area";
    c.series = std::move(series);
    c.expect.values = std::move(expect);
    return c;
}

PackTests one_set(std::vector<PackTestCase> cases) {
    PackTests t;
    t.case_sets.push_back(PackTestCases{"PSA1", SourceLoc{"tests/psa1.lua", 5, 0}, std::move(cases)});
    return t;
}

}  // namespace

TEST_CASE("a case builds its dataset from cells as people write them", "[pack_test]") {
    PackTests t = one_set(
        {make_case("falls 14.5%", {{"2003/04", "1,029"}, {"2004/05", "721"}, {"2005/06", "640"}, {"2006/07", "547"}},
                   {{"arrow", text("improved")},
                    {"rating", text("GREEN")},
                    {"on_track", flag(true)},
                    {"change", number(-93)},
                    {"change_pct", number(-14.53125)},
                    {"target", number(848.925)},
                    {"period", text("2006/07")}})});
    PackTestRun run = run_pack_tests(pack(), t);
    REQUIRE(run.results.size() == 1);
    INFO(run.results[0].error);
    CHECK(run.results[0].passed());
    CHECK(run.results[0].name == "PSA1: falls 14.5%");
    CHECK(run.passed == 1);
    CHECK(run.failed == 0);
}

TEST_CASE("a failing case shows expected against actual and the trace", "[pack_test]") {
    PackTests t = one_set({make_case("rises 1.3%", {{"2003/04", "77"}, {"2005/06", "75"}, {"2006/07", "76"}},
                                     {{"arrow", text("improved")}, {"rating", text("RED")}, {"value", number(75)}})});
    PackTestRun run = run_pack_tests(pack(), t);
    REQUIRE(run.results.size() == 1);
    const PackTestResult& r = run.results[0];
    CHECK_FALSE(r.passed());
    CHECK(run.failed == 1);
    REQUIRE(r.mismatches.size() == 2);
    CHECK(r.mismatches[0].key == "arrow");
    CHECK(r.mismatches[0].expected == "improved");
    CHECK(r.mismatches[0].actual == "static");
    CHECK(r.mismatches[1].key == "value");
    CHECK(r.mismatches[1].actual == "76");
    CHECK(r.where.file == "tests/psa1.lua");
    CHECK(r.where.line == 7);
    bool band = false;
    for (const std::string& line : r.trace)
        band = band || line.find("within the static band of 1.5%") != std::string::npos;
    CHECK(band);
}

TEST_CASE("missing cells, none and reasons", "[pack_test]") {
    PackTests t = one_set({
        make_case("N/A latest", {{"2004/05", "900"}, {"2005/06", "850"}, {"2006/07", "N/A"}},
                  {{"period", text("2005/06")}, {"arrow", text("improved")}}),
        make_case("no trend", {{"2003/04", "1000"}},
                  {{"arrow", text("none")}, {"change", Expected{}}, {"reason", text("no earlier dataset")}}),
        make_case("no baseline", {{"2005/06", "700"}, {"2006/07", "650"}},
                  {{"rating", text("none")}, {"reason", text("no value for baseline 2003/04")}}),
        make_case("reason not given", {{"2005/06", "700"}, {"2006/07", "650"}}, {{"reason", text("made up")}}),
    });
    PackTestRun run = run_pack_tests(pack(), t);
    REQUIRE(run.results.size() == 4);
    CHECK(run.results[0].passed());
    CHECK(run.results[1].passed());
    CHECK(run.results[2].passed());
    REQUIRE_FALSE(run.results[3].passed());
    CHECK(run.results[3].mismatches[0].expected == "mentions \"made up\"");
}

TEST_CASE("numbers agree to 1e-6, or at the decimals the test asks for", "[pack_test]") {
    PackTestCase c = make_case("pct", {{"2005/06", "10797"}, {"2006/07", "10634"}}, {{"change_pct", number(-1.51)}});
    PackTestRun strict = run_pack_tests(pack(), one_set({c}));
    REQUIRE(strict.results.size() == 1);
    CHECK_FALSE(strict.results[0].passed());
    c.expect.decimals = 2;
    PackTestRun rounded = run_pack_tests(pack(), one_set({c}));
    CHECK(rounded.results[0].passed());
}

TEST_CASE("a case sees only its group and indicator", "[pack_test]") {
    // The pack's other group and the group's other indicator are not in the
    // case's dataset, yet the case assesses cleanly.
    PackTestCase c = make_case("alone", {{"2003/04", "100"}, {"2006/07", "80"}}, {{"rating", text("GREEN")}});
    c.indicator.id = "robbery";
    PackTestRun run = run_pack_tests(pack(), one_set({c}));
    REQUIRE(run.results.size() == 1);
    INFO(run.results[0].error);
    CHECK(run.results[0].passed());
}

TEST_CASE("a series break and an as-at period", "[pack_test]") {
    PackTestCase broken = make_case("break", {{"2003/04", "1000"}, {"2005/06", "900"}, {"2006/07", "800"}},
                                    {{"arrow", text("none")}, {"reason", text("measurement changed in 2006/07")}});
    broken.indicator.comparable_from = "2006/07";
    PackTestCase earlier = make_case("as at", {{"2003/04", "800"}, {"2005/06", "730"}, {"2006/07", "900"}},
                                     {{"period", text("2005/06")}, {"trajectory", number(730)}});
    earlier.as_at = "2005/06";
    PackTestRun run = run_pack_tests(pack(), one_set({broken, earlier}));
    REQUIRE(run.results.size() == 2);
    CHECK(run.results[0].passed());
    CHECK(run.results[1].passed());
}

TEST_CASE("a name pattern selects the cases to run", "[pack_test]") {
    PackTests t = one_set({make_case("alpha", {{"2006/07", "1"}}, {{"arrow", text("none")}}),
                           make_case("beta", {{"2006/07", "1"}}, {{"arrow", text("none")}})});
    PackTestOptions options;
    options.pattern = "bet";
    PackTestRun run = run_pack_tests(pack(), t, options);
    REQUIRE(run.results.size() == 1);
    CHECK(run.results[0].name == "PSA1: beta");
}

TEST_CASE("a bad cell or an unknown as-at fails that case only", "[pack_test]") {
    PackTestCase bad = make_case("bad", {{"2006/07", "12x"}}, {{"arrow", text("none")}});
    PackTestCase unknown = make_case("as at", {{"2006/07", "1"}}, {{"arrow", text("none")}});
    unknown.as_at = "1999/00";
    PackTestCase good = make_case("good", {{"2006/07", "1"}}, {{"arrow", text("none")}});
    PackTestRun run = run_pack_tests(pack(), one_set({bad, unknown, good}));
    REQUIRE(run.results.size() == 3);
    CHECK(run.results[0].error.find("12x") != std::string::npos);
    CHECK(run.results[1].error.find("1999/00") != std::string::npos);
    CHECK(run.results[2].passed());
    CHECK(run.failed == 2);
}

TEST_CASE("a dataset test compares groups, outcomes and checks", "[pack_test]") {
    Dataset data = DatasetBuilder("lsp")
                       .indicator("theft", Polarity::lower_is_better)
                       .indicator("robbery", Polarity::lower_is_better)
                       .indicator("treatment", Polarity::higher_is_better)
                       .series("theft", "A", {{"2003/04", 1029}, {"2005/06", 640}, {"2006/07", 547}})
                       .series("robbery", "A", {{"2003/04", 77}, {"2005/06", 75}, {"2006/07", 76}})
                       .series("treatment", "A", {{"2005/06", 541}, {"2006/07", 568}})
                       .published(PublishedKind::arrow, "robbery", "A", "2006/07", "▲")
                       .build();
    DatasetTest t;
    t.name = "whole";
    t.where = SourceLoc{"tests/theme.lua", 3, 0};
    t.data = "lsp";
    GroupExpectation g;
    g.group = "psa1";
    g.rating = "RED";
    g.ratings = {{"GREEN", 1}, {"RED", 1}};
    g.arrows = {{"improved", 1}, {"static", 1}};
    g.assessed = 2;
    t.groups.push_back(g);
    IndicatorExpectation o;
    o.indicator = "theft";
    o.expect.values = {{"arrow", text("improved")}, {"rating", text("GREEN")}};
    t.outcomes.push_back(o);
    t.checks = 1;
    t.errors = 0;
    PackTests tests;
    tests.dataset_tests.push_back(t);

    PackTestOptions options;
    int loads = 0;
    options.load_dataset = [&](const std::filesystem::path& p) {
        ++loads;
        CHECK(p == "lsp");
        return data;
    };
    PackTestRun run = run_pack_tests(pack(), tests, options);
    REQUIRE(run.results.size() == 1);
    INFO(run.results[0].error);
    for (const TestMismatch& m : run.results[0].mismatches) INFO(m.key << ": " << m.expected << " vs " << m.actual);
    CHECK(run.results[0].passed());
    CHECK(loads == 1);

    // Wrong counts: each is named, with the group's outcomes in the trace.
    tests.dataset_tests[0].groups[0].ratings["GREEN"] = 2;
    tests.dataset_tests[0].checks = 0;
    run = run_pack_tests(pack(), tests, options);
    const PackTestResult& r = run.results[0];
    REQUIRE(r.mismatches.size() == 2);
    CHECK(r.mismatches[0].key == "groups.psa1.ratings.GREEN");
    CHECK(r.mismatches[0].expected == "2");
    CHECK(r.mismatches[0].actual == "1");
    CHECK(r.mismatches[1].key == "checks");
    bool listed = false;
    for (const std::string& line : r.trace)
        listed = listed || line.find("theft (A): improved, GREEN") != std::string::npos;
    CHECK(listed);
}

TEST_CASE("a dataset test without a loader fails with a reason", "[pack_test]") {
    PackTests tests;
    DatasetTest t;
    t.name = "whole";
    t.checks = 0;
    tests.dataset_tests.push_back(t);
    PackTestRun run = run_pack_tests(pack(), tests);
    REQUIRE(run.results.size() == 1);
    CHECK(run.results[0].error.find("dataset loader") != std::string::npos);
}
