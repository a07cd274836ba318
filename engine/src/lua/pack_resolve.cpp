// Once every file of a pack has run: checks the references between its
// declarations (a group's scale and theme, a theme's groups, the levels
// named in ratings and roll-ups) and assembles the finished Pack.
#include "lua/pack_draft.hpp"
#include "lua/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace assay::lua {
namespace {

std::vector<std::string> scale_names(const Pack& p) {
    std::vector<std::string> names;
    for (const Scale& s : p.scales) names.push_back(s.name);
    return names;
}

std::vector<std::string> level_labels(const Scale& s) {
    std::vector<std::string> labels;
    for (const ScaleLevel& l : s.levels) labels.push_back(l.label);
    return labels;
}

// The scale named `name` for `context`; with no name, the pack's only scale
// when `needed`, else none.
const Scale* resolve_scale(const PackDraft& d, std::string& name, bool needed, const std::string& context,
                           const SourceLoc& where) {
    const Pack& p = d.pack;
    if (name.empty()) {
        if (!needed) return nullptr;
        if (p.scales.size() == 1) {
            name = p.scales.front().name;
            return &p.scales.front();
        }
        if (p.scales.empty())
            fail_at(
                d, where,
                context +
                    " is rated, but the pack declares no scale: add scale \"rag\" { \"RED\", \"AMBER\", \"GREEN\" }");
        fail_at(
            d, where,
            fmt::format("{} is rated but names no scale: add scale = one of {}", context, quoted_list(scale_names(p))));
    }
    for (const Scale& s : p.scales)
        if (s.name == name) return &s;
    std::string hint = suggest_name(name, scale_names(p));
    if (hint.empty()) hint = " (the pack declares " + quoted_list(scale_names(p)) + ")";
    fail_at(d, where, fmt::format("{}: scale '{}' is not declared{}", context, name, hint));
}

int resolve_level(const PackDraft& d, const Scale& s, const std::string& label, const std::string& context,
                  const SourceLoc& where) {
    if (auto i = s.find(label)) return *i;
    fail_at(d, where,
            fmt::format("{} names level '{}', which is not in scale '{}' (expected {}){}", context, label, s.name,
                        quoted_list(level_labels(s)), suggest_name(label, level_labels(s))));
}

void resolve_rating(const PackDraft& d, RatingDraft& r, const Scale* s, const std::string& context) {
    for (size_t i = 0; i < r.rule.cases.size(); ++i) {
        if (r.labels[i].empty()) continue;  // unrated
        r.rule.cases[i].level =
            resolve_level(d, *s, r.labels[i], fmt::format("{}: rating case {}", context, i + 1), r.rule.where);
    }
}

void resolve_rollup(const PackDraft& d, RollupDraft& r, const Scale* s, const std::string& context) {
    for (size_t i = 0; i < r.rule.thresholds.size(); ++i)
        r.rule.thresholds[i].second =
            resolve_level(d, *s, r.labels[i], fmt::format("{}: mean threshold {}", context, i + 1), r.rule.where);
}

std::vector<std::string> arrow_names(const Group& g) {
    std::vector<std::string> names;
    for (const NamedArrowRule& a : g.other_arrows) names.push_back(a.name);
    return names;
}

// What to say when a condition names an arrow the group lacks.
std::string arrow_hint(const std::string& name, const std::vector<std::string>& names) {
    if (names.empty()) return " (add arrows = { " + name + " = arrow.periods_back(3, { }) } to the group)";
    std::string hint = suggest_name(name, names);
    return hint.empty() ? " (it declares " + quoted_list(names) + ")" : hint;
}

// A condition such as improved_over("long") must name one of the group's arrows.
void check_arrow_names(const PackDraft& d, const Condition& c, const Group& g, const std::string& context,
                       const SourceLoc& where) {
    if (!c.arrow.empty()) {
        std::vector<std::string> names = arrow_names(g);
        if (std::find(names.begin(), names.end(), c.arrow) == names.end())
            fail_at(d, where,
                    fmt::format("{}: {} names arrow '{}', which the group does not declare{}", context, c.text, c.arrow,
                                arrow_hint(c.arrow, names)));
    }
    for (const Condition& child : c.children) check_arrow_names(d, child, g, context, where);
}

void resolve_group(const PackDraft& d, GroupDraft& g) {
    Group& group = g.group;
    const std::string context = "group '" + group.id + "'";
    const bool rated = g.rating.rule.kind != RatingRule::Kind::none;
    const bool rolled = g.rollup.rule.kind != RollupRule::Kind::none;
    const Scale* scale = resolve_scale(d, group.scale, rated || rolled, context, group.where);
    for (size_t i = 0; i < g.rating.rule.cases.size(); ++i)
        check_arrow_names(d, g.rating.rule.cases[i].when, group, fmt::format("{}: rating case {}", context, i + 1),
                          g.rating.rule.where);
    if (rated) resolve_rating(d, g.rating, scale, context);
    if (group.scale_rollup.empty()) group.scale_rollup = group.scale;
    const Scale* rollup_scale = resolve_scale(d, group.scale_rollup, rolled, context + " roll-up", group.where);
    if (rolled) resolve_rollup(d, g.rollup, rollup_scale, context + " roll-up");
    group.rating = std::move(g.rating.rule);
    group.rollup = std::move(g.rollup.rule);
}

std::vector<std::string> group_ids(const PackDraft& d) {
    std::vector<std::string> ids;
    for (const GroupDraft& g : d.groups) ids.push_back(g.group.id);
    return ids;
}

std::vector<std::string> theme_ids(const PackDraft& d) {
    std::vector<std::string> ids;
    for (const ThemeDraft& t : d.themes) ids.push_back(t.theme.id);
    return ids;
}

GroupDraft* find_group(PackDraft& d, const std::string& id) {
    for (GroupDraft& g : d.groups)
        if (g.group.id == id) return &g;
    return nullptr;
}

// Themes list their groups, and groups may name their theme: both must
// agree, and a group that names a theme joins it if the theme omits it.
void link_themes(PackDraft& d) {
    for (ThemeDraft& t : d.themes) {
        const std::string context = "theme '" + t.theme.id + "'";
        for (size_t i = 0; i < t.theme.groups.size(); ++i) {
            const std::string& id = t.theme.groups[i];
            GroupDraft* g = find_group(d, id);
            if (!g)
                fail_at(d, t.theme.where,
                        fmt::format("{}: group '{}' is not declared{}", context, id, suggest_name(id, group_ids(d))));
            for (size_t j = 0; j < i; ++j)
                if (t.theme.groups[j] == id)
                    fail_at(d, t.theme.where, fmt::format("{}: group '{}' is listed twice", context, id));
            if (!g->group.theme.empty() && g->group.theme != t.theme.id)
                fail_at(d, g->group.where,
                        fmt::format("group '{}' names theme '{}', but theme '{}' lists it", id, g->group.theme,
                                    t.theme.id));
            g->group.theme = t.theme.id;
        }
    }
    for (GroupDraft& g : d.groups) {
        if (g.group.theme.empty()) continue;
        ThemeDraft* theme = nullptr;
        for (ThemeDraft& t : d.themes) theme = t.theme.id == g.group.theme ? &t : theme;
        if (!theme)
            fail_at(d, g.group.where,
                    fmt::format("group '{}': theme '{}' is not declared{}", g.group.id, g.group.theme,
                                suggest_name(g.group.theme, theme_ids(d))));
        auto& listed = theme->theme.groups;
        if (std::find(listed.begin(), listed.end(), g.group.id) == listed.end()) listed.push_back(g.group.id);
    }
}

void resolve_theme(const PackDraft& d, ThemeDraft& t) {
    const std::string context = "theme '" + t.theme.id + "'";
    const bool rolled = t.rollup.rule.kind != RollupRule::Kind::none;
    const Scale* scale = resolve_scale(d, t.theme.scale, rolled, context, t.theme.where);
    if (rolled) resolve_rollup(d, t.rollup, scale, context + " roll-up");
    t.theme.rollup = std::move(t.rollup.rule);
}

}  // namespace

void fail_at(const PackDraft& draft, const SourceLoc& where, const std::string& message) {
    SourceLoc loc = where;
    if (!loc.file.empty()) loc.file = (draft.dir / loc.file).string();
    throw InputError(Error{loc, message});
}

Pack resolve_pack(PackDraft&& d) {
    if (!d.declared)
        fail_at(d, SourceLoc{"pack.lua", 0, 0},
                "pack.lua must declare the pack first, as in pack \"name\" { title = \"...\", version = \"1.0.0\" }");
    if (!d.pending.empty())
        fail_at(d, d.pending_where, d.pending + " is missing its table: write " + d.pending + " { ... }");
    link_themes(d);
    for (GroupDraft& g : d.groups) resolve_group(d, g);
    for (ThemeDraft& t : d.themes) resolve_theme(d, t);
    Pack pack = std::move(d.pack);
    // Report order: the groups as the themes list them (themes in declared
    // order), then any group without a theme in declared order. A pack's
    // files load in name order, which is no order a report should follow.
    std::vector<GroupDraft*> order;
    auto take = [&](const std::string& id) {
        for (GroupDraft& g : d.groups)
            if (g.group.id == id && std::find(order.begin(), order.end(), &g) == order.end()) order.push_back(&g);
    };
    for (const ThemeDraft& t : d.themes)
        for (const std::string& id : t.theme.groups) take(id);
    for (GroupDraft& g : d.groups) take(g.group.id);
    for (GroupDraft* g : order) pack.groups.push_back(std::move(g->group));
    for (ThemeDraft& t : d.themes) pack.themes.push_back(std::move(t.theme));
    return pack;
}

}  // namespace assay::lua
