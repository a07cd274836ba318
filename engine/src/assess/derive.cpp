// derive_series(): the pack's derived series computed from the dataset's,
// one derivation at a time in declared order, each appended to a copy of the
// dataset as a new indicator (and, for gap_areas, a new area; for rolling
// sums, new periods). A value that cannot be computed is missing with the
// reason, naming the input and period that lacked a value.
#include <assay/derive.hpp>

#include "assess/plan.hpp"
#include "core/closest_name.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace assay {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

/// One computed observation; `period` indexes Dataset::periods, or the
/// new periods of the derivation from Dataset::periods.size() on.
struct NewObs {
    uint32_t period = 0;
    double value = kMissing;
    std::string missing;  ///< why there is no value
};

/// One computed series.
struct NewSeries {
    uint32_t area = 0;
    std::vector<NewObs> obs;
};

/// An input's value at one period: the value, or why there is none.
struct Input {
    double value = kMissing;
    std::string_view missing;  ///< "N/A" as written, or "no value"
    bool ok() const { return !std::isnan(value); }
};

/// The place of a derivation, with the pack's folder when it is known.
SourceLoc place(const Pack& pack, const DerivedSeries& spec) {
    SourceLoc loc = spec.where;
    if (!pack.dir.empty() && !loc.file.empty()) loc.file = (pack.dir / loc.file).string();
    return loc;
}

/// The observations (with their missing reasons) every derivation of a pack
/// may add to a dataset in all: four times the dataset's own observations,
/// plus a million, so that a pack of hundreds of derivations over a large
/// dataset is refused, naming the derivation, rather than exhausting memory.
struct DeriveBudget {
    uint64_t input = 0;  ///< the dataset's own observations
    uint64_t limit = 0;
    uint64_t used = 0;
    static constexpr uint64_t per_input = 4;
    static constexpr uint64_t extra = 1'000'000;
    /// Each 64 bytes of missing-reason text counts as one more observation.
    static constexpr uint64_t reason_bytes = 64;
};

/// Computes one derivation into the dataset.
class Deriver {
public:
    Deriver(const Pack& pack, Dataset& d, const DerivedSeries& spec, DeriveBudget& budget)
        : pack_(pack), d_(d), spec_(spec), budget_(budget) {}

    /// Computes the series and appends them to the dataset.
    void run() {
        if (d_.find_indicator(spec_.id))
            fail(
                fmt::format("the dataset already has an indicator '{}': give the derived series another id", spec_.id));
        check_shape();
        std::vector<uint32_t> inputs = resolve(spec_.inputs);
        std::vector<uint32_t> per = resolve(spec_.per);
        std::vector<NewSeries> out;
        switch (spec_.kind) {
            case DerivedSeries::Kind::gap:
                out = per_area(inputs, {});
                break;
            case DerivedSeries::Kind::sum:
                out = per_area(inputs, {});
                break;
            case DerivedSeries::Kind::rate:
                out = per_area(inputs, per);
                break;
            case DerivedSeries::Kind::gap_areas:
                out = gap_areas(inputs.front());
                break;
            case DerivedSeries::Kind::rolling_sum:
                out = rolling(inputs.front());
                break;
        }
        std::vector<uint32_t> all = inputs;
        all.insert(all.end(), per.begin(), per.end());
        append(metadata(all), out);
    }

private:
    [[noreturn]] void fail(const std::string& message) const {
        throw InputError(Error{place(pack_, spec_), fmt::format("derive '{}': {}", spec_.id, message)});
    }

    /// Counts `o` against the budget of derived observations; fails past it.
    void charge(const NewObs& o) const {
        budget_.used += 1 + o.missing.size() / DeriveBudget::reason_bytes;
        if (budget_.used > budget_.limit)
            fail(
                fmt::format("the derived series would hold more than {} observations (four times the dataset's "
                            "{}, plus 1,000,000): derive fewer series, or from fewer areas",
                            budget_.limit, budget_.input));
    }

    /// The inputs each kind needs (the loader checks them too; packs built in C++ may not).
    void check_shape() const {
        const size_t n = spec_.inputs.size();
        switch (spec_.kind) {
            case DerivedSeries::Kind::gap:
                if (n != 2) fail("gap needs two indicators: { \"a\", \"b\" } gives a - b");
                break;
            case DerivedSeries::Kind::sum:
                if (n == 0) fail("sum needs at least one indicator");
                break;
            case DerivedSeries::Kind::rate:
                if (n == 0 || spec_.per.empty()) fail("rate needs a count and per = { population }");
                if (!(spec_.scale > 0)) fail("rate: scale must be above 0");
                break;
            case DerivedSeries::Kind::gap_areas:
                if (n != 1) fail("gap_areas needs one indicator");
                break;
            case DerivedSeries::Kind::rolling_sum:
                if (n != 1) fail("rolling_sum needs one indicator");
                if (spec_.months < 1) fail("rolling_sum: months must be at least 1");
                break;
        }
    }

    std::vector<uint32_t> resolve(const std::vector<std::string>& ids) const {
        std::vector<uint32_t> out;
        for (const std::string& id : ids) {
            if (std::optional<uint32_t> i = d_.find_indicator(id)) {
                out.push_back(*i);
                continue;
            }
            std::vector<std::string> known;
            for (const Indicator& ind : d_.indicators) known.push_back(ind.id);
            fail(fmt::format("indicator '{}' is not in dataset '{}'{}", id, d_.name, suggest_name(id, known)));
        }
        return out;
    }

    uint32_t area(const std::string& name, const char* field) const {
        if (std::optional<uint32_t> a = d_.find_area(name)) return *a;
        fail(fmt::format("{} = \"{}\" is not an area of dataset '{}'{}", field, name, d_.name,
                         suggest_name(name, d_.areas)));
    }

    /// The value of `indicator` in `area` at dataset period `period`.
    Input at(uint32_t indicator, uint32_t area, uint32_t period) const {
        std::optional<uint32_t> s = d_.find_series(indicator, area);
        if (!s) return Input{kMissing, "no value"};
        const Series& series = d_.series[*s];
        auto first = d_.obs_period.begin() + series.begin, last = d_.obs_period.begin() + series.end;
        auto it = std::lower_bound(first, last, period);
        if (it == last || *it != period) return Input{kMissing, "no value"};
        auto obs = static_cast<uint32_t>(it - d_.obs_period.begin());
        if (d_.has_value(obs)) return Input{d_.obs_value[obs], {}};
        auto why = d_.missing.find(obs);
        if (why == d_.missing.end() || why->second.empty()) return Input{kMissing, "no value"};
        return Input{kMissing, why->second};
    }

    /// "theft_of_vehicle: N/A in 2006/07".
    std::string missing(uint32_t indicator, const Input& in, uint32_t period) const {
        return fmt::format("{}: {} in {}", d_.indicators[indicator].id, in.missing, d_.periods[period].label);
    }

    /// The periods at which any of `indicators` is observed in `area`, ascending.
    std::vector<uint32_t> periods_of(const std::vector<uint32_t>& indicators, uint32_t area) const {
        std::vector<uint32_t> periods;
        for (uint32_t ind : indicators) {
            std::optional<uint32_t> s = d_.find_series(ind, area);
            if (!s) continue;
            const Series& series = d_.series[*s];
            periods.insert(periods.end(), d_.obs_period.begin() + series.begin, d_.obs_period.begin() + series.end);
        }
        std::sort(periods.begin(), periods.end());
        periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
        return periods;
    }

    /// Adds up `indicators` at one area and period; false (with the reason
    /// in `o`) when one lacks a value.
    bool add_up(const std::vector<uint32_t>& indicators, uint32_t area, uint32_t period, double& total,
                NewObs& o) const {
        total = 0;
        for (uint32_t ind : indicators) {
            Input in = at(ind, area, period);
            if (!in.ok()) {
                o.missing = missing(ind, in, period);
                return false;
            }
            total += in.value;
        }
        return true;
    }

    /// One observation of a gap, sum or rate.
    NewObs combine(const std::vector<uint32_t>& inputs, const std::vector<uint32_t>& per, uint32_t area,
                   uint32_t period) const {
        NewObs o;
        o.period = period;
        if (spec_.kind == DerivedSeries::Kind::gap) {
            Input a = at(inputs[0], area, period), b = at(inputs[1], area, period);
            if (!a.ok())
                o.missing = missing(inputs[0], a, period);
            else if (!b.ok())
                o.missing = missing(inputs[1], b, period);
            else
                o.value = a.value - b.value;
            return o;
        }
        double numerator = 0, denominator = 0;
        if (!add_up(inputs, area, period, numerator, o)) return o;
        if (spec_.kind == DerivedSeries::Kind::sum) {
            o.value = numerator;
            return o;
        }
        if (!add_up(per, area, period, denominator, o)) return o;
        if (denominator == 0) {
            o.missing = fmt::format("{} is 0 in {}: no rate (division by zero)", join(spec_.per, " + "),
                                    d_.periods[period].label);
            return o;
        }
        o.value = numerator / denominator * spec_.scale;
        return o;
    }

    /// Gap, sum and rate: per area where a numerator is observed, per period.
    std::vector<NewSeries> per_area(const std::vector<uint32_t>& inputs, const std::vector<uint32_t>& per) const {
        std::vector<NewSeries> out;
        for (uint32_t area = 0; area < d_.areas.size(); ++area) {
            std::vector<uint32_t> periods = periods_of(inputs, area);
            if (periods.empty()) continue;
            NewSeries s{area, {}};
            s.obs.reserve(periods.size());
            for (uint32_t p : periods) {
                s.obs.push_back(combine(inputs, per, area, p));
                charge(s.obs.back());
            }
            out.push_back(std::move(s));
        }
        return out;
    }

    /// The indicator in `from` minus in `to`, in one new (or named) area.
    std::vector<NewSeries> gap_areas(uint32_t indicator) {
        uint32_t from = area(spec_.from_area, "from"), to = area(spec_.to_area, "to");
        std::string name = spec_.area.empty() ? spec_.from_area + " vs " + spec_.to_area : spec_.area;
        std::optional<uint32_t> target = d_.find_area(name);
        if (!target) {
            d_.areas.push_back(name);
            target = static_cast<uint32_t>(d_.areas.size() - 1);
        }
        std::vector<uint32_t> periods = periods_of({indicator}, from);
        std::vector<uint32_t> more = periods_of({indicator}, to);
        periods.insert(periods.end(), more.begin(), more.end());
        std::sort(periods.begin(), periods.end());
        periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
        NewSeries s{*target, {}};
        for (uint32_t p : periods) {
            NewObs o;
            o.period = p;
            Input a = at(indicator, from, p), b = at(indicator, to, p);
            if (!a.ok())
                o.missing = fmt::format("{} in {}", missing(indicator, a, p), spec_.from_area);
            else if (!b.ok())
                o.missing = fmt::format("{} in {}", missing(indicator, b, p), spec_.to_area);
            else
                o.value = a.value - b.value;
            charge(o);
            s.obs.push_back(std::move(o));
        }
        std::vector<NewSeries> out;
        if (!s.obs.empty()) out.push_back(std::move(s));
        return out;
    }

    /// The new period a rolling window ending `last` covers.
    uint32_t window_period(int32_t last) {
        Period p;
        p.kind = spec_.months == 12 ? PeriodKind::rolling_year : PeriodKind::range;
        p.first = last - spec_.months + 1;
        p.last = last;
        p.label = canonical_label(p);
        auto it = std::lower_bound(d_.periods.begin(), d_.periods.end(), p);
        if (it != d_.periods.end() && *it == p) return static_cast<uint32_t>(it - d_.periods.begin());
        const auto provisional = static_cast<uint32_t>(d_.periods.size() + new_periods_.size());
        auto [known, fresh] = new_index_.try_emplace(last, provisional);
        if (fresh) new_periods_.push_back(std::move(p));
        return known->second;
    }

    /// The length in months of the input's periods in one series, which
    /// must all be the same and divide the window.
    int32_t step_of(const Series& s) const {
        const Period& first = d_.periods[d_.obs_period[s.begin]];
        for (uint32_t obs = s.begin; obs < s.end; ++obs) {
            const Period& p = d_.periods[d_.obs_period[obs]];
            if (p.months() != first.months() || p.kind != first.kind)
                fail(fmt::format("rolling_sum needs periods of one length; '{}' in {} has {} and {}",
                                 d_.indicators[s.indicator].id, d_.areas[s.area], first.label, p.label));
        }
        if (spec_.months % first.months() != 0)
            fail(fmt::format("rolling_sum over {} months cannot be made from '{}', whose periods are {} months long",
                             spec_.months, d_.indicators[s.indicator].id, first.months()));
        return first.months();
    }

    /// The sum over the `months` ending at each observed period, once the
    /// series covers a whole window.
    std::vector<NewSeries> rolling(uint32_t indicator) {
        std::vector<NewSeries> out;
        for (uint32_t area = 0; area < d_.areas.size(); ++area) {
            std::optional<uint32_t> si = d_.find_series(indicator, area);
            if (!si) continue;
            const Series& s = d_.series[*si];
            if (s.begin == s.end) continue;
            const int32_t step = step_of(s);
            const PeriodKind kind = d_.periods[d_.obs_period[s.begin]].kind;
            const int32_t start = d_.periods[d_.obs_period[s.begin]].first;
            NewSeries ns{area, {}};
            for (uint32_t obs = s.begin; obs < s.end; ++obs) {
                const int32_t last = d_.periods[d_.obs_period[obs]].last;
                if (last - spec_.months + 1 < start) continue;  // the window starts before the data
                NewObs o;
                o.period = window_period(last);
                double total = 0;
                for (int32_t end = last - spec_.months + step; end <= last && o.missing.empty(); end += step) {
                    Period part{kind, end - step + 1, end, {}};
                    auto it = std::lower_bound(d_.periods.begin(), d_.periods.end(), part);
                    std::optional<uint32_t> pi;
                    if (it != d_.periods.end() && *it == part) pi = static_cast<uint32_t>(it - d_.periods.begin());
                    Input in = pi ? at(indicator, area, *pi) : Input{kMissing, "no value"};
                    if (in.ok()) {
                        total += in.value;
                        continue;
                    }
                    o.missing = fmt::format("{}: {} in {}", d_.indicators[indicator].id, in.missing,
                                            pi ? d_.periods[*pi].label : canonical_label(part));
                }
                if (o.missing.empty()) o.value = total;
                charge(o);
                ns.obs.push_back(std::move(o));
            }
            if (!ns.obs.empty()) out.push_back(std::move(ns));
        }
        return out;
    }

    static std::string join(const std::vector<std::string>& ids, std::string_view sep) {
        std::string out;
        for (const std::string& id : ids) out += (out.empty() ? "" : std::string(sep)) + id;
        return out;
    }

    /// How the series is computed, for the indicator's source.
    std::string formula() const {
        switch (spec_.kind) {
            case DerivedSeries::Kind::gap:
                return join(spec_.inputs, " - ");
            case DerivedSeries::Kind::sum:
                return join(spec_.inputs, " + ");
            case DerivedSeries::Kind::gap_areas:
                return fmt::format("{0} in {1} - {0} in {2}", spec_.inputs.front(), spec_.from_area, spec_.to_area);
            case DerivedSeries::Kind::rate:
                return fmt::format("({}) / ({}) x {}", join(spec_.inputs, " + "), join(spec_.per, " + "),
                                   format_number(spec_.scale));
            case DerivedSeries::Kind::rolling_sum:
                return fmt::format("{} summed over {} months", spec_.inputs.front(), spec_.months);
        }
        return {};
    }

    /// The new indicator: given metadata, else the first input's.
    Indicator metadata(const std::vector<uint32_t>& inputs) const {
        const Indicator& first = d_.indicators[inputs.front()];
        const bool rate = spec_.kind == DerivedSeries::Kind::rate;
        Indicator ind;
        ind.id = spec_.id;
        ind.title = spec_.title.empty() ? spec_.id : spec_.title;
        ind.unit = !spec_.unit.empty() ? spec_.unit : rate ? std::string("rate") : first.unit;
        ind.polarity = spec_.polarity.value_or(first.polarity);
        ind.decimals = spec_.decimals.value_or(rate ? 1 : first.decimals);
        ind.source = "derived: " + formula();
        ind.notes = spec_.notes;
        ind.where = place(pack_, spec_);
        // No comparison across a change of measurement in any input.
        std::optional<Period> latest;
        for (uint32_t i : inputs) {
            const std::string& from = d_.indicators[i].comparable_from;
            if (from.empty()) continue;
            Result<Period> p = parse_period(from);
            if (p && (!latest || *latest < p.value())) {
                latest = p.value();
                ind.comparable_from = from;
            }
        }
        return ind;
    }

    /// Inserts the derivation's new periods in order, renumbering every
    /// period index of the dataset and of `out`.
    void add_periods(std::vector<NewSeries>& out) {
        if (new_periods_.empty()) return;
        std::vector<Period> all = d_.periods;
        all.insert(all.end(), new_periods_.begin(), new_periods_.end());
        std::vector<uint32_t> order(all.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return all[a] < all[b]; });
        std::vector<uint32_t> renumber(all.size());
        std::vector<Period> sorted;
        sorted.reserve(all.size());
        for (uint32_t i : order) {
            renumber[i] = static_cast<uint32_t>(sorted.size());
            sorted.push_back(std::move(all[i]));
        }
        for (uint32_t& p : d_.obs_period) p = renumber[p];
        for (Published& p : d_.published) p.period = renumber[p.period];
        for (Threshold& t : d_.thresholds) t.period = renumber[t.period];
        for (NewSeries& s : out)
            for (NewObs& o : s.obs) o.period = renumber[o.period];
        d_.periods = std::move(sorted);
        new_periods_.clear();
        new_index_.clear();
    }

    /// Appends the indicator and its series, observations sorted by period.
    void append(Indicator ind, std::vector<NewSeries>& out) {
        add_periods(out);
        d_.indicators.push_back(std::move(ind));
        const auto index = static_cast<uint32_t>(d_.indicators.size() - 1);
        std::sort(out.begin(), out.end(), [](const NewSeries& a, const NewSeries& b) { return a.area < b.area; });
        for (NewSeries& s : out) {
            std::sort(s.obs.begin(), s.obs.end(), [](const NewObs& a, const NewObs& b) { return a.period < b.period; });
            Series series{index, s.area, static_cast<uint32_t>(d_.obs_value.size()), 0};
            for (NewObs& o : s.obs) {
                auto obs = static_cast<uint32_t>(d_.obs_value.size());
                d_.obs_period.push_back(o.period);
                d_.obs_value.push_back(o.value);
                if (std::isnan(o.value)) d_.missing[obs] = std::move(o.missing);
            }
            series.end = static_cast<uint32_t>(d_.obs_value.size());
            d_.series.push_back(series);
        }
    }

    const Pack& pack_;
    Dataset& d_;
    const DerivedSeries& spec_;
    DeriveBudget& budget_;
    std::vector<Period> new_periods_;        ///< rolling windows the dataset lacks, in order of first use
    std::map<int32_t, uint32_t> new_index_;  ///< last month of a new window -> its provisional index
};

/// Appends every series `pack` derives to `data`, within one memory budget.
void derive_into(const Pack& pack, Dataset& data) {
    DeriveBudget budget;
    budget.input = data.obs_value.size();
    budget.limit = DeriveBudget::per_input * budget.input + DeriveBudget::extra;
    for (const DerivedSeries& spec : pack.derived) Deriver(pack, data, spec, budget).run();
}

}  // namespace

Dataset derive_series(const Pack& pack, const Dataset& data) {
    Dataset out = data;
    derive_into(pack, out);
    return out;
}

PreparedData prepare(const Pack& pack, Dataset data) {
    derive_into(pack, data);
    return PreparedData(std::make_shared<const Dataset>(std::move(data)));
}

}  // namespace assay
