// Rule functions that explain themselves: the `assay` comparisons allow for
// binary noise as the built-in conditions do (8.4 days against a target of
// 8.0 is exactly 5 % over, though the division gives 5.000000000000004),
// `described` gives a function the words the key prints, and explain lists
// each value the function read and what it returned.
#include "dsl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::test;

namespace {

Dataset sickness(double value) {
    return DatasetBuilder()
        .indicator("sickness", Polarity::lower_is_better, 1)
        .series("sickness", "A", {{"2023/24", 8.0}, {"2024/25", value}})
        .build();
}

// The rating of `sickness` at `value` with `groups`, and its trace joined by newlines.
std::pair<std::string, std::string> rate(const std::string& groups, double value) {
    Pack p = load_groups(groups);
    Dataset d = sickness(value);
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.outcomes.size() == 1);
    std::string trace;
    for (const std::string& line : a.outcomes[0].explanation) trace += line + "\n";
    INFO(trace);
    CHECK(a.outcomes[0].error == "");
    return {rating_of(a, a.outcomes[0]), trace};
}

std::string within_5pct(const std::string& test) {
    return R"(group "g" { target = { value = 8 }, rating = function(a)
  if )" + test +
           R"( then return GREEN end
  return RED
end, indicators = { "sickness" } }
)";
}

}  // namespace

TEST_CASE("the assay helpers put band edges inside, as the built-in conditions do", "[dsl][helpers]") {
    // Written by hand, the edge falls outside: 0.4 / 8 * 100 computes as 5.000000000000004.
    CHECK(rate(within_5pct("math.abs(a.value - 8) / 8 * 100 <= 5"), 8.4).first == "RED");
    CHECK(rate(within_5pct("assay.within_pct(a.value, a.target.value, 5)"), 8.4).first == "GREEN");
    CHECK(rate(within_5pct("assay.within_pct(a.value, a.target.value, 5)"), 7.6).first == "GREEN");
    CHECK(rate(within_5pct("assay.within_pct(a.value, a.target.value, 5)"), 8.41).first == "RED");
    CHECK(rate(within_5pct("assay.within(a.value, 8, 0.4)"), 8.4).first == "GREEN");
    CHECK(rate(within_5pct("assay.within(a.value, 8, 0.4)"), 8.5).first == "RED");
    // 0.1 + 0.2 is 0.30000000000000004 in binary.
    CHECK(rate(within_5pct("assay.near(0.1 + 0.2, 0.3) and 0.1 + 0.2 ~= 0.3"), 1).first == "GREEN");
    CHECK(rate(within_5pct("assay.at_most(0.1 + 0.2, 0.3) and assay.at_least(0.3, 0.1 + 0.2)"), 1).first == "GREEN");
    CHECK(rate(within_5pct("assay.at_least(8.3, 8.4)"), 1).first == "RED");
    CHECK(rate(within_5pct("assay.near(assay.pct_change(8, 8.4), 5)"), 1).first == "GREEN");
    CHECK(rate(within_5pct("assay.pct_change(0, 1) == nil"), 1).first == "GREEN");
}

TEST_CASE("an assay helper given nil fails the rule with its name", "[dsl][helpers]") {
    Pack p = load_groups(within_5pct("assay.at_most(a.previous_period, 1)"));
    Dataset d = sickness(8.4);
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.outcomes.size() == 1);
    CHECK(a.outcomes[0].rating == -1);
    CHECK(contains(a.outcomes[0].error, "assay.at_most: argument 1 must be a number"));
}

TEST_CASE("a described rating function is worded in the key and explain lists what it read", "[dsl][helpers]") {
    const std::string groups = R"(group "g" { target = { value = 8 },
  rating = described("GREEN within 5 % of the target either side, else RED", function(a)
    if assay.within_pct(a.value, a.target.value, 5) then return GREEN end
    return RED
  end),
  indicators = { "sickness" } }
)";
    Pack p = load_groups(groups);
    CHECK(p.groups[0].rating.kind == RatingRule::Kind::script);
    CHECK(p.groups[0].rating.description == "GREEN within 5 % of the target either side, else RED");
    auto [rating, trace] = rate(groups, 8.4);
    CHECK(rating == "GREEN");
    CHECK(contains(trace, "rating function: GREEN within 5 % of the target either side, else RED\n"));
    CHECK(contains(trace, "the function read: value = 8.4, target.value = 8\n"));
    CHECK(contains(trace, "rating: g.rating -> GREEN"));

    // The questions and lookups a function asks are listed too, each once.
    auto [r2, t2] = rate(R"(group "g" { rating = function(a)
  if a:improved() or a:improved() then return GREEN end
  if a:lookup("sickness", nil, "2023/24") == 8 then return RED end
  return AMBER
end, indicators = { "sickness" } }
)",
                         8.4);
    CHECK(r2 == "RED");
    CHECK(contains(t2, "the function read: a:improved() = false, a:lookup(\"sickness\", nil, \"2023/24\") = 8\n"));
}

TEST_CASE("described is checked when the pack loads", "[dsl][helpers]") {
    CHECK(contains(groups_error("group \"g\" { rating = described(function(a) return RED end), indicators = { "
                                "\"x\" } }\n"),
                   "described expects the words the key prints, then the function"));
    CHECK(contains(groups_error("group \"g\" { rating = described(\"\", function(a) return RED end), indicators = "
                                "{ \"x\" } }\n"),
                   "described expects"));
}
