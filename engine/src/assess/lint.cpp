// check_pack: validation of a loaded pack without assessing anything, in the
// manner of `promtool check rules`: every finding is collected, each naming
// the declaration's file:line and the rule it concerns. Checks the
// references between declarations, first-match cases that can never apply
// (after `otherwise`, or bands listed in the wrong order for the polarity),
// levels no case gives, roll-up thresholds with gaps, targets, and with a
// dataset the indicators, areas and periods the pack names.
#include <assay/lint.hpp>

#include "assess/context.hpp"
#include "assess/plan.hpp"
#include "core/closest_name.hpp"

#include <assay/number.hpp>
#include <assay/period.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace assay {
namespace {

using Severity = Finding::Severity;

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool needs_target(Condition::Kind k) {
    using K = Condition::Kind;
    return k == K::on_track || k == K::will_meet || k == K::met || k == K::distance_within || k == K::has_target;
}

/// Whether `c` compares with the target (a band condition without a reference of its own).
bool compares_with_target(const Condition& c) {
    using K = Condition::Kind;
    return (c.kind == K::within || c.kind == K::short_of || c.kind == K::better_by) && c.reference.empty();
}

/// Whether condition `c` or any condition inside it satisfies `pred`.
template <class Pred>
bool mentions(const Condition& c, Pred pred) {
    if (pred(c)) return true;
    return std::any_of(c.children.begin(), c.children.end(), [&](const Condition& x) { return mentions(x, pred); });
}

/// Whether `x` holding means `y` holds (so a case on `x` after one on `y`
/// can never apply). Conservative: false when it cannot tell. `polarity` is
/// the group's when all its indicators agree.
bool implies(const Condition& x, const Condition& y, std::optional<Polarity> polarity) {
    using K = Condition::Kind;
    if (y.kind == K::always) return true;
    if (x.kind == K::always) return false;
    if (y.kind == K::any)
        return std::any_of(y.children.begin(), y.children.end(),
                           [&](const Condition& c) { return implies(x, c, polarity); });
    if (y.kind == K::all)
        return std::all_of(y.children.begin(), y.children.end(),
                           [&](const Condition& c) { return implies(x, c, polarity); });
    if (x.kind == K::all)
        return std::any_of(x.children.begin(), x.children.end(),
                           [&](const Condition& c) { return implies(c, y, polarity); });
    if (x.kind == K::any)
        return !x.children.empty() && std::all_of(x.children.begin(), x.children.end(),
                                                  [&](const Condition& c) { return implies(c, y, polarity); });
    if (x.kind != y.kind || x.arrow != y.arrow) return false;  // the same test of the same arrow
    if (x.reference != y.reference || x.band_column != y.band_column) return false;
    switch (x.kind) {
        case K::within:  // within a narrower band is within the wider one
            return x.band_column.empty() ? x.band.kind == y.band.kind && x.band.width <= y.band.width : true;
        case K::short_of:  // further short than a wider band is further short than a narrower one
        case K::better_by:
            return x.band_column.empty() ? x.band.kind == y.band.kind && x.band.width >= y.band.width : true;
        case K::distance_within:  // within a narrower band is within the wider one
            return x.band.kind == y.band.kind && x.band.width <= y.band.width;
        case K::better_than:
            if (x.amount == y.amount) return true;
            if (!polarity || *polarity == Polarity::neutral) return false;
            return *polarity == Polarity::lower_is_better ? x.amount <= y.amount : x.amount >= y.amount;
        case K::not_:
            return x.text == y.text;
        case K::significantly_better:
        case K::similar:
        case K::significantly_worse:
        case K::above_funnel:
        case K::within_funnel:
        case K::below_funnel:
        case K::better_than_funnel:
        case K::worse_than_funnel:
            return x.comparator_area == y.comparator_area && x.level == y.level;
        default:
            return true;  // the same simple condition
    }
}

/// The lowest and highest value an indicator holds in the data.
struct ValueRange {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    bool any() const { return low <= high; }
};

/// The fixed threshold of a condition that no value in `range` reaches, so
/// the condition never holds for that indicator: better_than(amount) beyond
/// the best value by more than the values' own size, or such a condition inside all { } (one part never holding
/// is enough) or in every part of any { }. Conservative: nullptr when unsure
/// (not { }, thresholds from the data, anything read from elsewhere).
const Condition* out_of_range(const Condition& c, const ValueRange& range, bool lower_better) {
    using K = Condition::Kind;
    switch (c.kind) {
        case K::better_than: {
            if (!c.reference.empty() || !range.any()) return nullptr;
            double best = lower_better ? range.low : range.high;
            if (assess_detail::at_or_better(best, c.amount, lower_better)) return nullptr;
            // A target the data has not reached yet is normal (a gap of 0 not yet
            // closed); one further beyond the best value than the values' own size
            // is out of the data's reach, most likely in other units (95 for 0.95).
            double size = std::max(std::abs(range.low), std::abs(range.high));
            return std::abs(c.amount - best) > size ? &c : nullptr;
        }
        case K::all:
            for (const Condition& x : c.children)
                if (const Condition* found = out_of_range(x, range, lower_better)) return found;
            return nullptr;
        case K::any: {
            const Condition* first = nullptr;
            for (const Condition& x : c.children) {
                const Condition* found = out_of_range(x, range, lower_better);
                if (!found) return nullptr;
                if (!first) first = found;
            }
            return first;
        }
        default:
            return nullptr;
    }
}

/// Whether `c` is a band of a band table (distance_within, better_than).
bool is_band(const Condition& c) {
    return c.kind == Condition::Kind::distance_within || c.kind == Condition::Kind::better_than;
}

class Linter {
public:
    Linter(const Pack& p, const Dataset* d) : pack_(p), data_(d) {}

    std::vector<Finding> run() {
        check_scales();
        check_arrow_styles();
        check_targets();
        check_derived();
        for (size_t i = 0; i < pack_.groups.size(); ++i) check_group(i);
        check_themes();
        check_unused_scales();
        std::stable_sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
            return a.where.file != b.where.file ? a.where.file < b.where.file : a.where.line < b.where.line;
        });
        return std::move(out_);
    }

private:
    const Pack& pack_;
    const Dataset* data_;
    std::vector<Finding> out_;

    /// A pack-relative place as the user sees it: with the pack's folder.
    SourceLoc at(const SourceLoc& where) const {
        SourceLoc loc = where;
        if (!loc.file.empty() && !pack_.dir.empty() && std::filesystem::path(loc.file).is_relative())
            loc.file = (pack_.dir / loc.file).string();
        return loc;
    }

    void add(Severity s, const SourceLoc& where, std::string rule, std::string message) {
        out_.push_back(Finding{s, at(where), std::move(rule), std::move(message)});
    }
    void error(const SourceLoc& w, std::string rule, std::string message) {
        add(Severity::error, w, std::move(rule), std::move(message));
    }
    void warn(const SourceLoc& w, std::string rule, std::string message) {
        add(Severity::warning, w, std::move(rule), std::move(message));
    }

    std::vector<std::string> scale_names() const {
        std::vector<std::string> names;
        for (const Scale& s : pack_.scales) names.push_back(s.name);
        return names;
    }
    std::vector<std::string> group_ids() const {
        std::vector<std::string> ids;
        for (const Group& g : pack_.groups) ids.push_back(g.id);
        return ids;
    }
    std::vector<std::string> all_indicators() const {
        std::vector<std::string> ids;
        for (const Group& g : pack_.groups) ids.insert(ids.end(), g.indicators.begin(), g.indicators.end());
        return ids;
    }
    /// The indicators the assessment will know: the dataset's and the pack's derived series.
    std::vector<std::string> data_indicators() const {
        std::vector<std::string> ids;
        for (const Indicator& i : data_->indicators) ids.push_back(i.id);
        for (const DerivedSeries& d : pack_.derived) ids.push_back(d.id);
        return ids;
    }
    bool derived(std::string_view id) const {
        return std::any_of(pack_.derived.begin(), pack_.derived.end(),
                           [&](const DerivedSeries& d) { return d.id == id; });
    }
    /// Whether the assessment will know indicator `id` (in the data or derived).
    bool known(std::string_view id) const { return data_->find_indicator(id) || derived(id); }
    std::vector<std::string> data_periods() const {
        std::vector<std::string> labels;
        for (const Period& p : data_->periods) labels.push_back(p.label);
        return labels;
    }

    // ---- scales and arrows ------------------------------------------------

    void check_scales() {
        std::set<std::string> seen;
        for (const Scale& s : pack_.scales) {
            const std::string rule = "scale " + quoted(s.name);
            if (s.name.empty()) error(s.where, "scale", "a scale needs a name");
            if (!seen.insert(s.name).second) error(s.where, rule, "the scale is declared twice");
            if (s.levels.size() < 2)
                error(s.where, rule, "a scale needs at least two levels, worst first, as in { \"RED\", \"GREEN\" }");
            for (size_t i = 0; i < s.levels.size(); ++i) {
                const std::string& label = s.levels[i].label;
                if (label.empty()) error(s.where, rule, fmt::format("level {} has no label", i + 1));
                for (size_t j = 0; j < i; ++j)
                    if (!label.empty() && s.levels[j].label == label)
                        error(s.where, rule,
                              fmt::format("level {} repeats the label '{}' of level {}: each level needs its own "
                                          "label",
                                          i + 1, label, j + 1));
            }
        }
    }

    void check_arrow_styles() {
        for (size_t i = 0; i < 6; ++i)
            for (size_t j = 0; j < i; ++j) {
                const std::string& a = pack_.arrows[i].symbol;
                if (!a.empty() && a == pack_.arrows[j].symbol)
                    warn({}, "arrows",
                         fmt::format("'{}' and '{}' print the same symbol '{}': readers cannot tell them apart",
                                     to_string(static_cast<Arrow>(j)), to_string(static_cast<Arrow>(i)), a));
            }
    }

    /// With data: every input of a derived series must be in the data or derived before it.
    void check_derived() {
        if (!data_) return;
        for (size_t i = 0; i < pack_.derived.size(); ++i) {
            const DerivedSeries& d = pack_.derived[i];
            std::vector<std::string> inputs = d.inputs;
            inputs.insert(inputs.end(), d.per.begin(), d.per.end());
            for (const std::string& in : inputs) {
                bool earlier =
                    std::any_of(pack_.derived.begin(), pack_.derived.begin() + static_cast<std::ptrdiff_t>(i),
                                [&](const DerivedSeries& e) { return e.id == in; });
                if (!earlier && !data_->find_indicator(in))
                    error(d.where, "derived " + quoted(d.id),
                          fmt::format("input indicator '{}' is not in dataset '{}'{}", in, data_->name,
                                      suggest_name(in, data_indicators())));
            }
        }
    }

    void check_unused_scales() {
        std::set<std::string> used;
        for (const Group& g : pack_.groups) {
            used.insert(g.scale);
            used.insert(g.scale_rollup);
        }
        for (const Theme& t : pack_.themes) used.insert(t.scale);
        for (const Scale& s : pack_.scales)
            if (!used.count(s.name) && pack_.scales.size() > 1)
                warn(s.where, "scale " + quoted(s.name), "no group or theme rates on this scale");
    }

    // ---- targets ----------------------------------------------------------

    /// The period `label` of a target: it must read as a period, and the
    /// baseline must be in the data.
    std::optional<Period> target_period(const SourceLoc& where, const std::string& rule, const std::string& field,
                                        const std::string& label, bool in_data) {
        Result<Period> p = parse_period(label);
        if (!p) {
            error(where, rule, fmt::format("{} period '{}': {}", field, label, p.error().message));
            return std::nullopt;
        }
        if (in_data && data_ && !data_->find_period(label))
            error(where, rule,
                  fmt::format("{} period '{}' is not a period of dataset '{}'{}", field, label, data_->name,
                              suggest_name(label, data_periods())));
        return p.value();
    }

    void check_target(const TargetRule& t, const SourceLoc& where, const std::string& rule) {
        using K = TargetRule::Kind;
        std::optional<Period> base, due;
        if (!t.due.empty()) due = target_period(where, rule, "due ('by')", t.due, false);
        switch (t.kind) {
            case K::reduce_by:
            case K::increase_by:
                if (t.baseline.empty())
                    error(where, rule, "a reduction or increase needs a baseline period: from = \"2003/04\"");
                else
                    base = target_period(where, rule, "baseline ('from')", t.baseline, true);
                if (t.amount <= 0)
                    error(where, rule,
                          fmt::format("the amount to {} must be above 0, got {}",
                                      t.kind == K::reduce_by ? "reduce by" : "increase by", format_number(t.amount)));
                if (t.kind == K::reduce_by && t.percent && t.amount >= 100)
                    error(where, rule,
                          fmt::format("reducing by {}% leaves nothing: a percentage reduction must be below 100",
                                      format_number(t.amount)));
                if (base && due && !(*base < *due))
                    error(where, rule,
                          fmt::format("the due period '{}' must come after the baseline '{}'", t.due, t.baseline));
                break;
            case K::within:
                if (t.tolerance < 0) error(where, rule, "the tolerance ('within') must not be negative");
                break;
            case K::comparator:
                if (t.comparator_indicator.empty() && t.comparator_area.empty())
                    error(where, rule, "a comparator target needs an indicator or an area to beat");
                if (data_ && !t.comparator_indicator.empty() && !known(t.comparator_indicator))
                    error(where, rule,
                          fmt::format("comparator indicator '{}' is not in dataset '{}'{}", t.comparator_indicator,
                                      data_->name, suggest_name(t.comparator_indicator, data_indicators())));
                if (data_ && !t.comparator_area.empty() && !data_->find_area(t.comparator_area))
                    error(where, rule,
                          fmt::format("comparator area '{}' is not in dataset '{}'{}", t.comparator_area, data_->name,
                                      suggest_name(t.comparator_area, data_->areas)));
                break;
            case K::absolute:
                break;
        }
    }

    void check_targets() {
        std::set<std::string> ids, indicators;
        const std::vector<std::string> assessed = all_indicators();
        for (const TargetRule& t : pack_.targets) {
            const std::string rule = "target " + quoted(t.id);
            if (!ids.insert(t.id).second) error(t.where, rule, "the target is declared twice");
            if (t.indicator.empty()) {
                error(t.where, rule, "a target needs the indicator it is for: indicator = \"...\"");
                continue;
            }
            if (!indicators.insert(t.indicator).second)
                error(t.where, rule, fmt::format("indicator '{}' already has a target", t.indicator));
            if (!listed(assessed, t.indicator))
                warn(t.where, rule,
                     fmt::format("no group assesses indicator '{}', so the target is never used{}", t.indicator,
                                 suggest_name(t.indicator, assessed)));
            if (data_ && !known(t.indicator))
                error(t.where, rule,
                      fmt::format("indicator '{}' is not in dataset '{}'{}", t.indicator, data_->name,
                                  suggest_name(t.indicator, data_indicators())));
            check_target(t, t.where, rule);
        }
    }

    // ---- groups -----------------------------------------------------------

    /// The polarity every indicator of the group is assessed with, if they agree.
    std::optional<Polarity> group_polarity(const Group& g) const {
        if (g.polarity) return g.polarity;
        if (!data_) return std::nullopt;
        std::optional<Polarity> common;
        for (const std::string& id : g.indicators) {
            auto i = data_->find_indicator(id);
            if (!i) continue;
            Polarity p = data_->indicators[*i].polarity;
            if (common && *common != p) return std::nullopt;
            common = p;
        }
        return common;
    }

    /// The group's arrow rule named `name` ("" = the main one).
    static const ArrowRule& arrow_rule(const Group& g, const std::string& name) {
        for (const NamedArrowRule& other : g.other_arrows)
            if (other.name == name) return other.rule;
        return g.arrow;
    }

    bool any_target(const Group& g) const {
        return std::any_of(g.indicators.begin(), g.indicators.end(),
                           [&](const std::string& id) { return pack_.target_for(g, id) != nullptr; });
    }

    void check_arrow_rule(const Group& g, const std::string& rule) {
        const ArrowRule& a = g.arrow;
        const SourceLoc& where = a.where.file.empty() ? g.where : a.where;
        if (a.static_band.width < 0) error(where, rule, "the static band ('static_within') must not be negative");
        if (a.static_band.kind == Band::Kind::relative && a.static_band.width >= 100)
            warn(where, rule,
                 fmt::format("a static band of {}% makes almost every change static",
                             format_number(a.static_band.width)));
        if (a.compare == ArrowRule::Compare::periods_back && a.span < 1)
            error(where, rule, "arrow.periods_back needs a number of periods from 1");
        if (a.peak_at && g.polarity == Polarity::neutral)
            warn(where, rule, "peak_at has no meaning for neutral indicators: they have no better direction");
    }

    void check_indicators(const Group& g, const std::string& rule) {
        if (g.indicators.empty()) error(g.where, rule, "the group lists no indicators");
        for (size_t i = 0; i < g.indicators.size(); ++i) {
            const std::string& id = g.indicators[i];
            if (id.empty()) error(g.where, rule, fmt::format("indicator {} has no id", i + 1));
            for (size_t j = 0; j < i; ++j)
                if (g.indicators[j] == id) error(g.where, rule, fmt::format("indicator '{}' is listed twice", id));
            if (!data_ || id.empty()) continue;
            if (derived(id)) continue;  // computed from the data before the assessment
            auto ind = data_->find_indicator(id);
            if (!ind) {
                error(g.where, rule,
                      fmt::format("indicator '{}' is not in dataset '{}'{}", id, data_->name,
                                  suggest_name(id, data_indicators())));
                continue;
            }
            bool observed = std::any_of(data_->series.begin(), data_->series.end(),
                                        [&](const Series& s) { return s.indicator == *ind; });
            if (!observed) warn(g.where, rule, fmt::format("indicator '{}' has no observations in the data", id));
            const Indicator& meta = data_->indicators[*ind];
            if (!meta.comparable_from.empty() && !parse_period(meta.comparable_from))
                error(meta.where, "indicator " + quoted(id),
                      fmt::format("comparable_from '{}' is not a period", meta.comparable_from));
        }
    }

    /// Whether `c` says better or worse (so needs a direction).
    static bool directional(const Condition& c) {
        using K = Condition::Kind;
        return c.kind == K::better_than || c.kind == K::short_of || c.kind == K::better_by || c.kind == K::met ||
               c.kind == K::on_track || c.kind == K::distance_within || c.kind == K::will_meet;
    }

    /// A threshold a condition reads that the data gives for none of an indicator's periods.
    void missing_threshold(const Group& g, const Condition& c, const std::string& name, const SourceLoc& where,
                           const std::string& rule, std::set<std::string>& said) {
        if (!data_) return;
        for (const std::string& id : g.indicators) {
            auto i = data_->find_indicator(id);
            if (!i || data_->has_threshold(*i, name)) continue;
            if (!said.insert("threshold " + name + " " + id).second) continue;
            warn(where, rule,
                 fmt::format("condition '{}' reads the {} of each period, but the data gives no {} for indicator "
                             "'{}': it will be unrated (add a {} column to its rows)",
                             c.text, name, name, id, name));
        }
    }

    /// Conditions that can never hold for this group, named once each.
    void check_conditions(const Group& g, const std::string& rule, const SourceLoc& where) {
        const RatingRule& r = g.rating;
        std::set<std::string> said;
        auto never = [&](const Condition& c, const std::string& why) {
            if (said.insert(c.text).second)
                warn(where, rule, fmt::format("condition '{}' never holds: {}", c.text, why));
        };
        const bool targets = any_target(g);
        const std::optional<Polarity> polarity = group_polarity(g);
        for (const RatingRule::Case& c : r.cases) {
            mentions(c.when, [&](const Condition& x) {
                using K = Condition::Kind;
                const bool on_arrow = x.kind == K::improved || x.kind == K::static_ || x.kind == K::declined ||
                                      x.kind == K::peak || x.kind == K::has_arrow;
                if (on_arrow && x.arrow.empty() && g.arrow.none)
                    never(x, fmt::format("group '{}' has no direction of travel (arrow = arrow.none)", g.id));
                if ((needs_target(x.kind) || compares_with_target(x)) && !targets)
                    never(x, fmt::format("no indicator of group '{}' has a target", g.id));
                if (polarity == Polarity::neutral && directional(x) && said.insert("neutral " + x.text).second)
                    warn(where, rule,
                         fmt::format("condition '{}' compares better and worse, but the indicators of group '{}' "
                                     "are neutral (the dataset declares no polarity): it reads higher as better; "
                                     "give the group or indicators.csv a polarity",
                                     x.text, g.id));
                for (const std::string* name : {&x.reference, &x.band_column})
                    if (!name->empty()) missing_threshold(g, x, *name, where, rule, said);
                if (x.kind == Condition::Kind::peak && !arrow_rule(g, x.arrow).peak_at)
                    never(x, "the arrow rule it tests has no peak_at");
                if ((x.kind == Condition::Kind::improved || x.kind == Condition::Kind::declined) &&
                    polarity == Polarity::neutral)
                    never(x, "neutral indicators increase or decrease; they never improve or decline");
                if ((x.kind == Condition::Kind::better_than_funnel || x.kind == Condition::Kind::worse_than_funnel) &&
                    polarity == Polarity::neutral)
                    never(x, fmt::format("the indicators of group '{}' are neutral, so no place on the funnel is "
                                         "better or worse; use above_funnel or below_funnel, or give the group or "
                                         "indicators.csv a polarity",
                                         g.id));
                return false;
            });
        }
    }

    /// Whether a level's meaning describes a band either side of the target ("±5 %", "either side").
    static bool says_either_side(const std::string& meaning) {
        std::string lower = meaning;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return lower.find("either side") != std::string::npos || lower.find("\u00b1") != std::string::npos ||
               lower.find("+/-") != std::string::npos;
    }

    /// A case whose level the scale describes as a band either side of the
    /// target, decided by distance_within, which looks at the shortfall side
    /// only (a value beyond the target always holds): the key would promise
    /// what the rule does not do.
    void check_one_sided(const RatingRule& r, const Scale& scale, const SourceLoc& where, const std::string& rule) {
        for (size_t j = 0; j < r.cases.size(); ++j) {
            const RatingRule::Case& c = r.cases[j];
            if (c.level < 0 || c.level >= static_cast<int>(scale.levels.size())) continue;
            const ScaleLevel& level = scale.levels[static_cast<size_t>(c.level)];
            if (!says_either_side(level.meaning)) continue;
            const Condition* one_sided = nullptr;
            mentions(c.when, [&](const Condition& x) {
                if (x.kind == Condition::Kind::distance_within && !one_sided) one_sided = &x;
                return false;
            });
            if (!one_sided) continue;
            warn(where, rule,
                 fmt::format("case {} gives '{}', which scale '{}' describes as \"{}\", but '{}' looks at one "
                             "side only: it holds for a value at most that far short of the target and for every "
                             "value beyond it; for a band either side write within({})",
                             j + 1, level.label, scale.name, level.meaning, one_sided->text, band_text_of(*one_sided)));
        }
    }

    /// "pct(5)" or "3": the band of a distance_within condition, as written.
    static std::string band_text_of(const Condition& c) {
        const std::string& t = c.text;
        size_t open = t.find('('), close = t.rfind(')');
        return open != std::string::npos && close != std::string::npos && close > open
                   ? t.substr(open + 1, close - open - 1)
                   : "pct(5)";
    }

    /// "GREEN" (the level case `c` gives), or "no rating" for a case that gives none.
    static std::string level_of(const RatingRule::Case& c, const Scale* scale) {
        if (c.level < 0) return "no rating";
        if (scale && c.level < static_cast<int>(scale->levels.size()))
            return quoted(scale->levels[static_cast<size_t>(c.level)].label);
        return fmt::format("level {}", c.level);
    }

    /// "higher is better".
    static std::string polarity_words(Polarity p) {
        std::string words(to_string(p));
        std::replace(words.begin(), words.end(), '_', ' ');
        return words;
    }

    /// The polarity indicator `id` is assessed with: the group's, else the data's.
    std::optional<Polarity> polarity_of(const Group& g, const std::string& id) const {
        if (g.polarity) return g.polarity;
        if (!data_) return std::nullopt;
        auto i = data_->find_indicator(id);
        if (!i) return std::nullopt;
        return data_->indicators[*i].polarity;
    }

    /// In a group whose indicators differ in polarity, a case shadowed by an
    /// earlier one for the indicators of one polarity (better_than(10) after
    /// better_than(5) where higher is better): it can still apply to the
    /// others, so it is named with the indicators it can never apply to.
    void check_shadowed_by_polarity(const Group& g, const std::vector<bool>& reachable, const Scale* scale,
                                    const SourceLoc& where, const std::string& rule) {
        const RatingRule& r = g.rating;
        for (Polarity p : {Polarity::higher_is_better, Polarity::lower_is_better, Polarity::neutral}) {
            std::vector<std::string> ids;
            for (const std::string& id : g.indicators)
                if (polarity_of(g, id) == p) ids.push_back(quoted(id));
            if (ids.empty()) continue;
            for (size_t j = 0; j < r.cases.size(); ++j) {
                if (!reachable[j]) continue;
                for (size_t i = 0; i < j; ++i) {
                    const Condition& earlier = r.cases[i].when;
                    if (!reachable[i] || implies(r.cases[j].when, earlier, std::nullopt) ||
                        !implies(r.cases[j].when, earlier, p))
                        continue;
                    warn(where, rule,
                         fmt::format("case {} ('{}', giving {}) can never apply to indicator{} {} ({}): case {} ('{}') "
                                     "already matches every value it matches for them",
                                     j + 1, r.cases[j].when.text, level_of(r.cases[j], scale),
                                     ids.size() == 1 ? "" : "s", fmt::join(ids, ", "), polarity_words(p), i + 1,
                                     earlier.text));
                    break;
                }
            }
        }
    }

    /// A case with a fixed threshold that no value of an indicator in the
    /// dataset reaches: that indicator never gets the case's rating from it.
    void check_data_range(const Group& g, const Scale* scale, const SourceLoc& where, const std::string& rule) {
        if (!data_) return;
        const RatingRule& r = g.rating;
        for (const std::string& id : g.indicators) {
            auto ind = data_->find_indicator(id);
            std::optional<Polarity> p = polarity_of(g, id);
            if (!ind || !p) continue;
            ValueRange range;
            for (const Series& series : data_->series) {
                if (series.indicator != *ind) continue;
                for (uint32_t o = series.begin; o < series.end; ++o) {
                    if (!data_->has_value(o)) continue;
                    range.low = std::min(range.low, data_->obs_value[o]);
                    range.high = std::max(range.high, data_->obs_value[o]);
                }
            }
            if (!range.any()) continue;
            const bool lower = *p == Polarity::lower_is_better;
            for (size_t j = 0; j < r.cases.size(); ++j) {
                const Condition* beyond = out_of_range(r.cases[j].when, range, lower);
                if (!beyond) continue;
                warn(where, rule,
                     fmt::format("case {} ('{}', giving {}) never applies to indicator '{}': '{}' asks for {} or "
                                 "{} ({}), but its values in dataset '{}' run from {} to {}, far from it: is the "
                                 "threshold in the data's units (a percentage as 95, not 0.95)?",
                                 j + 1, r.cases[j].when.text, level_of(r.cases[j], scale), id, beyond->text,
                                 format_number(beyond->amount), lower ? "lower" : "higher", polarity_words(*p),
                                 data_->name, format_number(range.low), format_number(range.high)));
            }
        }
    }

    void check_cases(const Group& g, const Scale* scale, const std::string& rule) {
        const RatingRule& r = g.rating;
        const SourceLoc& where = r.where.file.empty() ? g.where : r.where;
        if (r.cases.empty()) {
            error(where, rule, "first { ... } has no cases: add { otherwise, LEVEL }");
            return;
        }
        const std::optional<Polarity> polarity = group_polarity(g);
        std::vector<bool> reachable(r.cases.size(), true);
        for (size_t j = 0; j < r.cases.size(); ++j) {
            const RatingRule::Case& c = r.cases[j];
            if (scale && (c.level < -1 || c.level >= static_cast<int>(scale->levels.size())))
                error(where, rule,
                      fmt::format("case {} gives level {}, which is not a level of scale '{}'", j + 1, c.level,
                                  scale->name));
            for (size_t i = 0; i < j && reachable[j]; ++i) {
                const Condition& earlier = r.cases[i].when;
                if (!reachable[i] || !implies(c.when, earlier, polarity)) continue;
                reachable[j] = false;
                const std::string gives = level_of(c, scale);
                if (earlier.kind == Condition::Kind::always)
                    warn(where, rule,
                         fmt::format("case {} ('{}') can never apply: case {} ('otherwise') applies first (so it "
                                     "never gives {})",
                                     j + 1, c.when.text, i + 1, gives));
                else if (is_band(c.when) && is_band(earlier) && c.when.text != earlier.text)
                    error(where, rule,
                          fmt::format("case {} ('{}') can never apply: anything it matches is matched first by "
                                      "case {} ('{}'), so it never gives {}; list the {} band first",
                                      j + 1, c.when.text, i + 1, earlier.text, gives,
                                      c.when.kind == Condition::Kind::distance_within ? "narrower" : "stricter"));
                else
                    warn(where, rule,
                         fmt::format("case {} ('{}') can never apply: case {} ('{}') already matches everything "
                                     "it matches (so it never gives {})",
                                     j + 1, c.when.text, i + 1, earlier.text, gives));
            }
        }
        if (!polarity) check_shadowed_by_polarity(g, reachable, scale, where, rule);
        if (scale) check_one_sided(r, *scale, where, rule);
        check_data_range(g, scale, where, rule);
        if (std::none_of(r.cases.begin(), r.cases.end(),
                         [](const RatingRule::Case& c) { return c.when.kind == Condition::Kind::always; }))
            warn(where, rule,
                 "no case applies when none of the conditions hold, so those indicators get no rating: end with "
                 "{ otherwise, LEVEL }");
        if (!scale) return;
        for (size_t level = 0; level < scale->levels.size(); ++level) {
            bool given = false;
            for (size_t j = 0; j < r.cases.size(); ++j)
                given = given || (reachable[j] && r.cases[j].level == static_cast<int>(level));
            if (!given)
                warn(where, rule,
                     fmt::format("no case gives level '{}' of scale '{}'", scale->levels[level].label, scale->name));
        }
    }

    /// Checks a roll-up on `scale`; `owner` names the group or theme.
    void check_rollup(const RollupRule& r, const Scale* scale, const SourceLoc& owner_where, const std::string& rule) {
        using K = RollupRule::Kind;
        const SourceLoc& where = r.where.file.empty() ? owner_where : r.where;
        if (r.kind == K::script && (r.text.empty() || r.text == "function"))
            warn(where, rule,
                 "the key cannot describe a roll-up function: add rollup_text = \"...\" saying what it does");
        if (r.kind != K::mean) return;
        if (r.thresholds.empty()) {
            error(where, rule, "mean { ... } has no thresholds: add { 0, LEVEL }");
            return;
        }
        for (size_t i = 0; i < r.thresholds.size(); ++i) {
            const auto& [score, level] = r.thresholds[i];
            if (score < 0 || score > 1)
                error(where, rule,
                      fmt::format("mean threshold {} is {}: scores run from 0 to 1", i + 1, format_number(score)));
            if (scale && (level < 0 || level >= static_cast<int>(scale->levels.size())))
                error(where, rule,
                      fmt::format("mean threshold {} gives level {}, not a level of scale '{}'", i + 1, level,
                                  scale->name));
            if (i == 0) continue;
            const auto& [prev_score, prev_level] = r.thresholds[i - 1];
            if (score >= prev_score)
                error(where, rule,
                      fmt::format("mean thresholds must be listed highest first: {} comes after {}",
                                  format_number(score), format_number(prev_score)));
            else if (level > prev_level && scale && level < static_cast<int>(scale->levels.size()) && prev_level >= 0)
                error(where, rule,
                      fmt::format("mean thresholds are in the wrong order: a mean of {} gives '{}', better than the "
                                  "'{}' of the higher mean {}",
                                  format_number(score), scale->levels[static_cast<size_t>(level)].label,
                                  scale->levels[static_cast<size_t>(prev_level)].label, format_number(prev_score)));
        }
        double lowest = r.thresholds.back().first;
        if (lowest > 0)
            warn(where, rule,
                 fmt::format("a mean below {} gets no rating: end the thresholds with {{ 0, LEVEL }}",
                             format_number(lowest)));
    }

    const Scale* scale_for(const std::string& name, const SourceLoc& where, const std::string& rule, bool needed) {
        if (name.empty()) {
            if (needed && pack_.scales.empty()) error(where, rule, "it is rated, but the pack declares no scale");
            return pack_.scales.empty() ? nullptr : &pack_.scales.front();
        }
        if (const Scale* s = pack_.find_scale(name)) return s;
        error(where, rule, fmt::format("scale '{}' is not declared{}", name, suggest_name(name, scale_names())));
        return nullptr;
    }

    void check_group(size_t index) {
        const Group& g = pack_.groups[index];
        const std::string rule = "group " + quoted(g.id);
        if (g.id.empty()) error(g.where, "group", "a group needs an id");
        for (size_t j = 0; j < index; ++j)
            if (pack_.groups[j].id == g.id) error(g.where, rule, "the group is declared twice");
        if (!g.theme.empty() &&
            std::none_of(pack_.themes.begin(), pack_.themes.end(), [&](const Theme& t) { return t.id == g.theme; })) {
            std::vector<std::string> ids;
            for (const Theme& t : pack_.themes) ids.push_back(t.id);
            error(g.where, rule, fmt::format("theme '{}' is not declared{}", g.theme, suggest_name(g.theme, ids)));
        }
        check_indicators(g, rule);
        check_arrow_rule(g, rule);
        if (g.target)
            check_target(*g.target, g.target->where.file.empty() ? g.where : g.target->where, rule + " target");
        const bool rated = g.rating.kind != RatingRule::Kind::none;
        const Scale* scale = scale_for(g.scale, g.where, rule, rated);
        if (g.rating.kind == RatingRule::Kind::first_match) {
            const SourceLoc& where = g.rating.where.file.empty() ? g.where : g.rating.where;
            check_cases(g, scale, rule + " rating");
            check_conditions(g, rule + " rating", where);
        }
        if (g.rollup.kind != RollupRule::Kind::none) {
            const Scale* rs =
                scale_for(g.scale_rollup.empty() ? g.scale : g.scale_rollup, g.where, rule + " roll-up", true);
            check_rollup(g.rollup, rs, g.where, rule + " roll-up");
        }
    }

    // ---- themes -----------------------------------------------------------

    void check_themes() {
        const std::vector<std::string> ids = group_ids();
        std::vector<std::pair<std::string, std::string>> owner;  // group -> theme listing it
        for (size_t i = 0; i < pack_.themes.size(); ++i) {
            const Theme& t = pack_.themes[i];
            const std::string rule = "theme " + quoted(t.id);
            for (size_t j = 0; j < i; ++j)
                if (pack_.themes[j].id == t.id) error(t.where, rule, "the theme is declared twice");
            bool has_groups = !t.groups.empty() || std::any_of(pack_.groups.begin(), pack_.groups.end(),
                                                               [&](const Group& g) { return g.theme == t.id; });
            if (!has_groups) warn(t.where, rule, "the theme has no groups");
            for (const std::string& id : t.groups) {
                if (!listed(ids, id)) {
                    error(t.where, rule, fmt::format("group '{}' is not declared{}", id, suggest_name(id, ids)));
                    continue;
                }
                for (const auto& [group, theme] : owner)
                    if (group == id && theme != t.id)
                        error(t.where, rule, fmt::format("group '{}' is already in theme '{}'", id, theme));
                owner.emplace_back(id, t.id);
            }
            const bool rolled = t.rollup.kind != RollupRule::Kind::none;
            const Scale* scale = scale_for(t.scale, t.where, rule, rolled);
            if (rolled) check_rollup(t.rollup, scale, t.where, rule + " roll-up");
        }
    }
};

}  // namespace

std::string_view to_string(Finding::Severity s) {
    return s == Finding::Severity::error ? "error" : "warning";
}

std::string to_string(const Finding& f) {
    std::string place = to_string(f.where);
    std::string out = place.empty() ? std::string() : place + ": ";
    out += to_string(f.severity);
    out += ": ";
    if (!f.rule.empty()) out += f.rule + ": ";
    return out + f.message;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    return suggest_name(name, candidates);
}

std::vector<Finding> check_pack(const Pack& pack, const Dataset* data) {
    return Linter(pack, data).run();
}

}  // namespace assay
