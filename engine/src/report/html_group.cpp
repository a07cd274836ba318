// One group of the HTML report: the seed-style table of indicators (see
// html.hpp). Each indicator is one <tbody>, so that a printed page never
// splits it: its row of figures, a corrective-action box when it is rated
// at the worst level, and its explanation in a <details> element. Notes
// that every row shares move to the heading (a source) or to the column
// header (a period with no figures anywhere), as the published reviews do.
#include "report/html.hpp"

#include "core/text.hpp"
#include "report/common.hpp"
#include "report/period_grid.hpp"
#include "report/tables.hpp"
#include "report/wording.hpp"

#include <algorithm>
#include <cctype>

namespace assay::reporting::html {
namespace {

// Footnote numbers of one indicator row: its title cell and each period cell.
struct RowNotes {
    std::vector<int> title;
    std::vector<std::vector<int>> periods;
};

// Moves a note that every row carries in `per_row` to `shared`.
void hoist(std::vector<std::vector<int>*> per_row, std::vector<int>& shared) {
    if (per_row.size() < 2) return;
    std::vector<int> common = *per_row.front();
    for (const std::vector<int>* notes : per_row) {
        std::vector<int> keep;
        for (int n : common)
            if (std::find(notes->begin(), notes->end(), n) != notes->end()) keep.push_back(n);
        common = keep;
    }
    for (int n : common) {
        shared.push_back(n);
        for (std::vector<int>* notes : per_row) notes->erase(std::find(notes->begin(), notes->end(), n));
    }
}

void add_note(std::vector<int>& notes, int n) {
    if (std::find(notes.begin(), notes.end(), n) == notes.end()) notes.push_back(n);
}

// The column of a named arrow: "Short-term direction", "Long-term direction",
// "Quarter direction" for a name of the pack's own.
std::string other_arrow_header(const std::string& name) {
    if (name == "short" || name == "medium" || name == "long") return arrow_name_header(name) + "-term direction";
    return arrow_name_header(name) + " direction";
}

// The recorded commentary, action, owner and due date as paragraphs; when
// `needed` and no action is recorded, a plain sentence saying so.
std::string commentary_html(const Assessment& a, const Outcome& o, const Commentary* c, bool needed) {
    std::string out;
    if (c && !c->commentary.empty()) out += "<p><strong>Commentary:</strong> " + escape(c->commentary) + "</p>";
    if (c && !c->action.empty()) {
        out += "<p><strong>Corrective action:</strong> " + escape(c->action) + "</p>";
        if (!c->owner.empty() || !c->due.empty()) {
            out += "<p>";
            if (!c->owner.empty()) out += "<strong>Owner:</strong> " + escape(c->owner);
            if (!c->owner.empty() && !c->due.empty()) out += " · ";
            if (!c->due.empty()) out += "<strong>Due:</strong> " + escape(c->due);
            out += "</p>";
        }
    } else if (needed) {
        std::optional<uint32_t> pi = c ? std::optional<uint32_t>(c->period) : reported_period(a, o);
        out += "<p><strong>No corrective action has been recorded" +
               (pi ? " for " + escape(period_label(*a.dataset, *pi)) : std::string()) + ".</strong></p>";
    }
    return out;
}

bool worst_level(const Scale* scale, int level) {
    return scale && scale->levels.size() > 1 && level == 0;
}

// "5,456 in 2006/07; target 3,562 by 2007/08: 1,894 to go (53.2%); declined from 5,180 in 2005/06".
std::string standing(const Assessment& a, const Outcome& o) {
    const Dataset& d = *a.dataset;
    const Indicator& ind = indicator_of(a, o);
    Rounding r = rounding_of(a, o);
    Style style = style_of(a, o);
    std::string s;
    if (o.current) s = value_text(ind, o.current->value, r, style) + " in " + period_label(d, o.current->period);
    if (o.target) s += "; target " + target_text(a, o) + ": " + distance_text(a, o);
    if (o.previous && o.arrow != Arrow::none) {
        std::string word = to_lower(arrow_word(*a.pack, o.arrow));
        s += "; " + word + " from " + value_text(ind, o.previous->value, r, style) + " in " +
             period_label(d, o.previous->period);
    }
    return s;
}

}  // namespace

std::string group_section(const Assessment& a, uint32_t gi, const std::vector<const Outcome*>& outs,
                          const GroupOutcome* rollup, const PreviousRun* previous, Footnotes& footnotes) {
    const Pack& p = *a.pack;
    const Dataset& d = *a.dataset;
    const Group& g = p.groups[gi];
    const Scale* scale = rating_scale(p, g);
    std::optional<uint32_t> as_at = as_at_index(a);
    std::string scope = "g" + std::to_string(gi);
    std::string title = title_of(g);

    const PeriodGrid grid = period_grid(a, g, outs, as_at);
    const std::vector<uint32_t>& periods = grid.columns;
    bool areas = std::any_of(outs.begin(), outs.end(), [&](const Outcome* o) {
        return d.series[o->series].area != d.series[outs.front()->series].area;
    });
    bool rated = g.rating.kind != RatingRule::Kind::none;
    bool targets = std::any_of(outs.begin(), outs.end(), [](const Outcome* o) { return o->target.has_value(); });

    // Footnotes per row, then those every row shares moved up.
    std::vector<RowNotes> notes(outs.size());
    const std::vector<std::vector<std::optional<uint32_t>>>& cells = grid.cells;
    for (size_t k = 0; k < outs.size(); ++k) {
        const Indicator& ind = indicator_of(a, *outs[k]);
        if (!ind.source.empty()) add_note(notes[k].title, footnotes.ref("Source: " + ind.source + "."));
        if (!ind.notes.empty()) add_note(notes[k].title, footnotes.ref(ind.notes));
        notes[k].periods.resize(periods.size());
        for (size_t c = 0; c < periods.size(); ++c)
            if (cells[k][c] && !d.has_value(*cells[k][c]))
                add_note(notes[k].periods[c], footnotes.ref(missing_note(d, *cells[k][c])));
    }
    std::vector<int> heading_notes;
    std::vector<std::vector<int>> column_notes(periods.size());
    {
        std::vector<std::vector<int>*> titles;
        for (RowNotes& n : notes) titles.push_back(&n.title);
        hoist(titles, heading_notes);
        for (size_t c = 0; c < periods.size(); ++c) {
            std::vector<std::vector<int>*> column;
            for (RowNotes& n : notes) column.push_back(&n.periods[c]);
            hoist(column, column_notes[c]);
        }
    }
    std::vector<int> listed;  // every note this table refers to, in number order
    for (const RowNotes& n : notes) {
        for (int x : n.title) add_note(listed, x);
        for (const auto& cell : n.periods)
            for (int x : cell) add_note(listed, x);
    }
    for (int x : heading_notes) add_note(listed, x);
    for (const auto& col : column_notes)
        for (int x : col) add_note(listed, x);
    std::sort(listed.begin(), listed.end());

    std::string out = "<section class=\"group\" aria-labelledby=\"" + scope + "\">\n";
    out += "<h3 id=\"" + scope + "\">" + escape(title) + note_refs(scope, heading_notes) + "</h3>\n";
    if (g.rollup.kind != RollupRule::Kind::none || (rollup && rollup->rating >= 0)) {
        const Scale* rs = rollup_scale(p, g);
        out += "<p class=\"group-rating\">Assessment: " + rating_tag(p, rs, rollup ? rollup->rating : -1);
        if (previous)
            if (auto it = previous->groups.find(g.id); it != previous->groups.end())
                out += " <span class=\"was\">(" + escape(previous->as_at) + ": " +
                       rating_tag(p, rs, it->second.rating) + ")</span>";
        out += "</p>\n";
    }
    if (outs.empty()) return out + "<p>No indicators assessed.</p>\n</section>\n";

    // The header row.
    const std::vector<ChangeColumn> changes = change_columns(a, g);
    const std::string unit = unit_header(a, g);
    const std::string in_unit = unit.empty() ? std::string() : " (" + unit + ")";
    size_t columns = 1 + (areas ? 1 : 0) + periods.size() + g.comparators.size() + changes.size() + (targets ? 2 : 0) +
                     (g.arrow.none ? 0 : 1) + g.other_arrows.size() + (rated ? 1 : 0) + 2;
    // Named apart from the section (labelled by the same title): two regions of one name are one landmark twice.
    out += table_wrap("Table: " + title) + "<table class=\"indicators\">\n<caption class=\"visually-hidden\">" +
           escape(title) + ": figures per period" + (g.arrow.none ? "" : ", direction of travel") +
           (rated ? ", rating" : "") +
           " and comments for each indicator</caption>\n<thead><tr><th scope=\"col\" class=\"title\">Indicator</th>";
    if (areas) out += "<th scope=\"col\">Area</th>";
    for (size_t c = 0; c < periods.size(); ++c)
        out += "<th scope=\"col\" class=\"num\">" + escape(period_label(d, periods[c]) + in_unit) +
               note_refs(scope, column_notes[c]) + "</th>";
    for (const ComparatorColumn& c : g.comparators)
        out += "<th scope=\"col\" class=\"num comparator\">" + escape(c.title + in_unit) + "</th>";
    for (ChangeColumn c : changes)
        out += "<th scope=\"col\" class=\"num\">" +
               escape(change_header(c) + (c == ChangeColumn::volume ? in_unit : std::string())) + "</th>";
    const bool own_targets = targets && targets_set_by_pack(outs);
    const bool own_ratings = rated && ratings_set_by_pack(a, outs);
    const std::string dagger = "<sup class=\"set-by-pack\" title=\"Set by the rule pack\">\u2020</sup>";
    if (targets)
        out += "<th scope=\"col\">Target" + (own_targets ? dagger : std::string()) +
               "</th><th scope=\"col\">Distance from target</th>";
    if (!g.arrow.none) out += "<th scope=\"col\">Direction of travel</th>";
    for (const NamedArrowRule& other : g.other_arrows)
        out += "<th scope=\"col\">" + escape(other_arrow_header(other.name)) + "</th>";
    if (rated) out += "<th scope=\"col\">Rating" + (own_ratings ? dagger : std::string()) + "</th>";
    out += "<th scope=\"col\">Trend</th><th scope=\"col\" class=\"comments\">Comments</th></tr></thead>\n";

    for (size_t k = 0; k < outs.size(); ++k) {
        const Outcome& o = *outs[k];
        const Indicator& ind = indicator_of(a, o);
        std::string id = "o" + std::to_string(&o - a.outcomes.data());
        std::string name = title_of(ind);
        bool worst = rated && worst_level(scale, o.rating);

        out += "<tbody class=\"indicator\" id=\"" + id + "\">\n<tr><th scope=\"row\" class=\"title\">" +
               escape(name + grid.mark(k)) +
               // What the mark means, for a screen reader that says "star".
               (grid.base[k] ? "<span class=\"visually-hidden\"> (" + escape(grid.latest[grid.base[k] - 1]) +
                                   " data: see the note under the table)</span>"
                             : std::string()) +
               note_refs(scope, notes[k].title) + "</th>";
        if (areas) out += "<td>" + escape(area_of(a, o)) + "</td>";
        for (size_t c = 0; c < periods.size(); ++c) {
            if (!cells[k][c]) {
                out += "<td class=\"num\"></td>";
                continue;
            }
            uint32_t obs = *cells[k][c];
            bool current = o.current && o.current->period == periods[c] && d.has_value(obs);
            std::string cls = std::string("num") + (current ? " current" : "") + (d.has_value(obs) ? "" : " missing");
            out += "<td class=\"" + cls + "\">" +
                   escape(observation_text(d, ind, obs, rounding_of(a, o), style_of(a, o))) +
                   note_refs(scope, notes[k].periods[c]);
            if (current && o.interval)
                out += "<br><span class=\"ci\">" +
                       escape(interval_text(ind, *o.interval, rounding_of(a, o), style_of(a, o))) + "</span>";
            out += "</td>";
        }
        for (const ComparatorColumn& c : g.comparators)
            out += "<td class=\"num comparator\">" + escape(comparator_text(a, o, c)) + "</td>";
        for (ChangeColumn c : changes) out += "<td class=\"num change\">" + escape(change_text(a, o, c)) + "</td>";
        if (targets) out += "<td>" + escape(target_text(a, o)) + "</td><td>" + escape(distance_text(a, o)) + "</td>";
        if (!g.arrow.none) out += "<td class=\"direction\">" + arrow_text(p, o.arrow) + "</td>";
        for (size_t n = 0; n < g.other_arrows.size(); ++n)
            out += "<td class=\"direction\">" +
                   arrow_text(p, n < o.other_arrows.size() ? o.other_arrows[n].arrow : Arrow::none) + "</td>";
        if (rated) {
            out += "<td class=\"rating\">" + rating_tag(p, scale, o.rating);
            if (previous) {
                const PreviousRun::Result* was = previous->find(g.id, ind.id, area_of(a, o));
                auto now = level_label(scale, o.rating);
                if (!was)
                    out += " <span class=\"was\">new since " + escape(previous->as_at) + "</span>";
                else if (was->rating != (now ? std::string(*now) : std::string()))
                    out += " <span class=\"was\">was " + escape(was->rating.empty() ? "not rated" : was->rating) +
                           " in " + escape(previous->as_at) + "</span>";
            }
            out += "</td>";
        }
        out += "<td class=\"trend\">" + sparkline(a, o, periods, cells[k], id) + "</td>";
        out += "<td class=\"comments\">" + escape(comment_text(a, o)) + "</td></tr>\n";

        // Recorded commentary and action under the row; on a row at the worst
        // level, a box that quotes the action or says that none was recorded.
        const Commentary* recorded = commentary_of(a, o);
        if (worst) {
            auto label = level_label(scale, o.rating);
            out += "<tr class=\"action\"><td colspan=\"" + std::to_string(columns) + "\"><div class=\"action-box " +
                   level_class(p, scale, o.rating) +
                   "\" role=\"note\" aria-label=\"Corrective action: " + escape(name) +
                   "\"><p class=\"action-head\">Corrective action needed</p><p>" + escape(name) + " is rated " +
                   escape(*label) + ": " + escape(standing(a, o)) + ".</p>" + commentary_html(a, o, recorded, true) +
                   "</div></td></tr>\n";
        } else if (recorded) {
            out += "<tr class=\"commentary\"><td colspan=\"" + std::to_string(columns) +
                   "\"><div class=\"commentary-box\" role=\"note\" aria-label=\"Commentary: " + escape(name) + "\">" +
                   commentary_html(a, o, recorded, false) + "</div></td></tr>\n";
        }
        if (!o.explanation.empty()) {
            out += "<tr class=\"why\"><td colspan=\"" + std::to_string(columns) +
                   "\"><details><summary>How this was assessed<span class=\"visually-hidden\">: " + escape(name) +
                   "</span></summary><ol>";
            for (const std::string& line : o.explanation) out += "<li>" + escape(line) + "</li>";
            out += "</ol></details></td></tr>\n";
        }
        out += "</tbody>\n";
    }
    out += "</table></div>\n";
    out += funnel_plots(a, outs, scope);
    for (const std::string& note : grid.notes) out += "<p class=\"period-note\">" + escape(note) + "</p>\n";
    if (rollup) out += "<p class=\"counts\">" + escape(counts_summary(rollup->counts, scale)) + "</p>\n";
    if (own_targets || own_ratings)
        out += std::string("<p class=\"set-by-pack-note\">\u2020 ") +
               (own_targets && own_ratings ? "Targets and ratings are"
                : own_targets              ? "Targets are"
                                           : "Ratings are") +
               " set by the rule pack " + escape(p.name) + ", not published in the source.</p>\n";
    out += note_list(scope, listed, footnotes);
    return out + "</section>\n";
}

}  // namespace assay::reporting::html
