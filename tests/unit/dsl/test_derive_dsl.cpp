// `derive "id" { ... }` in a pack: the declaration becomes a DerivedSeries,
// its mistakes are load errors at their line, and the derived series are
// assessed end to end like any indicator of the dataset.
#include "dsl_fixture.hpp"

#include <fmt/format.h>

using namespace assay;
using namespace assay::test;

namespace {

const char* const kDerives = R"lua(derive "gap_national" {
  title = "Gap to national",
  gap = { "borough_rate", "national_rate" },
  polarity = "higher_is_better",
}
derive "gap_england" {
  gap_areas = { indicator = "burglary_rate", from = "England", to = "Redcar" },
  area = "Redcar",
}
derive "per_1000" {
  rate = { "burglaries", per = "households", scale = 1000 },
  decimals = 2,
  unit = "rate",
  notes = "Per 1,000 households.",
}
derive "crimes_12m" { rolling_sum = { "crimes", months = 12 } }
derive "vehicle" { sum = { "a", "b", "c" } }
)lua";

/// Monthly crimes for 27 months and a population per year, one area.
Dataset monthly() {
    DatasetBuilder b;
    b.indicator("crimes", Polarity::lower_is_better).indicator("population", Polarity::neutral);
    std::vector<std::pair<std::string, std::optional<double>>> months;
    for (int i = 0; i < 27; ++i) {
        int year = 2022 + i / 12, month = i % 12 + 1;
        // 100 a month in 2022, 90 in 2023, 80 in 2024.
        months.emplace_back(fmt::format("{}-{:02}", year, month), 100 - 10 * (year - 2022));
    }
    b.series("crimes", "Cleveland", months);
    return b.build();
}

}  // namespace

TEST_CASE("derive declarations become the pack's derived series in order", "[dsl][derive]") {
    Pack p = load({{"pack.lua", kRagPack}, {"derive.lua", kDerives}});
    REQUIRE(p.derived.size() == 5);
    const DerivedSeries& gap = p.derived[0];
    CHECK(gap.id == "gap_national");
    CHECK(gap.kind == DerivedSeries::Kind::gap);
    CHECK(gap.title == "Gap to national");
    CHECK(gap.inputs == std::vector<std::string>{"borough_rate", "national_rate"});
    CHECK(gap.polarity == Polarity::higher_is_better);
    CHECK(gap.where.file == "derive.lua");
    CHECK(gap.where.line == 1);

    const DerivedSeries& areas = p.derived[1];
    CHECK(areas.kind == DerivedSeries::Kind::gap_areas);
    CHECK(areas.inputs == std::vector<std::string>{"burglary_rate"});
    CHECK(areas.from_area == "England");
    CHECK(areas.to_area == "Redcar");
    CHECK(areas.area == "Redcar");
    CHECK(areas.title == "gap_england");

    const DerivedSeries& rate = p.derived[2];
    CHECK(rate.kind == DerivedSeries::Kind::rate);
    CHECK(rate.inputs == std::vector<std::string>{"burglaries"});
    CHECK(rate.per == std::vector<std::string>{"households"});
    CHECK(rate.scale == 1000);
    CHECK(rate.decimals == 2);
    CHECK(rate.unit == "rate");
    CHECK(rate.notes == "Per 1,000 households.");

    CHECK(p.derived[3].kind == DerivedSeries::Kind::rolling_sum);
    CHECK(p.derived[3].months == 12);
    CHECK(p.derived[4].kind == DerivedSeries::Kind::sum);
    CHECK(p.derived[4].inputs.size() == 3);
    CHECK(to_string(p.derived[3].kind) == "rolling_sum");
}

TEST_CASE("derive mistakes are load errors at their line", "[dsl][derive]") {
    auto error = [](const std::string& text) { return load_error({{"pack.lua", kRagPack}, {"d.lua", text}}); };
    CHECK(error(R"(derive "x" { title = "X" })") ==
          "d.lua:1: derive 'x': say how the series is derived: gap, gap_areas, rate, rolling_sum or sum, as in "
          "sum = { \"a\", \"b\" }");
    CHECK(error(R"(derive "x" { sum = { "a", "b" }, gap = { "a", "b" } })") ==
          "d.lua:1: derive 'x': give one of gap, gap_areas, rate, rolling_sum or sum, not both gap and sum");
    CHECK(error(R"(derive "x" { gap = { "a" } })") == "d.lua:1: derive 'x': gap needs at least 2 indicators");
    CHECK(error(R"(derive "x" { gap = { "a", "b", "c" } })") ==
          "d.lua:1: derive 'x': gap: unexpected entry the number 3 (expected at most 2 unnamed values and named "
          "fields)");
    CHECK(error(R"(derive "x" { rolling_sum = { "a", months = 0 } })") ==
          "d.lua:1: derive 'x': rolling_sum: months must be a whole number from 1 to 120, got 0");
    CHECK(error(R"(derive "x" { rolling_sum = { "a", "b" } })") ==
          "d.lua:1: derive 'x': rolling_sum: unexpected entry the number 2 (expected at most 1 unnamed value and "
          "named fields)");
    CHECK(error(R"(derive "x" { rate = { "a" } })") ==
          "d.lua:1: derive 'x': rate: field 'per' must be the denominator's indicator, as in per = { \"population\" }, "
          "got nil");
    CHECK(error(R"(derive "x" { rate = { "a", per = "b", scale = 0 } })") ==
          "d.lua:1: derive 'x': rate: scale must be above 0, as in scale = 1000 for a rate per 1,000");
    CHECK(error(R"(derive "x" { sum = { "a", "b" }, area = "A" })") == "d.lua:1: derive 'x': area goes with gap_areas");
    CHECK(error(R"(derive "x" { gap_areas = { indicator = "a", from = "A", to = "A" } })") ==
          "d.lua:1: derive 'x': gap_areas: from and to must be different areas");
    CHECK(error(R"(derive "x" { sum = { "a", "b" }, titel = "X" })") ==
          "d.lua:1: derive 'x': unknown field 'titel' (did you mean 'title'?)");
    CHECK(error(R"(derive "x" { sum = { "a", "b" }, decimals = 1.5 })") ==
          "d.lua:1: derive 'x': decimals must be a whole number from 0 to 10, got 1.5");
    CHECK(error("derive \"x\" { sum = { \"a\", \"b\" } }\nderive \"x\" { sum = { \"a\", \"c\" } }") ==
          "d.lua:2: derive 'x' is declared twice (first at d.lua:1)");
}

TEST_CASE("a derived rolling year is assessed against the same period last year", "[dsl][derive][assess]") {
    Pack p = load({{"pack.lua", kRagPack}, {"derive.lua", R"lua(
derive "crimes_12m" { title = "Crime, rolling 12 months", rolling_sum = { "crimes", months = 12 } }
group "rolling" {
  arrow = arrow.same_period_last_year { static_within = pct(1) },
  rating = first { { improved, GREEN }, { static, AMBER }, { otherwise, RED } },
  comment = "{value} in the {period}, {change_pct} on the {previous_period}",
  indicators = { "crimes_12m" },
}
)lua"}});
    Dataset d = monthly();
    Assessment a = assess(p, prepare(p, d));
    REQUIRE(a.errors.empty());
    const Outcome& o = outcome_of(a, "crimes_12m", "Cleveland");
    REQUIRE(o.current);
    // 12 months to 2024-03: 9 x 90 + 3 x 80 = 1050; a year earlier: 9 x 100 + 3 x 90 = 1170.
    CHECK(o.current->value == 1050);
    REQUIRE(o.previous);
    CHECK(o.previous->value == 1170);
    CHECK(o.arrow == Arrow::improved);
    CHECK(rating_of(a, o) == "GREEN");
    CHECK(o.comment == "1050 in the 12 months to 2024-03, -10.3% on the 12 months to 2023-03");
    CHECK(a.dataset->indicators[a.dataset->series[o.series].indicator].title == "Crime, rolling 12 months");
}

TEST_CASE("an unknown input of a derive stops the run naming the file and line", "[dsl][derive]") {
    TempPack tp({{"pack.lua", kRagPack},
                 {"derive.lua",
                  "\n\nderive \"x\" { sum = { \"crimes\", \"crimez\" } }\n"
                  "group \"g\" { indicators = { \"x\" } }\n"}});
    Pack p = load_pack(tp.dir());
    Dataset d = monthly();
    try {
        assess(p, prepare(p, d));
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.error().where.file == (tp.dir() / "derive.lua").string());
        CHECK(e.error().where.line == 3);
        CHECK(e.error().message == "derive 'x': indicator 'crimez' is not in dataset 'test' (did you mean 'crimes'?)");
    }
}
