// Derived series (derive.cpp): gaps between indicators and between areas,
// rates per population, rolling sums and sums, each a new indicator of the
// dataset with its metadata, missing values with the reason, and clear
// errors; then assess() deriving them before assessing.
#include "fixtures.hpp"

#include <assay/derive.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cmath>

using namespace assay;
using namespace assay::test;

namespace {

DerivedSeries spec(DerivedSeries::Kind kind, const std::string& id, std::vector<std::string> inputs) {
    DerivedSeries d;
    d.kind = kind;
    d.id = id;
    d.inputs = std::move(inputs);
    d.where = SourceLoc{"derive.lua", 7, 0};
    return d;
}

Pack pack_deriving(std::vector<DerivedSeries> derived) {
    Pack p = make_pack({});
    p.derived = std::move(derived);
    return p;
}

/// The observation of `indicator` in `area` at `period`, if the series has one.
std::optional<uint32_t> obs_of(const Dataset& d, const std::string& indicator, const std::string& area,
                               const std::string& period) {
    auto ind = d.find_indicator(indicator);
    auto ar = d.find_area(area);
    auto per = d.find_period(period);
    if (!ind || !ar || !per) return std::nullopt;
    auto s = d.find_series(*ind, *ar);
    if (!s) return std::nullopt;
    for (uint32_t i = d.series[*s].begin; i < d.series[*s].end; ++i)
        if (d.obs_period[i] == *per) return i;
    return std::nullopt;
}

double value_of(const Dataset& d, const std::string& indicator, const std::string& area, const std::string& period) {
    auto obs = obs_of(d, indicator, area, period);
    REQUIRE(obs);
    REQUIRE(d.has_value(*obs));
    return d.obs_value[*obs];
}

std::string missing_of(const Dataset& d, const std::string& indicator, const std::string& area,
                       const std::string& period) {
    auto obs = obs_of(d, indicator, area, period);
    REQUIRE(obs);
    REQUIRE_FALSE(d.has_value(*obs));
    return d.missing.at(*obs);
}

/// Whether every series is sorted by indicator then area, and its observations by period.
bool well_formed(const Dataset& d) {
    for (size_t s = 0; s < d.series.size(); ++s) {
        const Series& x = d.series[s];
        if (s > 0) {
            const Series& prev = d.series[s - 1];
            if (prev.indicator > x.indicator || (prev.indicator == x.indicator && prev.area >= x.area)) return false;
            if (prev.end != x.begin) return false;
        }
        for (uint32_t i = x.begin + 1; i < x.end; ++i)
            if (d.obs_period[i - 1] >= d.obs_period[i]) return false;
    }
    for (size_t p = 1; p < d.periods.size(); ++p)
        if (!(d.periods[p - 1] < d.periods[p])) return false;
    return d.obs_period.size() == d.obs_value.size();
}

std::string error_of(const Pack& p, const Dataset& d) {
    try {
        derive_series(p, d);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("a gap is one indicator minus another per area and period, inheriting metadata", "[derive]") {
    Dataset d = DatasetBuilder()
                    .indicator("borough_rate", Polarity::lower_is_better, 1, "", "", "rate")
                    .indicator("national_rate", Polarity::lower_is_better, 1, "", "", "rate")
                    .series("borough_rate", "Redcar", {{"2005/06", 12.5}, {"2006/07", 11.0}})
                    .series("national_rate", "Redcar", {{"2005/06", 10.0}, {"2006/07", NA}})
                    .build();
    DerivedSeries g = spec(DerivedSeries::Kind::gap, "gap_national", {"borough_rate", "national_rate"});
    g.title = "Gap to national";
    Dataset out = derive_series(pack_deriving({g}), d);

    REQUIRE(well_formed(out));
    REQUIRE(out.indicators.size() == 3);
    const Indicator& ind = out.indicators.back();
    CHECK(ind.id == "gap_national");
    CHECK(ind.title == "Gap to national");
    CHECK(ind.unit == "rate");
    CHECK(ind.polarity == Polarity::lower_is_better);
    CHECK(ind.decimals == 1);
    CHECK(ind.source == "derived: borough_rate - national_rate");
    CHECK(ind.where.file == "derive.lua");
    CHECK(ind.where.line == 7);
    CHECK(value_of(out, "gap_national", "Redcar", "2005/06") == Approx(2.5));
    CHECK(missing_of(out, "gap_national", "Redcar", "2006/07") == "national_rate: N/A in 2006/07");
    // The inputs are untouched.
    CHECK(value_of(out, "borough_rate", "Redcar", "2006/07") == 11.0);
    CHECK(out.observation_count() == d.observation_count() + 2);
}

TEST_CASE("given metadata overrides the inherited", "[derive]") {
    Dataset d = DatasetBuilder()
                    .indicator("a", Polarity::lower_is_better, 0)
                    .indicator("b", Polarity::lower_is_better, 0)
                    .series("a", "X", {{"2024", 5}})
                    .series("b", "X", {{"2024", 7}})
                    .build();
    DerivedSeries g = spec(DerivedSeries::Kind::gap, "b_minus_a", {"b", "a"});
    g.polarity = Polarity::higher_is_better;
    g.decimals = 2;
    g.unit = "points";
    g.notes = "Positive when a is lower.";
    Dataset out = derive_series(pack_deriving({g}), d);
    const Indicator& ind = out.indicators.back();
    CHECK(ind.polarity == Polarity::higher_is_better);
    CHECK(ind.decimals == 2);
    CHECK(ind.unit == "points");
    CHECK(ind.notes == "Positive when a is lower.");
    CHECK(ind.title == "b_minus_a");
    CHECK(value_of(out, "b_minus_a", "X", "2024") == 2);
}

TEST_CASE("a sum adds its inputs; a missing or absent input makes the total missing with the reason", "[derive]") {
    Dataset d = DatasetBuilder()
                    .indicator("theft_of_vehicle", Polarity::lower_is_better)
                    .indicator("theft_from_vehicle", Polarity::lower_is_better)
                    .indicator("interference", Polarity::lower_is_better)
                    .series("theft_of_vehicle", "A", {{"2005/06", 640}, {"2006/07", NA}, {"2007/08", 500}})
                    .series("theft_from_vehicle", "A", {{"2005/06", 1843}, {"2006/07", 1700}, {"2007/08", 1600}})
                    .series("interference", "A", {{"2005/06", 10}, {"2006/07", 12}})
                    .build();
    Dataset out = derive_series(pack_deriving({spec(DerivedSeries::Kind::sum, "vehicle_crime",
                                                    {"theft_of_vehicle", "theft_from_vehicle", "interference"})}),
                                d);
    REQUIRE(well_formed(out));
    CHECK(value_of(out, "vehicle_crime", "A", "2005/06") == 2493);
    CHECK(missing_of(out, "vehicle_crime", "A", "2006/07") == "theft_of_vehicle: N/A in 2006/07");
    CHECK(missing_of(out, "vehicle_crime", "A", "2007/08") == "interference: no value in 2007/08");
    CHECK(out.indicators.back().source == "derived: theft_of_vehicle + theft_from_vehicle + interference");
}

TEST_CASE("a rate divides by the population and scales; division by zero is a missing value with the reason",
          "[derive]") {
    Dataset d = DatasetBuilder()
                    .indicator("burglaries", Polarity::lower_is_better)
                    .indicator("households", Polarity::neutral)
                    .series("burglaries", "A", {{"2023", 120}, {"2024", 90}})
                    .series("households", "A", {{"2023", 60000}, {"2024", 0}})
                    .series("burglaries", "B", {{"2024", 30}})
                    .build();
    DerivedSeries r = spec(DerivedSeries::Kind::rate, "burglary_rate", {"burglaries"});
    r.per = {"households"};
    r.scale = 1000;
    Dataset out = derive_series(pack_deriving({r}), d);
    REQUIRE(well_formed(out));
    const Indicator& ind = out.indicators.back();
    CHECK(ind.unit == "rate");
    CHECK(ind.decimals == 1);
    CHECK(ind.polarity == Polarity::lower_is_better);  // the numerator's
    CHECK(value_of(out, "burglary_rate", "A", "2023") == Approx(2.0));
    CHECK(missing_of(out, "burglary_rate", "A", "2024") == "households is 0 in 2024: no rate (division by zero)");
    // An area with counts but no population.
    CHECK(missing_of(out, "burglary_rate", "B", "2024") == "households: no value in 2024");
}

TEST_CASE("a rolling sum makes twelve-month periods from months, renumbering the dataset's periods", "[derive]") {
    DatasetBuilder b;
    b.indicator("crimes", Polarity::lower_is_better).indicator("other", Polarity::lower_is_better);
    std::vector<std::pair<std::string, std::optional<double>>> months;
    for (int m = 1; m <= 15; ++m) {
        int year = m <= 12 ? 2023 : 2024;
        int month = m <= 12 ? m : m - 12;
        months.emplace_back(fmt::format("{}-{:02}", year, month), m == 14 ? NA : std::optional<double>(m));
    }
    b.series("crimes", "A", months);
    b.series("other", "A", {{"2024-02", 7}});
    b.published(PublishedKind::arrow, "other", "A", "2024-02", "▲");
    Dataset d = b.build();
    DerivedSeries r = spec(DerivedSeries::Kind::rolling_sum, "crimes_12m", {"crimes"});
    Dataset out = derive_series(pack_deriving({r}), d);

    REQUIRE(well_formed(out));
    // 1 + 2 + ... + 12 = 78; the window to 2024-01 drops month 1 and adds 13.
    CHECK(value_of(out, "crimes_12m", "A", "12 months to Dec 2023") == 78);
    CHECK(value_of(out, "crimes_12m", "A", "12 months to Jan 2024") == 90);
    CHECK(missing_of(out, "crimes_12m", "A", "12 months to Feb 2024") == "crimes: N/A in 2024-02");
    CHECK(missing_of(out, "crimes_12m", "A", "12 months to Mar 2024") == "crimes: N/A in 2024-02");
    // No window before the data covers twelve months.
    CHECK_FALSE(obs_of(out, "crimes_12m", "A", "12 months to Nov 2023"));
    auto p = out.find_period("12 months to 2024-01");
    REQUIRE(p);
    CHECK(out.periods[*p].kind == PeriodKind::rolling_year);
    CHECK(out.periods[*p].label == "12 months to 2024-01");
    CHECK(out.periods.size() == d.periods.size() + 4);
    // Existing observations and published figures still name their periods.
    CHECK(value_of(out, "crimes", "A", "2023-07") == 7);
    CHECK(value_of(out, "other", "A", "2024-02") == 7);
    REQUIRE(out.published.size() == 1);
    CHECK(out.periods[out.published[0].period].label == "2024-02");
}

TEST_CASE("a rolling sum of quarters covers four quarters; other windows are ranges", "[derive]") {
    Dataset d =
        DatasetBuilder()
            .indicator("calls", Polarity::neutral)
            .series("calls", "A", {{"2023 Q1", 10}, {"2023 Q2", 20}, {"2023 Q3", 30}, {"2023 Q4", 40}, {"2024 Q1", 50}})
            .build();
    DerivedSeries year = spec(DerivedSeries::Kind::rolling_sum, "calls_12m", {"calls"});
    DerivedSeries half = spec(DerivedSeries::Kind::rolling_sum, "calls_6m", {"calls"});
    half.months = 6;
    Dataset out = derive_series(pack_deriving({year, half}), d);
    REQUIRE(well_formed(out));
    CHECK(value_of(out, "calls_12m", "A", "12 months to Dec 2023") == 100);
    CHECK(value_of(out, "calls_12m", "A", "12 months to Mar 2024") == 140);
    CHECK(value_of(out, "calls_6m", "A", "Oct 2023 - Mar 2024") == 90);
    auto p = out.find_period("Jan 2023 - Jun 2023");
    REQUIRE(p);
    CHECK(out.periods[*p].kind == PeriodKind::range);

    DerivedSeries odd = spec(DerivedSeries::Kind::rolling_sum, "calls_5m", {"calls"});
    odd.months = 5;
    CHECK(error_of(pack_deriving({odd}), d) ==
          "derive.lua:7: derive 'calls_5m': rolling_sum over 5 months cannot be made from 'calls', whose periods "
          "are 3 months long");
}

TEST_CASE("a gap between areas is a new area per period", "[derive]") {
    Dataset d = DatasetBuilder()
                    .indicator("burglary_rate", Polarity::lower_is_better, 1)
                    .series("burglary_rate", "Redcar", {{"2005/06", 12.5}, {"2006/07", 11.0}, {"2007/08", 9.0}})
                    .series("burglary_rate", "England", {{"2005/06", 14.0}, {"2006/07", 13.0}})
                    .build();
    DerivedSeries g = spec(DerivedSeries::Kind::gap_areas, "gap_england", {"burglary_rate"});
    g.from_area = "England";
    g.to_area = "Redcar";
    Dataset out = derive_series(pack_deriving({g}), d);
    REQUIRE(well_formed(out));
    CHECK(out.areas.back() == "England vs Redcar");
    CHECK(value_of(out, "gap_england", "England vs Redcar", "2005/06") == Approx(1.5));
    CHECK(value_of(out, "gap_england", "England vs Redcar", "2006/07") == Approx(2.0));
    CHECK(missing_of(out, "gap_england", "England vs Redcar", "2007/08") ==
          "burglary_rate: no value in 2007/08 in England");
    CHECK(out.indicators.back().source == "derived: burglary_rate in England - burglary_rate in Redcar");

    g.area = "Redcar";  // a given area, here one that exists
    Dataset named = derive_series(pack_deriving({g}), d);
    CHECK(named.areas.size() == d.areas.size());
    CHECK(value_of(named, "gap_england", "Redcar", "2006/07") == Approx(2.0));
}

TEST_CASE("a derivation may use an earlier one", "[derive]") {
    Dataset d = DatasetBuilder()
                    .indicator("a", Polarity::lower_is_better)
                    .indicator("b", Polarity::lower_is_better)
                    .indicator("population", Polarity::neutral)
                    .series("a", "X", {{"2024", 30}})
                    .series("b", "X", {{"2024", 20}})
                    .series("population", "X", {{"2024", 10000}})
                    .build();
    DerivedSeries total = spec(DerivedSeries::Kind::sum, "total", {"a", "b"});
    DerivedSeries rate = spec(DerivedSeries::Kind::rate, "total_rate", {"total"});
    rate.per = {"population"};
    rate.scale = 1000;
    Dataset out = derive_series(pack_deriving({total, rate}), d);
    CHECK(value_of(out, "total_rate", "X", "2024") == Approx(5.0));
}

TEST_CASE("derivation errors name the declaration and what was expected", "[derive]") {
    Dataset d = DatasetBuilder()
                    .indicator("theft_of_vehicle")
                    .indicator("theft_from_vehicle")
                    .series("theft_of_vehicle", "Redcar", {{"2006/07", 1}})
                    .build();
    Pack unknown = pack_deriving({spec(DerivedSeries::Kind::sum, "t", {"theft_of_vehicle", "theft_of_vehicel"})});
    CHECK(error_of(unknown, d) ==
          "derive.lua:7: derive 't': indicator 'theft_of_vehicel' is not in dataset 'test' (did you mean "
          "'theft_of_vehicle'?)");

    Pack clash = pack_deriving({spec(DerivedSeries::Kind::sum, "theft_from_vehicle", {"theft_of_vehicle"})});
    CHECK(error_of(clash, d) ==
          "derive.lua:7: derive 'theft_from_vehicle': the dataset already has an indicator "
          "'theft_from_vehicle': give the derived series another id");

    DerivedSeries areas = spec(DerivedSeries::Kind::gap_areas, "g", {"theft_of_vehicle"});
    areas.from_area = "Redcr";
    areas.to_area = "England";
    CHECK(error_of(pack_deriving({areas}), d) ==
          "derive.lua:7: derive 'g': from = \"Redcr\" is not an area of dataset 'test' (did you mean 'Redcar'?)");

    CHECK(error_of(pack_deriving({spec(DerivedSeries::Kind::gap, "g", {"theft_of_vehicle"})}), d) ==
          "derive.lua:7: derive 'g': gap needs two indicators: { \"a\", \"b\" } gives a - b");
    CHECK(error_of(pack_deriving({spec(DerivedSeries::Kind::rate, "r", {"theft_of_vehicle"})}), d) ==
          "derive.lua:7: derive 'r': rate needs a count and per = { population }");

    Pack with_dir = pack_deriving({spec(DerivedSeries::Kind::sum, "t", {"nope"})});
    with_dir.dir = "rules/demo";
    CHECK(error_of(with_dir, d).starts_with("rules/demo/derive.lua:7: derive 't': indicator 'nope'"));
}

TEST_CASE("prepare() derives the pack's series and assess() rates them like any other", "[derive][assess]") {
    Dataset d = DatasetBuilder()
                    .indicator("a", Polarity::lower_is_better)
                    .indicator("b", Polarity::lower_is_better)
                    .series("a", "A", {{"2005/06", 100}, {"2006/07", 80}})
                    .series("b", "A", {{"2005/06", 50}, {"2006/07", 60}})
                    .build();
    Group g = make_group("totals", {"a_plus_b"});
    g.rating = lsp_rating();
    Pack p = make_pack({g});
    p.derived = {spec(DerivedSeries::Kind::sum, "a_plus_b", {"a", "b"})};

    PreparedData prepared = prepare(p, d);
    REQUIRE(prepared.dataset().find_indicator("a_plus_b"));
    CHECK_FALSE(d.find_indicator("a_plus_b"));  // the input is left as it was
    Assessment a = assess(p, prepared);
    CHECK(a.dataset == prepared.get());
    const Outcome& o = outcome_of(a, "a_plus_b");
    REQUIRE(o.current);
    CHECK(o.current->value == 140);
    CHECK(o.previous->value == 150);
    CHECK(o.arrow == Arrow::improved);
    CHECK(o.rating == 1);  // AMBER: improved, no target

    // The assessment keeps the prepared data alive on its own.
    Assessment kept = assess(p, prepare(p, d));
    CHECK(kept.dataset->indicators.size() == 3);
    CHECK(outcome_of(kept, "a_plus_b").current->value == 140);

    // A dataset prepared for another pack (without this pack's series) is refused, not re-derived.
    Pack plain = make_pack({make_group("raw", {"a"})});
    CHECK_THROWS_AS(assess(p, prepare(plain, d)), Fatal);

    // Streaming names the derived series through the assessment passed with each outcome.
    std::vector<std::string> streamed;
    assess(p, prepared, {}, [&](const Assessment& run, const Outcome& out) {
        streamed.push_back(run.dataset->indicators[run.dataset->series[out.series].indicator].id);
    });
    CHECK(streamed == std::vector<std::string>{"a_plus_b"});
}

TEST_CASE("an as-at run sees only rolling windows up to that period", "[derive][assess]") {
    DatasetBuilder b;
    b.indicator("crimes", Polarity::lower_is_better);
    std::vector<std::pair<std::string, std::optional<double>>> months;
    for (int m = 1; m <= 14; ++m)
        months.emplace_back(fmt::format("{}-{:02}", m <= 12 ? 2023 : 2024, m <= 12 ? m : m - 12), 10 + m);
    b.series("crimes", "A", months);
    Dataset d = b.build();
    Group g = make_group("rolling", {"crimes_12m"});
    Pack p = make_pack({g});
    p.derived = {spec(DerivedSeries::Kind::rolling_sum, "crimes_12m", {"crimes"})};
    AssessOptions opts;
    opts.as_at = "2024-01";
    Assessment a = assess(p, prepare(p, d), opts);
    const Outcome& o = outcome_of(a, "crimes_12m");
    REQUIRE(o.current);
    CHECK(a.dataset->periods[o.current->period].label == "12 months to 2024-01");
    CHECK(o.change == Approx(12.0));  // 2024-01 (23) replaced 2023-01 (11)
}
