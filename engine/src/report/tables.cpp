// The report's tables before layout (see tables.hpp): one table per group
// with the group's periods as columns, the key and the checks.
#include "report/tables.hpp"

#include "report/common.hpp"
#include "report/key.hpp"
#include "report/period_grid.hpp"
#include "report/wording.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace assay::reporting {
namespace {

Cell rating_cell(const Scale* scale, int level, std::string_view none_text) {
    Cell c;
    auto label = level_label(scale, level);
    c.text = label ? std::string(*label) : std::string(none_text);
    if (label) {
        c.tone = Tone::rating;
        c.level = level;
        c.levels = static_cast<int>(scale->levels.size());
    }
    return c;
}

// The arrow with its word ("▲ Improved"), so that it reads without colour or
// the key; "No arrow" when none was computed, never the "Not rated" of a rating.
Cell arrow_cell(const Pack& p, Arrow arrow) {
    std::string text = arrow == Arrow::none ? std::string("No arrow")
                                            : std::string(arrow_symbol(p, arrow)) + " " + arrow_word(p, arrow);
    return Cell{std::move(text), Tone::arrow, -1, 0, arrow};
}

Cell text_cell(std::string text) {
    return Cell{std::move(text)};
}

Heading heading(std::string title, bool rated, const Scale* scale, int level, const Counts* counts,
                const std::vector<std::string>* explanation, const Scale* counts_scale) {
    Heading h;
    h.title = std::move(title);
    h.rated = rated || level >= 0;
    h.rating = rating_cell(scale, level, "not rated");
    if (explanation) h.explanation = *explanation;
    if (counts) h.counts = counts_summary(*counts, counts_scale);
    return h;
}

bool several_areas(const Assessment& a, const std::vector<const Outcome*>& outs) {
    for (const Outcome* o : outs)
        if (a.dataset->series[o->series].area != a.dataset->series[outs.front()->series].area) return true;
    return false;
}

// The column of a named arrow: "long" -> "Long", "long_term" -> "Long term".
std::string arrow_header(const std::string& name) {
    std::string h = name;
    for (char& c : h) c = c == '_' ? ' ' : c;
    if (!h.empty() && h[0] >= 'a' && h[0] <= 'z') h[0] = static_cast<char>(h[0] - 'a' + 'A');
    return h;
}

Table group_table(const Assessment& a, const Group& g, const std::vector<const Outcome*>& outs,
                  const PeriodGrid& grid) {
    const Dataset& d = *a.dataset;
    const Pack& p = *a.pack;
    const std::vector<uint32_t>& periods = grid.columns;
    bool areas = !outs.empty() && several_areas(a, outs);
    bool ratings = g.rating.kind != RatingRule::Kind::none;
    bool targets = std::any_of(outs.begin(), outs.end(), [](const Outcome* o) { return o->target.has_value(); });
    const std::string dagger = "\u2020";
    const bool own_targets = targets && targets_set_by_pack(outs);
    const bool own_ratings = ratings && ratings_set_by_pack(a, outs);

    Table t;
    t.columns.push_back({"Indicator", false, true, false});
    if (areas) t.columns.push_back({"Area", false, true, false});
    const std::string unit = unit_header(a, g);
    const std::string in_unit = unit.empty() ? std::string() : " (" + unit + ")";
    for (uint32_t pi : periods) t.columns.push_back({period_label(d, pi) + in_unit, true, false, true});
    for (const ComparatorColumn& c : g.comparators) t.columns.push_back({c.title + in_unit, true, false, false});
    const std::vector<ChangeColumn> changes = change_columns(a, g);
    for (ChangeColumn c : changes)
        t.columns.push_back({change_header(c) + (c == ChangeColumn::volume ? in_unit : ""), true, false, false});
    if (targets) {
        t.columns.push_back({"Target" + (own_targets ? dagger : std::string()), false, true, false});
        t.columns.push_back({"Distance from target", false, true, false});
    }
    // Arrows and ratings are words too ("▲ Improved", "AMBER GREEN"): they may wrap on a narrow terminal.
    if (!g.arrow.none) t.columns.push_back({"Trajectory", false, true, false});
    for (const NamedArrowRule& other : g.other_arrows)
        t.columns.push_back({arrow_header(other.name), false, true, false});
    if (ratings) t.columns.push_back({"Rating" + (own_ratings ? dagger : std::string()), false, true, false});
    t.columns.push_back({"Comments", false, true, false});

    for (size_t r = 0; r < outs.size(); ++r) {
        const Outcome* o = outs[r];
        const Indicator& ind = indicator_of(a, *o);
        std::vector<Cell> row;
        row.push_back(text_cell(title_of(ind) + grid.mark(r)));
        if (areas) row.push_back(text_cell(area_of(a, *o)));
        const Rounding rounding = p.rounding_for(g, ind.id);
        const Style style = p.style_for(g, ind.id);
        for (std::optional<uint32_t> obs : grid.cells[r])
            row.push_back(text_cell(obs ? observation_text(d, ind, *obs, rounding, style) : std::string()));
        for (const ComparatorColumn& c : g.comparators) row.push_back(text_cell(comparator_text(a, *o, c)));
        for (ChangeColumn c : changes) row.push_back(text_cell(change_text(a, *o, c)));
        if (targets) {
            row.push_back(text_cell(target_text(a, *o)));
            row.push_back(text_cell(distance_text(a, *o)));
        }
        if (!g.arrow.none) row.push_back(arrow_cell(p, o->arrow));
        for (size_t k = 0; k < g.other_arrows.size(); ++k)
            row.push_back(arrow_cell(p, k < o->other_arrows.size() ? o->other_arrows[k].arrow : Arrow::none));
        if (ratings) row.push_back(rating_cell(rating_scale(p, g), o->rating, "Not rated"));
        row.push_back(text_cell(comment_text(a, *o)));
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::vector<ActionNote> action_notes(const Assessment& a, const Group& g, const std::vector<const Outcome*>& outs) {
    std::vector<ActionNote> notes;
    bool areas = !outs.empty() && several_areas(a, outs);
    for (const Outcome* o : outs) {
        const Commentary* c = commentary_of(a, *o);
        bool needed = needs_action(a, *o);
        if (!c && !needed) continue;
        ActionNote n;
        n.indicator = title_of(indicator_of(a, *o)) + (areas ? " (" + area_of(a, *o) + ")" : std::string());
        if (needed) n.rating = std::string(*level_label(rating_scale(*a.pack, g), o->rating));
        n.text = action_text(a, *o, c, needed);
        notes.push_back(std::move(n));
    }
    return notes;
}

std::optional<size_t> group_index(const Pack& p, std::string_view id) {
    for (size_t i = 0; i < p.groups.size(); ++i)
        if (p.groups[i].id == id) return i;
    return std::nullopt;
}

}  // namespace

std::vector<ThemeSection> report_sections(const Assessment& a) {
    const Pack& p = *a.pack;
    std::optional<uint32_t> as_at = as_at_index(a);

    const std::vector<std::vector<const Outcome*>> outcomes = outcomes_by_group(a);
    std::vector<const GroupOutcome*> rollups(p.groups.size(), nullptr);
    for (const GroupOutcome& go : a.groups)
        if (go.group < rollups.size()) rollups[go.group] = &go;

    auto section = [&](size_t gi) {
        const Group& g = p.groups[gi];
        const GroupOutcome* go = rollups[gi];
        GroupSection s;
        s.heading =
            heading(title_of(g), g.rollup.kind != RollupRule::Kind::none, rollup_scale(p, g), go ? go->rating : -1,
                    go ? &go->counts : nullptr, go ? &go->explanation : nullptr, rating_scale(p, g));
        const PeriodGrid grid = period_grid(a, g, outcomes[gi], as_at);
        s.table = group_table(a, g, outcomes[gi], grid);
        s.period_notes = grid.notes;
        const std::vector<const Outcome*>& outs = outcomes[gi];
        bool targets = std::any_of(outs.begin(), outs.end(), [](const Outcome* o) { return o->target.has_value(); });
        s.set_by_pack = set_by_pack_note(p, targets && targets_set_by_pack(outs),
                                         g.rating.kind != RatingRule::Kind::none && ratings_set_by_pack(a, outs));
        s.actions = action_notes(a, g, outcomes[gi]);
        return s;
    };

    std::vector<ThemeSection> sections;
    std::vector<char> placed(p.groups.size(), 0);
    for (size_t ti = 0; ti < p.themes.size(); ++ti) {
        const Theme& t = p.themes[ti];
        const ThemeOutcome* to = nullptr;
        for (const ThemeOutcome& x : a.themes)
            if (x.theme == ti) to = &x;
        const Scale* scale = p.find_scale(t.scale);
        ThemeSection ts;
        ts.titled = true;
        ts.heading = heading(title_of(t), t.rollup.kind != RollupRule::Kind::none, scale, to ? to->rating : -1,
                             to ? &to->counts : nullptr, to ? &to->explanation : nullptr, scale);
        // The groups the theme lists, then any group naming the theme itself.
        for (const std::string& id : t.groups)
            if (auto gi = group_index(p, id); gi && !placed[*gi]) {
                placed[*gi] = 1;
                ts.groups.push_back(section(*gi));
            }
        for (size_t gi = 0; gi < p.groups.size(); ++gi)
            if (!placed[gi] && p.groups[gi].theme == t.id) {
                placed[gi] = 1;
                ts.groups.push_back(section(gi));
            }
        sections.push_back(std::move(ts));
    }
    ThemeSection rest;
    for (size_t gi = 0; gi < p.groups.size(); ++gi)
        if (!placed[gi]) rest.groups.push_back(section(gi));
    if (!rest.groups.empty()) sections.push_back(std::move(rest));
    return sections;
}

Table scale_key(const Scale& s) {
    // A scale of plain labels has nothing to say under "How identified".
    bool meanings =
        std::any_of(s.levels.begin(), s.levels.end(), [](const ScaleLevel& l) { return !l.meaning.empty(); });
    Table t;
    t.columns = {{"Rating", false, false, false}};
    if (meanings) t.columns.push_back({"How identified", false, true, false});
    for (size_t i = 0; i < s.levels.size(); ++i) {
        t.rows.push_back({rating_cell(&s, static_cast<int>(i), "")});
        if (meanings) t.rows.back().push_back(text_cell(s.levels[i].meaning));
    }
    return t;
}

std::vector<const Scale*> key_scales(const Pack& p) {
    std::set<std::string_view> used;
    for (const Group& g : p.groups) {
        used.insert(g.scale);
        used.insert(g.scale_rollup);
    }
    for (const Theme& t : p.themes) used.insert(t.scale);
    std::vector<const Scale*> scales;
    for (const Scale& s : p.scales)
        if (used.count(s.name)) scales.push_back(&s);
    return scales;
}

Table arrow_key(const Assessment& a) {
    // The arrows the rules can give with this data (key.cpp decides, as for `assay key`).
    bool not_assessed = false;
    std::vector<Arrow> arrows = report_arrows(a, not_assessed);
    return arrows_table(*a.pack, arrows, not_assessed);
}

namespace {

/// What a check compares, in words: "arrow", "% change", "total".
std::string_view check_figure(std::string_view kind) {
    if (kind == "published_arrow") return "arrow";
    if (kind == "published_rating") return "rating";
    if (kind == "published_change") return "change";
    if (kind == "published_change_pct") return "% change";
    if (kind == "published_change_pts") return "change (pts)";
    if (kind == "total") return "total";
    return kind;
}

/// The titles of the tables (groups) an indicator appears in, so that two
/// indicators of one title ("Vehicle Interference" as a count and as a gap)
/// are told apart; empty when no table shows it.
std::string check_tables(const Pack& pack, const std::string& indicator) {
    std::string out;
    for (const Group& g : pack.groups)
        if (std::find(g.indicators.begin(), g.indicators.end(), indicator) != g.indicators.end()) {
            if (!out.empty()) out += "; ";
            out += g.title.empty() ? g.id : g.title;
        }
    return out;
}

}  // namespace

Table checks_table(const Assessment& a) {
    const Dataset& d = *a.dataset;
    Table t;
    t.columns = {{"Indicator (table)", false, true, false}, {"Area", false, true, false},
                 {"Period", false, false, false},           {"Published", false, true, false},
                 {"Computed", false, true, false},          {"Detail", false, true, false}};
    for (const Check& c : a.checks) {
        auto ind = d.find_indicator(c.indicator);
        std::string name = ind && !d.indicators[*ind].title.empty() ? d.indicators[*ind].title : c.indicator;
        std::string table = a.pack ? check_tables(*a.pack, c.indicator) : std::string();
        name += " (" + (table.empty() ? std::string("in no table") : table) + ")";
        std::string detail = std::string(check_figure(c.kind)) + ": " + c.detail;
        t.rows.push_back({text_cell(name), text_cell(c.area), text_cell(c.period), text_cell(c.published),
                          text_cell(c.computed), text_cell(detail)});
    }
    return t;
}

std::string counts_summary(const Counts& c, const Scale* scale) {
    std::string out = std::to_string(c.assessed) + " assessed, " + std::to_string(c.unrated) + " unrated";
    auto list = [&out](std::string_view what, const std::vector<std::pair<std::string, int>>& items) {
        if (items.empty()) return;
        out += "; ";
        out += what;
        out += ":";
        for (size_t i = 0; i < items.size(); ++i) {
            out += i ? ", " : " ";
            out += items[i].first + " " + std::to_string(items[i].second);
        }
    };

    // Ratings best first, as a reader scans them; labels outside the scale last.
    std::vector<std::pair<std::string, int>> ratings;
    std::set<std::string> listed;
    if (scale)
        for (auto it = scale->levels.rbegin(); it != scale->levels.rend(); ++it)
            if (auto n = c.ratings.find(it->label); n != c.ratings.end() && n->second > 0) {
                ratings.emplace_back(n->first, n->second);
                listed.insert(n->first);
            }
    for (const auto& [label, n] : c.ratings)
        if (n > 0 && !listed.count(label)) ratings.emplace_back(label, n);
    list("ratings", ratings);

    std::vector<std::pair<std::string, int>> arrows;
    listed.clear();
    for (Arrow arrow : printed_arrows) {
        std::string name(to_string(arrow));
        if (auto n = c.arrows.find(name); n != c.arrows.end() && n->second > 0) {
            arrows.emplace_back(name, n->second);
            listed.insert(name);
        }
    }
    // "no arrow", as the tables say it, for the outcomes without one.
    for (const auto& [name, n] : c.arrows)
        if (n > 0 && !listed.count(name)) arrows.emplace_back(name == "none" ? "no arrow" : name, n);
    list("arrows", arrows);
    return out;
}

}  // namespace assay::reporting
