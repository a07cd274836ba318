// Small builders for the assessment tests: datasets and packs written as C++
// structs (no files, no Lua), and a fake ScriptHost.
#pragma once

#include <assay/assessment.hpp>
#include <assay/period.hpp>

#include "core/script_host.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace assay::test {

/// A missing value in a series written inline.
inline const std::optional<double> NA = std::nullopt;

/// Builds a Dataset from series written as (period label, value) rows.
class DatasetBuilder {
public:
    explicit DatasetBuilder(std::string name = "test") { d_.name = std::move(name); }

    /// Declares an indicator.
    DatasetBuilder& indicator(const std::string& id, Polarity p = Polarity::higher_is_better, int decimals = 0,
                              const std::string& comparable_from = "", const std::string& notes = "",
                              const std::string& unit = "count") {
        Indicator ind;
        ind.id = id;
        ind.unit = unit;
        ind.title = id;
        ind.polarity = p;
        ind.decimals = decimals;
        ind.comparable_from = comparable_from;
        ind.notes = notes;
        d_.indicators.push_back(ind);
        return *this;
    }

    /// Adds the observations of one indicator in one area (areas are numbered
    /// in order of first appearance).
    DatasetBuilder& series(const std::string& indicator, const std::string& area,
                           const std::vector<std::pair<std::string, std::optional<double>>>& rows) {
        if (std::find(d_.areas.begin(), d_.areas.end(), area) == d_.areas.end()) d_.areas.push_back(area);
        for (const auto& [label, value] : rows) rows_.push_back({indicator, area, label, value});
        return *this;
    }

    /// Adds a note to the observation of `indicator` in `area` at `period`.
    DatasetBuilder& note(const std::string& indicator, const std::string& area, const std::string& period,
                         const std::string& text) {
        notes_.push_back({indicator, area, period, text});
        return *this;
    }

    /// Adds a published figure for `indicator` in `area` at `period`.
    DatasetBuilder& published(PublishedKind kind, const std::string& indicator, const std::string& area,
                              const std::string& period, const std::string& text) {
        published_.push_back({kind, indicator, area, period, text});
        return *this;
    }

    /// Adds a period that no observation uses (e.g. a future one).
    DatasetBuilder& period(const std::string& label) {
        extra_periods_.push_back(label);
        return *this;
    }

    /// The dataset, laid out as the loader would lay it out.
    Dataset build() const {
        Dataset d = d_;
        std::vector<Period> periods;
        auto add_period = [&](const std::string& label) {
            Period p = parse(label);
            if (std::find(periods.begin(), periods.end(), p) == periods.end()) periods.push_back(p);
        };
        for (const Row& r : rows_) add_period(r.period);
        for (const std::string& l : extra_periods_) add_period(l);
        std::sort(periods.begin(), periods.end());
        d.periods = periods;
        std::vector<Row> rows = rows_;
        auto key = [&](const Row& r) {
            return std::make_tuple(*d.find_indicator(r.indicator), area_index(d, r.area), period_index(d, r.period));
        };
        std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return key(a) < key(b); });
        for (const Row& r : rows) {
            auto [ind, area, period] = key(r);
            if (d.series.empty() || d.series.back().indicator != ind || d.series.back().area != area)
                d.series.push_back(Series{ind, area, static_cast<uint32_t>(d.obs_value.size()),
                                          static_cast<uint32_t>(d.obs_value.size())});
            auto obs = static_cast<uint32_t>(d.obs_value.size());
            d.obs_period.push_back(period);
            d.obs_value.push_back(r.value ? *r.value : std::numeric_limits<double>::quiet_NaN());
            if (!r.value) d.missing[obs] = "N/A";
            d.series.back().end = obs + 1;
        }
        for (const Extra& n : notes_) d.notes[observation(d, n)] = n.text;
        for (const Extra& p : published_) {
            Published pub;
            pub.kind = p.kind;
            pub.series = *d.find_series(*d.find_indicator(p.indicator), area_index(d, p.area));
            pub.period = period_index(d, p.period);
            pub.text = p.text;
            pub.where = SourceLoc{"published.csv", static_cast<int>(d.published.size()) + 2, 0};
            d.published.push_back(pub);
        }
        return d;
    }

private:
    /// One observation as written by a test.
    struct Row {
        std::string indicator, area, period;
        std::optional<double> value;
    };
    /// A note or published figure as written by a test.
    struct Extra {
        PublishedKind kind = PublishedKind::arrow;
        std::string indicator, area, period, text;
        /// A note.
        Extra(std::string i, std::string a, std::string p, std::string t)
            : indicator(std::move(i)), area(std::move(a)), period(std::move(p)), text(std::move(t)) {}
        /// A published figure.
        Extra(PublishedKind k, std::string i, std::string a, std::string p, std::string t)
            : kind(k), indicator(std::move(i)), area(std::move(a)), period(std::move(p)), text(std::move(t)) {}
    };

    /// The period `label` names; the test is wrong if it names none.
    static Period parse(const std::string& label) {
        Result<Period> p = parse_period(label);
        if (!p) throw std::runtime_error("bad test period " + label);
        return p.value();
    }
    /// Index of area `a` in `d`.
    static uint32_t area_index(const Dataset& d, const std::string& a) { return *d.find_area(a); }
    /// Index of the period `label` names in `d`.
    static uint32_t period_index(const Dataset& d, const std::string& label) {
        Period p = parse(label);
        auto it = std::find(d.periods.begin(), d.periods.end(), p);
        return static_cast<uint32_t>(it - d.periods.begin());
    }
    /// The observation a note or published figure is attached to.
    static uint32_t observation(const Dataset& d, const Extra& e) {
        const Series& s = d.series[*d.find_series(*d.find_indicator(e.indicator), area_index(d, e.area))];
        uint32_t p = period_index(d, e.period);
        for (uint32_t i = s.begin; i < s.end; ++i)
            if (d.obs_period[i] == p) return i;
        throw std::runtime_error("no observation for note");
    }

    Dataset d_;
    std::vector<Row> rows_;
    std::vector<Extra> notes_;
    std::vector<Extra> published_;
    std::vector<std::string> extra_periods_;
};

/// A scale of plain labels, worst first.
inline Scale make_scale(const std::string& name, const std::vector<std::string>& labels) {
    Scale s;
    s.name = name;
    for (const std::string& l : labels) s.levels.push_back(ScaleLevel{l, "", "", ""});
    s.where = SourceLoc{"pack.lua", 2, 0};
    return s;
}

/// A relative static band of `pct` percent.
inline Band pct(double width) {
    return Band{Band::Kind::relative, width};
}
/// An absolute static band of `width` units.
inline Band units(double width) {
    return Band{Band::Kind::absolute, width};
}

/// An arrow rule comparing the last two available values.
inline ArrowRule last_two(Band band = pct(0), std::optional<double> peak_at = std::nullopt) {
    ArrowRule r;
    r.compare = ArrowRule::Compare::last_two;
    r.static_band = band;
    r.peak_at = peak_at;
    r.where = SourceLoc{"psa1.lua", 3, 0};
    return r;
}

/// A built-in condition of kind `k`.
inline Condition cond(Condition::Kind k, std::string text = "", double amount = 0) {
    Condition c;
    c.kind = k;
    c.text = std::move(text);
    c.amount = amount;
    return c;
}

/// A condition combining `children` (all, any, not_).
inline Condition combine(Condition::Kind k, std::vector<Condition> children, std::string text = "") {
    Condition c = cond(k, std::move(text));
    c.children = std::move(children);
    return c;
}

/// A first-match rating rule.
inline RatingRule first_match(std::vector<RatingRule::Case> cases) {
    RatingRule r;
    r.kind = RatingRule::Kind::first_match;
    r.cases = std::move(cases);
    r.name = "first";
    r.where = SourceLoc{"psa1.lua", 10, 0};
    return r;
}

/// The LSP rating: on track GREEN, improved AMBER, otherwise RED (rag scale).
inline RatingRule lsp_rating() {
    return first_match({{cond(Condition::Kind::on_track, "on_track"), 2, ""},
                        {cond(Condition::Kind::improved, "improved"), 1, ""},
                        {cond(Condition::Kind::always, "otherwise"), 0, ""}});
}

/// A group of `indicators` with the given arrow rule, rated on "rag".
inline Group make_group(const std::string& id, std::vector<std::string> indicators, ArrowRule arrow = last_two()) {
    Group g;
    g.id = id;
    g.title = id;
    g.indicators = std::move(indicators);
    g.arrow = std::move(arrow);
    g.scale = "rag";
    g.where = SourceLoc{id + ".lua", 12, 0};
    return g;
}

/// A reduce/increase target.
inline TargetRule progress_target(TargetRule::Kind kind, double amount, bool percent, std::string from, std::string by,
                                  std::string id = "t") {
    TargetRule t;
    t.kind = kind;
    t.id = std::move(id);
    t.amount = amount;
    t.percent = percent;
    t.baseline = std::move(from);
    t.due = std::move(by);
    t.where = SourceLoc{"targets.lua", 5, 0};
    return t;
}

/// A pack with the rag scale and the given groups.
inline Pack make_pack(std::vector<Group> groups) {
    Pack p;
    p.name = "test";
    p.scales.push_back(make_scale("rag", {"RED", "AMBER", "GREEN"}));
    p.groups = std::move(groups);
    p.arrows[0] = ArrowStyle{"▲", "Improved", ""};
    p.arrows[1] = ArrowStyle{"◀▶", "Static", ""};
    p.arrows[2] = ArrowStyle{"▼", "Declined", ""};
    p.arrows[3] = ArrowStyle{"★", "Peak", ""};
    return p;
}

/// A ScriptHost whose rules are C++ functions, numbered by registration.
class FakeHost : public ScriptHost {
public:
    using RateFn = std::function<ScriptResult(const Outcome&)>;
    using RollupFn = std::function<ScriptResult(const Counts&)>;

    /// Registers a rating function; returns its reference.
    int add_rate(RateFn f) {
        rates_.push_back(std::move(f));
        return static_cast<int>(rates_.size()) - 1;
    }
    /// Registers a roll-up function; returns its reference.
    int add_rollup(RollupFn f) {
        rollups_.push_back(std::move(f));
        return static_cast<int>(rollups_.size()) - 1;
    }
    /// Calls the registered rating function `fn`.
    ScriptResult rate(int fn, const Pack&, const Dataset&, const Outcome& o, bool = true) override {
        ++calls;
        return rates_.at(static_cast<size_t>(fn))(o);
    }
    /// Calls the registered roll-up function `fn`.
    ScriptResult rollup(int fn, const Pack&, const Counts& c) override {
        return rollups_.at(static_cast<size_t>(fn))(c);
    }
    int calls = 0;  ///< rating calls made

private:
    std::vector<RateFn> rates_;
    std::vector<RollupFn> rollups_;
};

/// The outcome for `indicator` in `area` (the first one, in run order).
inline const Outcome& outcome_of(const Assessment& a, const std::string& indicator, const std::string& area = "A") {
    const Dataset& d = *a.dataset;
    for (const Outcome& o : a.outcomes) {
        const Series& s = d.series[o.series];
        if (d.indicators[s.indicator].id == indicator && d.areas[s.area] == area) return o;
    }
    throw std::runtime_error("no outcome for " + indicator + " in " + area);
}

/// Whether any explanation line of `o` contains `text`.
inline bool explains(const Outcome& o, const std::string& text) {
    return std::any_of(o.explanation.begin(), o.explanation.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

/// All explanation lines of `o`, one per line (for failure messages).
inline std::string trace(const Outcome& o) {
    std::string s;
    for (const std::string& l : o.explanation) s += l + "\n";
    return s;
}

}  // namespace assay::test
