// The summary of the HTML report: per theme a table of its groups with the
// count of each rating and arrow (and the change since an earlier run), then
// the indicators whose rating moved. Also the page's print order of themes
// and groups (layout), which the summary and the body share.
#include "report/html.hpp"

#include "report/common.hpp"
#include "report/since.hpp"
#include "report/wording.hpp"

#include <algorithm>

namespace assay::reporting::html {
namespace {

std::string delta_text(int now, int before) {
    int d = now - before;
    if (d == 0) return "(\u00b10)";
    return d > 0 ? "(+" + std::to_string(d) + ")" : "(\u2212" + std::to_string(-d) + ")";
}

std::string count_cell(const Counts& now, const Counts* before, const CountColumn& col) {
    int n = count_of(now, col);
    std::string s = "<td class=\"num\">" + std::to_string(n);
    if (before) s += " <span class=\"delta\">" + delta_text(n, count_of(*before, col)) + "</span>";
    return s + "</td>";
}

std::string unrated_cell(const Counts& now, const Counts* before) {
    std::string s = "<td class=\"num\">" + std::to_string(now.unrated);
    if (before) s += " <span class=\"delta\">" + delta_text(now.unrated, before->unrated) + "</span>";
    return s + "</td>";
}

// Rating columns (best level first, every level of the groups' scales) and
// arrow columns (those that occur now or before, in key order).
std::vector<CountColumn> columns_for(const Assessment& a, const std::vector<size_t>& groups,
                                     const std::vector<const Counts*>& counts) {
    const Pack& p = *a.pack;
    std::vector<CountColumn> cols;
    auto has = [&](bool rating, const std::string& key) {
        return std::any_of(cols.begin(), cols.end(),
                           [&](const CountColumn& c) { return c.rating == rating && c.key == key; });
    };
    for (size_t gi : groups) {
        const Group& g = p.groups[gi];
        if (g.rating.kind == RatingRule::Kind::none) continue;
        const Scale* s = rating_scale(p, g);
        if (!s) continue;
        for (int level = static_cast<int>(s->levels.size()) - 1; level >= 0; --level) {
            const std::string& label = s->levels[static_cast<size_t>(level)].label;
            if (!has(true, label)) cols.push_back({true, label, rating_tag(p, s, level)});
        }
    }
    for (const Counts* c : counts)
        for (const auto& [label, n] : c->ratings)
            if (n > 0 && !has(true, label)) cols.push_back({true, label, rating_tag(p, nullptr, -1, label)});
    for (Arrow arrow : printed_arrows) {
        std::string name(to_string(arrow));
        bool used = std::any_of(counts.begin(), counts.end(), [&](const Counts* c) {
            auto it = c->arrows.find(name);
            return it != c->arrows.end() && it->second > 0;
        });
        if (used) cols.push_back({false, name, arrow_text(p, arrow)});
    }
    bool none = std::any_of(counts.begin(), counts.end(), [](const Counts* c) {
        auto it = c->arrows.find("none");
        return it != c->arrows.end() && it->second > 0;
    });
    if (none) cols.push_back({false, "none", arrow_text(p, Arrow::none)});
    return cols;
}

const GroupOutcome* rollup_of(const Assessment& a, size_t gi) {
    for (const GroupOutcome& go : a.groups)
        if (go.group == gi) return &go;
    return nullptr;
}

const ThemeOutcome* rollup_of_theme(const Assessment& a, size_t ti) {
    for (const ThemeOutcome& to : a.themes)
        if (to.theme == ti) return &to;
    return nullptr;
}

std::string theme_table(const Assessment& a, const ThemeLayout& t, const PreviousRun* previous) {
    const Pack& p = *a.pack;
    const ThemeOutcome* theme = t.theme ? rollup_of_theme(a, *t.theme) : nullptr;
    std::vector<const Counts*> counts;
    for (size_t gi : t.groups)
        if (const GroupOutcome* go = rollup_of(a, gi)) counts.push_back(&go->counts);
    if (theme) counts.push_back(&theme->counts);
    std::vector<CountColumn> cols = columns_for(a, t.groups, counts);
    bool ratings = std::any_of(cols.begin(), cols.end(), [](const CountColumn& c) { return c.rating; });

    std::string title = t.theme ? title_of(p.themes[*t.theme]) : std::string("Other tables");
    std::string out =
        table_wrap("Summary: " + title) + "<table class=\"summary\">\n<caption>" + escape(title) +
        ": indicators by rating and direction of travel</caption>\n<thead><tr><th scope=\"col\">Table</th>";
    for (const CountColumn& c : cols) out += "<th scope=\"col\" class=\"num\">" + c.header + "</th>";
    if (ratings) out += "<th scope=\"col\" class=\"num\">Not rated</th>";
    out += "<th scope=\"col\" class=\"num\">Indicators</th></tr></thead>\n<tbody>\n";

    auto row = [&](const std::string& head, const Counts& now, const Counts* before, bool total) {
        out += total ? "<tr class=\"total\">" : "<tr>";
        out += "<th scope=\"row\">" + escape(head) + "</th>";
        for (const CountColumn& c : cols) out += count_cell(now, before, c);
        if (ratings) out += unrated_cell(now, before);
        out += "<td class=\"num\">" + std::to_string(now.assessed) + "</td></tr>\n";
    };
    for (size_t gi : t.groups) {
        const GroupOutcome* go = rollup_of(a, gi);
        if (!go) continue;
        const Group& g = p.groups[gi];
        const Counts* before = nullptr;
        if (previous)
            if (auto it = previous->groups.find(g.id); it != previous->groups.end()) before = &it->second.counts;
        row(title_of(g), go->counts, before, false);
    }
    if (theme) {
        const Counts* before = nullptr;
        if (previous)
            if (auto it = previous->themes.find(p.themes[*t.theme].id); it != previous->themes.end())
                before = &it->second.counts;
        row("All indicators", theme->counts, before, true);
    }
    return out + "</tbody></table></div>\n";
}

// The count of each rating now and before, worst first; the indicators rated
// at the worst level now; then every indicator whose rating is not what the
// earlier run gave, the worst-rated first.
std::string movements(const Assessment& a, const PreviousRun& previous) {
    const Pack& p = *a.pack;
    const SinceSummary since = since_summary(a, previous);
    std::string out = "<p class=\"since\"><strong>Ratings since " + escape(previous.as_at) + ":</strong> " +
                      escape(since_counts_text(since)) + "</p>\n";
    std::string worst;
    for (const SinceRow& r : since.rows)
        if (r.worst)
            worst += "<li><a href=\"#o" + std::to_string(r.outcome - a.outcomes.data()) + "\">" + escape(r.indicator) +
                     "</a> (" + escape(r.table) + "): " + escape(r.now) +
                     (!r.reported      ? std::string(", not in the earlier report")
                      : r.was == r.now ? ", as in " + escape(previous.as_at)
                                       : ", was " + escape(r.was.empty() ? "not rated" : r.was)) +
                     "</li>\n";
    if (!worst.empty()) out += "<p>Rated at the worst level now:</p>\n<ul class=\"since-worst\">\n" + worst + "</ul>\n";

    std::string rows;
    size_t moved = 0;
    for (const SinceRow& r : since.rows) {
        if (r.reported && r.was == r.now) continue;
        const Outcome& o = *r.outcome;
        const Group& g = group_of(a, o);
        const Scale* scale = rating_scale(p, g);
        ++moved;
        rows += "<tr><th scope=\"row\"><a href=\"#o" + std::to_string(&o - a.outcomes.data()) + "\">" +
                escape(r.indicator) + "</a></th><td>" + escape(r.table) + "</td><td>" +
                (r.reported ? rating_tag(p, scale, r.was) : std::string("not reported")) + "</td><td>" +
                rating_tag(p, scale, o.rating) + "</td><td>" + arrow_text(p, o.arrow) + "</td></tr>\n";
    }
    out += "<h3 id=\"moved\">Ratings that changed since " + escape(previous.as_at) + "</h3>\n";
    if (!moved) return out + "<p>No indicator's rating changed.</p>\n";
    return out + table_wrap("Ratings that changed") +
           "<table class=\"moved\">\n<caption class=\"visually-hidden\">Indicators "
           "whose rating changed since " +
           escape(previous.as_at) +
           ", the worst-rated first</caption>\n<thead><tr><th scope=\"col\">Indicator</th><th "
           "scope=\"col\">Table</th><th scope=\"col\">Was (" +
           escape(previous.as_at) + ")</th><th scope=\"col\">Now (" + escape(a.as_at) +
           ")</th><th scope=\"col\">Direction of travel</th></tr></thead>\n<tbody>\n" + rows +
           "</tbody></table></div>\n";
}

}  // namespace

std::vector<ThemeLayout> layout(const Pack& p) {
    std::vector<ThemeLayout> out;
    std::vector<char> placed(p.groups.size(), 0);
    auto index_of = [&](std::string_view id) -> std::optional<size_t> {
        for (size_t i = 0; i < p.groups.size(); ++i)
            if (p.groups[i].id == id) return i;
        return std::nullopt;
    };
    for (size_t ti = 0; ti < p.themes.size(); ++ti) {
        ThemeLayout t{ti, {}};
        for (const std::string& id : p.themes[ti].groups)
            if (auto gi = index_of(id); gi && !placed[*gi]) {
                placed[*gi] = 1;
                t.groups.push_back(*gi);
            }
        for (size_t gi = 0; gi < p.groups.size(); ++gi)
            if (!placed[gi] && p.groups[gi].theme == p.themes[ti].id) {
                placed[gi] = 1;
                t.groups.push_back(gi);
            }
        out.push_back(std::move(t));
    }
    ThemeLayout rest;
    for (size_t gi = 0; gi < p.groups.size(); ++gi)
        if (!placed[gi]) rest.groups.push_back(gi);
    if (!rest.groups.empty()) out.push_back(std::move(rest));
    return out;
}

std::string summary_section(const Assessment& a, const PreviousRun* previous) {
    std::string out =
        "<section id=\"summary\" class=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">"
        "Summary</h2>\n";
    if (previous)
        out += "<p>Figures in brackets are the change since the previous report (as at " + escape(previous->as_at) +
               ").</p>\n";
    if (previous) out += movements(a, *previous);
    for (const ThemeLayout& t : layout(*a.pack)) out += theme_table(a, t, previous);
    return out + "</section>\n";
}

}  // namespace assay::reporting::html
