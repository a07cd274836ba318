// Published arrow and rating checks: mismatches reported with what the data
// gives, matches silent, a published arrow for a missing latest value
// checked against the row's arrow.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::test;

namespace {

/// The gaps group: higher is better, static within 1.5%, rated by arrow.
Pack gaps_pack() {
    ArrowRule rule = last_two(pct(1.5));
    rule.where = SourceLoc{"gaps.lua", 4, 0};
    Group g = make_group("gaps", {"gap"}, rule);
    g.rating = first_match(
        {{cond(Condition::Kind::improved, "improved"), 2, ""}, {cond(Condition::Kind::always, "otherwise"), 0, ""}});
    return make_pack({g});
}

}  // namespace

TEST_CASE("a published arrow that the data contradicts is reported", "[assess][checks]") {
    Dataset d = DatasetBuilder()
                    .indicator("gap", Polarity::higher_is_better, 1)
                    .series("gap", "A", {{"2004/05", -1.5}, {"2005/06", -0.9}, {"2006/07", -1.1}})
                    .published(PublishedKind::arrow, "gap", "A", "2006/07", "▲")
                    .build();
    Pack pack = gaps_pack();
    Assessment a = assess(pack, prepare(pack, d));
    REQUIRE(a.checks.size() == 1);
    const Check& c = a.checks[0];
    CHECK(c.kind == "published_arrow");
    CHECK(c.indicator == "gap");
    CHECK(c.area == "A");
    CHECK(c.period == "2006/07");
    CHECK(c.published == "▲");
    CHECK(c.computed == "declined");
    CHECK(c.detail ==
          "data gives 2005/06 -0.9 -> 2006/07 -1.1 (change -0.2, -22.2%), higher is better: declined under "
          "arrow.last_two (gaps.lua:4)");
    CHECK(c.where.file == "published.csv");
}

TEST_CASE("published arrows that agree are silent, in any spelling", "[assess][checks]") {
    for (const char* text : {"▼", "declined", "Declined", " ▼ "}) {
        Dataset d = DatasetBuilder()
                        .indicator("gap", Polarity::higher_is_better, 1)
                        .series("gap", "A", {{"2005/06", -0.9}, {"2006/07", -1.1}})
                        .published(PublishedKind::arrow, "gap", "A", "2006/07", text)
                        .build();
        Pack pack = gaps_pack();
        INFO(text);
        CHECK(assess(pack, prepare(pack, d)).checks.empty());
    }
}

TEST_CASE("the pack's own arrow symbols are recognised", "[assess][checks]") {
    Dataset d = DatasetBuilder()
                    .indicator("gap", Polarity::higher_is_better, 1)
                    .series("gap", "A", {{"2005/06", -0.9}, {"2006/07", -0.5}})
                    .published(PublishedKind::arrow, "gap", "A", "2006/07", "↑")
                    .build();
    Pack pack = gaps_pack();
    CHECK(assess(pack, prepare(pack, d)).checks.size() == 1);  // not known yet
    pack.arrows[static_cast<size_t>(Arrow::improved)].symbol = "↑";
    CHECK(assess(pack, prepare(pack, d)).checks.empty());
}

TEST_CASE("an arrow published beside a missing value is checked against the row's arrow", "[assess][checks]") {
    // Seed 004: theft from a motor vehicle, borough - national gap, 2006 N/A.
    Dataset d = DatasetBuilder()
                    .indicator("gap", Polarity::lower_is_better, 1)
                    .series("gap", "A", {{"2003/04", 0.4}, {"2004/05", 2.0}, {"2005/06", 1.8}, {"2006/07", NA}})
                    .published(PublishedKind::arrow, "gap", "A", "2006/07", "▼")
                    .published(PublishedKind::arrow, "gap", "A", "2004/05", "▲")  // an older row: not assessed here
                    .build();
    Pack pack = gaps_pack();
    Assessment a = assess(pack, prepare(pack, d));
    REQUIRE(a.checks.size() == 1);
    CHECK(a.checks[0].period == "2006/07");
    CHECK(a.checks[0].computed == "improved");
    CHECK(a.checks[0].detail ==
          "data gives 2004/05 2 -> 2005/06 1.8 (change -0.2, -10%), lower is better: improved under arrow.last_two "
          "(gaps.lua:4)");
}

TEST_CASE("N/A published where there is no arrow agrees", "[assess][checks]") {
    Dataset d = DatasetBuilder()
                    .indicator("gap", Polarity::lower_is_better, 1)
                    .series("gap", "A", {{"2006/07", 1.8}})
                    .series("gap", "B", {{"2006/07", 1.8}})
                    .published(PublishedKind::arrow, "gap", "A", "2006/07", "N/A")
                    .published(PublishedKind::arrow, "gap", "B", "2006/07", "▲")
                    .build();
    Pack pack = gaps_pack();
    Assessment a = assess(pack, prepare(pack, d));
    REQUIRE(a.checks.size() == 1);
    CHECK(a.checks[0].area == "B");
    CHECK(a.checks[0].computed == "none");
    CHECK(a.checks[0].detail ==
          "data gives 2006/07 1.8 and no earlier value, lower is better: none (no earlier dataset to compare with) "
          "under arrow.last_two (gaps.lua:4)");
}

TEST_CASE("published ratings are compared by label, ignoring case", "[assess][checks]") {
    Dataset d = DatasetBuilder()
                    .indicator("gap", Polarity::higher_is_better, 1)
                    .series("gap", "A", {{"2005/06", -0.9}, {"2006/07", -0.5}})
                    .series("gap", "B", {{"2005/06", -0.9}, {"2006/07", -1.5}})
                    .published(PublishedKind::rating, "gap", "A", "2006/07", "Green")
                    .published(PublishedKind::rating, "gap", "B", "2006/07", "AMBER")
                    .build();
    Pack pack = gaps_pack();
    Assessment a = assess(pack, prepare(pack, d));
    REQUIRE(a.checks.size() == 1);
    CHECK(a.checks[0].kind == "published_rating");
    CHECK(a.checks[0].area == "B");
    CHECK(a.checks[0].published == "AMBER");
    CHECK(a.checks[0].computed == "RED");
    CHECK(a.checks[0].detail ==
          "data gives 2005/06 -0.9 -> 2006/07 -1.5 (change -0.6, -66.7%), arrow declined: RED "
          "under first (psa1.lua:10)");
}

TEST_CASE("checks can be turned off and run without explanations", "[assess][checks]") {
    Dataset d = DatasetBuilder()
                    .indicator("gap", Polarity::higher_is_better, 1)
                    .series("gap", "A", {{"2005/06", -0.9}, {"2006/07", -1.1}})
                    .published(PublishedKind::arrow, "gap", "A", "2006/07", "▲")
                    .build();
    Pack pack = gaps_pack();
    AssessOptions off;
    off.check_published = false;
    CHECK(assess(pack, prepare(pack, d), off).checks.empty());
    AssessOptions quiet;
    quiet.explain = false;
    Assessment a = assess(pack, prepare(pack, d), quiet);
    CHECK(a.checks.size() == 1);
    CHECK(a.outcomes[0].explanation.empty());
}
