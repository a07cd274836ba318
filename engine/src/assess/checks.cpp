// Published arrows and ratings against the data. A published arrow may be a
// symbol (▲ ◀▶ ▼ ★), a word, the pack's own symbol or word, or "N/A".
#include "assess/checks.hpp"

#include "assess/explain.hpp"
#include "core/closest_name.hpp"
#include "core/shown_text.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace assay::assess_detail {
namespace {

/// Whether the text says "no arrow / no rating".
bool says_none(std::string_view t) {
    return t.empty() || iequals(t, "N/A") || iequals(t, "NA") || iequals(t, "none") || t == "-";
}

/// Which arrows the published text may stand for (several for ▲: improved,
/// or increased on a neutral indicator).
std::array<bool, 7> arrows_meant(const Pack& pack, std::string_view text) {
    std::array<bool, 7> meant{};
    auto mark = [&](Arrow a) { meant[static_cast<size_t>(a)] = true; };
    std::string_view t = trim(text);
    if (says_none(t)) mark(Arrow::none);
    if (t == "▲") {
        mark(Arrow::improved);
        mark(Arrow::increased);
    }
    if (t == "◀▶" || t == "◄►") mark(Arrow::static_);
    if (t == "▼") {
        mark(Arrow::declined);
        mark(Arrow::decreased);
    }
    if (t == "★") mark(Arrow::peak);
    for (size_t a = 0; a < 6; ++a) {
        const ArrowStyle& style = pack.arrows[a];
        auto arrow = static_cast<Arrow>(a);
        if (iequals(t, to_string(arrow))) mark(arrow);
        if (!style.symbol.empty() && t == style.symbol) mark(arrow);
        if (!style.word.empty() && iequals(t, style.word)) mark(arrow);
    }
    return meant;
}

/// "2005/06 -0.9 -> 2006/07 -1.1 (change -0.2, -22.2%)".
std::string data_text(const SeriesContext& ctx, const Outcome& o) {
    if (!o.current) return "no value";
    int dec = ctx.meta().decimals;
    Rounding r = ctx.rounding();
    std::string cur = fmt::format("{} {}", period_label(ctx.data, o.current->period), figure(o.current->value, dec, r));
    if (!o.previous) return cur + " and no earlier value";
    std::string text =
        fmt::format("{} {} -> {}", period_label(ctx.data, o.previous->period), figure(o.previous->value, dec, r), cur);
    if (o.change) {
        text += fmt::format(" (change {}", figure(*o.change, dec, r));
        if (o.change_pct) text += fmt::format(", {}%", figure(*o.change_pct, 1, r));
        text += ")";
    }
    return text;
}

/// The detail of an arrow mismatch.
std::string arrow_detail(const SeriesContext& ctx, const Outcome& o, bool known) {
    const ArrowRule& rule = ctx.group.group->arrow;
    std::string why = o.arrow == Arrow::none ? " (" + o.arrow_reason + ")" : std::string();
    std::string text =
        fmt::format("data gives {}, {}: {}{} under {}", data_text(ctx, o), polarity_words(ctx.indicator.polarity),
                    to_string(o.arrow), why, rule_at(arrow_rule_name(rule), rule.where));
    if (!known) text += "; the published text is not an arrow the pack knows";
    return text;
}

/// "the pack's arrows are Better, No change, Worse (or ▲, ◀▶, ▼ ...) (did you mean 'Better'?)".
std::string unknown_arrow_detail(const Pack& pack, std::string_view text) {
    std::vector<std::string> names, words;
    for (size_t a = 0; a < 6; ++a) {
        const ArrowStyle& style = pack.arrows[a];
        if (!style.word.empty()) words.push_back(style.word);
        names.emplace_back(to_string(static_cast<Arrow>(a)));
        if (!style.word.empty()) names.push_back(style.word);
    }
    std::string list;
    for (const std::string& w : words) list += (list.empty() ? "" : ", ") + w;
    return fmt::format(
        "\"{}\" is not an arrow of pack '{}': expected {}{}the symbols \u25B2 \u25C0\u25B6 \u25BC "
        "\u2605, the words improved, static, declined, peak, or N/A{}",
        shown_text(trim(text)), pack.name, list, list.empty() ? "" : ", ", suggest_name(trim(text), names));
}

/// Whether `symbol` marks exactly one level (a "●" shared by every level names none).
bool unique_symbol(const Scale& scale, std::string_view symbol) {
    return std::count_if(scale.levels.begin(), scale.levels.end(),
                         [&](const ScaleLevel& l) { return l.symbol == symbol; }) == 1;
}

/// Whether the published rating text names a level of the scale (its label or its own symbol).
bool names_level(const Scale& scale, std::string_view t) {
    for (const ScaleLevel& l : scale.levels)
        if (iequals(t, l.label) || (!l.symbol.empty() && t == l.symbol && unique_symbol(scale, l.symbol))) return true;
    return false;
}

/// The label of the outcome's rating, or "none".
std::string rating_text(const SeriesContext& ctx, const Outcome& o) {
    if (o.rating < 0 || !ctx.group.scale) return "none";
    return ctx.group.scale->levels[static_cast<size_t>(o.rating)].label;
}

/// The figures a target decides with: ", 7 (14%) short of target 50 (2025/26)", ", target 50 met",
/// with ", on track" or ", not on track" for a target reached along a trajectory.
std::string target_words(const SeriesContext& ctx, const Outcome& o) {
    if (!o.target) return o.target_gap.empty() ? std::string() : ", no target: " + o.target_gap;
    const TargetOutcome& t = *o.target;
    const int dec = ctx.meta().decimals;
    const Rounding r = ctx.rounding();
    std::string of = figure(t.target, dec, r);
    if (const TargetRule* rule = t.rule; rule && !rule->values.empty() && ctx.indicator.target) {
        const Period& p = ctx.data.periods[o.current->period];
        for (const auto& [span, value] : ctx.indicator.target->values)
            if (span.first <= p.first && p.last <= span.last) of += " (" + span.label + ")";
    }
    std::string text;
    if (t.met) {
        text = fmt::format(", target {} met", of);
    } else {
        std::string pct = t.distance_pct ? fmt::format(" ({}%)", figure(*t.distance_pct, 1, r)) : std::string();
        text = fmt::format(", {}{} {} target {}", figure(t.distance, dec, r), pct,
                           ctx.indicator.target && ctx.indicator.target->lower_better ? "above" : "short of", of);
    }
    if (t.trajectory) text += t.on_track ? ", on track" : ", not on track";
    return text;
}

/// The detail of a rating mismatch.
std::string rating_detail(const SeriesContext& ctx, const Outcome& o) {
    const RatingRule& rule = ctx.group.group->rating;
    std::string target = target_words(ctx, o);
    std::string result =
        o.rating < 0 ? "no rating (" + (o.error.empty() ? o.rating_reason : o.error) + ")" : rating_text(ctx, o);
    return fmt::format("data gives {}, arrow {}{}: {} under {}", data_text(ctx, o), to_string(o.arrow), target, result,
                       rule_at(rule.name.empty() ? "rating" : rule.name, rule.where));
}

/// Whether the published rating text names the computed rating: its label in
/// any case ("Green" for "GREEN"), or its symbol when no other level shares it.
bool rating_matches(const SeriesContext& ctx, const Outcome& o, std::string_view text) {
    std::string_view t = trim(text);
    if (o.rating < 0) return says_none(t);
    if (iequals(t, rating_text(ctx, o))) return true;
    if (!ctx.group.scale) return false;
    const ScaleLevel& level = ctx.group.scale->levels[static_cast<size_t>(o.rating)];
    return !level.symbol.empty() && t == level.symbol && unique_symbol(*ctx.group.scale, level.symbol);
}

/// The detail for a published rating that names no level of the scale.
std::string unknown_rating_detail(const Scale& scale, std::string_view text) {
    std::vector<std::string> labels;
    std::string list;
    for (const ScaleLevel& l : scale.levels) {
        labels.push_back(l.label);
        list += (list.empty() ? "" : ", ") + l.label;
    }
    return fmt::format("\"{}\" is not a level of scale '{}': expected {} (in any case), or N/A{}",
                       shown_text(trim(text)), scale.name, list, suggest_name(trim(text), labels));
}

}  // namespace

PublishedChecks::PublishedChecks(const Dataset& d) : done_(d.published.size(), false) {
    for (size_t i = 0; i < d.published.size(); ++i) {
        PublishedKind k = d.published[i].kind;
        if (k == PublishedKind::arrow || k == PublishedKind::rating)
            by_series_.emplace_back(d.published[i].series, static_cast<uint32_t>(i));
    }
    std::sort(by_series_.begin(), by_series_.end());
}

void PublishedChecks::check(const SeriesContext& ctx, const Outcome& o, std::vector<Check>& out) {
    auto it = std::lower_bound(by_series_.begin(), by_series_.end(), std::pair<uint32_t, uint32_t>{ctx.series, 0});
    if (it == by_series_.end() || it->first != ctx.series || !o.latest_obs) return;
    uint32_t hi = ctx.data.obs_period[*o.latest_obs];
    uint32_t lo = o.current ? o.current->period : hi;
    for (; it != by_series_.end() && it->first == ctx.series; ++it) {
        const Published& p = ctx.data.published[it->second];
        // The row's arrow: published for the current period, or for a later
        // period whose value is missing (the report carried the last arrow).
        if (done_[it->second] || p.period < lo || p.period > hi) continue;
        done_[it->second] = true;
        Check c;
        if (p.kind == PublishedKind::arrow) {
            std::array<bool, 7> meant = arrows_meant(ctx.pack, p.text);
            if (meant[static_cast<size_t>(o.arrow)]) continue;
            bool known = std::find(meant.begin(), meant.end(), true) != meant.end();
            c.kind = "published_arrow";
            c.computed = to_string(o.arrow);
            c.detail = known ? arrow_detail(ctx, o, known) : unknown_arrow_detail(ctx.pack, p.text);
        } else {
            if (rating_matches(ctx, o, p.text)) continue;
            c.kind = "published_rating";
            c.computed = rating_text(ctx, o);
            const Scale* scale = ctx.group.scale;
            c.detail = scale && !says_none(trim(p.text)) && !names_level(*scale, trim(p.text))
                           ? unknown_rating_detail(*scale, p.text)
                           : rating_detail(ctx, o);
        }
        c.indicator = ctx.meta().id;
        c.area = ctx.area();
        c.period = period_label(ctx.data, p.period);
        c.published = p.text;
        c.where = p.where;
        out.push_back(std::move(c));
    }
}

}  // namespace assay::assess_detail
