// Roll-ups over tallies. Levels of different scales are compared by their
// score: level / (levels - 1), worst 0 and best 1, so a theme can roll up
// groups rated on different scales.
#include "assess/rollup.hpp"

#include "assess/explain.hpp"

#include "core/script_host.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>

namespace assay::assess_detail {
namespace {

/// Rated outcomes at one level of one scale.
struct Entry {
    const std::string* label;
    double score;  ///< 0 = worst level, 1 = best
    int count;
};

/// A level's score on its scale (a one-level scale scores 1).
double score_of(size_t level, size_t levels) {
    return levels > 1 ? static_cast<double>(level) / static_cast<double>(levels - 1) : 1.0;
}

/// Every non-empty level of every tally.
std::vector<Entry> entries_of(const std::vector<const Tally*>& tallies) {
    std::vector<Entry> out;
    for (const Tally* t : tallies)
        for (size_t l = 0; l < t->levels.size(); ++l)
            if (t->levels[l] > 0)
                out.push_back({&t->scale->levels[l].label, score_of(l, t->levels.size()), t->levels[l]});
    return out;
}

/// Ratings by label, arrows by name, and the totals.
Counts counts_of(const std::vector<const Tally*>& tallies) {
    Counts c;
    for (const Tally* t : tallies) {
        for (size_t l = 0; l < t->levels.size(); ++l)
            if (t->levels[l] > 0) c.ratings[t->scale->levels[l].label] += t->levels[l];
        for (size_t a = 0; a < t->arrows.size(); ++a)
            if (t->arrows[a] > 0) c.arrows[std::string(to_string(static_cast<Arrow>(a)))] += t->arrows[a];
        c.assessed += t->assessed;
        c.unrated += t->unrated;
    }
    return c;
}

/// The output level for an entry: the same label if the output scale has
/// it, else the level at the same score.
int output_level(const Entry& e, const Scale& out) {
    if (std::optional<int> l = out.find(*e.label)) return *l;
    if (out.levels.size() <= 1) return 0;
    return static_cast<int>(std::lround(e.score * static_cast<double>(out.levels.size() - 1)));
}

/// The rule's reference for explanations: "worst, psa1.lua:20".
std::string ref(const RollupRule& r) {
    return rule_ref(r.text, r.where);
}

/// What a roll-up decided.
struct Decision {
    int rating = -1;
    std::vector<std::string> explanation;
};

/// Picks the entry with the lowest (worst) or highest (best) score.
Decision extreme(const RollupRule& r, const std::vector<Entry>& entries, int rated, const Scale& out, bool worst) {
    const Entry* pick = &entries.front();
    for (const Entry& e : entries)
        if (worst ? e.score < pick->score : e.score > pick->score) pick = &e;
    Decision d;
    d.rating = output_level(*pick, out);
    d.explanation.push_back(fmt::format("{} of {} rated indicators: {} -> {} ({})", worst ? "worst" : "best", rated,
                                        *pick->label, out.levels[static_cast<size_t>(d.rating)].label, ref(r)));
    return d;
}

/// Picks the most frequent label; a tie goes to the worse one.
Decision majority(const RollupRule& r, const std::vector<Entry>& entries, int rated, const Scale& out) {
    std::vector<Entry> merged;
    for (const Entry& e : entries) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const Entry& m) { return *m.label == *e.label; });
        if (same == merged.end()) {
            merged.push_back(e);
        } else {
            same->count += e.count;
            same->score = std::min(same->score, e.score);
        }
    }
    const Entry* pick = &merged.front();
    for (const Entry& e : merged)
        if (e.count > pick->count || (e.count == pick->count && e.score < pick->score)) pick = &e;
    Decision d;
    d.rating = output_level(*pick, out);
    d.explanation.push_back(fmt::format("most frequent of {} rated indicators: {} ({}) -> {} ({})", rated, *pick->label,
                                        pick->count, out.levels[static_cast<size_t>(d.rating)].label, ref(r)));
    return d;
}

/// The first threshold (best first) the mean score reaches.
Decision mean(const RollupRule& r, const std::vector<Entry>& entries, int rated, const Scale& out, Rounding mode) {
    double sum = 0;
    for (const Entry& e : entries) sum += e.score * e.count;
    double m = sum / rated;
    Decision d;
    std::string score = figure(m, 2, mode);
    for (const auto& [threshold, level] : r.thresholds) {
        if (m >= threshold - 1e-9) {
            d.rating = level;
            d.explanation.push_back(fmt::format("mean score {} over {} rated indicators >= {} -> {} ({})", score, rated,
                                                format_number(threshold), out.levels[static_cast<size_t>(level)].label,
                                                ref(r)));
            return d;
        }
    }
    d.explanation.push_back(fmt::format("mean score {} over {} rated indicators reaches no threshold -> no rating ({})",
                                        score, rated, ref(r)));
    return d;
}

/// A Lua function decides from the counts.
Decision scripted(const Pack& pack, const RollupRule& r, const Counts& counts, const Scale& out,
                  const std::string& owner, std::vector<std::string>& errors) {
    Decision d;
    auto fail = [&](const std::string& message) {
        errors.push_back(fmt::format("{} failed: {}", owner, message));
        d.rating = -1;
        d.explanation.push_back(fmt::format("roll-up failed: {} -> no rating ({})", message, ref(r)));
        return d;
    };
    if (!pack.host) return fail("the pack has no script host to run it");
    ScriptResult res;
    try {
        res = pack.host->rollup(r.script, pack, counts);
    } catch (const std::exception& e) {
        return fail(e.what());
    } catch (...) {
        // No Lua frame sits above this call; a failing roll-up must not end the run.
        return fail("the rule raised an unknown error");
    }
    if (!res.ok()) return fail(res.error);
    if (res.level < -1 || res.level >= static_cast<int>(out.levels.size()))
        return fail(fmt::format("returned level {}, not a level of scale '{}'", res.level, out.name));
    d.rating = res.level;
    std::string result = res.level < 0 ? "no rating" + (res.reason.empty() ? "" : ": " + res.reason)
                                       : out.levels[static_cast<size_t>(res.level)].label;
    d.explanation.push_back(fmt::format("roll-up function -> {} ({})", result, ref(r)));
    return d;
}

/// Rolls up the tallies under rule `r` into scale `out`.
Decision decide(const Pack& pack, const RollupRule& r, const Scale* out, const std::vector<const Tally*>& tallies,
                const Counts& counts, const std::string& owner, std::vector<std::string>& errors) {
    if (r.kind == RollupRule::Kind::none || !out) return {-1, {"no roll-up rule"}};
    std::vector<Entry> entries = entries_of(tallies);
    int rated = 0;
    for (const Entry& e : entries) rated += e.count;
    if (rated == 0) return {-1, {fmt::format("no rated indicators -> no rating ({})", ref(r))}};
    if (r.kind == RollupRule::Kind::script) return scripted(pack, r, counts, *out, owner, errors);
    switch (r.kind) {
        case RollupRule::Kind::worst:
            return extreme(r, entries, rated, *out, true);
        case RollupRule::Kind::best:
            return extreme(r, entries, rated, *out, false);
        case RollupRule::Kind::majority:
            return majority(r, entries, rated, *out);
        case RollupRule::Kind::mean:
            return mean(r, entries, rated, *out, pack.rounding);
        default:
            return {};
    }
}

/// "roll-up of group 'psa1' (psa1.lua:20)".
std::string owner_name(std::string_view what, const std::string& id, const SourceLoc& where) {
    std::string place = to_string(where);
    return fmt::format("roll-up of {} '{}'{}", what, id, place.empty() ? "" : " (" + place + ")");
}

}  // namespace

Tally::Tally(const Scale* s) : scale(s), levels(s ? s->levels.size() : 0, 0) {}

void Tally::add(const Outcome& o) {
    ++arrows[static_cast<size_t>(o.arrow)];
    if (o.current) ++assessed;
    if (o.rating < 0 || static_cast<size_t>(o.rating) >= levels.size())
        ++unrated;
    else
        ++levels[static_cast<size_t>(o.rating)];
}

void Tally::add(const Tally& other) {
    for (size_t i = 0; i < levels.size() && i < other.levels.size(); ++i) levels[i] += other.levels[i];
    for (size_t i = 0; i < arrows.size(); ++i) arrows[i] += other.arrows[i];
    assessed += other.assessed;
    unrated += other.unrated;
}

GroupOutcome roll_up_group(const Pack& pack, const GroupPlan& group, const Tally& tally,
                           std::vector<std::string>& errors) {
    const Group& g = *group.group;
    GroupOutcome out;
    out.group = group.index;
    std::vector<const Tally*> tallies{&tally};
    out.counts = counts_of(tallies);
    SourceLoc where = g.rollup.where.file.empty() ? g.where : g.rollup.where;
    Decision d =
        decide(pack, g.rollup, group.rollup_scale, tallies, out.counts, owner_name("group", g.id, where), errors);
    out.rating = d.rating;
    out.explanation = std::move(d.explanation);
    return out;
}

ThemeOutcome roll_up_theme(const Pack& pack, const ThemePlan& theme, const std::vector<Tally>& group_tallies,
                           std::vector<std::string>& errors) {
    const Theme& t = pack.themes[theme.index];
    ThemeOutcome out;
    out.theme = theme.index;
    std::vector<const Tally*> tallies;
    for (uint32_t g : theme.groups) tallies.push_back(&group_tallies[g]);
    out.counts = counts_of(tallies);
    SourceLoc where = t.rollup.where.file.empty() ? t.where : t.rollup.where;
    Decision d = decide(pack, t.rollup, theme.scale, tallies, out.counts, owner_name("theme", t.id, where), errors);
    out.rating = d.rating;
    out.explanation = std::move(d.explanation);
    return out;
}

}  // namespace assay::assess_detail
