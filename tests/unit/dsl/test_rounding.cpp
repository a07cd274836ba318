// Rounding conventions per pack, per group and per indicator: how they are
// written, which one wins (Pack::rounding_for), and that the printed
// figures and comments follow the indicator's own convention.
#include "dsl_fixture.hpp"

using namespace assay;
using namespace assay::test;

namespace {

// Ties at the second decimal: 2.675 (half up 2.68, half even 2.68,
// truncate 2.67) and 2.665 (half up 2.67, half even 2.66, truncate 2.66).
Dataset ties() {
    return DatasetBuilder()
        .indicator("a", Polarity::higher_is_better, 2)
        .indicator("b", Polarity::higher_is_better, 2)
        .indicator("c", Polarity::higher_is_better, 2)
        .series("a", "X", {{"2023", 2.8}, {"2024", 2.675}})
        .series("b", "X", {{"2023", 2.79}, {"2024", 2.665}})
        .series("c", "X", {{"2023", 2.79}, {"2024", 2.665}})
        .build();
}

/// The terminal report's row for the indicator titled `title`.
std::string row_of(const std::string& report, const std::string& title) {
    size_t at = report.find("\n" + title + " ");
    REQUIRE(at != std::string::npos);
    return report.substr(at + 1, report.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("rounding is one convention or a table per indicator, for the pack and for groups", "[dsl][rounding]") {
    Pack p = load({{"pack.lua", R"(pack "t" { rounding = { default = "half_even", truncate = { "a" } } }
scale "rag" { "RED", "GREEN" })"},
                   {"groups.lua", R"(
group "g1" { rounding = "truncate", indicators = { "b" } }
group "g2" { rounding = { half_up = { "c" }, default = "half_even" }, indicators = { "a", "c" } }
group "g3" { indicators = { "a", "b" } }
)"}});
    CHECK(p.rounding == Rounding::half_even);
    REQUIRE(p.indicator_rounding.size() == 1);
    CHECK(p.indicator_rounding.at("a") == Rounding::truncate);
    const Group& g1 = *p.find_group("g1");
    const Group& g2 = *p.find_group("g2");
    const Group& g3 = *p.find_group("g3");
    CHECK(g1.rounding == Rounding::truncate);
    CHECK(g1.indicator_rounding.empty());
    CHECK(g2.rounding == Rounding::half_even);
    CHECK(g2.indicator_rounding.at("c") == Rounding::half_up);
    CHECK_FALSE(g3.rounding);

    // The most specific wins: group per indicator, pack per indicator, group, pack.
    CHECK(p.rounding_for(g1, "b") == Rounding::truncate);
    CHECK(p.rounding_for(g2, "c") == Rounding::half_up);
    CHECK(p.rounding_for(g2, "a") == Rounding::truncate);
    CHECK(p.rounding_for(g3, "a") == Rounding::truncate);
    CHECK(p.rounding_for(g3, "b") == Rounding::half_even);
    CHECK(p.rounding_for("a") == Rounding::truncate);
    CHECK(p.rounding_for("zzz") == Rounding::half_even);
}

TEST_CASE("the report and comments print each indicator with its own rounding", "[dsl][rounding][report]") {
    Pack p = load({{"pack.lua", R"(pack "t" { rounding = { default = "half_up", truncate = { "a" } } }
scale "rag" { "RED", "GREEN" })"},
                   {"groups.lua", R"lua(
group "g" {
  rounding = { half_even = { "b" } },
  comment = "{value} ({change})",
  indicators = { "a", "b", "c" },
}
)lua"}});
    Dataset d = ties();
    Assessment a = assess(p, prepare(p, d));
    // a truncates: 2.675 -> 2.67, change -0.125 -> -0.12.
    CHECK(outcome_of(a, "a", "X").comment == "2.67 (-0.12)");
    // b rounds half to even: 2.665 -> 2.66, change -0.125 -> -0.12.
    CHECK(outcome_of(a, "b", "X").comment == "2.66 (-0.12)");
    // c rounds half up (the pack's default): 2.665 -> 2.67, -0.125 -> -0.13.
    CHECK(outcome_of(a, "c", "X").comment == "2.67 (-0.13)");

    std::string report = render(a, Format::terminal);
    CHECK(contains(row_of(report, "a"), "2.67"));
    CHECK_FALSE(contains(row_of(report, "a"), "2.68"));
    CHECK(contains(row_of(report, "b"), "2.66"));
    CHECK(contains(row_of(report, "c"), "2.67"));
}

TEST_CASE("rounding mistakes are errors naming the place and the choices", "[dsl][rounding]") {
    CHECK(load_error({{"pack.lua", R"(pack "t" { rounding = "half-up" })"}}) ==
          "pack.lua:1: pack 't': rounding must be \"half_up\", \"half_even\" or \"truncate\", got \"half-up\" "
          "(did you mean 'half_up'?)");
    CHECK(load_error({{"pack.lua", R"(pack "t" { rounding = { default = "bankers" } })"}}) ==
          "pack.lua:1: pack 't': rounding default must be \"half_up\", \"half_even\" or \"truncate\", got "
          "\"bankers\"");
    CHECK(load_error({{"pack.lua", R"(pack "t" { rounding = { truncate = { "a" }, half_up = { "a" } } })"}}) ==
          "pack.lua:1: pack 't': rounding: indicator 'a' is given more than one rounding");
    CHECK(load_error({{"pack.lua", R"(pack "t" { rounding = { truncat = { "a" } } })"}}) ==
          "pack.lua:1: pack 't': rounding: unknown field 'truncat' (did you mean 'truncate'?)");
    CHECK(load_error({{"pack.lua", R"(pack "t" { rounding = 2 })"}}) ==
          "pack.lua:1: pack 't': field 'rounding' must be \"half_up\", \"half_even\", \"truncate\" or a table such "
          "as { default = \"half_up\", truncate = { \"indicator\" } }, got the number 2");
    CHECK(groups_error(R"(group "g" { rounding = { truncate = { "bb" } }, indicators = { "a", "b" } })") ==
          "groups.lua:1: group 'g': rounding names indicator 'bb', which is not in the group (did you mean 'b'?)");
}

TEST_CASE("a pack rounding that names an indicator the dataset lacks stops the run", "[dsl][rounding]") {
    Pack p = load({{"pack.lua", R"(pack "t" { rounding = { truncate = { "aa" } } })"},
                   {"groups.lua", R"(group "g" { indicators = { "a" } })"}});
    Dataset d = ties();
    try {
        assess(p, prepare(p, d));
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) == "pack 't' (" + (p.dir / "pack.lua").string() +
                                           "): rounding truncate: indicator 'aa' is not in dataset 'test' (did you "
                                           "mean 'a'?)");
    }
}
