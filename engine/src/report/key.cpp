// The key to assessment, generated from the Pack so it cannot drift from the
// rules: the scales with their meanings, the arrows the groups can give, and
// (for `assay key`) each group's arrow rule, target, rating cases and
// roll-up in words, then each theme's roll-up. Built once as blocks
// (headings, tables, paragraphs, list items), then laid out as terminal
// text or Markdown; the run report's key section is the same blocks.
#include "report/key.hpp"

#include "report/common.hpp"
#include "report/renderers.hpp"
#include "report/tables.hpp"
#include "report/text.hpp"

#include <assay/number.hpp>

#include <assay/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace assay::reporting {
namespace {

// ---- blocks -------------------------------------------------------------

/// One piece of the key before layout.
struct Block {
    enum class Kind { title, section, heading, table, paragraph, item } kind;
    std::string text;
    Table table;
    int level = 0;  ///< list items: nesting depth from 0
};

using Blocks = std::vector<Block>;

void add(Blocks& b, Block::Kind kind, std::string text, int level = 0) {
    b.push_back(Block{kind, std::move(text), {}, level});
}

void add_table(Blocks& b, Table t) {
    b.push_back(Block{Block::Kind::table, {}, std::move(t), 0});
}

std::string lay_out_terminal(const Blocks& blocks, const RenderOptions& options) {
    const size_t width = static_cast<size_t>(std::max(options.width, 40));
    std::string out;
    auto underline = [&](const std::string& text, char c) {
        for (const std::string& line : wrap(text, width)) out += line + '\n';
        out.append(std::min(display_width(text), width), c);
        out += '\n';
    };
    for (const Block& b : blocks) {
        switch (b.kind) {
            case Block::Kind::title:
                underline(b.text, '=');
                break;
            case Block::Kind::section:
                out += '\n';
                underline(b.text, '-');
                break;
            case Block::Kind::heading:
                out += '\n' + b.text + '\n';
                break;
            case Block::Kind::table:
                out += terminal_table(b.table, width, options.colour);
                break;
            case Block::Kind::paragraph:
                for (const std::string& line : wrap(b.text, width)) out += line + '\n';
                break;
            case Block::Kind::item: {
                // Items hang under their heading; continuation lines indent two more.
                const size_t indent = 2 + 2 * static_cast<size_t>(b.level);
                const size_t room = width > indent + 22 ? width - indent - 2 : 20;
                std::vector<std::string> lines = wrap(b.text, room);
                for (size_t i = 0; i < lines.size(); ++i)
                    out += std::string(indent + (i ? 2 : 0), ' ') + lines[i] + '\n';
                break;
            }
        }
    }
    return out;
}

std::string lay_out_markdown(const Blocks& blocks) {
    std::string out;
    bool in_list = false;
    for (const Block& b : blocks) {
        if (in_list && b.kind == Block::Kind::table) out += '\n';  // headings and paragraphs open with one
        in_list = b.kind == Block::Kind::item;
        switch (b.kind) {
            case Block::Kind::title:
                out += "# " + markdown_text(b.text) + "\n";
                break;
            case Block::Kind::section:
                out += "\n## " + markdown_text(b.text) + "\n";
                break;
            case Block::Kind::heading:
                out += "\n### " + markdown_text(b.text) + "\n\n";
                break;
            case Block::Kind::table:
                out += markdown_table(b.table);
                break;
            case Block::Kind::paragraph:
                out += "\n" + markdown_text(b.text) + "\n";
                break;
            case Block::Kind::item:
                out += std::string(2 * static_cast<size_t>(b.level), ' ') + "- " + markdown_text(b.text) + "\n";
                break;
        }
    }
    return out;
}

std::string lay_out(const Blocks& blocks, Format format, const RenderOptions& options) {
    // Control characters from the pack never reach the terminal (our colours do).
    if (format == Format::terminal) return terminal_text(lay_out_terminal(blocks, options), options.colour);
    if (format == Format::markdown) return lay_out_markdown(blocks);
    throw InputError(fmt::format("the key is printed as terminal text or markdown, not {}", to_string(format)));
}

// ---- which arrows -------------------------------------------------------

/// An indicator's polarity and unit as the data declares them, or as the
/// pack derives them (a derived series takes its first input's unless it
/// says otherwise); nullopt when neither knows the indicator.
std::optional<std::pair<Polarity, std::string>> indicator_meta(const Pack& p, const Dataset& data,
                                                               const std::string& id, int depth = 0) {
    if (auto i = data.find_indicator(id)) return std::pair{data.indicators[*i].polarity, data.indicators[*i].unit};
    for (const DerivedSeries& d : p.derived) {
        if (d.id != id) continue;
        std::optional<std::pair<Polarity, std::string>> first;
        if (!d.inputs.empty() && depth < 8) first = indicator_meta(p, data, d.inputs.front(), depth + 1);
        Polarity polarity = d.polarity ? *d.polarity : first ? first->first : Polarity::neutral;
        std::string unit = !d.unit.empty()                       ? d.unit
                           : d.kind == DerivedSeries::Kind::rate ? "rate"
                           : first                               ? first->second
                                                                 : "count";
        return std::pair{polarity, unit};
    }
    return std::nullopt;
}

/// The polarities a group's indicators are assessed with.
std::array<bool, 3> group_polarities(const Pack& p, const Group& g, const Dataset* data) {
    std::array<bool, 3> seen{};
    if (g.polarity) {
        seen[static_cast<size_t>(*g.polarity)] = true;
        return seen;
    }
    bool found = false;
    if (data)
        for (const std::string& id : g.indicators)
            if (auto meta = indicator_meta(p, *data, id)) {
                seen[static_cast<size_t>(meta->first)] = true;
                found = true;
            }
    // Without data an indicator's polarity is unknown; a key is written for
    // indicators that improve or decline.
    if (!found) seen[static_cast<size_t>(Polarity::higher_is_better)] = true;
    return seen;
}

/// Whether one of a group's arrow rules can mark a peak: it has peak_at and
/// (with data) the group has a percentage, the only unit with a maximum.
bool can_peak(const Pack& p, const Group& g, const Dataset* data) {
    bool peak_at = g.arrow.peak_at.has_value();
    for (const NamedArrowRule& other : g.other_arrows) peak_at = peak_at || other.rule.peak_at.has_value();
    if (!peak_at) return false;
    if (!data) return true;
    return std::any_of(g.indicators.begin(), g.indicators.end(), [&](const std::string& id) {
        auto meta = indicator_meta(p, *data, id);
        return !meta || meta->second == "percent";
    });
}

/// The scales and arrows: the key as a report prints it.
void legend(Blocks& b, const Pack& p, const std::vector<Arrow>& arrows, bool not_assessed) {
    std::vector<const Scale*> scales = key_scales(p);
    for (const Scale* s : scales) {
        add(b, Block::Kind::heading, scales.size() > 1 ? "Ratings (" + s->name + ")" : std::string("Ratings"));
        add_table(b, scale_key(*s));
    }
    if (arrows.empty() && !not_assessed) return;
    add(b, Block::Kind::heading, "Directional arrows");
    add_table(b, arrows_table(p, arrows, not_assessed));
}

}  // namespace

// ---- rules in words -----------------------------------------------------

namespace {

std::string number(double x) {
    return format_number(x);
}

std::string band_words(const Band& b) {
    return b.kind == Band::Kind::relative ? number(b.width) + "%" : number(b.width);
}

std::string polarity_words(std::optional<Polarity> p) {
    if (!p) return "each indicator's own polarity";
    if (*p == Polarity::neutral) return "neutral: up or down is neither better nor worse";
    return std::string(assay::polarity_words(*p));
}

std::string nested_words(const Condition& c, std::optional<Polarity> p, bool nested);

/// "the target", "the floor": what a comparison is made with.
std::string reference_words(const Condition& c) {
    return "the " + (c.reference.empty() ? std::string("target") : c.reference);
}

/// "±5 %", "5 %", "the tolerance": the band of a within / short_of / better_by condition.
std::string band_phrase(const Condition& c, bool plus_minus = true) {
    if (!c.band_column.empty()) return "the " + c.band_column;
    std::string pm = plus_minus ? "\u00B1" : "";
    return c.band.kind == Band::Kind::relative ? pm + number(c.band.width) + " %"
                                               : pm + number(c.band.width) + " (in the indicator's units)";
}

std::string joined(const Condition& c, std::optional<Polarity> p, std::string_view word) {
    std::string out;
    for (size_t i = 0; i < c.children.size(); ++i) {
        if (i) out += i + 1 == c.children.size() ? " " + std::string(word) + " " : ", ";
        out += nested_words(c.children[i], p, true);
    }
    return out;
}

std::string negation_words(const Condition& c, std::optional<Polarity> p) {
    using K = Condition::Kind;
    switch (c.kind) {
        case K::has_arrow:
            return "there is no earlier dataset to compare with";
        case K::has_target:
            return "there is no target";
        case K::on_track:
            return "not on track to meet the target";
        case K::met:
            return "the target is not met";
        case K::will_meet:
            return "the recent trend will not meet the target by its due date";
        case K::improved:
            return "performance has not improved";
        case K::declined:
            return "performance has not declined";
        case K::static_:
            return "performance has not remained static";
        case K::peak:
            return "performance is not at its peak";
        default:
            return "not (" + nested_words(c, p, false) + ")";
    }
}

/// "significantly better than England (95 % confidence interval)".
std::string comparator_words(const Condition& c) {
    std::string level = format_number(c.level * 100);
    const char* what = c.kind == Condition::Kind::similar                ? "similar to"
                       : c.kind == Condition::Kind::significantly_better ? "significantly better than"
                                                                         : "significantly worse than";
    return fmt::format("{} {} ({} % confidence interval)", what, c.comparator_area, level);
}

/// "above the upper 99.8 % control limit of a funnel plot around England";
/// "significantly better than England (99.8 % funnel limit)".
std::string funnel_words(const Condition& c) {
    std::string level = format_number(c.level * 100);
    if (c.kind == Condition::Kind::better_than_funnel || c.kind == Condition::Kind::worse_than_funnel)
        return fmt::format("significantly {} than {} ({} % funnel limit)",
                           c.kind == Condition::Kind::better_than_funnel ? "better" : "worse", c.comparator_area,
                           level);
    if (c.kind == Condition::Kind::within_funnel)
        return fmt::format("within the {} % control limits of a funnel plot around {}", level, c.comparator_area);
    return fmt::format("{} the {} {} % control limit of a funnel plot around {}",
                       c.kind == Condition::Kind::above_funnel ? "above" : "below",
                       c.kind == Condition::Kind::above_funnel ? "upper" : "lower", level, c.comparator_area);
}

/// " (the long arrow)" for a condition on one of the group's named arrows.
std::string which_arrow(const Condition& c) {
    return c.arrow.empty() ? std::string() : " (" + c.arrow + " arrow)";
}

std::string nested_words(const Condition& c, std::optional<Polarity> p, bool nested) {
    using K = Condition::Kind;
    switch (c.kind) {
        case K::always:
            return "otherwise";
        case K::on_track:
            return "on track to meet the target";
        case K::will_meet:
            return "the recent trend will meet the target by its due date";
        case K::met:
            return "the target is met";
        case K::improved:
            return "performance has improved" + which_arrow(c);
        case K::static_:
            return "performance has remained static" + which_arrow(c);
        case K::declined:
            return "performance has declined" + which_arrow(c);
        case K::peak:
            return "performance has peaked" + which_arrow(c);
        case K::has_target:
            return "there is a target";
        case K::has_arrow:
            return "there is an earlier dataset to compare with" + which_arrow(c);
        case K::better_than:
            if (!c.reference.empty()) {
                if (p == Polarity::higher_is_better) return "at or above the " + c.reference;
                if (p == Polarity::lower_is_better) return "at or below the " + c.reference;
                return "at or better than the " + c.reference;
            }
            if (p == Polarity::higher_is_better) return "the value is " + number(c.amount) + " or more";
            if (p == Polarity::lower_is_better) return "the value is " + number(c.amount) + " or less";
            return "the value is at least as good as " + number(c.amount);
        case K::distance_within:
            // One-sided: a value beyond the target is never short of it.
            return c.band.kind == Band::Kind::relative
                       ? "at most " + band_words(c.band) + " short of the target (or beyond it)"
                       : "at most " + band_words(c.band) + " short of the target, in its units (or beyond it)";
        case K::within:
            return "within " + band_phrase(c) + " of " + reference_words(c) + ", either side";
        case K::short_of:
            return "more than " + band_phrase(c, false) + " short of " + reference_words(c);
        case K::better_by:
            return "better than " + reference_words(c) + " by more than " + band_phrase(c, false);
        case K::significantly_better:
        case K::similar:
        case K::significantly_worse:
            return comparator_words(c);
        case K::above_funnel:
        case K::within_funnel:
        case K::below_funnel:
        case K::better_than_funnel:
        case K::worse_than_funnel:
            return funnel_words(c);
        case K::not_:
            return c.children.empty() ? "never" : negation_words(c.children.front(), p);
        case K::all:
        case K::any: {
            std::string s = joined(c, p, c.kind == K::all ? "and" : "or");
            return nested && c.children.size() > 1 ? "(" + s + ")" : s;
        }
    }
    return c.text;
}

}  // namespace

std::string condition_words(const Condition& c, std::optional<Polarity> p) {
    return nested_words(c, p, false);
}

std::string arrow_words(const ArrowRule& a, std::optional<Polarity> p) {
    if (a.test == ArrowRule::Test::change)
        return fmt::format(
            "compares the last two available datasets; moves only on a statistically significant change ({} % "
            "confidence interval of the rate ratio, or of the difference for proportions and means, excluding no "
            "change); otherwise static",
            format_number(a.level * 100));
    if (a.test == ArrowRule::Test::trend)
        return fmt::format(
            "moves only on a statistically significant recent trend over the last {} values (chi-squared test for "
            "trend at {} %); otherwise static",
            a.span, format_number(a.level * 100));
    std::string out;
    switch (a.compare) {
        case ArrowRule::Compare::last_two:
            out = "compares the last two available datasets";
            break;
        case ArrowRule::Compare::same_period_last_year:
            out = "compares the latest value with the same period a year earlier";
            break;
        case ArrowRule::Compare::periods_back:
            out = a.span == 1 ? std::string("compares the last two available datasets")
                              : fmt::format("compares the latest value with the value {} datasets earlier", a.span);
            break;
    }
    if (a.static_band.width == 0)
        out += "; any change at all counts (static only when unchanged)";
    else if (a.static_band.kind == Band::Kind::relative)
        out += "; a change within " + band_words(a.static_band) + " of the earlier value is static";
    else
        out += "; a change of at most " + band_words(a.static_band) + " either way is static";
    if (a.peak_at) {
        std::string where = p == Polarity::lower_is_better    ? "or below"
                            : p == Polarity::higher_is_better ? "or above"
                                                              : "or beyond";
        out += "; a percentage at " + where + " " + number(*a.peak_at) + " has peaked";
    }
    return out;
}

namespace {

std::string level_words(const Scale* s, const RatingRule::Case& c) {
    if (c.level < 0) return c.reason.empty() ? "no rating" : "no rating (\"" + c.reason + "\")";
    if (!s || c.level >= static_cast<int>(s->levels.size())) return "level " + std::to_string(c.level);
    return s->levels[static_cast<size_t>(c.level)].label;
}

}  // namespace

std::string rollup_words(const RollupRule& r, const Scale* s) {
    using K = RollupRule::Kind;
    const bool own_text = !r.text.empty() && r.text != "worst" && r.text != "best" && r.text != "majority" &&
                          r.text != "function" && !r.text.starts_with("mean {");
    if (own_text) return r.text;
    switch (r.kind) {
        case K::none:
            return "";
        case K::worst:
            return "the worst rating of its indicators";
        case K::best:
            return "the best rating of its indicators";
        case K::majority:
            return "the most frequent rating of its indicators (a tie goes to the worse)";
        case K::script:
            return "decided by a rule function";
        case K::mean: {
            std::string out =
                "each rated indicator scores from 0 (its scale's worst level) to 1 (its best); the mean gives ";
            for (size_t i = 0; i < r.thresholds.size(); ++i) {
                const auto& [score, level] = r.thresholds[i];
                std::string label = s && level >= 0 && level < static_cast<int>(s->levels.size())
                                        ? s->levels[static_cast<size_t>(level)].label
                                        : "level " + std::to_string(level);
                out += (i ? ", " : "") + label + " from " + number(score);
            }
            return out;
        }
    }
    return r.text;
}

namespace {

/// Indicator names for the key: titles when the data is known.
std::string indicator_name(const std::string& id, const Dataset* data) {
    if (data)
        if (auto i = data->find_indicator(id); i && !data->indicators[*i].title.empty())
            return data->indicators[*i].title;
    return id;
}

void target_items(Blocks& b, const Pack& p, const Group& g, const Dataset* data) {
    if (g.target) add(b, Block::Kind::item, "Target for each indicator: " + g.target->text + ".");
    bool progress = g.target && g.target->kind != TargetRule::Kind::absolute && !g.target->baseline.empty();
    std::vector<std::string> own;
    for (const std::string& id : g.indicators)
        for (const TargetRule& t : p.targets)
            if (t.indicator == id) {
                own.push_back(indicator_name(id, data) + ": " + t.text);
                progress = progress || !t.baseline.empty();
            }
    if (!own.empty()) {
        add(b, Block::Kind::item, g.target ? "Own targets (these win):" : "Targets:");
        for (const std::string& line : own) add(b, Block::Kind::item, line, 1);
    }
    if (progress)
        add(b, Block::Kind::item,
            "On track means at or better than the straight line from the baseline to the target at the period "
            "assessed.");
}

void rating_items(Blocks& b, const Pack& p, const Group& g, std::optional<Polarity> polarity) {
    const Scale* s = p.find_scale(g.scale);
    const std::string on = s ? " (" + s->name + ")" : std::string();
    switch (g.rating.kind) {
        case RatingRule::Kind::none:
            add(b, Block::Kind::item, "Not rated.");
            break;
        case RatingRule::Kind::script:
            add(b, Block::Kind::item,
                "Rating" + on + ": " +
                    (g.rating.description.empty() ? "decided by a rule function." : g.rating.description));
            break;
        case RatingRule::Kind::first_match:
            add(b, Block::Kind::item, "Rating" + on + ", the first that applies:");
            for (const RatingRule::Case& c : g.rating.cases) {
                const bool always = c.when.kind == Condition::Kind::always;
                add(b, Block::Kind::item,
                    level_words(s, c) + (always ? " otherwise" : " when " + condition_words(c.when, polarity)), 1);
            }
            break;
    }
    if (g.rollup.kind != RollupRule::Kind::none) {
        const Scale* rs = p.find_scale(g.scale_rollup.empty() ? g.scale : g.scale_rollup);
        add(b, Block::Kind::item,
            "Table rating" + (rs ? " (" + rs->name + ")" : std::string()) + ": " + rollup_words(g.rollup, rs));
    }
}

void group_rules(Blocks& b, const Pack& p, const Group& g, const Dataset* data) {
    std::optional<Polarity> polarity = g.polarity;
    if (!polarity && data) {
        std::array<bool, 3> seen = group_polarities(p, g, data);
        if (std::count(seen.begin(), seen.end(), true) == 1)
            polarity = static_cast<Polarity>(std::find(seen.begin(), seen.end(), true) - seen.begin());
    }
    add(b, Block::Kind::heading, title_of(g));
    add(b, Block::Kind::item,
        fmt::format("{} {}; {}.", g.indicators.size(), g.indicators.size() == 1 ? "indicator" : "indicators",
                    polarity_words(polarity)));
    ArrowRule arrow = g.arrow;
    if (!can_peak(p, g, data)) arrow.peak_at.reset();  // peaks are for percentages, and the group has none
    if (!g.arrow.none) add(b, Block::Kind::item, "Direction of travel: " + arrow_words(arrow, polarity) + ".");
    for (const NamedArrowRule& other : g.other_arrows)
        add(b, Block::Kind::item, "The " + other.name + " arrow: " + arrow_words(other.rule, polarity) + ".");
    target_items(b, p, g, data);
    rating_items(b, p, g, polarity);
}

/// The groups in the order the report prints them: each theme's listed
/// groups, then the groups naming it, then the groups of no theme.
std::vector<size_t> report_order(const Pack& p) {
    std::vector<size_t> order;
    std::vector<char> placed(p.groups.size(), 0);
    auto place = [&](size_t g) {
        if (!placed[g]) order.push_back(g);
        placed[g] = 1;
    };
    for (const Theme& t : p.themes) {
        for (const std::string& id : t.groups)
            for (size_t g = 0; g < p.groups.size(); ++g)
                if (p.groups[g].id == id) place(g);
        for (size_t g = 0; g < p.groups.size(); ++g)
            if (p.groups[g].theme == t.id) place(g);
    }
    for (size_t g = 0; g < p.groups.size(); ++g) place(g);
    return order;
}

void theme_rules(Blocks& b, const Pack& p, const Theme& t) {
    add(b, Block::Kind::heading, title_of(t));
    std::string groups;
    for (size_t gi : report_order(p)) {
        const Group& g = p.groups[gi];
        if (g.theme == t.id || std::find(t.groups.begin(), t.groups.end(), g.id) != t.groups.end())
            groups += (groups.empty() ? "" : "; ") + title_of(g);
    }
    add(b, Block::Kind::item, "Tables: " + (groups.empty() ? std::string("none") : groups) + ".");
    const Scale* s = p.find_scale(t.scale);
    if (t.rollup.kind == RollupRule::Kind::none)
        add(b, Block::Kind::item, "Not rated.");
    else
        add(b, Block::Kind::item,
            "Rating" + (s ? " (" + s->name + ")" : std::string()) + ": " + rollup_words(t.rollup, s));
}

}  // namespace

std::vector<Arrow> key_arrows(const Pack& p, const Dataset* data) {
    bool better = false, neutral = false, peak = false;
    for (const Group& g : p.groups) {
        if (g.arrow.none && g.other_arrows.empty()) continue;  // no direction of travel: no arrows to explain
        std::array<bool, 3> seen = group_polarities(p, g, data);
        better = better || seen[0] || seen[1];
        neutral = neutral || seen[2];
        peak = peak || can_peak(p, g, data);
    }
    std::vector<Arrow> arrows;
    if (better) arrows.push_back(Arrow::improved);
    if (better || neutral) arrows.push_back(Arrow::static_);
    if (better) arrows.push_back(Arrow::declined);
    if (peak) arrows.push_back(Arrow::peak);
    if (neutral) {
        arrows.push_back(Arrow::increased);
        arrows.push_back(Arrow::decreased);
    }
    return arrows;
}

std::vector<Arrow> report_arrows(const Assessment& a, bool& not_assessed) {
    std::vector<Arrow> arrows = key_arrows(*a.pack, a.dataset);
    not_assessed = false;
    auto note = [&](Arrow arrow) {
        if (arrow == Arrow::none)
            not_assessed = true;
        else if (std::find(arrows.begin(), arrows.end(), arrow) == arrows.end())
            arrows.push_back(arrow);  // an arrow the rules gave after all: the key must explain it
    };
    for (const Outcome& o : a.outcomes) {
        if (!group_of(a, o).arrow.none) note(o.arrow);
        for (const OtherArrow& other : o.other_arrows) note(other.arrow);
    }
    std::sort(arrows.begin(), arrows.end(), [](Arrow x, Arrow y) { return static_cast<int>(x) < static_cast<int>(y); });
    return arrows;
}

Table arrows_table(const Pack& p, const std::vector<Arrow>& arrows, bool not_assessed) {
    Table t;
    t.columns = {{"Trend", false, false, false}, {"How identified", false, true, false}};
    for (Arrow arrow : arrows) {
        const ArrowStyle& style = p.arrows[static_cast<size_t>(arrow)];
        std::string meaning = !style.meaning.empty() ? style.meaning
                              : !style.word.empty()  ? style.word
                                                     : std::string(to_string(arrow));
        t.rows.push_back({Cell{std::string(arrow_symbol(p, arrow)), Tone::arrow, -1, 0, arrow}, Cell{meaning}});
    }
    if (not_assessed)
        t.rows.push_back(
            {Cell{"No arrow", Tone::arrow, -1, 0, Arrow::none}, Cell{"Not assessed: the comments say why"}});
    return t;
}

std::string report_key(const Assessment& a, Format format, const RenderOptions& options) {
    bool not_assessed = false;
    std::vector<Arrow> arrows = report_arrows(a, not_assessed);
    Blocks b;
    add(b, Block::Kind::section, "Key to assessment of performance");
    legend(b, *a.pack, arrows, not_assessed);
    return lay_out(b, format, options);
}

}  // namespace assay::reporting

namespace assay {

std::string render_key(const Pack& pack, Format format) {
    return render_key(pack, format, KeyOptions{});
}

std::string render_key(const Pack& pack, Format format, const KeyOptions& options) {
    using reporting::Block;
    reporting::Blocks b;
    reporting::add(b, Block::Kind::title, "Key to assessment of performance");
    std::string about = reporting::title_of(pack);
    about += " · rules " + pack.name + (pack.version.empty() ? "" : " " + pack.version);
    reporting::add(b, Block::Kind::paragraph, about);
    reporting::legend(b, pack, reporting::key_arrows(pack, options.data), false);
    if (options.rules && (!pack.groups.empty() || !pack.themes.empty())) {
        reporting::add(b, Block::Kind::section, "How each table is assessed");
        for (size_t g : reporting::report_order(pack)) reporting::group_rules(b, pack, pack.groups[g], options.data);
        for (const Theme& t : pack.themes) reporting::theme_rules(b, pack, t);
    }
    return reporting::lay_out(b, format, options.render);
}

}  // namespace assay
