// Presentation conventions in the DSL: how a pack and its groups declare
// them, which level wins, mistakes reported at their line, and every report
// format printing the change columns they ask for.
#include "dsl_fixture.hpp"

using namespace assay;
using namespace assay::test;

namespace {

// The PCC Q2 2024/25 999 calls: 121,752 then 113,266 calls (-8,486, -6.97%),
// and 87.7% then 89.2% answered within 10 seconds (+1.5 points).
Dataset calls() {
    return DatasetBuilder()
        .indicator("calls", Polarity::neutral, 0)
        .indicator("answered", Polarity::higher_is_better, 1, "", "", "percent")
        .series("calls", "Cleveland", {{"2023", 121752}, {"2024", 113266}})
        .series("answered", "Cleveland", {{"2023", 87.7}, {"2024", 89.2}})
        .build();
}

const char* const kPcc = R"(pack "t" {
  rounding = "truncate",
  presentation = { thousands = "always", changes = { "volume", "pct" }, points = true, not_applicable = "-" },
}
scale "rag" { "RED", "GREEN" })";

}  // namespace

TEST_CASE("presentation is declared for the pack, a group and an indicator", "[dsl][presentation]") {
    Pack p = load({{"pack.lua", R"(pack "t" {
  presentation = { thousands = "always", sign_changes = true, indicators = { b = { hms = true } } },
}
scale "rag" { "RED", "GREEN" })"},
                   {"groups.lua", R"(
group "g1" { presentation = { thousands = "never", brackets = true, unit_header = "£000s" }, indicators = { "a" } }
group "g2" {
  presentation = { sign_values = true, thousands = 100000, indicators = { c = { sign_changes = false } } },
  indicators = { "b", "c" },
}
)"}});
    CHECK(p.presentation.thousands == 0);
    CHECK(p.indicator_presentation.at("b").hms == true);
    Style a = p.style_for(*p.find_group("g1"), "a");
    CHECK(a.thousands == -1);
    CHECK(a.brackets);
    CHECK(a.sign_changes);
    CHECK(a.unit_header == "£000s");
    Style b = p.style_for(*p.find_group("g2"), "b");
    CHECK(b.hms);
    CHECK(b.sign_values);
    CHECK(b.thousands == 100000);
    CHECK(b.sign_changes);
    Style c = p.style_for(*p.find_group("g2"), "c");
    CHECK_FALSE(c.sign_changes);
    CHECK_FALSE(c.hms);
}

TEST_CASE("presentation mistakes are errors naming the place and the choices", "[dsl][presentation]") {
    CHECK(load_error({{"pack.lua", R"(pack "t" { presentation = { thousand = "always" } })"}}) ==
          "pack.lua:1: pack 't': presentation: unknown field 'thousand' (did you mean 'thousands'?)");
    CHECK(load_error({{"pack.lua", R"(pack "t" { presentation = { thousands = "sometimes" } })"}}) ==
          "pack.lua:1: pack 't': presentation: field 'thousands' must be \"always\", \"never\" or a whole number "
          "from 1000 up (separators from that figure), got the text \"sometimes\"");
    CHECK(load_error({{"pack.lua", R"(pack "t" { presentation = { changes = { "volume", "percent" } } })"}}) ==
          "pack.lua:1: pack 't': presentation: changes: a column must be \"volume\", \"pct\" or \"pts\", got "
          "\"percent\"");
    CHECK(load_error({{"pack.lua", R"(pack "t" { presentation = { brackets = "yes" } })"}}) ==
          "pack.lua:1: pack 't': presentation: field 'brackets' must be true or false, got the text \"yes\"");
    CHECK(groups_error(
              R"(group "g" { presentation = { indicators = { bb = { hms = true } } }, indicators = { "b" } })") ==
          "groups.lua:1: group 'g': presentation: indicators names 'bb', which is not in the group (did you mean "
          "'b'?)");
    CHECK(groups_error(R"(group "g" { presentation = 3, indicators = { "b" } })") ==
          "groups.lua:1: group 'g': field 'presentation' must be a table such as { sign_changes = true, thousands = "
          "\"always\" }, got the number 3");
}

TEST_CASE("change columns appear in every report format as the pack prints them", "[dsl][presentation][report]") {
    Pack p =
        load({{"pack.lua", kPcc},
              {"groups.lua",
               R"lua(group "g" { comment = "{change} ({change_pct})", indicators = { "calls", "answered" } })lua"}});
    Dataset d = calls();
    Assessment a = assess(p, prepare(p, d));
    // Comments print figures as the columns do.
    CHECK(outcome_of(a, "calls", "Cleveland").comment == "-8,486 (-6.9%)");
    CHECK(outcome_of(a, "answered", "Cleveland").comment == "+1.5pts (-)");

    for (Format f : {Format::terminal, Format::markdown, Format::html}) {
        INFO(to_string(f));
        std::string out = render(a, f);
        CHECK(contains(out, "121,752"));
        CHECK(contains(out, "113,266"));
        CHECK(contains(out, "Change"));
        CHECK(contains(out, "% change"));
        CHECK(contains(out, "-8,486"));
        CHECK(contains(out, "-6.9%"));
        CHECK(contains(out, "+1.5pts"));
        CHECK_FALSE(contains(out, "1.7%"));  // no relative % for a rate
    }
    std::string html = render(a, Format::html);
    CHECK(contains(html, "<td class=\"num change\">-8,486</td><td class=\"num change\">-6.9%</td>"));
    CHECK(contains(html, "<td class=\"num change\">+1.5pts</td><td class=\"num change\">-</td>"));
}

TEST_CASE("without conventions a table shows no change columns", "[dsl][presentation][report]") {
    Pack p = load_groups(R"(group "g" { indicators = { "calls", "answered" } })");
    Dataset d = calls();
    Assessment a = assess(p, prepare(p, d));
    std::string md = render(a, Format::markdown);
    CHECK_FALSE(contains(md, "% change"));
    CHECK(contains(md, "121,752"));  // separators from 10,000 by default
}
