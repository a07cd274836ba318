// Transcription tests of the bundled datasets (datasets/*): each loads, its
// figures match the seed they were transcribed from (spot checks per table,
// N/A kept as missing), the totals the seed prints add up, and the published
// changes the seed prints equal the data. Where a seed is wrong (listed under
// "Errors in the source" in each dataset's README), the test asserts that the
// published figure differs from the data, so a "corrected" transcription is
// caught as surely as a typo.
#include <assay/dataset.hpp>
#include <assay/io.hpp>
#include <assay/number.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

using namespace assay;

namespace {

std::filesystem::path datasets_dir() {
    return std::filesystem::path(ASSAY_SOURCE_DIR) / "datasets";
}

/// The bundled dataset `name`, loaded once per test run.
const Dataset& bundled(const std::string& name) {
    static std::map<std::string, Dataset> cache;
    auto it = cache.find(name);
    if (it == cache.end()) it = cache.emplace(name, load_dataset(datasets_dir() / name)).first;
    return it->second;
}

/// The observation of `indicator` in `area` at `period`; fails the test if absent.
uint32_t obs_of(const Dataset& ds, std::string_view indicator, std::string_view area, std::string_view period) {
    INFO(ds.name << ": " << indicator << " / " << area << " / " << period);
    std::optional<uint32_t> i = ds.find_indicator(indicator);
    std::optional<uint32_t> a = ds.find_area(area);
    std::optional<uint32_t> p = ds.find_period(period);
    REQUIRE(i);
    REQUIRE(a);
    REQUIRE(p);
    std::optional<uint32_t> s = ds.find_series(*i, *a);
    REQUIRE(s);
    const Series& series = ds.series[*s];
    for (uint32_t o = series.begin; o < series.end; ++o)
        if (ds.obs_period[o] == *p) return o;
    FAIL("no observation for that period");
    return 0;
}

/// The value of an observation that must hold one.
double value(const Dataset& ds, std::string_view indicator, std::string_view area, std::string_view period) {
    uint32_t o = obs_of(ds, indicator, area, period);
    INFO(ds.name << ": " << indicator << " / " << area << " / " << period);
    REQUIRE(ds.has_value(o));
    return ds.obs_value[o];
}

/// The missing reason of an observation that must be missing.
std::string missing(const Dataset& ds, std::string_view indicator, std::string_view area, std::string_view period) {
    uint32_t o = obs_of(ds, indicator, area, period);
    INFO(ds.name << ": " << indicator << " / " << area << " / " << period);
    REQUIRE_FALSE(ds.has_value(o));
    auto it = ds.missing.find(o);
    REQUIRE(it != ds.missing.end());
    return it->second;
}

/// The note of an observation, empty when it has none.
std::string note(const Dataset& ds, std::string_view indicator, std::string_view area, std::string_view period) {
    auto it = ds.notes.find(obs_of(ds, indicator, area, period));
    return it == ds.notes.end() ? std::string() : it->second;
}

const Indicator& indicator(const Dataset& ds, std::string_view id) {
    INFO(ds.name << ": " << id);
    std::optional<uint32_t> i = ds.find_indicator(id);
    REQUIRE(i);
    return ds.indicators[*i];
}

/// The published figure of `kind` on that observation; fails the test if absent.
const Published& published(const Dataset& ds, PublishedKind kind, std::string_view ind, std::string_view area,
                           std::string_view period) {
    uint32_t o = obs_of(ds, ind, area, period);
    std::optional<uint32_t> s = ds.find_series(*ds.find_indicator(ind), *ds.find_area(area));
    for (const Published& p : ds.published)
        if (p.kind == kind && p.series == *s && p.period == ds.obs_period[o]) return p;
    INFO(ds.name << ": " << ind << " / " << area << " / " << period << " / " << to_string(kind));
    FAIL("no published figure of that kind");
    return ds.published.front();
}

/// The published number of `kind` on that observation.
double published_value(const Dataset& ds, PublishedKind kind, std::string_view ind, std::string_view area,
                       std::string_view period) {
    const Published& p = published(ds, kind, ind, area, period);
    INFO(ds.name << ": " << ind << " published " << p.text);
    REQUIRE(p.value);
    return *p.value;
}

std::vector<std::string> split_plus(std::string_view s) {
    std::vector<std::string> out;
    for (size_t at = 0; at <= s.size();) {
        size_t next = s.find(" + ", at);
        if (next == std::string_view::npos) next = s.size();
        out.emplace_back(s.substr(at, next - at));
        at = next + 3;
    }
    return out;
}

/// Every printed total (an indicator with sum_of) that is not the sum of its
/// parts in the same area and period, as "id | area | period: printed P, sum S".
std::vector<std::string> totals_that_do_not_add_up(const Dataset& ds) {
    std::vector<std::string> bad;
    for (const Series& s : ds.series) {
        const Indicator& total = ds.indicators[s.indicator];
        if (total.sum_of.empty()) continue;
        const std::string& area = ds.areas[s.area];
        for (uint32_t o = s.begin; o < s.end; ++o) {
            if (!ds.has_value(o)) continue;
            const std::string& period = ds.periods[ds.obs_period[o]].label;
            double sum = 0;
            for (const std::string& part : split_plus(total.sum_of)) sum += value(ds, part, area, period);
            if (std::fabs(sum - ds.obs_value[o]) > 1e-9)
                bad.push_back(total.id + " | " + area + " | " + period + ": printed " + format_number(ds.obs_value[o]) +
                              ", sum " + format_number(sum));
        }
    }
    return bad;
}

/// The observation before `period` in the same series.
double previous_value(const Dataset& ds, std::string_view ind, std::string_view area, std::string_view period) {
    uint32_t o = obs_of(ds, ind, area, period);
    std::optional<uint32_t> s = ds.find_series(*ds.find_indicator(ind), *ds.find_area(area));
    REQUIRE(o > ds.series[*s].begin);
    REQUIRE(ds.has_value(o - 1));
    return ds.obs_value[o - 1];
}

/// Percentage change truncated (toward zero) to `decimals` places, as seed 000 prints it.
double truncated_pct(double from, double to, int decimals) {
    double scale = std::pow(10.0, decimals);
    double pct = 100.0 * (to - from) / from;
    return std::trunc(pct * scale + std::copysign(1e-9, pct)) / scale;
}

/// Percentage change rounded half away from zero to whole per cent, as seed 003 prints it.
double rounded_pct(double from, double to) {
    return std::round(100.0 * (to - from) / from);
}

size_t count_published(const Dataset& ds, PublishedKind kind) {
    size_t n = 0;
    for (const Published& p : ds.published) n += p.kind == kind;
    return n;
}

}  // namespace

// ---------------------------------------------------------------------------
// lsp2007 (seed 004)
// ---------------------------------------------------------------------------

namespace {
constexpr const char* rc = "Redcar & Cleveland";
}

TEST_CASE("lsp2007 loads with its shape", "[seeds][lsp2007]") {
    const Dataset& ds = bundled("lsp2007");
    CHECK(ds.indicators.size() == 39);
    REQUIRE(ds.areas.size() == 1);
    CHECK(ds.areas[0] == rc);
    REQUIRE(ds.periods.size() == 5);
    CHECK(ds.periods.front().label == "2002/03");
    CHECK(ds.periods.back().label == "2006/07");
    CHECK(ds.observation_count() == 39 * 5);
}

TEST_CASE("lsp2007 PSA1 counts match the seed", "[seeds][lsp2007]") {
    const Dataset& ds = bundled("lsp2007");
    CHECK(value(ds, "theft_of_vehicle", rc, "2003/04") == 1029);
    CHECK(value(ds, "theft_of_vehicle", rc, "2006/07") == 547);
    CHECK(value(ds, "theft_from_vehicle", rc, "2005/06") == 1082);
    CHECK(value(ds, "domestic_burglary", rc, "2004/05") == 739);
    CHECK(value(ds, "cycle_theft", rc, "2005/06") == 371);
    CHECK(value(ds, "common_assault", rc, "2003/04") == 943);
    CHECK(value(ds, "wounding", rc, "2004/05") == 1430);
    CHECK(value(ds, "criminal_damage", rc, "2006/07") == 5456);
    CHECK(value(ds, "bcs_comparator", rc, "2003/04") == 10202);
    CHECK(value(ds, "bcs_comparator", rc, "2006/07") == 10634);
    // The 2002 column is N/A throughout: missing, never zero.
    for (const char* id : {"theft_of_vehicle", "robbery", "criminal_damage", "bcs_comparator"})
        CHECK(missing(ds, id, rc, "2002/03") == "N/A");

    const Indicator& cycle = indicator(ds, "cycle_theft");
    CHECK(cycle.title == "Theft/unauthorised taking of a cycle");
    CHECK(cycle.polarity == Polarity::lower_is_better);
    CHECK(cycle.source == "Cleveland Police");
    CHECK(indicator(ds, "bcs_comparator").title == "Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08");
}

TEST_CASE("lsp2007 gap tables match the seed", "[seeds][lsp2007]") {
    const Dataset& ds = bundled("lsp2007");
    CHECK(value(ds, "gap_national_theft_from_vehicle", rc, "2003/04") == Approx(0.4));
    CHECK(value(ds, "gap_national_domestic_burglary", rc, "2004/05") == Approx(1.7));
    CHECK(value(ds, "gap_national_criminal_damage", rc, "2005/06") == Approx(-23.5));
    for (const char* id : {"gap_national_theft_from_vehicle", "gap_national_criminal_damage"}) {
        CHECK(missing(ds, id, rc, "2006/07") == "N/A");
        CHECK(note(ds, id, rc, "2006/07") == "National data for 2006 is not yet available");
    }
    const Indicator& burglary = indicator(ds, "gap_national_domestic_burglary");
    CHECK(burglary.unit == "rate");
    CHECK(burglary.decimals == 1);
    CHECK(burglary.polarity == Polarity::higher_is_better);
    CHECK(burglary.notes.find("only marginally worse than national in 2005/06") != std::string::npos);

    CHECK(value(ds, "gap_deprived_theft_of_vehicle", rc, "2003/04") == Approx(-4.1));
    CHECK(value(ds, "gap_deprived_domestic_burglary", rc, "2005/06") == Approx(-11.0));
    CHECK(value(ds, "gap_deprived_criminal_damage", rc, "2006/07") == Approx(-31.1));
    CHECK(value(ds, "gap_deprived_bcs_comparator", rc, "2006/07") == Approx(-56.7));
    CHECK(missing(ds, "gap_deprived_robbery", rc, "2002/03") == "N/A");
    CHECK(indicator(ds, "gap_deprived_wounding").source == "TVJSU");
}

TEST_CASE("lsp2007 drugs table matches the seed", "[seeds][lsp2007]") {
    const Dataset& ds = bundled("lsp2007");
    CHECK(missing(ds, "drug_treatment_total", rc, "2003/04") == "N/A");
    CHECK(value(ds, "drug_treatment_total", rc, "2004/05") == 474);
    CHECK(value(ds, "drug_treatment_total", rc, "2005/06") == 541);
    CHECK(value(ds, "drug_treatment_total", rc, "2006/07") == 568);
    CHECK(value(ds, "drug_treatment_retained", rc, "2004/05") == 72);
    CHECK(value(ds, "drug_treatment_retained", rc, "2005/06") == 45);
    CHECK(value(ds, "drug_treatment_retained", rc, "2006/07") == 77);
    const Indicator& retained = indicator(ds, "drug_treatment_retained");
    CHECK(retained.comparable_from == "2006/07");
    CHECK(retained.unit == "percent");
    CHECK(retained.notes.find("The NTA changed the way they measure this indicator") == 0);

    CHECK(value(ds, "dip_kpi1", rc, "2006/07") == 55);
    CHECK(value(ds, "dip_kpi2", rc, "2006/07") == 72);
    CHECK(value(ds, "dip_kpi3", rc, "2006/07") == 84);
    CHECK(missing(ds, "dip_kpi1", rc, "2005/06") == "N/A");
    CHECK(missing(ds, "dip_kpi3_engaged", rc, "2002/03") == "N/A");
    CHECK(indicator(ds, "dip_kpi2").notes.find("measured for the first time in 2006/07") != std::string::npos);
    CHECK(indicator(ds, "dip_kpi3").title ==
          "DIP KPI 3 – 95% of adults taken onto the caseload to engage in treatment");

    // The published KPI percentages are the counts' ratios, rounded.
    auto pct = [&](const char* num, const char* den) {
        return std::round(100.0 * value(ds, num, rc, "2006/07") / value(ds, den, rc, "2006/07"));
    };
    CHECK(pct("dip_kpi1_assessed", "dip_kpi1_contacts") == value(ds, "dip_kpi1", rc, "2006/07"));
    CHECK(pct("dip_kpi2_caseload", "dip_kpi2_assessed") == value(ds, "dip_kpi2", rc, "2006/07"));
    CHECK(pct("dip_kpi3_engaged", "dip_kpi3_caseload") == value(ds, "dip_kpi3", rc, "2006/07"));
    CHECK(indicator(ds, "dip_kpi1_contacts").polarity == Polarity::neutral);
}

TEST_CASE("lsp2007 carries every published arrow, on the 2006/07 row", "[seeds][lsp2007]") {
    const Dataset& ds = bundled("lsp2007");
    const std::vector<std::pair<const char*, const char*>> arrows = {
        {"theft_of_vehicle", "▲"},
        {"theft_from_vehicle", "▼"},
        {"vehicle_interference", "▲"},
        {"domestic_burglary", "▲"},
        {"cycle_theft", "▲"},
        {"theft_from_person", "◀▶"},
        {"robbery", "◀▶"},
        {"common_assault", "▼"},
        {"wounding", "▲"},
        {"criminal_damage", "▼"},
        {"bcs_comparator", "▲"},
        {"gap_national_theft_from_vehicle", "▼"},
        {"gap_national_theft_of_vehicle", "◀▶"},
        {"gap_national_vehicle_interference", "▲"},
        {"gap_national_domestic_burglary", "▼"},
        {"gap_national_robbery", "▼"},
        {"gap_national_criminal_damage", "▼"},
        {"gap_deprived_theft_of_vehicle", "▲"},
        {"gap_deprived_theft_from_vehicle", "▼"},
        {"gap_deprived_vehicle_interference", "▲"},
        {"gap_deprived_domestic_burglary", "▲"},
        {"gap_deprived_cycle_theft", "▲"},
        {"gap_deprived_theft_from_person", "▼"},
        {"gap_deprived_robbery", "▲"},
        {"gap_deprived_common_assault", "▼"},
        {"gap_deprived_wounding", "▲"},
        {"gap_deprived_criminal_damage", "▲"},
        {"gap_deprived_bcs_comparator", "▲"},
        {"drug_treatment_total", "▲"},
        {"drug_treatment_retained", "N/A"},
        {"dip_kpi1", "N/A"},
        {"dip_kpi2", "N/A"},
        {"dip_kpi3", "N/A"},
    };
    for (const auto& [id, arrow] : arrows) {
        INFO(id);
        CHECK(published(ds, PublishedKind::arrow, id, rc, "2006/07").text == arrow);
    }
    CHECK(ds.published.size() == arrows.size());
    uint32_t last = *ds.find_period("2006/07");
    for (const Published& p : ds.published) CHECK(p.period == last);
}

TEST_CASE("lsp2007 BCS comparator total adds up except where the seed is wrong", "[seeds][lsp2007]") {
    const Dataset& ds = bundled("lsp2007");
    // Error in the source: the ten crimes of 2003/04 add up to 10203, printed 10202.
    CHECK(totals_that_do_not_add_up(ds) ==
          std::vector<std::string>{"bcs_comparator | Redcar & Cleveland | 2003/04: printed 10202, sum 10203"});
}

TEST_CASE("lsp2007 deprived-area vehicle interference arrow contradicts its data", "[seeds][lsp2007]") {
    // Error in the source: printed ▲ (improved) while the gap widened from -0.9 to -1.1.
    const Dataset& ds = bundled("lsp2007");
    CHECK(published(ds, PublishedKind::arrow, "gap_deprived_vehicle_interference", rc, "2006/07").text == "▲");
    CHECK(value(ds, "gap_deprived_vehicle_interference", rc, "2006/07") <
          value(ds, "gap_deprived_vehicle_interference", rc, "2005/06"));
}

// ---------------------------------------------------------------------------
// pcc2024q2 (seed 000)
// ---------------------------------------------------------------------------

namespace {
constexpr const char* cleveland = "Cleveland";
constexpr const char* sept22 = "12 months to Sept 2022";
constexpr const char* sept23 = "12 months to Sept 2023";
constexpr const char* sept24 = "12 months to Sept 2024";
constexpr const char* june24 = "12 months to June 2024";
}  // namespace

TEST_CASE("pcc2024q2 loads with the seed's period labels", "[seeds][pcc2024q2]") {
    const Dataset& ds = bundled("pcc2024q2");
    CHECK(ds.indicators.size() == 30);
    CHECK(ds.areas == std::vector<std::string>{"Cleveland", "National"});
    std::vector<std::string> labels;
    for (const Period& p : ds.periods) labels.push_back(p.label);
    CHECK(labels == std::vector<std::string>{"12 months to June 2022", sept22, "12 months to June 2023", sept23,
                                             "2023/24", june24, sept24});
    for (const Period& p : ds.periods) {
        INFO(p.label);
        CHECK(p.kind == (p.label == "2023/24" ? PeriodKind::financial_year : PeriodKind::rolling_year));
        CHECK(p.months() == 12);
    }
    CHECK(ds.observation_count() == 23 * 3 + 7 * 2);
}

TEST_CASE("pcc2024q2 figures match the seed", "[seeds][pcc2024q2]") {
    const Dataset& ds = bundled("pcc2024q2");
    CHECK(value(ds, "calls_999_received", cleveland, sept22) == 113176);
    CHECK(value(ds, "calls_999_received", cleveland, sept24) == 113266);
    CHECK(value(ds, "calls_999_answered_10s", cleveland, sept24) == Approx(89.2));
    CHECK(value(ds, "calls_101_answered_2min", cleveland, sept23) == Approx(67.9));
    CHECK(value(ds, "total_recorded_crime", cleveland, sept23) == 82023);
    CHECK(value(ds, "residential_burglary", cleveland, sept22) == 3497);
    CHECK(value(ds, "asb_incidents_police", cleveland, sept24) == 17027);
    CHECK(value(ds, "domestic_abuse_repeat_rate", cleveland, sept23) == Approx(46.0));
    CHECK(value(ds, "rape_offences", cleveland, sept23) == 979);
    CHECK(value(ds, "knife_serious_violence_youth", cleveland, sept22) == 313);
    CHECK(value(ds, "nhs_sharps_admissions_all_ages", cleveland, june24) == 90);
    CHECK(value(ds, "nhs_sharps_admissions_under_25", cleveland, "12 months to June 2022") == 30);
    CHECK(indicator(ds, "nhs_sharps_admissions_under_25").notes == "*12 months data up to June 2024");

    CHECK(value(ds, "charge_rate_all_crime", "Cleveland", "2023/24") == Approx(8.4));
    CHECK(value(ds, "charge_rate_all_crime", "National", "2023/24") == Approx(6.4));
    CHECK(value(ds, "charge_rate_sexual_offences", "Cleveland", "2023/24") == Approx(3.6));
    CHECK(value(ds, "charge_rate_sexual_offences", "National", "2023/24") == Approx(4.2));
    CHECK(value(ds, "charge_rate_possession_of_weapons", "National", "2023/24") == Approx(28.3));

    CHECK(indicator(ds, "calls_999_received").polarity == Polarity::neutral);
    CHECK(indicator(ds, "calls_999_answered_10s").polarity == Polarity::higher_is_better);
    CHECK(indicator(ds, "calls_999_answered_10s").decimals == 1);
    CHECK(indicator(ds, "domestic_abuse_arrest_rate").polarity == Polarity::higher_is_better);
    CHECK(indicator(ds, "domestic_abuse_repeat_rate").polarity == Polarity::lower_is_better);
    CHECK(indicator(ds, "total_recorded_crime").polarity == Polarity::lower_is_better);
    CHECK(indicator(ds, "charge_rate_robbery").polarity == Polarity::higher_is_better);
}

TEST_CASE("pcc2024q2 neighbourhood crime total adds up in every period", "[seeds][pcc2024q2]") {
    const Dataset& ds = bundled("pcc2024q2");
    CHECK(indicator(ds, "total_neighbourhood_crime").sum_of ==
          "theft_from_person + residential_burglary + vehicle_crime + robbery");
    CHECK(totals_that_do_not_add_up(ds).empty());
    CHECK(value(ds, "total_neighbourhood_crime", cleveland, sept23) == 9908);
}

TEST_CASE("pcc2024q2 published figures are kept as printed", "[seeds][pcc2024q2]") {
    const Dataset& ds = bundled("pcc2024q2");
    CHECK(published(ds, PublishedKind::change, "calls_999_received", cleveland, sept24).text == "-8,486");
    CHECK(published(ds, PublishedKind::change_pct, "calls_999_received", cleveland, sept24).text == "-6.9%");
    CHECK(published(ds, PublishedKind::change_pts, "calls_999_answered_10s", cleveland, sept24).text == "+1.5pts");
    CHECK(published(ds, PublishedKind::change, "asb_incidents_police", cleveland, sept24).text == "1,047");
    CHECK(published(ds, PublishedKind::change, "domestic_abuse_crimes", cleveland, sept24).text == "1133");
    CHECK(published(ds, PublishedKind::change_pct, "nhs_sharps_admissions_all_ages", cleveland, june24).text == "38.4");
    CHECK(published(ds, PublishedKind::change_pct, "nhs_sharps_admissions_under_25", cleveland, june24).text == "25%");
    CHECK(published(ds, PublishedKind::change_pct, "serious_violence_all_ages", cleveland, sept24).text == "8.8%");
    // 19 count rows with a volume and a % change, 4 rate rows with a points change.
    CHECK(count_published(ds, PublishedKind::change) == 19);
    CHECK(count_published(ds, PublishedKind::change_pct) == 19);
    CHECK(count_published(ds, PublishedKind::change_pts) == 4);
    CHECK(ds.published.size() == 42);
}

namespace {

struct PccRow {
    const char* id;
    const char* latest;
    bool change_ok;  ///< the printed volume change equals the data
    bool pct_ok;     ///< the printed % change equals the data (truncated to 1 decimal)
};

// Every count row of the seed's tables; false marks an error in the source.
const std::vector<PccRow> pcc_rows = {
    {"calls_999_received", sept24, true, true},
    {"calls_101_received", sept24, true, true},
    {"total_recorded_crime", sept24, true, true},
    {"theft_from_person", sept24, true, true},
    {"residential_burglary", sept24, true, true},
    {"vehicle_crime", sept24, true, true},
    {"robbery", sept24, true, true},
    {"total_neighbourhood_crime", sept24, true, true},
    {"asb_incidents_police", sept24, false, true},   // printed 1,047 for -1,047
    {"domestic_abuse_crimes", sept24, false, true},  // printed 1133 for -1,133
    {"sexual_offences", sept24, true, true},
    {"rape_offences", sept24, true, true},
    {"homicides", sept24, true, true},
    {"nhs_sharps_admissions_all_ages", june24, true, true},
    {"nhs_sharps_admissions_under_25", june24, true, false},  // printed 25% for -25%
    {"serious_violence_all_ages", sept24, true, false},       // printed 8.8% for -8.8%
    {"serious_violence_youth", sept24, true, true},
    {"knife_serious_violence_all_ages", sept24, true, true},
    {"knife_serious_violence_youth", sept24, true, true},
};

}  // namespace

TEST_CASE("pcc2024q2 published volume and % changes equal the data where the seed is right", "[seeds][pcc2024q2]") {
    const Dataset& ds = bundled("pcc2024q2");
    for (const PccRow& r : pcc_rows) {
        INFO(r.id);
        double now = value(ds, r.id, cleveland, r.latest);
        double before = previous_value(ds, r.id, cleveland, r.latest);
        double change = published_value(ds, PublishedKind::change, r.id, cleveland, r.latest);
        double pct = published_value(ds, PublishedKind::change_pct, r.id, cleveland, r.latest);
        if (r.change_ok) {
            CHECK(change == now - before);
        } else {
            CHECK(change != now - before);
            CHECK(change == -(now - before));  // a sign error, nothing else
        }
        double computed = truncated_pct(before, now, 1);
        if (r.pct_ok) {
            CHECK(pct == Approx(computed).margin(1e-9));
        } else {
            CHECK(pct != Approx(computed).margin(1e-9));
            CHECK(pct == Approx(-computed).margin(1e-9));
        }
    }
    CHECK(published_value(ds, PublishedKind::change, "calls_999_received", cleveland, sept24) == -8486);
}

TEST_CASE("pcc2024q2 % changes are truncated, not rounded", "[seeds][pcc2024q2]") {
    // 8,486 / 121,752 = 6.97%: half-up would print -7.0%; the seed prints -6.9%.
    const Dataset& ds = bundled("pcc2024q2");
    double before = value(ds, "calls_999_received", cleveland, sept23);
    double now = value(ds, "calls_999_received", cleveland, sept24);
    CHECK(round_to(100.0 * (now - before) / before, 1, Rounding::half_up) == Approx(-7.0));
    CHECK(published_value(ds, PublishedKind::change_pct, "calls_999_received", cleveland, sept24) == Approx(-6.9));
}

TEST_CASE("pcc2024q2 published points changes equal the data", "[seeds][pcc2024q2]") {
    const Dataset& ds = bundled("pcc2024q2");
    for (const char* id : {"calls_999_answered_10s", "calls_101_answered_2min", "domestic_abuse_arrest_rate",
                           "domestic_abuse_repeat_rate"}) {
        INFO(id);
        double diff = value(ds, id, cleveland, sept24) - previous_value(ds, id, cleveland, sept24);
        CHECK(published_value(ds, PublishedKind::change_pts, id, cleveland, sept24) ==
              Approx(round_to(diff, 1, Rounding::half_up)).margin(1e-9));
    }
}

// ---------------------------------------------------------------------------
// hotspots2024 (seed 003)
// ---------------------------------------------------------------------------

namespace {
constexpr const char* billingham = "Billingham Town Centre (LSOA 002E)";
constexpr const char* thornaby = "Thornaby Town Centre (LSOA 020C)";
constexpr const char* stockton = "Stockton Town Centre";
constexpr const char* earlier = "Jul 22 - Jun 23";
constexpr const char* later = "Jul 23 - Jun 24";
constexpr const char* patrol_period = "Aug 2023 - Jun 2024";
const std::vector<std::string> crime_types = {"asb",      "criminal_damage_arson", "public_order", "violence_sexual",
                                              "burglary", "shoplifting",           "drugs",        "robbery"};
}  // namespace

TEST_CASE("hotspots2024 LSOA table matches the seed", "[seeds][hotspots2024]") {
    const Dataset& ds = bundled("hotspots2024");
    CHECK(ds.indicators.size() == 21);
    for (const char* label : {earlier, later, patrol_period}) {
        const Period& p = ds.periods[*ds.find_period(label)];
        CHECK(p.kind == PeriodKind::range);
        CHECK(p.label == label);
    }
    CHECK(ds.periods[*ds.find_period(patrol_period)].months() == 11);
    CHECK(value(ds, "asb", billingham, earlier) == 134);
    CHECK(value(ds, "asb", billingham, later) == 119);
    CHECK(value(ds, "shoplifting", thornaby, later) == 104);
    CHECK(value(ds, "drugs", thornaby, earlier) == 2);
    CHECK(value(ds, "violence_sexual", stockton, earlier) == 1626);
    CHECK(value(ds, "robbery", stockton, later) == 63);
    CHECK(note(ds, "burglary", stockton, later).find("025A, 025B, 025C, 025D, 026A") != std::string::npos);
    CHECK(published(ds, PublishedKind::change, "robbery", billingham, later).text == "5");
    CHECK(published(ds, PublishedKind::change_pct, "drugs", thornaby, later).text == "350%");

    CHECK(value(ds, "district_change_asb", "Stockton-on-Tees", later) == -3);
    CHECK(value(ds, "district_change_public_order", "Stockton-on-Tees", later) == -32);
    CHECK(value(ds, "district_change_robbery", "Stockton-on-Tees", later) == -22);
    CHECK(indicator(ds, "district_change_shoplifting").unit == "percent");

    CHECK(value(ds, "asb_hotspot_police_change", "Stockton Town Centre", later) == -22);
    CHECK(value(ds, "asb_hotspot_police_change", "Thornaby Town Centre", later) == -45);
    CHECK(value(ds, "asb_hotspot_police_change", "Billingham Central", later) == -37);
}

TEST_CASE("hotspots2024 published differences and % changes equal the data", "[seeds][hotspots2024]") {
    const Dataset& ds = bundled("hotspots2024");
    for (const std::string& type : crime_types) {
        for (const char* area : {billingham, thornaby, stockton}) {
            INFO(type << " / " << area);
            double before = value(ds, type, area, earlier);
            double now = value(ds, type, area, later);
            CHECK(published_value(ds, PublishedKind::change, type, area, later) == now - before);
            CHECK(published_value(ds, PublishedKind::change_pct, type, area, later) == rounded_pct(before, now));
        }
    }
    CHECK(ds.published.size() == crime_types.size() * 3 * 2);
}

TEST_CASE("hotspots2024 patrol table and its printed totals add up", "[seeds][hotspots2024]") {
    const Dataset& ds = bundled("hotspots2024");
    CHECK(value(ds, "patrol_hours", "Billingham Central", patrol_period) == Approx(373 + 26.0 / 60));
    CHECK(value(ds, "patrol_hours", "Thornaby Town Centre", patrol_period) == Approx(359 + 34.0 / 60));
    CHECK(value(ds, "patrols", "Stockton Town Centre", patrol_period) == 302);
    CHECK(value(ds, "business_engagement", "Stockton Town Centre", patrol_period) == 89);
    CHECK(indicator(ds, "patrol_hours").unit == "duration");

    // published_totals.csv: indicator,area,period,value,sum_of_areas (no quoted cells).
    std::string text = read_file(datasets_dir() / "hotspots2024" / "published_totals.csv");
    REQUIRE(text.find('"') == std::string::npos);
    std::vector<std::vector<std::string>> rows;
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + at, end - at);
        at = end + 1;
        if (line.empty()) continue;
        std::vector<std::string> cells;
        for (size_t c = 0; c <= line.size();) {
            size_t comma = line.find(',', c);
            if (comma == std::string_view::npos) comma = line.size();
            cells.emplace_back(line.substr(c, comma - c));
            c = comma + 1;
        }
        REQUIRE(cells.size() == 5);
        rows.push_back(std::move(cells));
    }
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == std::vector<std::string>{"indicator", "area", "period", "value", "sum_of_areas"});
    std::map<std::string, double> totals;
    for (size_t r = 1; r < rows.size(); ++r) {
        const std::vector<std::string>& row = rows[r];
        INFO(row[0]);
        CHECK(row[1] == "Totals");
        CHECK(row[2] == patrol_period);
        Result<CellValue> printed = parse_cell(row[3]);
        REQUIRE(printed.ok());
        REQUIRE(printed->value);
        std::vector<std::string> areas = split_plus(row[4]);
        CHECK(areas == std::vector<std::string>{"Billingham Central", "Thornaby Town Centre", "Stockton Town Centre"});
        double sum = 0;
        for (const std::string& area : areas) sum += value(ds, row[0], area, row[2]);
        // Compared in whole minutes, so that hours written h:mm:ss add up exactly.
        CHECK(std::llround(*printed->value * 60) == std::llround(sum * 60));
        totals[row[0]] = *printed->value;
    }
    CHECK(totals.at("patrol_hours") == Approx(1060 + 26.0 / 60));
    CHECK(totals.at("patrols") == 1066);
    CHECK(totals.at("resident_engagement") == 428);
    CHECK(totals.at("business_engagement") == 813);
}

// ---------------------------------------------------------------------------
// budget2017 (seed 002)
// ---------------------------------------------------------------------------

namespace {
constexpr const char* original = "Original budget";
constexpr const char* revised = "Revised budget";
constexpr const char* forecast = "Forecast";
constexpr const char* fy = "2017/18";
}  // namespace

TEST_CASE("budget2017 loads with the budget columns as areas", "[seeds][budget2017]") {
    const Dataset& ds = bundled("budget2017");
    CHECK(ds.indicators.size() == 37);
    CHECK(ds.areas == std::vector<std::string>{original, revised, forecast});
    REQUIRE(ds.periods.size() == 1);
    CHECK(ds.periods[0].label == fy);
    CHECK(ds.observation_count() == 37 * 3);
}

TEST_CASE("budget2017 figures match the seed", "[seeds][budget2017]") {
    const Dataset& ds = bundled("budget2017");
    CHECK(value(ds, "funding_government_grant", original, fy) == -83500);
    CHECK(value(ds, "funding_partnership_income", forecast, fy) == -2728);
    CHECK(value(ds, "funding_total", revised, fy) == -131768);
    CHECK(value(ds, "opcc_non_pay", revised, fy) == 200);
    CHECK(value(ds, "pcc_initiatives", forecast, fy) == 2239);
    CHECK(value(ds, "corporate_pfi", original, fy) == 6915);
    CHECK(value(ds, "force_police_pay", forecast, fy) == 66941);
    CHECK(value(ds, "force_pcso_pay", revised, fy) == 4142);
    CHECK(value(ds, "force_supplies_services", forecast, fy) == 7369);
    CHECK(value(ds, "force_total", original, fy) == 119835);
    CHECK(value(ds, "transfers_general_fund", forecast, fy) == -2000);
    CHECK(value(ds, "net_surplus_deficit", forecast, fy) == 0);
    CHECK(published(ds, PublishedKind::change, "pcc_initiatives", forecast, fy).text == "(167)");
    CHECK(published_value(ds, PublishedKind::change, "force_total", forecast, fy) == 300);
    CHECK(indicator(ds, "force_police_pay").unit == "currency");
    CHECK(indicator(ds, "force_police_pay").polarity == Polarity::lower_is_better);
    CHECK(indicator(ds, "funding_government_grant").polarity == Polarity::neutral);
}

TEST_CASE("budget2017 subtotals and totals add up per column except the forecast net position", "[seeds][budget2017]") {
    const Dataset& ds = bundled("budget2017");
    size_t totals = 0;
    for (const Indicator& i : ds.indicators) totals += !i.sum_of.empty();
    CHECK(totals == 9);
    // Error in the source (£000 rounding): the forecast lines add up to 1, printed 0.
    CHECK(totals_that_do_not_add_up(ds) ==
          std::vector<std::string>{"net_surplus_deficit | Forecast | 2017/18: printed 0, sum 1"});
}

TEST_CASE("budget2017 (under)/overspend equals forecast minus revised except rounding errors", "[seeds][budget2017]") {
    const Dataset& ds = bundled("budget2017");
    // Errors in the source: each cell is rounded to £000 on its own.
    const std::map<std::string, double> rounding_off = {
        {"funding_partnership_income", -1}, {"funding_total", -1},  {"opcc_non_pay", 1}, {"opcc_total", 1},
        {"corporate_non_pay", 1},           {"corporate_total", 1},
    };
    uint32_t forecast_area = *ds.find_area(forecast);
    for (const Indicator& i : ds.indicators) {
        INFO(i.id);
        double variance = value(ds, i.id, forecast, fy) - value(ds, i.id, revised, fy);
        double printed = published_value(ds, PublishedKind::change, i.id, forecast, fy);
        auto off = rounding_off.find(i.id);
        if (off == rounding_off.end()) {
            CHECK(printed == variance);
        } else {
            CHECK(printed != variance);
            CHECK(variance - printed == off->second);
        }
    }
    CHECK(ds.published.size() == ds.indicators.size());
    for (const Published& p : ds.published) CHECK(ds.series[p.series].area == forecast_area);
}
