// Targets as a committee reads them, and which figures the pack set rather
// than the source published (see common.hpp): every format prints the same
// target, distance and \u2020 marks.
#include "report/common.hpp"
#include "report/wording.hpp"

#include <assay/number.hpp>

#include <algorithm>
#include <cmath>

namespace assay::reporting {
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

// Whether any target of the table is the pack's own (set in its rules), not a figure the data gives.
bool targets_set_by_pack(const std::vector<const Outcome*>& outs) {
    return std::any_of(outs.begin(), outs.end(), [](const Outcome* o) {
        return o->target && o->target->rule && o->target->rule->value_column.empty();
    });
}

// Whether the table's ratings are the pack's own: the data publishes no rating for its indicators.
bool ratings_set_by_pack(const Assessment& a, const std::vector<const Outcome*>& outs) {
    for (const Published& pub : a.dataset->published)
        if (pub.kind == PublishedKind::rating)
            for (const Outcome* o : outs)
                if (o->series == pub.series) return false;
    return true;
}

std::string set_by_pack_note(const Pack& p, bool targets, bool ratings) {
    if (!targets && !ratings) return {};
    return std::string("\u2020 ") +
           (targets && ratings ? "Targets and ratings are"
            : targets          ? "Targets are"
                               : "Ratings are") +
           " set by the rule pack " + p.name + ", not published in the source.";
}

}  // namespace assay::reporting
