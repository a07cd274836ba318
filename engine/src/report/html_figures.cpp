// Figures and notes of the HTML report: the target and the distance from it
// as a committee reads them, and footnotes numbered across the page.
#include "report/html.hpp"

#include "report/common.hpp"
#include "report/wording.hpp"

#include <assay/number.hpp>

#include <cmath>

namespace assay::reporting::html {
namespace {

// An amount of change or distance in the indicator's units: no sign, the
// indicator's decimals, "pts" for percentages and points.
std::string amount_text(const Indicator& ind, double x, Rounding r) {
    Indicator plain = ind;
    bool points = ind.unit == "percent" || ind.unit == "points";
    plain.unit = "count";
    std::string s = value_text(plain, std::fabs(x), r);
    return points ? s + " pts" : s;
}

std::string percent_text(double x) {
    return format_fixed(round_to(x, 1, Rounding::half_up), 1) + "%";
}

}  // namespace

int Footnotes::ref(const std::string& text) {
    auto [it, added] = numbers_.emplace(text, static_cast<int>(texts_.size()) + 1);
    if (added) texts_.push_back(text);
    return it->second;
}

std::string note_refs(std::string_view scope, const std::vector<int>& notes) {
    if (notes.empty()) return {};
    std::string out = "<sup class=\"fn\">";
    for (size_t i = 0; i < notes.size(); ++i) {
        std::string n = std::to_string(notes[i]);
        if (i) out += ",";
        out += "<a href=\"#" + std::string(scope) + "-fn" + n + "\" aria-label=\"note " + n + "\">" + n + "</a>";
    }
    return out + "</sup>";
}

std::string note_list(std::string_view scope, const std::vector<int>& notes, const Footnotes& footnotes) {
    if (notes.empty()) return {};
    std::string out = "<ul class=\"notes\">\n";
    for (int n : notes) {
        std::string num = std::to_string(n);
        out += "<li id=\"" + std::string(scope) + "-fn" + num + "\"><sup>" + num + "</sup> " +
               escape(footnotes.text(n)) + "</li>\n";
    }
    return out + "</ul>\n";
}

std::string target_text(const Assessment& a, const Outcome& o) {
    if (!o.target) return {};
    const TargetOutcome& t = *o.target;
    const Indicator& ind = indicator_of(a, o);
    Rounding r = rounding_of(a, o);
    std::string s = value_text(ind, t.target, r, style_of(a, o));
    if (t.rule && t.rule->kind == TargetRule::Kind::within) {
        s += " ± ";
        s += t.rule->tolerance_percent ? percent_text(t.rule->tolerance) : amount_text(ind, t.rule->tolerance, r);
    }
    if (t.rule && t.rule->kind == TargetRule::Kind::comparator) {
        const std::string& what =
            !t.rule->comparator_area.empty() ? t.rule->comparator_area : t.rule->comparator_indicator;
        s = "at least " + (what.empty() ? std::string("the comparator") : what) + " (" + s + ")";
    }
    if (t.due) s += " by " + (t.due->label.empty() ? canonical_label(*t.due) : t.due->label);
    return s;
}

std::string distance_text(const Assessment& a, const Outcome& o) {
    if (!o.target) return {};
    const TargetOutcome& t = *o.target;
    const Indicator& ind = indicator_of(a, o);
    Rounding r = rounding_of(a, o);
    double d = record_value(t.distance, r);
    if (t.met || d <= 0) {
        if (d >= 0) return "Met";
        return "Met (" + amount_text(ind, d, r) + " better)";
    }
    std::string s = amount_text(ind, d, r) + " to go";
    if (t.distance_pct && std::isfinite(*t.distance_pct)) s += " (" + percent_text(std::fabs(*t.distance_pct)) + ")";
    return s;
}

}  // namespace assay::reporting::html
