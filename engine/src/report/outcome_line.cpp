// JSON Lines at speed (see outcome_line.hpp). Every byte written here is
// the byte write_outcome writes with a compact JsonWriter: the keys in its
// order, its commas, its numbers (json_number_text) and its strings
// (json_escaped); the pieces made once per group and indicator are written
// by a JsonWriter itself. tests/unit/run/test_outcome_line.cpp holds the
// two to the same bytes on every outcome of the bundled and test packs.
#include "report/outcome_line.hpp"

#include "report/common.hpp"
#include "report/outcome_json.hpp"
#include "report/outcome_record.hpp"

#include <assay/number.hpp>
#include <assay/pack.hpp>
#include <assay/period.hpp>

#include <cmath>
#include <cstring>

namespace assay::reporting {
namespace {

namespace key = outcome_record::key;

/// Bytes a fast line may take; a longer one is written by write_outcome.
constexpr size_t line_room = 8192;
/// Room kept for the keys written between two figures.
constexpr size_t key_room = 256;

/// A line being written into a fixed buffer; `ok` falls once it would not fit.
class Line {
public:
    template <size_t N>
    void lit(const char (&s)[N]) {
        std::memcpy(p_, s, N - 1);  // room for it is kept by every figure's check
        p_ += N - 1;
    }
    void text(std::string_view s) {
        if (!need(s.size())) return;
        std::memcpy(p_, s.data(), s.size());
        p_ += s.size();
    }
    void string(std::string_view s, std::string& scratch) {
        if (s.size() <= 256 && need(s.size() + 2)) {
            *p_ = '"';
            if (json_plain_copy(s, p_ + 1)) {
                p_[s.size() + 1] = '"';
                p_ += s.size() + 2;
                return;
            }
        }
        scratch.clear();
        json_escaped(scratch, s);
        text(scratch);
    }
    void number(double x) {
        if (!std::isfinite(x)) return lit("null");
        if (!need(json_number_room)) return;
        p_ += json_number_text(x, p_);
    }
    /// record_value(x, r) as number() writes it: x's 6-place form when it has
    /// one, else its rounded units when they are quick to know, else by record_value.
    void record(double x, Rounding r) {
        if (!std::isfinite(x)) return lit("null");
        if (!need(json_number_room)) return;
        if (std::fabs(x) < 1e9) {
            const double m = std::nearbyint(x * 1e6);
            if (m / 1e6 == x) {  // fits 6 places: record_value gives x, and number() these digits
                const auto units = static_cast<uint64_t>(std::fabs(m));
                p_ += json_micros_text(x < 0 && units != 0, units, p_);
                return;
            }
        }
        const Rounding mode = r == Rounding::truncate ? Rounding::half_up : r;  // as record_value
        if (std::optional<uint64_t> q = rounded_units(x, 6, mode)) {
            p_ += json_micros_text(x < 0 && *q != 0, *q, p_);
            return;
        }
        number(record_value(x, r));
    }
    void record(const std::optional<double>& x, Rounding r) {
        if (x)
            record(*x, r);
        else
            lit("null");
    }
    void number(const std::optional<double>& x) {
        if (x)
            number(*x);
        else
            lit("null");
    }
    void boolean(bool b) {
        if (b)
            lit("true");
        else
            lit("false");
    }
    bool ok() const { return ok_; }
    std::string_view done() const { return {buf_, static_cast<size_t>(p_ - buf_)}; }

private:
    bool need(size_t n) {
        if (static_cast<size_t>(end_ - p_) >= n + key_room) return true;
        ok_ = false;
        p_ = buf_;  // what follows is thrown away; keep room for it
        return false;
    }

    char buf_[line_room];
    char* p_ = buf_;
    char* const end_ = buf_ + line_room;
    bool ok_ = true;
};

}  // namespace

struct OutcomeLines::Slot {
    bool made = false;
    bool fast = false;
    Rounding rounding = Rounding::half_up;
    const Scale* scale = nullptr;
    bool arrow_field = true;
    std::string head;                  ///< {"group":"G","indicator":"I","area":
    std::string mid;                   ///< ,"title":"T","unit":"U","polarity":"P","period":
    std::string tail;                  ///< ,"indicator_key":"K" when the id is not in its normalised form, else ""
    std::vector<std::string> ratings;  ///< each level's label as a JSON string, once written
    const TargetRule* rule = nullptr;  ///< the target rule `target_head` was written for
    std::string target_head;           ///< {"kind":"K","text":"T","baseline":
};

namespace {

/// `text` as a JSON string, written into `cache` the first time.
const std::string& quoted(std::string& cache, std::string_view text) {
    if (cache.empty()) json_escaped(cache, text);  // never empty once written: it has its quotes
    return cache;
}

}  // namespace

OutcomeLines::OutcomeLines(const Assessment& a) : a_(a) {
    require_inputs(a);
    slots_.resize(a.pack->groups.size() * a.dataset->indicators.size());
}

OutcomeLines::~OutcomeLines() = default;

OutcomeLines::Slot& OutcomeLines::slot(const Outcome& o) {
    const Dataset& d = *a_.dataset;
    const uint32_t indicator = d.series[o.series].indicator;
    Slot& s = slots_[o.group * d.indicators.size() + indicator];
    if (s.made) return s;
    s.made = true;
    const Group& g = group_of(a_, o);
    const Indicator& ind = d.indicators[indicator];
    s.fast = g.comparators.empty();
    s.rounding = a_.pack->rounding_for(g, ind.id);
    s.scale = rating_scale(*a_.pack, g);
    s.arrow_field = !g.arrow.none;
    {
        JsonWriter w(s.head, -1);
        w.begin_object();
        w.field(key::group, g.id);
        w.field(key::indicator, ind.id);
        w.key(key::area);
    }
    {
        // Written after a first field, so that each key has its comma; that field is then cut off.
        std::string t;
        JsonWriter w(t, -1);
        w.begin_object();
        w.field(key::area, "");
        const size_t first = t.size();
        w.field(key::title, ind.title);
        w.field("unit", ind.unit);
        w.field("polarity", to_string(polarity_of(a_, o)));
        w.key(key::period);
        s.mid = t.substr(first);
        if (std::string k = indicator_key(ind.id); k != ind.id) {
            w.null();  // the period's value, so that the key after it has its comma
            const size_t at = t.size();
            w.field("indicator_key", k);
            s.tail = t.substr(at);
        }
    }
    return s;
}

const std::string& OutcomeLines::period_text(uint32_t period) {
    if (period >= periods_.size()) periods_.resize(a_.dataset->periods.size());
    return quoted(periods_[period], period_label(*a_.dataset, period));
}

void OutcomeLines::write(const Outcome& o, std::string& out) {
    Slot& s = slot(o);
    if (s.fast && write_fast(o, s, out)) {
        ++fast_;
        return;
    }
    JsonWriter w(out, -1);
    write_outcome(w, a_, o, false, std::nullopt);
    out += '\n';
}

bool OutcomeLines::write_fast(const Outcome& o, Slot& s, std::string& out) {
    if (!o.other_arrows.empty() || !o.comparisons.empty()) return false;
    const Dataset& d = *a_.dataset;
    if (!d.commentary.empty() && commentary_of(a_, o)) return false;
    const std::optional<std::string_view> rating = level_label(s.scale, o.rating);
    if (!rating && o.rating >= 0) return false;  // a level the scale lacks
    const Rounding r = s.rounding;
    Line line;
    auto point = [&](const std::optional<Point>& pt) {
        if (!pt) return line.lit("null");
        line.lit("{\"period\":");
        line.text(period_text(pt->period));
        line.lit(",\"value\":");
        line.number(pt->value);
        line.lit("}");
    };

    line.text(s.head);
    line.string(area_of(a_, o), scratch_);
    line.text(s.mid);
    if (std::optional<uint32_t> p = reported_period(a_, o))
        line.text(period_text(*p));
    else
        line.lit("null");
    line.lit(",\"value\":");
    if (o.current)
        line.number(o.current->value);
    else
        line.lit("null");
    line.lit(",\"previous\":");
    point(o.previous);
    line.lit(",\"change\":");
    line.record(o.change, r);
    line.lit(",\"change_pct\":");
    line.record(o.change_pct, r);
    if (s.arrow_field) {
        line.lit(",\"arrow\":");
        if (o.arrow == Arrow::none) {
            line.lit("null,\"arrow_reason\":");
            line.string(o.arrow_reason, scratch_);
        } else {
            const auto at = static_cast<size_t>(o.arrow);
            if (at >= arrows_.size()) arrows_.resize(at + 1);
            line.text(quoted(arrows_[at], to_string(o.arrow)));
        }
    }
    line.lit(",\"rating\":");
    if (rating) {
        const auto level = static_cast<size_t>(o.rating);
        if (level >= s.ratings.size()) s.ratings.resize(level + 1);
        line.text(quoted(s.ratings[level], *rating));
    } else {
        line.lit("null,\"rating_reason\":");
        line.string(o.rating_reason, scratch_);
    }
    line.lit(",\"target\":");
    if (const std::optional<TargetOutcome>& t = o.target) {
        if (s.target_head.empty() || s.rule != t->rule) {
            s.rule = t->rule;
            s.target_head.clear();
            JsonWriter w(s.target_head, -1);
            write_target_head(w, *t);
        }
        line.text(s.target_head);
        point(t->baseline);
        line.lit(",\"target\":");
        line.record(t->target, r);
        line.lit(",\"due\":");
        if (t->due) {
            if (t->due->label.empty())
                line.string(canonical_label(*t->due), scratch_);
            else
                line.string(t->due->label, scratch_);
        } else {
            line.lit("null");
        }
        line.lit(",\"trajectory\":");
        line.record(t->trajectory, r);
        line.lit(",\"on_track\":");
        line.boolean(t->on_track);
        line.lit(",\"met\":");
        line.boolean(t->met);
        line.lit(",\"distance\":");
        line.record(t->distance, r);
        line.lit(",\"distance_pct\":");
        line.record(t->distance_pct, r);
        line.lit(",\"projection\":");
        line.record(t->projection, r);
        line.lit(",\"will_meet\":");
        line.boolean(t->will_meet);
        line.lit("}");
    } else {
        line.lit("null");
    }
    if (const std::optional<ValueInterval>& ci = o.interval) {
        line.lit(",\"interval\":{\"level\":");
        line.number(level_percent(ci->level));
        line.lit(",\"lower\":");
        line.record(ci->lower, r);
        line.lit(",\"upper\":");
        line.record(ci->upper, r);
        line.lit(",\"method\":");
        line.string(ci->method, scratch_);
        line.lit("}");
    }
    line.lit(",\"comment\":");
    line.string(o.comment, scratch_);
    if (!o.error.empty()) {
        line.lit(",\"error\":");
        line.string(o.error, scratch_);
    }
    if (!o.stale.empty()) {
        line.lit(",\"stale\":");
        line.string(o.stale, scratch_);
    }
    line.text(s.tail);
    line.lit("}\n");
    if (!line.ok()) return false;
    const std::string_view text = line.done();
    out.append(text.data(), text.size());
    return true;
}

}  // namespace assay::reporting
