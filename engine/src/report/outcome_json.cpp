// One outcome as JSON (see outcome_json.hpp). Figures taken from the data
// are written as read; figures the engine derived (change, target,
// trajectory...) are rounded to 6 decimals to drop binary noise.
#include "report/outcome_json.hpp"

#include "report/common.hpp"
#include "report/outcome_record.hpp"

#include <string>

namespace assay::reporting {
namespace {

namespace key = outcome_record::key;

void write_point(JsonWriter& w, const Dataset& d, const std::optional<Point>& p) {
    if (!p) return w.null();
    w.begin_object();
    w.field(key::period, period_label(d, p->period));
    w.field(key::value, p->value);
    w.end_object();
}

void write_target(JsonWriter& w, const Assessment& a, const std::optional<TargetOutcome>& t, Rounding r) {
    if (!t) return w.null();
    const Dataset& d = *a.dataset;
    auto derived = [r](std::optional<double> x) -> std::optional<double> {
        if (!x) return std::nullopt;
        return record_value(*x, r);
    };
    write_target_head(w, *t);
    write_point(w, d, t->baseline);
    w.field("target", record_value(t->target, r));
    w.key("due");
    if (t->due)
        w.string(t->due->label.empty() ? canonical_label(*t->due) : t->due->label);
    else
        w.null();
    w.field("trajectory", derived(t->trajectory));
    w.field("on_track", t->on_track);
    w.field("met", t->met);
    w.field("distance", record_value(t->distance, r));
    w.field("distance_pct", derived(t->distance_pct));
    w.field("projection", derived(t->projection));
    w.field("will_meet", t->will_meet);
    w.end_object();
}

void write_series(JsonWriter& w, const Assessment& a, const Outcome& o, std::optional<uint32_t> as_at) {
    const Dataset& d = *a.dataset;
    auto [first, last] = observations_upto(a, o, as_at);
    w.begin_array();
    for (uint32_t obs = first; obs < last; ++obs) {
        w.begin_object();
        w.field(key::period, period_label(d, d.obs_period[obs]));
        if (d.has_value(obs)) {
            w.field(key::value, d.obs_value[obs]);
        } else {
            w.key(key::value);
            w.null();
            auto it = d.missing.find(obs);
            w.field("missing", it == d.missing.end() ? std::string_view() : std::string_view(it->second));
        }
        w.end_object();
    }
    w.end_array();
}

// "arrows": { "long": { "arrow": ..., "previous": ..., "change": ..., "change_pct": ... } }:
// the group's named arrows, in its order.
void write_other_arrows(JsonWriter& w, const Dataset& d, const std::vector<OtherArrow>& arrows, Rounding r) {
    w.begin_object();
    for (const OtherArrow& other : arrows) {
        w.key(other.name);
        w.begin_object();
        w.key(key::arrow);
        if (other.arrow == Arrow::none) {
            w.null();
            w.field("arrow_reason", other.reason);
        } else {
            w.string(to_string(other.arrow));
        }
        w.key(key::previous);
        write_point(w, d, other.previous);
        w.field(key::change, other.change ? std::optional(record_value(*other.change, r)) : std::nullopt);
        w.field(key::change_pct, other.change_pct ? std::optional(record_value(*other.change_pct, r)) : std::nullopt);
        w.end_object();
    }
    w.end_object();
}

// "interval": {"level": 95, "lower": ..., "upper": ..., "method": "Wilson score"}.
void write_interval(JsonWriter& w, const ValueInterval& ci, Rounding r) {
    w.begin_object();
    w.field("level", level_percent(ci.level));
    w.field("lower", record_value(ci.lower, r));
    w.field("upper", record_value(ci.upper, r));
    w.field("method", ci.method);
    w.end_object();
}

// "comparisons": [{"area": "England", "level": 95, "kind": "interval" or "funnel",
// "result": "worse", "lower", "upper", "method", "comparator", "denominator", "text"}].
void write_comparisons(JsonWriter& w, const std::vector<Comparison>& comparisons, Rounding r) {
    w.begin_array();
    for (const Comparison& c : comparisons) {
        w.begin_object();
        w.field(key::area, c.area);
        w.field("level", level_percent(c.level));
        w.field(key::kind, c.funnel ? "funnel" : "interval");
        w.key("result");
        if (c.verdict)
            w.string(comparison_word(c));
        else
            w.null();
        if (c.verdict) {
            w.field("lower", record_value(c.lower, r));
            w.field("upper", record_value(c.upper, r));
            w.field("method", c.method);
            w.field("comparator", c.comparator);
            if (c.funnel) w.field("denominator", c.denominator);
        }
        w.field("text", c.text);
        w.end_object();
    }
    w.end_array();
}

void write_strings(JsonWriter& w, const std::vector<std::string>& lines) {
    w.begin_array();
    for (const std::string& s : lines) w.string(s);
    w.end_array();
}

}  // namespace

void write_target_head(JsonWriter& w, const TargetOutcome& t) {
    w.begin_object();
    w.key(key::kind);
    if (t.rule)
        w.string(to_string(t.rule->kind));
    else
        w.null();
    w.field("text", t.rule ? std::string_view(t.rule->text) : std::string_view());
    w.key("baseline");
}

void write_outcome(JsonWriter& w, const Assessment& a, const Outcome& o, bool full, std::optional<uint32_t> as_at) {
    const Dataset& d = *a.dataset;
    const Indicator& ind = indicator_of(a, o);
    const Group& g = group_of(a, o);
    Rounding r = a.pack->rounding_for(g, ind.id);

    w.begin_object();
    w.field(key::group, g.id);
    w.field(key::indicator, ind.id);
    w.field(key::area, area_of(a, o));
    w.field(key::title, ind.title);
    w.field("unit", ind.unit);
    w.field("polarity", to_string(polarity_of(a, o)));
    w.key(key::period);
    if (auto p = reported_period(a, o))
        w.string(period_label(d, *p));
    else
        w.null();
    w.key(key::value);
    if (o.current)
        w.number(o.current->value);
    else
        w.null();
    w.key(key::previous);
    write_point(w, d, o.previous);
    w.field(key::change, o.change ? std::optional(record_value(*o.change, r)) : std::nullopt);
    w.field(key::change_pct, o.change_pct ? std::optional(record_value(*o.change_pct, r)) : std::nullopt);
    if (!g.arrow.none) {  // a scheme with no direction of travel has no arrow field at all
        w.key(key::arrow);
        if (o.arrow == Arrow::none) {
            w.null();
            w.field("arrow_reason", o.arrow_reason);
        } else {
            w.string(to_string(o.arrow));
        }
    }
    if (!o.other_arrows.empty()) {
        w.key(key::arrows);
        write_other_arrows(w, d, o.other_arrows, r);
    }
    w.key(key::rating);
    if (auto label = level_label(rating_scale(*a.pack, g), o.rating)) {
        w.string(*label);
    } else {
        w.null();
        w.field("rating_reason", o.rating < 0
                                     ? o.rating_reason
                                     : "level " + std::to_string(o.rating) + " is not in scale '" + g.scale + "'");
    }
    w.key("target");
    write_target(w, a, o.target, r);
    // Intervals and comparisons only for a group that uses statistics, so other records are unchanged.
    if (o.interval) {
        w.key("interval");
        write_interval(w, *o.interval, r);
    }
    if (!o.comparisons.empty()) {
        w.key("comparisons");
        write_comparisons(w, o.comparisons, r);
    }
    if (full) {
        w.key("series");
        write_series(w, a, o, as_at);
    }
    w.field("comment", o.comment);
    // Benchmarks shown beside the figures (the group's comparators): only then, so other records are unchanged.
    if (!g.comparators.empty()) {
        w.key("comparators");
        w.begin_array();
        for (const ComparatorColumn& c : g.comparators) {
            w.begin_object();
            w.field("title", c.title);
            w.field("area", c.area);
            std::optional<ComparatorFigure> f = comparator_figure(a, o, c);
            w.field("indicator", f ? a.dataset->indicators[f->indicator].id : c.indicator);
            w.field("value", comparator_value(a, o, c));
            w.end_object();
        }
        w.end_array();
    }
    // Recorded commentary and action (commentary.csv): only then, so other records are unchanged.
    if (const Commentary* c = commentary_of(a, o)) {
        w.key("commentary");
        w.begin_object();
        w.field("period", period_label(*a.dataset, c->period));
        w.field("commentary", c->commentary);
        w.field("action", c->action);
        w.field("owner", c->owner);
        w.field("due", c->due);
        w.end_object();
    }
    if (full) {
        w.key(key::explanation);
        write_strings(w, o.explanation);
    }
    if (!o.error.empty()) w.field("error", o.error);
    // A figure older than the period assessed, and an id that is not its own
    // normalised form ("NI 195" -> "ni_195"): only then, so other records are unchanged.
    if (!o.stale.empty()) w.field("stale", o.stale);
    if (std::string k = indicator_key(ind.id); k != ind.id) w.field("indicator_key", k);
    w.end_object();
}

void write_counts(JsonWriter& w, const Counts& c) {
    w.begin_object();
    w.key(key::ratings);
    w.begin_object();
    for (const auto& [label, n] : c.ratings) w.field(label, n);
    w.end_object();
    w.key(key::arrows);
    w.begin_object();
    for (const auto& [arrow, n] : c.arrows) w.field(arrow, n);
    w.end_object();
    w.field(key::assessed, c.assessed);
    w.field(key::unrated, c.unrated);
    w.end_object();
}

}  // namespace assay::reporting
