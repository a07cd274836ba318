// Short- and long-term arrows on the same outcome: declared with
// `arrows = { ... }` or `long_arrow = ...`, decided natively beside the main
// arrow, tested by conditions (improved_over) and Lua (a.arrows.long,
// a:improved("long")), filled into comments, and shown by the reports.
#include "dsl_fixture.hpp"

using namespace assay;
using namespace assay::test;

namespace {

// Four years, lower is better. theft: worse this year, better than three
// years ago; robbery: the reverse; burglary: better on both.
Dataset four_years() {
    return DatasetBuilder()
        .indicator("theft", Polarity::lower_is_better, 0)
        .indicator("robbery", Polarity::lower_is_better, 0)
        .indicator("burglary", Polarity::lower_is_better, 0)
        .series("theft", "A", {{"2003/04", 100}, {"2004/05", 90}, {"2005/06", 80}, {"2006/07", 85}})
        .series("robbery", "A", {{"2003/04", 50}, {"2004/05", 55}, {"2005/06", 60}, {"2006/07", 58}})
        .series("burglary", "A", {{"2003/04", 100}, {"2004/05", 95}, {"2005/06", 90}, {"2006/07", 80}})
        .build();
}

const char* const kTwoTerms = R"lua(
group "crime" {
  arrow = arrow.last_two { },
  short_arrow = arrow.last_two { static_within = pct(1) },
  arrows = { long = arrow.periods_back(3, { static_within = pct(1) }) },
  rating = first {
    { all { improved, improved_over("long") }, GREEN },
    { improved_over("long"), AMBER },
    { otherwise, RED },
  },
  comment = "long term {arrow.long} ({change_pct.long} since {previous_period.long}, was {previous.long})",
  indicators = { "theft", "robbery", "burglary" },
}
)lua";

}  // namespace

TEST_CASE("a group declares further arrows by name, in a fixed order", "[dsl][arrows]") {
    Pack p = load_groups(kTwoTerms);
    const Group& g = p.groups.at(0);
    REQUIRE(g.other_arrows.size() == 2);
    CHECK(g.other_arrows[0].name == "short");
    CHECK(g.other_arrows[1].name == "long");
    CHECK(g.other_arrows[1].rule.compare == ArrowRule::Compare::periods_back);
    CHECK(g.other_arrows[1].rule.span == 3);
    CHECK(g.other_arrows[1].rule.static_band.width == 1);
    CHECK(g.arrow.compare == ArrowRule::Compare::last_two);
    CHECK(g.rating.cases[0].when.children[1].arrow == "long");
}

TEST_CASE("named arrows are decided beside the main one and rate through improved_over", "[dsl][arrows]") {
    Pack p = load_groups(kTwoTerms);
    Dataset d = four_years();
    Assessment a = assess(p, prepare(p, d));

    const Outcome& theft = outcome_of(a, "theft");
    CHECK(theft.arrow == Arrow::declined);
    CHECK(other_arrow(theft, "short").arrow == Arrow::declined);
    const OtherArrow& long_term = other_arrow(theft, "long");
    CHECK(long_term.arrow == Arrow::improved);
    REQUIRE(long_term.previous);
    CHECK(d.periods[long_term.previous->period].label == "2003/04");
    CHECK(long_term.change == Approx(-15));
    CHECK(long_term.change_pct == Approx(-15));
    CHECK(rating_of(a, theft) == "AMBER");
    CHECK(theft.comment == "long term improved (-15.0% since 2003/04, was 100)");
    CHECK(explains(theft, "long arrow: 2006/07: 85; compared with 2003/04 (3 datasets earlier): 100"));
    CHECK(explains(theft, "long arrow: change -15 (-15%); lower is better; outside the static band of 1% -> improved"));

    const Outcome& robbery = outcome_of(a, "robbery");
    CHECK(robbery.arrow == Arrow::improved);
    CHECK(other_arrow(robbery, "long").arrow == Arrow::declined);
    CHECK(rating_of(a, robbery) == "RED");

    CHECK(rating_of(a, outcome_of(a, "burglary")) == "GREEN");
}

TEST_CASE("a named arrow without enough history has no arrow and says why", "[dsl][arrows]") {
    Pack p = load_groups(kTwoTerms);
    Dataset d = DatasetBuilder()
                    .indicator("theft", Polarity::lower_is_better)
                    .indicator("robbery", Polarity::lower_is_better)
                    .indicator("burglary", Polarity::lower_is_better)
                    .series("theft", "A", {{"2005/06", 80}, {"2006/07", 70}})
                    .series("robbery", "A", {{"2006/07", 1}})
                    .series("burglary", "A", {{"2006/07", 1}})
                    .build();
    Assessment a = assess(p, prepare(p, d));
    const Outcome& theft = outcome_of(a, "theft");
    CHECK(theft.arrow == Arrow::improved);
    const OtherArrow& long_term = other_arrow(theft, "long");
    CHECK(long_term.arrow == Arrow::none);
    CHECK(long_term.reason == "no earlier dataset to compare with");
    CHECK_FALSE(long_term.previous);
    CHECK(rating_of(a, theft) == "RED");  // improved, but not over the long term
    CHECK(theft.comment == "long term none (N/A since , was N/A)");
}

TEST_CASE("Lua rules read a.arrows and ask a:improved(name)", "[dsl][arrows][lua]") {
    Pack p = load_groups(R"(
group "crime" {
  arrows = { long = arrow.periods_back(3, { }) },
  rating = function(a)
    if a.arrows.long == IMPROVED and a:improved() then return GREEN end
    if a:improved("long") then return AMBER end
    if a:has_arrow("long") then return RED end
    return nil, "no long-term arrow"
  end,
  indicators = { "theft", "robbery", "burglary" },
}
)");
    Dataset d = four_years();
    Assessment a = assess(p, prepare(p, d));
    CHECK(a.errors.empty());
    CHECK(rating_of(a, outcome_of(a, "theft")) == "AMBER");
    CHECK(rating_of(a, outcome_of(a, "robbery")) == "RED");
    CHECK(rating_of(a, outcome_of(a, "burglary")) == "GREEN");
}

TEST_CASE("a mis-typed arrow name in Lua is a rule failure with a suggestion", "[dsl][arrows][lua]") {
    Pack p = load_groups(R"(
group "crime" {
  arrows = { long = arrow.periods_back(3, { }) },
  rating = function(a)
    if a.arrows.lnog == IMPROVED then return GREEN end
    return RED
  end,
  indicators = { "theft" },
}
group "typo_method" {
  arrows = { long = arrow.periods_back(3, { }) },
  rating = function(a) if a:improved("medium") then return GREEN end return RED end,
  indicators = { "robbery" },
}
group "none_declared" {
  rating = function(a) if a.arrows.long then return GREEN end return RED end,
  indicators = { "burglary" },
}
)");
    Dataset d = four_years();
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.errors.size() == 3);
    CHECK(contains(a.errors[0], "a.arrows has no arrow 'lnog' (did you mean 'long'?)"));
    CHECK(contains(a.errors[1], "the group has no arrow 'medium' (it declares 'long')"));
    CHECK(contains(a.errors[2], "a.arrows has no arrow 'long' (the group declares no arrows = { ... })"));
    CHECK(outcome_of(a, "theft").rating == -1);
}

TEST_CASE("named arrow mistakes are load errors at their line", "[dsl][arrows]") {
    CHECK(groups_error(R"(group "g" {
  arrows = { long = arrow.periods_back(3, { }) },
  rating = first { { improved_over("lnog"), GREEN }, { otherwise, RED } },
  indicators = { "x" },
})") == "groups.lua:3: group 'g': rating case 1: improved_over(\"lnog\") names arrow 'lnog', which the group "
        "does not declare (did you mean 'long'?)");
    CHECK(groups_error(R"(group "g" {
  rating = first { { any { static, declined_over("long") }, RED }, { otherwise, GREEN } },
  indicators = { "x" },
})") == "groups.lua:2: group 'g': rating case 1: declined_over(\"long\") names arrow 'long', which the group "
        "does not declare (add arrows = { long = arrow.periods_back(3, { }) } to the group)");
    CHECK(groups_error(R"(group "g" {
  arrows = { long = 3 },
  indicators = { "x" },
})") == "groups.lua:1: group 'g': arrows: long must be an arrow rule such as arrow.periods_back(3, { }), got "
        "the number 3");
    CHECK(groups_error(R"(group "g" {
  arrows = { long = arrow.last_two { } },
  long_arrow = arrow.periods_back(2, { }),
  indicators = { "x" },
})") == "groups.lua:1: group 'g': arrow 'long' is given twice");
    CHECK(groups_error(R"(group "g" {
  arrows = { arrow.last_two { } },
  indicators = { "x" },
})") == "groups.lua:1: group 'g': arrows: name each arrow, as in long = arrow.periods_back(3, { }); got the key "
        "the number 1");
    CHECK(groups_error(R"(local c = improved_over(3))") ==
          "groups.lua:1: improved_over(name): name one of the group's arrows in quotes, as in "
          "improved_over(\"long\"), got the number 3");
}

TEST_CASE("the JSON record and the terminal report show named arrows", "[dsl][arrows][report]") {
    Pack p = load_groups(kTwoTerms);
    Dataset d = four_years();
    Assessment a = assess(p, prepare(p, d));

    std::string json = render(a, Format::json);
    CHECK(contains(json, "\"arrows\""));
    size_t theft = json.find("\"indicator\": \"theft\"");
    REQUIRE(theft != std::string::npos);
    size_t arrows = json.find("\"arrows\"", theft);
    size_t rating = json.find("\"rating\"", theft);
    REQUIRE(arrows < rating);
    std::string block = json.substr(arrows, rating - arrows);
    CHECK(contains(block, "\"short\""));
    CHECK(contains(block, "\"long\""));
    CHECK(block.find("\"short\"") < block.find("\"long\""));
    CHECK(contains(block, "\"arrow\": \"improved\""));
    CHECK(contains(block, "\"change_pct\": -15"));
    CHECK(contains(block, "\"period\": \"2003/04\""));

    std::string text = render(a, Format::terminal);
    CHECK(contains(text, "Trajectory"));
    CHECK(contains(text, "Short"));
    CHECK(contains(text, "Long"));
    std::string line = text.substr(text.find("burglary"));
    line = line.substr(0, line.find('\n'));
    // Main, short and long arrows all improved for burglary.
    size_t first = line.find("▲");
    REQUIRE(first != std::string::npos);
    size_t second = line.find("▲", first + 1);
    REQUIRE(second != std::string::npos);
    CHECK(line.find("▲", second + 1) != std::string::npos);
}

TEST_CASE("a group without named arrows records none", "[dsl][arrows][report]") {
    Pack p = load_groups(R"(group "g" { indicators = { "theft" } })");
    Dataset d = four_years();
    Assessment a = assess(p, prepare(p, d));
    CHECK(outcome_of(a, "theft").other_arrows.empty());
    std::string json = render(a, Format::json);
    size_t theft = json.find("\"indicator\": \"theft\"");
    REQUIRE(theft != std::string::npos);
    std::string outcome = json.substr(theft, json.find("\"rating\"", theft) - theft);
    CHECK(contains(outcome, "\"arrow\": \"declined\""));
    CHECK_FALSE(contains(outcome, "\"arrows\""));
}
