// Published arrows and ratings against the data. A published arrow may be a
// symbol (▲ ◀▶ ▼ ★), a word, the pack's own symbol or word, or "N/A".
#include "assess/checks.hpp"

#include "assess/explain.hpp"
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

/// The label of the outcome's rating, or "none".
std::string rating_text(const SeriesContext& ctx, const Outcome& o) {
    if (o.rating < 0 || !ctx.group.scale) return "none";
    return ctx.group.scale->levels[static_cast<size_t>(o.rating)].label;
}

/// The detail of a rating mismatch.
std::string rating_detail(const SeriesContext& ctx, const Outcome& o) {
    const RatingRule& rule = ctx.group.group->rating;
    std::string target;
    if (o.target) target = o.target->on_track ? ", on track" : ", not on track";
    std::string result =
        o.rating < 0 ? "no rating (" + (o.error.empty() ? o.rating_reason : o.error) + ")" : rating_text(ctx, o);
    return fmt::format("data gives {}, arrow {}{}: {} under {}", data_text(ctx, o), to_string(o.arrow), target, result,
                       rule_at(rule.name.empty() ? "rating" : rule.name, rule.where));
}

/// Whether the published rating text names the computed rating.
bool rating_matches(const SeriesContext& ctx, const Outcome& o, std::string_view text) {
    std::string_view t = trim(text);
    if (o.rating < 0) return says_none(t);
    return iequals(t, rating_text(ctx, o));
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
            c.detail = arrow_detail(ctx, o, known);
        } else {
            if (rating_matches(ctx, o, p.text)) continue;
            c.kind = "published_rating";
            c.computed = rating_text(ctx, o);
            c.detail = rating_detail(ctx, o);
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
