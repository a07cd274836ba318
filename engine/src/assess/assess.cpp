// assay::assess(): resolves the pack against the prepared dataset once
// (the pack's derived series are already in it: prepare()), then assesses
// every series of every group's indicators in the pack's declared order
// (arrow, target, rating, comment, checks), counting as it goes so that
// outcomes can be streamed without being kept.
#include <assay/assessment.hpp>
#include <assay/error.hpp>

#include "assess/arrows.hpp"
#include "assess/checks.hpp"
#include "assess/context.hpp"
#include "assess/explain.hpp"
#include "assess/part.hpp"
#include "assess/plan.hpp"
#include "assess/ratings.hpp"
#include "assess/rollup.hpp"
#include "assess/significance.hpp"
#include "assess/targets.hpp"
#include "core/script_host.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>

namespace assay {
namespace {

using namespace assess_detail;

/// Clears a reused outcome, keeping its strings' storage.
void reset(Outcome& o) {
    o.latest_obs.reset();
    o.current.reset();
    o.previous.reset();
    o.change.reset();
    o.change_pct.reset();
    o.arrow = Arrow::none;
    o.arrow_reason.clear();
    o.rating = -1;
    o.rating_reason.clear();
    o.comment.clear();
    o.explanation.clear();
    o.error.clear();
    o.comparisons.clear();
    o.target_gap.clear();
    o.stale.clear();
}

/// The comment column: the group's template, else the note on the latest observation.
void comment(const SeriesContext& ctx, Outcome& o) {
    const std::string& tmpl = ctx.group.group->comment;
    if (!tmpl.empty()) {
        o.comment = render_comment(tmpl, ctx, o);
        return;
    }
    if (ctx.data.notes.empty() || !o.latest_obs) return;
    auto note = ctx.data.notes.find(*o.latest_obs);
    if (note != ctx.data.notes.end()) o.comment = note->second;
}

/// Marks a figure older than the period assessed, and leaves it unrated when
/// it is older than the group's max_age allows.
void check_age(const SeriesContext& ctx, Outcome& o) {
    if (!o.current || ctx.plan.cutoff < 0) return;
    const Period& assessed = ctx.data.periods[static_cast<size_t>(ctx.plan.cutoff)];
    const Period& figure = ctx.data.periods[o.current->period];
    if (figure.last >= assessed.first) return;
    o.stale = fmt::format("latest figure {}; none for {}", figure.label, assessed.label);
    const Group& g = *ctx.group.group;
    if (!g.max_age_months || assessed.last - figure.last <= *g.max_age_months) return;
    o.rating = -1;
    o.rating_reason = fmt::format("no figure for {}; latest {}", assessed.label, figure.label);
    if (ctx.trace)
        ctx.trace->push_back(
            fmt::format("age: the latest figure, {}, is {} months older than {}: more than max_age "
                        "= \"{}\" ({}) -> no rating",
                        figure.label, assessed.last - figure.last, assessed.label, g.max_age,
                        rule_ref(g.id + ".max_age", g.where)));
}

/// Assesses one series into `o`.
void assess_series(SeriesContext& ctx, Outcome& o) {
    o.group = ctx.group.index;
    o.series = ctx.series;
    locate_current(ctx, o);
    decide_arrow(ctx, o);
    assess_target(ctx, o);
    compare_with_comparators(ctx, o);
    interval_of_outcome(ctx, o);
    rate(ctx, o);
    check_age(ctx, o);
    comment(ctx, o);
    // Every format prints the comment on the row: a stale figure says so there.
    if (!o.stale.empty()) o.comment = o.comment.empty() ? o.stale : o.comment + "; " + o.stale;
}

/// Fatal unless `data` holds every series `pack` derives: it was prepared for this pack.
void require_prepared(const Pack& pack, const PreparedData& data) {
    if (!data) throw Fatal("assess: no dataset (prepare() makes one)");
    for (const DerivedSeries& spec : pack.derived)
        if (!data.dataset().find_indicator(spec.id))
            throw Fatal("assess: the dataset was not prepared for pack '" + pack.name +
                        "' (it lacks the derived series '" + spec.id + "'): prepare() it with this pack first");
}

/// The loop of assess(): every series of every group's indicators, in the
/// plan's order, counted into `tallies` (one per group); outcomes are kept in
/// `a` unless `sink` takes them.
void assess_series_of(const Pack& pack, const Dataset& dataset, const Plan& plan, const AssessOptions& options,
                      const OutcomeSink& sink, Assessment& a, std::vector<Tally>& tallies, bool* other_series) {
    if (!sink) a.outcomes.reserve(plan.outcome_count);
    std::optional<PublishedChecks> checks;
    if (options.check_published) {
        checks.emplace(dataset);
        if (checks->empty()) checks.reset();
    }
    tallies.reserve(plan.groups.size());
    Outcome reused;  // streamed runs assess every series into this one object
    for (const GroupPlan& g : plan.groups) {
        Tally& tally = tallies.emplace_back(g.scale);
        for (const IndicatorPlan& ip : g.indicators) {
            for (uint32_t s : *ip.series) {
                Outcome& o = sink ? reused : a.outcomes.emplace_back();
                if (sink) reset(o);
                SeriesContext ctx(pack, dataset, plan, g, ip, s);
                ctx.trace = options.explain ? &o.explanation : nullptr;
                ctx.errors = &a.errors;
                ctx.other_series = other_series;
                assess_series(ctx, o);
                tally.add(o);
                if (checks) checks->check(ctx, o, a.checks);
                if (sink) sink(a, o);
            }
        }
    }
}

/// An assessment of `data` with its plan made, nothing assessed yet.
Assessment begun(const Pack& pack, const PreparedData& data, const Plan& plan) {
    Assessment a;
    a.pack = &pack;
    a.dataset = &data.dataset();
    a.data = data;
    a.as_at = plan.as_at;
    return a;
}

}  // namespace

namespace assess_detail {

AssessedPart assess_part(const Pack& pack, const PreparedData& data, const AssessOptions& options,
                         const OutcomeSink& sink) {
    require_prepared(pack, data);
    Plan plan = make_plan(pack, data.dataset(), options);
    AssessedPart part{begun(pack, data, plan), {}, false};
    assess_series_of(pack, data.dataset(), plan, options, sink, part.assessment, part.tallies, &part.other_series);
    return part;
}

void roll_up(const Pack& pack, const Plan& plan, const std::vector<Tally>& tallies, Assessment& a) {
    for (size_t g = 0; g < plan.groups.size(); ++g)
        a.groups.push_back(roll_up_group(pack, plan.groups[g], tallies[g], a.errors));
    for (const ThemePlan& t : plan.themes) a.themes.push_back(roll_up_theme(pack, t, tallies, a.errors));
}

}  // namespace assess_detail

Assessment assess(const Pack& pack, const PreparedData& data, const AssessOptions& options, const OutcomeSink& sink) {
    require_prepared(pack, data);
    const Dataset& dataset = data.dataset();
    if (pack.host) pack.host->begin_assessment();  // nothing of an earlier assessment counts
    Plan plan = make_plan(pack, dataset, options);
    Assessment a = begun(pack, data, plan);
    std::vector<Tally> tallies;
    assess_series_of(pack, dataset, plan, options, sink, a, tallies, nullptr);
    roll_up(pack, plan, tallies, a);
    return a;
}

}  // namespace assay
