// Statistical arrows and comparisons (significance.hpp), with explanations
// that give the interval and the test with their numbers.
#include "assess/significance.hpp"

#include "assess/explain.hpp"

#include <assay/statistics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace assay::assess_detail {
namespace {

/// What the value is: the declared type, else a count for an indicator
/// whose unit is count (a public-health analyst would treat it as Poisson).
ValueType type_of(const Indicator& ind) {
    if (ind.value_type != ValueType::none) return ind.value_type;
    return ind.unit == "count" ? ValueType::count : ValueType::none;
}

/// The counts behind observation `obs`: events (numerator) and base
/// (denominator, 1 for a count without one). For a count without a
/// numerator, the value itself.
struct Events {
    double events = NAN, base = NAN, sd = NAN;
};

Events events_of(const Dataset& d, const Indicator& ind, uint32_t obs) {
    Events e;
    if (auto it = d.counts.find(obs); it != d.counts.end()) {
        e.events = it->second.numerator;
        e.base = it->second.denominator;
        e.sd = it->second.sd;
    }
    if (type_of(ind) == ValueType::count) {
        if (std::isnan(e.events)) e.events = d.obs_value[obs];
        if (std::isnan(e.base)) e.base = 1;
    }
    return e;
}

std::string number(double x, int decimals = 2) {
    return figure(x, decimals, Rounding::half_up);
}

std::string signed_pct(double x) {
    return (x > 0 ? "+" : "") + number(x, 1) + " %";
}

/// The arrow for a significant move in `direction` (> 0 up).
Arrow moved(double direction, Polarity p) {
    switch (p) {
        case Polarity::higher_is_better:
            return direction > 0 ? Arrow::improved : Arrow::declined;
        case Polarity::lower_is_better:
            return direction < 0 ? Arrow::improved : Arrow::declined;
        case Polarity::neutral:
            return direction > 0 ? Arrow::increased : Arrow::decreased;
    }
    return Arrow::none;
}

std::string missing_counts(const Indicator& ind, ValueType t) {
    if (t == ValueType::none)
        return fmt::format("indicator \"{}\" declares no value_type (indicators.csv): no significance test", ind.id);
    if (t == ValueType::mean) return "no sd and n (the sd and denominator columns) for a test";
    return "no numerator and denominator for a test";
}

}  // namespace

std::string level_text(double level) {
    return number(level * 100, 3) + " %";
}

std::optional<stats::Interval> interval_of(const Dataset& d, const Indicator& ind, uint32_t obs, double level,
                                           std::string& why) {
    const ValueType t = type_of(ind);
    Events e = events_of(d, ind, obs);
    stats::Interval ci{NAN, NAN};
    switch (t) {
        case ValueType::none:
            break;
        case ValueType::proportion:
            if (!std::isnan(e.events) && !std::isnan(e.base)) {
                ci = stats::wilson(e.events, e.base, level);
                ci = {ci.lower * ind.per, ci.upper * ind.per};
            }
            break;
        case ValueType::rate:
            if (!std::isnan(e.events) && !std::isnan(e.base)) ci = stats::crude_rate(e.events, e.base, ind.per, level);
            break;
        case ValueType::count:
            if (!std::isnan(e.events)) ci = stats::poisson_count(e.events, level);
            break;
        case ValueType::mean:
            if (!std::isnan(e.sd) && !std::isnan(e.base)) ci = stats::mean_t(d.obs_value[obs], e.sd, e.base, level);
            break;
        case ValueType::dsr:
            if (!std::isnan(e.events)) {
                double v = d.obs_value[obs];
                ci = stats::dobson(v, e.events, e.events > 0 ? v * v / e.events : 0, level);
            }
            break;
    }
    if (std::isnan(ci.lower) || std::isnan(ci.upper)) {
        why = missing_counts(ind, t);
        if (t == ValueType::count && !std::isnan(e.events) && (e.events < 0 || e.events != std::floor(e.events)))
            why = "the value is not a whole count of events";
        return std::nullopt;
    }
    return ci;
}

namespace {

/// The name of the method interval_of uses for an observation.
std::string interval_method(const Dataset& d, const Indicator& ind, uint32_t obs) {
    switch (type_of(ind)) {
        case ValueType::proportion:
            return "Wilson score";
        case ValueType::rate:
        case ValueType::count:
            return stats::poisson_uses_exact(events_of(d, ind, obs).events) ? "exact Poisson" : "Byar";
        case ValueType::mean:
            return "t";
        case ValueType::dsr:
            return "Dobson";
        case ValueType::none:
            break;
    }
    return {};
}

}  // namespace

StatArrow statistical_arrow(const SeriesContext& ctx, const ArrowRule& rule, uint32_t previous, uint32_t current,
                            std::string_view lead) {
    const Dataset& d = ctx.data;
    const Indicator& ind = ctx.meta();
    const ValueType t = type_of(ind);
    const Polarity p = ctx.indicator.polarity;
    auto ref = [&] { return rule_ref(arrow_rule_name(rule), rule.where); };
    StatArrow out;
    auto none = [&](std::string why) {
        out.arrow = Arrow::none;
        out.reason = std::move(why);
        if (ctx.trace) ctx.trace->push_back(fmt::format("{}{} -> no arrow ({})", lead, out.reason, ref()));
        return out;
    };
    // The explanation is written only when explaining (`text` makes it):
    // a national run decides hundreds of thousands of arrows without one.
    auto decided = [&](bool significant, double direction, const auto& text) {
        out.arrow = significant ? moved(direction, p) : Arrow::static_;
        if (ctx.trace)
            ctx.trace->push_back(fmt::format("{}{} -> {} -> {} ({})", lead, text(),
                                             significant
                                                 ? (direction > 0 ? "a significant increase" : "a significant decrease")
                                                 : "not a significant change",
                                             to_string(out.arrow), ref()));
        return out;
    };

    if (rule.test == ArrowRule::Test::trend) {
        // The last `span` values, consecutive observations with a value.
        std::vector<uint32_t> obs;
        for (uint32_t i = current + 1; i > ctx.begin && obs.size() < static_cast<size_t>(rule.span); --i)
            if (d.has_value(i - 1)) obs.push_back(i - 1);
        if (obs.size() < static_cast<size_t>(rule.span))
            return none(fmt::format("{} values for a recent trend, {} needed", obs.size(), rule.span));
        std::reverse(obs.begin(), obs.end());
        std::vector<double> x, n;
        for (uint32_t i : obs) {
            Events e = events_of(d, ind, i);
            if (std::isnan(e.events) || std::isnan(e.base)) return none(missing_counts(ind, t));
            x.push_back(e.events);
            n.push_back(e.base);
        }
        stats::Trend tr;
        if (t == ValueType::proportion)
            tr = stats::trend_proportions(x, n);
        else if (t == ValueType::count || t == ValueType::rate || t == ValueType::dsr)
            tr = stats::trend_rates(x, n);
        else
            return none(fmt::format("no test for trend for a {}", to_string(t)));
        const double alpha = 1 - rule.level;
        bool significant = tr.direction != 0 && tr.p_value < alpha;
        return decided(significant, tr.direction, [&] {
            return fmt::format(
                "{} recent trend over the last {} values ({} to {}): chi-squared for trend {}, "
                "p = {} {} {}",
                ind.title, obs.size(), period_label(d, d.obs_period[obs.front()]),
                period_label(d, d.obs_period[obs.back()]), number(tr.chi2, 2), number(tr.p_value, 4),
                significant ? "<" : ">=", number(alpha, 4));
        });
    }

    // Two periods.
    Events a = events_of(d, ind, previous), b = events_of(d, ind, current);
    const double v1 = d.obs_value[previous], v2 = d.obs_value[current];
    auto head = [&] {
        const std::string change =
            v1 != 0 ? signed_pct((v2 - v1) / std::abs(v1) * 100) : fmt::format("{} from 0", figure(ctx, v2 - v1));
        return fmt::format("{} {} \u2192 {}: {}, {} CI of the ", ind.title, figure(ctx, v1), figure(ctx, v2), change,
                           level_text(rule.level));
    };
    switch (t) {
        case ValueType::count:
        case ValueType::rate:
        case ValueType::dsr: {
            if (std::isnan(a.events) || std::isnan(b.events) || std::isnan(a.base) || std::isnan(b.base))
                return none(missing_counts(ind, t));
            stats::RateRatio rr = stats::rate_ratio(a.events, a.base, b.events, b.base, rule.level);
            if (std::isnan(rr.ratio))
                return decided(false, 0, [&] { return head() + "rate ratio: no events in either period"; });
            bool significant = rr.ci.lower > 1 || rr.ci.upper < 1;
            auto end = [](double x) { return std::isinf(x) ? std::string("infinity") : number(x, 2); };
            return decided(significant, rr.ratio > 1 ? 1 : -1, [&] {
                return head() + fmt::format("rate ratio {} to {}{} {} 1", end(rr.ci.lower), end(rr.ci.upper),
                                            rr.exact ? " (exact)" : "", significant ? "excludes" : "includes");
            });
        }
        case ValueType::proportion: {
            if (std::isnan(a.events) || std::isnan(b.events) || std::isnan(a.base) || std::isnan(b.base))
                return none(missing_counts(ind, t));
            stats::Difference df = stats::proportion_difference(a.events, a.base, b.events, b.base, rule.level);
            bool significant = df.ci.lower > 0 || df.ci.upper < 0;
            return decided(significant, df.difference, [&] {
                return head() + fmt::format("difference {} to {} (Newcombe) {} 0", number(df.ci.lower * ind.per, 2),
                                            number(df.ci.upper * ind.per, 2), significant ? "excludes" : "includes");
            });
        }
        case ValueType::mean: {
            if (std::isnan(a.sd) || std::isnan(b.sd) || !(a.base > 0) || !(b.base > 0))
                return none(missing_counts(ind, t));
            double se = std::sqrt(a.sd * a.sd / a.base + b.sd * b.sd / b.base);
            double z = stats::z_for(rule.level);
            double lo = v2 - v1 - z * se, hi = v2 - v1 + z * se;
            bool significant = lo > 0 || hi < 0;
            return decided(significant, v2 - v1, [&] {
                return head() + fmt::format("difference of means {} to {} {} 0", figure(ctx, lo), figure(ctx, hi),
                                            significant ? "excludes" : "includes");
            });
        }
        case ValueType::none:
            break;
    }
    return none(missing_counts(ind, t));
}

namespace {

bool is_funnel(const Condition& c) {
    using K = Condition::Kind;
    return c.kind == K::above_funnel || c.kind == K::within_funnel || c.kind == K::below_funnel ||
           c.kind == K::better_than_funnel || c.kind == K::worse_than_funnel;
}

void collect(const Condition& c, std::vector<const Condition*>& out) {
    using K = Condition::Kind;
    if (c.kind == K::significantly_better || c.kind == K::similar || c.kind == K::significantly_worse || is_funnel(c)) {
        for (const Condition* seen : out)
            if (is_funnel(*seen) == is_funnel(c) && seen->comparator_area == c.comparator_area &&
                seen->level == c.level)
                return;
        out.push_back(&c);
    }
    for (const Condition& child : c.children) collect(child, out);
}

/// "above the funnel: significantly worse than England (99.8 % funnel
/// limit)" for an indicator where lower is better; a neutral indicator's
/// place is only above, within or below.
std::string funnel_verdict_words(int verdict, Polarity p, const std::string& area, double level) {
    if (verdict == 0) return fmt::format("within the funnel: similar to {} ({} funnel limit)", area, level_text(level));
    std::string place = verdict > 0 ? "above the funnel" : "below the funnel";
    if (p == Polarity::neutral) return place;
    const bool better = (verdict > 0) == (p == Polarity::higher_is_better);
    return fmt::format("{}: significantly {} than {} ({} funnel limit)", place, better ? "better" : "worse", area,
                       level_text(level));
}

/// The funnel plot's control limits at the area's denominator around the
/// comparator's value `v0`, into cmp (lower, upper, method, denominator);
/// an empty string, or why there are none.
std::string funnel_into(const Dataset& d, const Indicator& ind, uint32_t obs, double v0, Comparison& cmp) {
    const ValueType t = type_of(ind);
    if (t == ValueType::none) return missing_counts(ind, t);
    Events e = events_of(d, ind, obs);
    if ((t == ValueType::proportion || t == ValueType::rate || t == ValueType::dsr) &&
        (std::isnan(e.base) || !(e.base > 0)))
        return "no denominator for a funnel plot";
    std::string why;
    std::optional<ValueInterval> lim = funnel_limits(ind, v0, e.base, cmp.level, why);
    if (!lim) return why;
    cmp.lower = lim->lower;
    cmp.upper = lim->upper;
    cmp.method = lim->method;
    cmp.denominator = e.base;
    return {};
}

}  // namespace

std::vector<const Condition*> comparisons_of(const RatingRule& rule) {
    std::vector<const Condition*> wanted;
    if (rule.kind == RatingRule::Kind::first_match)
        for (const RatingRule::Case& c : rule.cases) collect(c.when, wanted);
    return wanted;
}

void compare_with_comparators(const SeriesContext& ctx, Outcome& o) {
    o.comparisons.clear();
    const std::vector<const Condition*>& wanted = ctx.group.compared;  // (the plan's, made once)
    if (wanted.empty()) return;
    const Dataset& d = ctx.data;
    const Indicator& ind = ctx.meta();
    const Polarity p = ctx.indicator.polarity;
    for (const Condition* c : wanted) {
        Comparison cmp;
        cmp.area = c->comparator_area;
        cmp.level = c->level;
        cmp.neutral = p == Polarity::neutral;
        auto fail = [&](std::string why) {
            cmp.text =
                fmt::format("compared with {} ({}): {} -> cannot be judged", cmp.area, level_text(cmp.level), why);
        };
        std::optional<uint32_t> area = d.find_area(cmp.area);
        std::optional<uint32_t> series = area ? d.find_series(d.series[ctx.series].indicator, *area) : std::nullopt;
        std::optional<uint32_t> at;
        if (series && o.current && ctx.current_obs)
            at = find_value_at(d, d.series[*series].begin, d.series[*series].end, o.current->period);
        std::string why;
        std::optional<stats::Interval> ci;
        cmp.funnel = is_funnel(*c);
        if (!o.current || !ctx.current_obs)
            fail("no data");
        else if (!area)
            fail(fmt::format("no area \"{}\" in the data", cmp.area));
        else if (!at)
            fail(fmt::format("{} has no value for {}", cmp.area, period_label(d, o.current->period)));
        else if (cmp.funnel) {
            cmp.comparator = d.obs_value[*at];
            if (std::string bad = funnel_into(d, ind, *ctx.current_obs, cmp.comparator, cmp); !bad.empty()) {
                fail(bad);
            } else {
                const double v = o.current->value;
                cmp.verdict = v > cmp.upper ? 1 : v < cmp.lower ? -1 : 0;
                cmp.text = fmt::format(
                    "{} {} (denominator {}): {} funnel limits around {}'s {} at this denominator are {} to {} ({}) -> "
                    "{}",
                    ind.title, figure(ctx, v), number(cmp.denominator, 0), level_text(cmp.level), cmp.area,
                    figure(ctx, cmp.comparator), figure(ctx, cmp.lower), figure(ctx, cmp.upper), cmp.method,
                    funnel_verdict_words(*cmp.verdict, p, cmp.area, cmp.level));
            }
        } else if (!(ci = interval_of(d, ind, *ctx.current_obs, cmp.level, why)))
            fail(why);
        if (ci) {
            cmp.method = interval_method(d, ind, *ctx.current_obs);
            cmp.lower = ci->lower;
            cmp.upper = ci->upper;
            cmp.comparator = d.obs_value[*at];
            int side = cmp.lower > cmp.comparator ? 1 : cmp.upper < cmp.comparator ? -1 : 0;
            cmp.verdict = p == Polarity::lower_is_better ? -side : side;
            std::string word;
            if (side == 0)
                word = "similar";
            else if (cmp.neutral)
                word = side > 0 ? "significantly higher" : "significantly lower";
            else
                word = *cmp.verdict > 0 ? "significantly better" : "significantly worse";
            std::string verdict = side == 0 ? "similar to " + cmp.area : word + " than " + cmp.area;
            cmp.text = fmt::format("{} {}, {} CI {} to {} {} {}'s {} -> {}", ind.title, figure(ctx, o.current->value),
                                   level_text(cmp.level), figure(ctx, cmp.lower), figure(ctx, cmp.upper),
                                   side == 0 ? "includes" : "excludes", cmp.area, figure(ctx, cmp.comparator), verdict);
        }
        if (ctx.trace) ctx.trace->push_back(cmp.text);
        o.comparisons.push_back(std::move(cmp));
    }
}

void interval_of_outcome(const SeriesContext& ctx, Outcome& o) {
    o.interval.reset();
    if (!ctx.current_obs || !o.current) return;
    const std::optional<double>& level = ctx.group.interval_level;  // (the plan's, made once)
    if (!level) return;
    o.interval = observation_interval(ctx.data, ctx.meta(), *ctx.current_obs, *level);
}

}  // namespace assay::assess_detail

namespace assay {
namespace {

using Kind = Condition::Kind;

std::optional<double> condition_level(const Condition& c) {
    if (c.kind == Kind::significantly_better || c.kind == Kind::similar || c.kind == Kind::significantly_worse ||
        c.kind == Kind::above_funnel || c.kind == Kind::within_funnel || c.kind == Kind::below_funnel ||
        c.kind == Kind::better_than_funnel || c.kind == Kind::worse_than_funnel)
        return c.level;
    for (const Condition& child : c.children)
        if (auto level = condition_level(child)) return level;
    return std::nullopt;
}

}  // namespace

std::optional<ValueInterval> observation_interval(const Dataset& d, const Indicator& ind, uint32_t obs, double level) {
    std::string why;
    std::optional<stats::Interval> ci = assess_detail::interval_of(d, ind, obs, level, why);
    if (!ci) return std::nullopt;
    return ValueInterval{level, ci->lower, ci->upper, assess_detail::interval_method(d, ind, obs)};
}

std::optional<ValueInterval> funnel_limits(const Indicator& ind, double v0, double n, double level, std::string& why) {
    const ValueType t = assess_detail::type_of(ind);
    if (t != ValueType::proportion && t != ValueType::rate && t != ValueType::dsr) {
        why = fmt::format("no funnel plot for a {} (give it as a proportion or a rate with its denominator)",
                          to_string(t));
        return std::nullopt;
    }
    if (!(n > 0)) {
        why = "no denominator for a funnel plot";
        return std::nullopt;
    }
    stats::Interval lim;
    std::string method;
    if (t == ValueType::proportion) {
        if (!(v0 >= 0 && v0 <= ind.per)) {
            why = fmt::format("the comparator's value {} is not a proportion", assess_detail::number(v0));
            return std::nullopt;
        }
        lim = stats::funnel_proportion(v0 / ind.per, n, level);
        lim = {lim.lower * ind.per, lim.upper * ind.per};
        method = "score test";
    } else {
        if (!(v0 >= 0)) {
            why = fmt::format("the comparator's rate {} is negative", assess_detail::number(v0));
            return std::nullopt;
        }
        lim = stats::funnel_rate(v0, n, ind.per, level);
        method = "exact Poisson";
    }
    if (std::isnan(lim.lower) || std::isnan(lim.upper)) {
        why = "the funnel's limits cannot be computed";
        return std::nullopt;
    }
    return ValueInterval{level, lim.lower, lim.upper, method};
}

std::optional<double> interval_level(const Group& g) {
    if (g.rating.kind == RatingRule::Kind::first_match)
        for (const RatingRule::Case& c : g.rating.cases)
            if (auto level = condition_level(c.when)) return level;
    if (g.arrow.test != ArrowRule::Test::none) return g.arrow.level;
    for (const NamedArrowRule& a : g.other_arrows)
        if (a.rule.test != ArrowRule::Test::none) return a.rule.level;
    return std::nullopt;
}

bool uses_statistics(const Pack& pack) {
    for (const Group& g : pack.groups)
        if (interval_level(g)) return true;
    return false;
}

}  // namespace assay
