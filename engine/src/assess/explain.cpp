// Wording of explanation traces and comments. Figures always go through
// round_to + format_number, so the text is the same on every machine and
// locale.
#include "assess/explain.hpp"

#include <assay/number.hpp>
#include <assay/presentation.hpp>

#include <fmt/format.h>

namespace assay::assess_detail {

std::string figure(double x, int decimals, Rounding mode) {
    return format_number(round_to(x, decimals, mode));
}

std::string figure(const SeriesContext& ctx, double x) {
    return figure(x, ctx.explain_decimals(), ctx.rounding());
}

std::string arrow_rule_name(const ArrowRule& r) {
    if (!r.name.empty()) return r.name;
    switch (r.compare) {
        case ArrowRule::Compare::last_two:
            return "arrow.last_two";
        case ArrowRule::Compare::same_period_last_year:
            return "arrow.same_period_last_year";
        case ArrowRule::Compare::periods_back:
            return fmt::format("arrow.periods_back({})", r.span);
    }
    return "arrow";
}

std::string rule_ref(std::string_view name, const SourceLoc& where) {
    std::string place = to_string(where);
    if (name.empty()) return place;
    if (place.empty()) return std::string(name);
    return fmt::format("{}, {}", name, place);
}

std::string rule_at(std::string_view name, const SourceLoc& where) {
    std::string place = to_string(where);
    if (name.empty()) return place;
    if (place.empty()) return std::string(name);
    return fmt::format("{} ({})", name, place);
}

std::string band_text(const Band& b) {
    if (b.kind == Band::Kind::relative) return format_number(b.width) + "%";
    return format_number(b.width);
}

const std::string& period_label(const Dataset& d, uint32_t p) {
    return d.periods[p].label;
}

namespace {

/// A figure as printed in the report column: the indicator's decimals.
std::string printed(const SeriesContext& ctx, double x, int decimals) {
    return format_fixed(round_to(x, decimals, ctx.rounding()), decimals);
}

/// {value}, {previous}, {target}: the figure in the pack's conventions; a
/// percentage without its "%", which templates write themselves ("{value}%").
std::string number_text(const Indicator& ind, double x, Rounding r, const Style& style) {
    if (ind.unit != "percent") return format_value(ind, x, r, style);
    Style plain;
    plain.thousands = -1;
    return format_figure(x, ind.decimals, r, plain, style.sign_values);
}

/// {change_pct}: "-6.9%"; for a percentage whose change the pack prints in
/// points ({change} is "+1.5pts"), no relative %: the pack's not-applicable
/// text, else "N/A".
std::string change_pct_text(const Indicator& ind, std::optional<double> change, std::optional<double> change_pct,
                            Rounding r, const Style& style) {
    (void)change;
    if (change_in_points(ind, style)) return style.not_applicable.empty() ? std::string("N/A") : style.not_applicable;
    return change_pct ? format_change_pct(ind, *change_pct, r, style) : std::string("N/A");
}

/// {arrow.long}, {previous.long}, {change.long}, {change_pct.long}: a field
/// of the group's named arrow; nullopt when the name is not one of them.
std::optional<std::string> named_arrow_field(std::string_view name, const SeriesContext& ctx, const Outcome& o,
                                             const Style& style) {
    size_t dot = name.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    std::string_view what = name.substr(0, dot), which = name.substr(dot + 1);
    for (const OtherArrow& a : o.other_arrows) {
        if (a.name != which) continue;
        const Indicator& ind = ctx.meta();
        if (what == "arrow") return std::string(to_string(a.arrow));
        if (what == "previous")
            return a.previous ? number_text(ind, a.previous->value, ctx.rounding(), style) : std::string("N/A");
        if (what == "previous_period") return a.previous ? period_label(ctx.data, a.previous->period) : std::string();
        if (what == "change")
            return a.change ? format_change(ind, *a.change, ctx.rounding(), style) : std::string("N/A");
        if (what == "change_pct") return change_pct_text(ind, a.change, a.change_pct, ctx.rounding(), style);
        return std::nullopt;
    }
    return std::nullopt;
}

/// The value of one template field, or nullopt when the name is unknown.
std::optional<std::string> field(std::string_view name, const SeriesContext& ctx, const Outcome& o,
                                 const Style& style) {
    const Indicator& ind = ctx.meta();
    int dec = ind.decimals;
    const Rounding r = ctx.rounding();
    if (name == "indicator") return ind.id;
    if (name == "title") return ind.title;
    if (name == "area") return ctx.area();
    if (name == "period") return o.current ? period_label(ctx.data, o.current->period) : std::string();
    if (name == "value") return o.current ? number_text(ind, o.current->value, r, style) : std::string("N/A");
    if (name == "previous_period") return o.previous ? period_label(ctx.data, o.previous->period) : std::string();
    if (name == "previous") return o.previous ? number_text(ind, o.previous->value, r, style) : std::string("N/A");
    if (name == "change") return o.change ? format_change(ind, *o.change, r, style) : std::string("N/A");
    if (name == "change_pct") return change_pct_text(ind, o.change, o.change_pct, r, style);
    if (name == "arrow") return std::string(to_string(o.arrow));
    if (name == "rating") {
        if (o.rating < 0 || !ctx.group.scale) return std::string("none");
        return ctx.group.scale->levels[static_cast<size_t>(o.rating)].label;
    }
    if (name == "target") return o.target ? number_text(ind, o.target->target, r, style) : std::string("N/A");
    if (name == "distance") return o.target ? printed(ctx, o.target->distance, dec) : std::string("N/A");
    if (name == "note") {
        if (!o.latest_obs) return std::string();
        auto it = ctx.data.notes.find(*o.latest_obs);
        return it == ctx.data.notes.end() ? std::string() : it->second;
    }
    return named_arrow_field(name, ctx, o, style);
}

}  // namespace

std::string render_comment(std::string_view tmpl, const SeriesContext& ctx, const Outcome& o) {
    std::string out;
    // The pack's presentation conventions, looked up only for a template with fields.
    const Style style = tmpl.find('{') == std::string_view::npos || !ctx.group.group
                            ? Style{}
                            : ctx.pack.style_for(*ctx.group.group, ctx.meta().id);
    size_t i = 0;
    while (i < tmpl.size()) {
        if (tmpl.compare(i, 2, "{{") == 0) {
            out += '{';
            i += 2;
            continue;
        }
        size_t close = tmpl[i] == '{' ? tmpl.find('}', i) : std::string_view::npos;
        if (close != std::string_view::npos) {
            std::optional<std::string> value = field(tmpl.substr(i + 1, close - i - 1), ctx, o, style);
            if (value) {
                out += *value;
                i = close + 1;
                continue;
            }
        }
        out += tmpl[i++];
    }
    return out;
}

}  // namespace assay::assess_detail
