// The key to assessment of the HTML report and the rules of each table,
// generated from the pack so that they cannot drift from it: each scale's
// levels with their meaning, the arrows, and per table how its arrows,
// targets and ratings are decided.
#include "report/html.hpp"

#include "report/common.hpp"
#include "report/key.hpp"
#include "report/tables.hpp"
#include "report/wording.hpp"

namespace assay::reporting::html {
namespace {

std::string rating_rule_html(const Pack& p, const Group& g) {
    if (g.rating.kind == RatingRule::Kind::script) return escape(rating_rule_text(p, g));
    if (g.rating.kind != RatingRule::Kind::first_match || g.rating.cases.empty()) return {};
    const Scale* scale = rating_scale(p, g);
    std::string s = "the first that holds of: <ol class=\"cases\">";
    for (const RatingRule::Case& c : g.rating.cases) {
        s += "<li>" + escape(condition_words(c.when, g.polarity)) + " \u2192 ";
        if (c.level < 0)
            s += "not rated" + (c.reason.empty() ? std::string() : " (" + escape(c.reason) + ")");
        else
            s += rating_tag(p, scale, c.level);
        s += "</li>";
    }
    return s + "</ol>";
}

std::string key_table(const Pack& p, const Scale& s, bool named) {
    bool meanings = false;
    for (const ScaleLevel& l : s.levels) meanings = meanings || !l.meaning.empty();
    std::string use = scale_use(p, s);
    std::string caption = named ? (use.empty() ? "Ratings (" + s.name + ")" : "Ratings of " + use) : "Ratings";
    std::string out = "<table class=\"key\">\n<caption>" + escape(caption) +
                      "</caption>\n<thead><tr><th scope=\"col\">Rating</th>" +
                      (meanings ? "<th scope=\"col\">How identified</th>" : "") + "</tr></thead>\n<tbody>\n";
    // Worst first, as the published keys print it.
    for (size_t i = 0; i < s.levels.size(); ++i) {
        out += "<tr><td>" + rating_tag(p, &s, static_cast<int>(i)) + "</td>";
        if (meanings) out += "<td>" + escape(s.levels[i].meaning) + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

}  // namespace

std::string key_section(const Assessment& a) {
    const Pack& p = *a.pack;
    std::string out =
        "<section id=\"key\" class=\"key\" aria-labelledby=\"key-h\">\n<h2 id=\"key-h\">Key to assessment "
        "of performance</h2>\n<div class=\"key-tables\">\n";
    std::vector<const Scale*> scales = key_scales(p);
    for (const Scale* s : scales) out += key_table(p, *s, scales.size() > 1);

    Table arrows = arrow_key(a);
    if (!arrows.rows.empty()) {
        out +=
            "<table class=\"key\">\n<caption>Directional arrows</caption>\n<thead><tr><th scope=\"col\">Trend</th>"
            "<th scope=\"col\">How identified</th></tr></thead>\n<tbody>\n";
        for (const auto& row : arrows.rows)
            out += "<tr><td>" + arrow_text(p, row[0].arrow) + "</td><td>" + escape(row[1].text) + "</td></tr>\n";
        out += "</tbody></table>\n";
    }
    return out + "</div>\n</section>\n";
}

std::string rules_section(const Assessment& a) {
    const Pack& p = *a.pack;
    std::string out =
        "<section id=\"rules\" class=\"rules\" aria-labelledby=\"rules-h\">\n<h2 id=\"rules-h\">How "
        "each table is assessed</h2>\n<dl class=\"rules\">\n";
    for (const ThemeLayout& t : layout(p))
        for (size_t gi : t.groups) {
            const Group& g = p.groups[gi];
            out += "<dt>" + escape(title_of(g)) + "</dt>\n<dd><ul>";
            if (!g.arrow.none) out += "<li>Direction of travel: " + escape(arrow_words(g.arrow, g.polarity)) + ".</li>";
            for (const NamedArrowRule& other : g.other_arrows)
                out += "<li>" + escape(arrow_name_header(other.name)) +
                       " direction of travel: " + escape(arrow_words(other.rule, g.polarity)) + ".</li>";
            if (g.target && !g.target->text.empty()) out += "<li>Target: " + escape(g.target->text) + ".</li>";
            for (const TargetRule& rule : p.targets)
                for (const std::string& id : g.indicators)
                    if (rule.indicator == id) {
                        auto i = a.dataset->find_indicator(id);
                        const std::string& name =
                            i && !a.dataset->indicators[*i].title.empty() ? a.dataset->indicators[*i].title : id;
                        out += "<li>Target for " + escape(name) + ": " + escape(rule.text) + ".</li>";
                    }
            if (std::string r = rating_rule_html(p, g); !r.empty()) out += "<li>Rating: " + r + "</li>";
            if (std::string r = rollup_words(g.rollup, rollup_scale(p, g)); !r.empty())
                out += "<li>Table rating: " + escape(r) + "</li>";
            out += "</ul></dd>\n";
        }
    for (const Theme& t : p.themes)
        if (std::string r = rollup_words(t.rollup, p.find_scale(t.scale)); !r.empty())
            out += "<dt>" + escape(title_of(t)) + "</dt>\n<dd><ul><li>Theme rating: " + escape(r) + "</li></ul></dd>\n";
    return out + "</dl>\n</section>\n";
}

}  // namespace assay::reporting::html
