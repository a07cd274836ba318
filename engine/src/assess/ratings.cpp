// Ratings: first_match cases are evaluated natively; script rules go through
// pack.host. A rule that fails never yields a rating, and never stops the
// other indicators from being rated.
#include "assess/ratings.hpp"

#include "assess/explain.hpp"

#include "core/script_host.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>

namespace assay::assess_detail {
namespace {

/// The label of level `level` of the group's scale.
const std::string& level_label(const SeriesContext& ctx, int level) {
    return ctx.group.scale->levels[static_cast<size_t>(level)].label;
}

/// Sets "no rating" with its reason.
void unrated(Outcome& o, std::string_view reason) {
    o.rating = -1;
    o.rating_reason = reason;
}

/// Records a failed script rule on the outcome and in the run's errors.
void rule_failed(const SeriesContext& ctx, Outcome& o, const std::string& message) {
    const RatingRule& rule = ctx.group.group->rating;
    std::string name = rule.name.empty() ? ctx.group.group->id + " rating" : rule.name;
    std::string place = to_string(rule.where);
    std::string head = fmt::format("rule '{}'{}", name, place.empty() ? "" : " (" + place + ")");
    o.error = fmt::format("{}: {}", head, message);
    unrated(o, "rule failed");
    if (ctx.errors)
        ctx.errors->push_back(
            fmt::format("{} failed for indicator '{}' area '{}': {}", head, ctx.meta().id, ctx.area(), message));
    if (ctx.trace) ctx.trace->push_back("rating: " + o.error + " -> no rating");
}

/// The outcome's arrow called `name` by its group; none when it has no such arrow.
Arrow named_arrow(const Outcome& o, std::string_view name) {
    for (const OtherArrow& a : o.other_arrows)
        if (a.name == name) return a.arrow;
    return Arrow::none;
}

/// "read from the data for 2024 Q2: target 8, floor 7.5".
void explain_thresholds(const SeriesContext& ctx, const ThresholdReader& th) {
    if (!ctx.trace || th.read.empty()) return;
    std::string line = fmt::format("read from the data for {}:", period_label(ctx.data, th.period));
    for (size_t i = 0; i < th.read.size(); ++i)
        line += fmt::format("{} {} {} ({})", i ? "," : "", th.read[i]->name, th.read[i]->text,
                            to_string(th.read[i]->where));
    ctx.trace->push_back(std::move(line));
}

/// The first case that holds decides.
void rate_first_match(const SeriesContext& ctx, Outcome& o) {
    const RatingRule& rule = ctx.group.group->rating;
    ThresholdReader th{&ctx.data, ctx.series, o.current->period, {}, {}};
    for (size_t i = 0; i < rule.cases.size(); ++i) {
        const RatingRule::Case& c = rule.cases[i];
        bool yes = holds(c.when, o, ctx.indicator.polarity, &th);
        if (!th.missing.empty()) {
            // A threshold this case needs is not in the data: no rating rather than a guess.
            unrated(o, fmt::format("no {} for {} in the data", th.missing, period_label(ctx.data, th.period)));
            explain_thresholds(ctx, th);
            if (ctx.trace)
                ctx.trace->push_back(fmt::format("rating: case {} '{}' needs the {}: {} -> no rating ({})", i + 1,
                                                 c.when.text, th.missing, o.rating_reason,
                                                 rule_ref(rule.name, rule.where)));
            return;
        }
        if (!yes) continue;
        explain_thresholds(ctx, th);
        if (c.level < 0) {
            unrated(o, c.reason.empty() ? "no rating" : c.reason);
        } else {
            o.rating = c.level;
            o.rating_reason.clear();
        }
        if (ctx.trace) {
            std::string result = c.level < 0 ? "no rating: " + o.rating_reason : level_label(ctx, c.level);
            ctx.trace->push_back(fmt::format("rating: case {} '{}' holds -> {} ({})", i + 1, c.when.text, result,
                                             rule_ref(rule.name, rule.where)));
        }
        return;
    }
    unrated(o, "no case applies");
    if (ctx.trace)
        ctx.trace->push_back(fmt::format("rating: no case holds -> no rating ({})", rule_ref(rule.name, rule.where)));
}

/// A Lua function decides, through the pack's ScriptHost.
void rate_script(const SeriesContext& ctx, Outcome& o) {
    const RatingRule& rule = ctx.group.group->rating;
    if (!ctx.pack.host) {
        rule_failed(ctx, o, "the pack has no script host to run it");
        return;
    }
    std::optional<ScriptResult> got;
    try {
        got.emplace(ctx.pack.host->rate(rule.script, ctx.pack, ctx.data, o, ctx.trace != nullptr));
        if (got->other_series && ctx.other_series) *ctx.other_series = true;
    } catch (const std::exception& e) {
        rule_failed(ctx, o, e.what());
        return;
    } catch (...) {
        // No Lua frame sits above this call, so nothing of Lua's is swallowed
        // here; one failing rule must not end the whole run.
        rule_failed(ctx, o, "the rule raised an unknown error");
        return;
    }
    const ScriptResult& r = *got;
    if (!r.ok()) {
        rule_failed(ctx, o, r.error);
        return;
    }
    int levels = static_cast<int>(ctx.group.scale->levels.size());
    if (r.level >= levels || r.level < -1) {
        rule_failed(ctx, o,
                    fmt::format("returned level {}, not a level of scale '{}'", r.level, ctx.group.scale->name));
        return;
    }
    if (r.level < 0) {
        unrated(o, r.reason.empty() ? "the rule gave no rating" : r.reason);
    } else {
        o.rating = r.level;
        o.rating_reason.clear();
    }
    if (ctx.trace && !rule.description.empty()) ctx.trace->push_back("rating function: " + rule.description);
    if (ctx.trace && !r.reads.empty()) {
        std::string read;
        for (const std::string& x : r.reads) read += (read.empty() ? "" : ", ") + x;
        ctx.trace->push_back("the function read: " + read);
    }
    if (ctx.trace)
        ctx.trace->push_back(fmt::format("rating: {} -> {} ({})", rule.name.empty() ? "function" : rule.name,
                                         r.level < 0 ? "no rating: " + o.rating_reason : level_label(ctx, r.level),
                                         rule_ref("", rule.where)));
}

/// Whether a comparator condition holds: its comparison was made before the
/// rating (compare_with_comparators); one that cannot be judged never holds.
bool compared(const Condition& c, const Outcome& o, Polarity p) {
    using K = Condition::Kind;
    for (const Comparison& cmp : o.comparisons) {
        const bool by_polarity = c.kind == K::better_than_funnel || c.kind == K::worse_than_funnel;
        const bool funnel =
            by_polarity || c.kind == K::above_funnel || c.kind == K::within_funnel || c.kind == K::below_funnel;
        if (cmp.funnel != funnel || cmp.area != c.comparator_area || cmp.level != c.level) continue;
        if (!cmp.verdict) return false;
        if (by_polarity) {  // outside the limits on the better (worse) side; never for a neutral indicator
            if (p == Polarity::neutral || *cmp.verdict == 0) return false;
            const bool better = (*cmp.verdict > 0) == (p == Polarity::higher_is_better);
            return better == (c.kind == K::better_than_funnel);
        }
        if (funnel)  // a place on the plot, whatever the polarity
            return *cmp.verdict == (c.kind == K::above_funnel ? 1 : c.kind == K::below_funnel ? -1 : 0);
        if (c.kind == Condition::Kind::similar) return *cmp.verdict == 0;
        if (cmp.neutral) return false;  // better and worse mean nothing for a neutral indicator
        return *cmp.verdict == (c.kind == Condition::Kind::significantly_better ? 1 : -1);
    }
    return false;
}

}  // namespace

const Threshold* ThresholdReader::get(const std::string& name) const {
    const Threshold* t = data ? data->find_threshold(series, period, name) : nullptr;
    if (!t) {
        if (missing.empty()) missing = name;
        return nullptr;
    }
    if (std::find(read.begin(), read.end(), t) == read.end()) read.push_back(t);
    return t;
}

namespace {

/// The reference a comparison is made with: a threshold of the data, or the target.
std::optional<double> reference_of(const Condition& c, const Outcome& o, const ThresholdReader* th) {
    if (!c.reference.empty()) {
        if (!th) return std::nullopt;
        const Threshold* t = th->get(c.reference);
        return t ? std::optional<double>(t->value) : std::nullopt;
    }
    if (o.target) return o.target->target;
    return std::nullopt;
}

/// The half-width of a band around `reference`, in the indicator's units.
std::optional<double> band_of(const Condition& c, double reference, const ThresholdReader* th) {
    if (!c.band_column.empty()) {
        const Threshold* t = th ? th->get(c.band_column) : nullptr;
        if (!t) return std::nullopt;
        return t->percent ? std::abs(reference) * t->value / 100 : t->value;
    }
    return c.band.kind == Band::Kind::relative ? std::abs(reference) * c.band.width / 100 : c.band.width;
}

/// within, short_of, better_by: the value against a reference and a band,
/// inclusive of the band's edge up to binary noise (8.4 against 8 is within
/// 5 %, though 0.4 / 8 computes as 5.000000000000004 %).
bool band_holds(const Condition& c, const Outcome& o, Polarity p, const ThresholdReader* th) {
    if (!o.current) return false;
    std::optional<double> ref = reference_of(c, o, th);
    if (!ref) return false;
    std::optional<double> band = band_of(c, *ref, th);
    if (!band) return false;
    const double v = o.current->value;
    const double eps = 1e-9 * std::max({std::abs(*band), std::abs(*ref), std::abs(v)});
    // How far the value falls short of the reference (< 0: beyond it).
    const double shortfall = p == Polarity::lower_is_better ? v - *ref : *ref - v;
    switch (c.kind) {
        case Condition::Kind::within:
            return std::abs(v - *ref) <= *band + eps;
        case Condition::Kind::short_of:
            return shortfall > *band + eps;
        case Condition::Kind::better_by:
            return -shortfall > *band + eps;
        default:
            return false;
    }
}

}  // namespace

bool holds(const Condition& c, const Outcome& o, Polarity p, const ThresholdReader* th) {
    const std::optional<TargetOutcome>& t = o.target;
    const Arrow arrow = c.arrow.empty() ? o.arrow : named_arrow(o, c.arrow);
    switch (c.kind) {
        case Condition::Kind::always:
            return true;
        case Condition::Kind::on_track:
            return t && t->on_track;
        case Condition::Kind::will_meet:
            return t && t->will_meet;
        case Condition::Kind::met:
            return t && t->met;
        case Condition::Kind::improved:
            return arrow == Arrow::improved;
        case Condition::Kind::static_:
            return arrow == Arrow::static_;
        case Condition::Kind::declined:
            return arrow == Arrow::declined;
        case Condition::Kind::peak:
            return arrow == Arrow::peak;
        case Condition::Kind::better_than: {
            if (!o.current) return false;
            std::optional<double> ref = c.reference.empty() ? std::optional<double>(c.amount) : reference_of(c, o, th);
            return ref && at_or_better(o.current->value, *ref, p == Polarity::lower_is_better);
        }
        case Condition::Kind::within:
        case Condition::Kind::short_of:
        case Condition::Kind::better_by:
            return band_holds(c, o, p, th);
        case Condition::Kind::distance_within:
            if (!t) return false;
            // Inclusive, with the same allowance for binary noise as the static band.
            if (c.band.kind == Band::Kind::absolute)
                return t->distance <= c.band.width + 1e-9 * std::max(std::abs(c.band.width), std::abs(t->target));
            return t->distance_pct && *t->distance_pct <= c.band.width + 1e-9 * std::max(std::abs(c.band.width), 100.0);
        case Condition::Kind::has_target:
            return t.has_value();
        case Condition::Kind::has_arrow:
            return arrow != Arrow::none;
        case Condition::Kind::all:
            for (const Condition& child : c.children)
                if (!holds(child, o, p, th)) return false;
            return true;
        case Condition::Kind::any:
            for (const Condition& child : c.children)
                if (holds(child, o, p, th)) return true;
            return false;
        case Condition::Kind::not_:
            return !c.children.empty() && !holds(c.children.front(), o, p, th);
        case Condition::Kind::significantly_better:
        case Condition::Kind::similar:
        case Condition::Kind::significantly_worse:
        case Condition::Kind::above_funnel:
        case Condition::Kind::within_funnel:
        case Condition::Kind::below_funnel:
        case Condition::Kind::better_than_funnel:
        case Condition::Kind::worse_than_funnel:
            return compared(c, o, p);
    }
    return false;
}

void rate(const SeriesContext& ctx, Outcome& o) {
    const RatingRule& rule = ctx.group.group->rating;
    if (rule.kind == RatingRule::Kind::none) {
        unrated(o, "no rating rule");
        return;
    }
    if (!o.current) {
        unrated(o, "no data");
        if (ctx.trace) ctx.trace->push_back("rating: no data -> no rating");
        return;
    }
    if (!o.target_gap.empty()) {
        // Without its baseline the target cannot be judged: no rating rather than a wrong one.
        unrated(o, o.target_gap);
        if (ctx.trace) ctx.trace->push_back("rating: " + o.target_gap + " -> no rating");
        return;
    }
    if (!o.error.empty()) {
        // A target that could not be evaluated must not turn into a wrong rating.
        unrated(o, "rule failed");
        if (ctx.trace) ctx.trace->push_back("rating: a rule failed -> no rating");
        return;
    }
    if (rule.kind == RatingRule::Kind::first_match)
        rate_first_match(ctx, o);
    else
        rate_script(ctx, o);
}

}  // namespace assay::assess_detail
