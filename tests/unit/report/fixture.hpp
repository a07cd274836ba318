// A small hand-built Pack, Dataset and Assessment for the report tests,
// modelled on the LSP 2007 crime review (seed 004): two themed groups, one
// group outside any theme, a series break, a missing value, a figure with
// binary noise, a NaN that must not leak, a rule error and a failed check.
#pragma once

#include <assay/assessment.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace report_test {

using namespace assay;

/// Financial year starting April of `year`, labelled "2006/07".
inline Period fy(int year) {
    int next = (year + 1) % 100;
    std::string label = std::to_string(year) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
    return Period{PeriodKind::financial_year, year * 12 + 3, (year + 1) * 12 + 2, label};
}

/// The inputs and the assessment; not copyable because the assessment
/// points at the pack and the dataset.
struct Fixture {
    Pack pack;
    Dataset data;
    Assessment a;

    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;

    Fixture() {
        build_pack();
        build_data();
        build_assessment();
    }

    /// Observation index of `indicator` (id) at period index `period`.
    uint32_t obs(std::string_view indicator, uint32_t period) const {
        const Series& s = data.series[*data.find_series(*data.find_indicator(indicator), 0)];
        for (uint32_t i = s.begin; i < s.end; ++i)
            if (data.obs_period[i] == period) return i;
        throw std::logic_error("no such observation");
    }

private:
    void build_pack() {
        pack.name = "lsp2007";
        pack.title = "LSP Performance Management 2007: Crime";
        pack.version = "1.0.0";
        pack.files = {{"pack.lua", std::string(64, 'a'), 120}, {"psa1.lua", std::string(64, 'b'), 340}};
        pack.rounding = Rounding::half_up;
        Scale rag{"rag", {}, {"pack.lua", 7, 1}};
        rag.levels.push_back({"RED", "●", "#d4351c", "Performance is static or retrograde and will not meet target."});
        rag.levels.push_back(
            {"AMBER", "●", "#f47738", "Performance is improving, but not at a rate sufficient to meet target."});
        rag.levels.push_back(
            {"GREEN", "●", "#00703c", "Performance is improving at a rate sufficient to meet or exceed target."});
        pack.scales.push_back(rag);
        Scale five{"five_point", {}, {"pack.lua", 13, 1}};
        for (const char* label : {"RED", "AMBER RED", "AMBER", "AMBER GREEN", "GREEN"})
            five.levels.push_back({label, "", "", ""});
        pack.scales.push_back(five);
        pack.arrows[0] = {"▲", "Improved", "Performance has improved over the last 2 datasets"};
        pack.arrows[1] = {"◀▶", "Static", "Performance has remained static over the last 2 datasets"};
        pack.arrows[2] = {"▼", "Declined", "Performance has declined/got worse over the last 2 datasets"};
        pack.arrows[3] = {"★", "Peak", "Performance has peaked and is at its maximum (i.e. 100%)"};

        TargetRule psa1_target;
        psa1_target.kind = TargetRule::Kind::reduce_by;
        psa1_target.id = "psa1";
        psa1_target.amount = 17.5;
        psa1_target.percent = true;
        psa1_target.baseline = "2003/04";
        psa1_target.due = "2007/08";
        psa1_target.text = "reduce by 17.5% from 2003/04 by 2007/08";
        psa1_target.where = {"psa1.lua", 4, 3};

        Group psa1;
        psa1.id = "psa1";
        psa1.title = "Progress against PSA1 Targets";
        psa1.theme = "crime";
        psa1.indicators = {"theft_of_vehicle", "bcs_comparator"};
        psa1.polarity = Polarity::lower_is_better;
        psa1.target = psa1_target;
        psa1.rating.kind = RatingRule::Kind::first_match;
        psa1.scale = "rag";
        psa1.rollup.kind = RollupRule::Kind::worst;
        pack.groups.push_back(psa1);

        Group drugs;
        drugs.id = "drugs";
        drugs.title = "Progress against Drugs Targets";
        drugs.theme = "crime";
        drugs.indicators = {"in_treatment", "retained_12wk"};
        drugs.rating.kind = RatingRule::Kind::script;
        drugs.scale = "rag";
        pack.groups.push_back(drugs);

        Group gaps;  // in no theme, with no rating rule: no Rating column
        gaps.id = "gap_national";
        gaps.title = "Narrowing the gap – Borough and National";
        gaps.indicators = {"gap_theft_from_vehicle"};
        gaps.scale = "rag";
        pack.groups.push_back(gaps);

        Theme crime;
        crime.id = "crime";
        crime.title = "Crime";
        crime.scale = "five_point";
        crime.groups = {"psa1", "drugs"};
        crime.rollup.kind = RollupRule::Kind::mean;
        pack.themes.push_back(crime);
    }

    void add_indicator(std::string id, std::string title, std::string unit, Polarity polarity, int decimals) {
        Indicator ind;
        ind.id = std::move(id);
        ind.title = std::move(title);
        ind.unit = std::move(unit);
        ind.polarity = polarity;
        ind.decimals = decimals;
        data.indicators.push_back(std::move(ind));
    }

    // Appends a series; NaN values are missing, with reason "N/A".
    void add_series(uint32_t indicator, const std::vector<std::pair<uint32_t, double>>& obs) {
        Series s{indicator, 0, static_cast<uint32_t>(data.obs_value.size()), 0};
        for (auto [period, value] : obs) {
            if (std::isnan(value)) data.missing[static_cast<uint32_t>(data.obs_value.size())] = "N/A";
            data.obs_period.push_back(period);
            data.obs_value.push_back(value);
        }
        s.end = static_cast<uint32_t>(data.obs_value.size());
        data.series.push_back(s);
    }

    void build_data() {
        const double na = std::numeric_limits<double>::quiet_NaN();
        data.name = "lsp2007";
        data.files = {{"indicators.csv", std::string(64, 'c'), 812}, {"observations.csv", std::string(64, 'd'), 4096}};
        add_indicator("theft_of_vehicle", "Theft of Vehicle", "count", Polarity::lower_is_better, 0);
        add_indicator("bcs_comparator", "Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08", "count",
                      Polarity::lower_is_better, 0);
        add_indicator("in_treatment", "The total number of people in drug treatment", "count",
                      Polarity::higher_is_better, 0);
        add_indicator("retained_12wk", "The percentage retained in treatment for 12 weeks or more", "percent",
                      Polarity::higher_is_better, 0);
        data.indicators.back().comparable_from = "2006/07";
        add_indicator("gap_theft_from_vehicle", "Theft from a Motor Vehicle, gap \"borough - national\"", "points",
                      Polarity::lower_is_better, 1);
        data.areas = {"Redcar & Cleveland"};
        for (int y = 2003; y <= 2007; ++y) data.periods.push_back(fy(y));  // 2007/08 lies after the as-at period

        add_series(0, {{0, 1029}, {1, 721}, {2, 640}, {3, 547}, {4, 500}});
        add_series(1, {{0, 10202}, {1, 9932}, {2, 10797}, {3, 10634}});
        add_series(2, {{1, 474}, {2, 541}, {3, 568}});
        add_series(3, {{1, 72}, {2, 45}, {3, 77}});
        add_series(4, {{0, 0.4}, {1, 2.0}, {2, 1.8}, {3, na}});
    }

    void build_assessment() {
        a.pack = &pack;
        a.dataset = &data;
        a.as_at = "2006/07";

        Outcome theft;  // on track against the PSA1 target
        theft.group = 0;
        theft.series = 0;
        theft.latest_obs = obs("theft_of_vehicle", 3);
        theft.current = Point{3, 547};
        theft.previous = Point{2, 640};
        theft.change = 547.0 - 640.0;
        theft.change_pct = (547.0 - 640.0) / 640.0 * 100;
        theft.arrow = Arrow::improved;
        theft.rating = 2;
        TargetOutcome t;
        t.rule = &*pack.groups[0].target;
        t.baseline = Point{0, 1029};
        t.target = 1029 * (1 - 17.5 / 100);
        t.due = fy(2007);
        t.trajectory = 1029 + (t.target - 1029) * (36.0 / 48.0);
        t.on_track = true;
        t.met = true;
        t.distance = 547 - t.target;
        t.distance_pct = t.distance / t.target * 100;
        t.projection = 547 + (547.0 - 640.0) / 12 * 12;
        t.will_meet = true;
        theft.target = t;
        theft.explanation = {"2006/07: 547; compared with 2005/06: 640",
                             "change -93 (-14.53%); lower is better; outside the static band of 1.5% -> improved"};
        a.outcomes.push_back(theft);

        Outcome bcs;  // static, behind its trajectory
        bcs.group = 0;
        bcs.series = 1;
        bcs.latest_obs = obs("bcs_comparator", 3);
        bcs.current = Point{3, 10634};
        bcs.previous = Point{2, 10797};
        bcs.change = -163;
        bcs.change_pct = -163.0 / 10797 * 100;
        bcs.arrow = Arrow::static_;
        bcs.rating = 1;
        TargetOutcome tb = t;
        tb.baseline = Point{0, 10202};
        tb.target = 10202 * (1 - 17.5 / 100);
        tb.trajectory = 10202 + (tb.target - 10202) * (36.0 / 48.0);
        tb.on_track = false;
        tb.met = false;
        tb.distance = 10634 - tb.target;
        tb.distance_pct = tb.distance / tb.target * 100;
        tb.projection = std::nullopt;
        tb.will_meet = false;
        bcs.target = tb;
        a.outcomes.push_back(bcs);

        Outcome treatment;
        treatment.group = 1;
        treatment.series = 2;
        treatment.latest_obs = obs("in_treatment", 3);
        treatment.current = Point{3, 568};
        treatment.previous = Point{2, 541};
        treatment.change = 27;
        treatment.change_pct = 27.0 / 541 * 100;
        treatment.arrow = Arrow::improved;
        treatment.rating = 2;
        a.outcomes.push_back(treatment);

        Outcome retained;  // series break, and its rating script failed
        retained.group = 1;
        retained.series = 3;
        retained.latest_obs = obs("retained_12wk", 3);
        retained.current = Point{3, 77};
        retained.change_pct = std::numeric_limits<double>::quiet_NaN();  // must print as null
        retained.arrow = Arrow::none;
        retained.arrow_reason = "measurement changed in 2006/07: no comparison possible";
        retained.rating = -1;
        retained.error =
            "rule 'drugs' (drugs.lua:12) failed for indicator 'retained_12wk' area 'Redcar & "
            "Cleveland': attempt to compare nil with number";
        a.outcomes.push_back(retained);

        Outcome gap;  // latest value N/A: assessed on the one before
        gap.group = 2;
        gap.series = 4;
        gap.latest_obs = obs("gap_theft_from_vehicle", 3);
        gap.current = Point{2, 1.8};
        gap.previous = Point{1, 2.0};
        gap.change = 1.8 - 2.0;  // -0.19999999999999996
        gap.change_pct = (1.8 - 2.0) / 2.0 * 100;
        gap.arrow = Arrow::improved;
        gap.rating = -1;
        gap.rating_reason = "no rating rule";
        gap.comment = "The gap has narrowed, however performance is \"marginally\" worse than national";
        a.outcomes.push_back(gap);

        GroupOutcome g0;
        g0.group = 0;
        g0.rating = 1;
        g0.counts = {{{"AMBER", 1}, {"GREEN", 1}}, {{"improved", 1}, {"static", 1}}, 2, 0};
        g0.explanation = {"worst of 2 rated indicators -> AMBER"};
        a.groups.push_back(g0);
        GroupOutcome g1;
        g1.group = 1;
        g1.counts = {{{"GREEN", 1}}, {{"improved", 1}, {"none", 1}}, 2, 1};
        a.groups.push_back(g1);
        GroupOutcome g2;
        g2.group = 2;
        g2.counts = {{}, {{"improved", 1}}, 1, 1};
        a.groups.push_back(g2);

        ThemeOutcome crime;
        crime.theme = 0;
        crime.rating = 3;
        crime.counts = {{{"AMBER", 1}, {"GREEN", 2}}, {{"improved", 2}, {"none", 1}, {"static", 1}}, 4, 1};
        crime.explanation = {"mean score 0.83 over 3 rated indicators >= 0.6 -> AMBER GREEN"};
        a.themes.push_back(crime);

        a.checks.push_back(Check{"published_arrow",
                                 "gap_theft_from_vehicle",
                                 "Redcar & Cleveland",
                                 "2005/06",
                                 "▼",
                                 "improved",
                                 "data gives 2004/05 +2.0 -> 2005/06 +1.8 (change -0.2, -10%), lower is better: "
                                 "improved under arrow.last_two (gaps.lua:4)",
                                 {"observations.csv", 41, 6}});
        a.errors.push_back(a.outcomes[3].error);
    }
};

}  // namespace report_test
