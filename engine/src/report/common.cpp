// Lookups and cell texts shared by every report format (see common.hpp).
#include "report/common.hpp"

#include <assay/error.hpp>
#include <assay/number.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace assay::reporting {
namespace {

// Symbols used when a pack does not style its arrows; the seed's set, with
// plain arrows for neutral indicators that only go up or down.
constexpr std::string_view default_symbols[] = {"▲", "◀▶", "▼", "★", "↑", "↓"};

// The decimals printed are bounded so that a wild metadata value cannot ask
// for a thousand-digit cell.
int printable_decimals(int decimals) {
    return std::clamp(decimals, 0, 12);
}

// "10202" -> "10,202"; the sign and the decimals are left alone.
std::string group_thousands(const std::string& s) {
    size_t start = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t end = s.find('.');
    if (end == std::string::npos) end = s.size();
    std::string out = s.substr(0, start);
    for (size_t i = start; i < end; ++i) {
        out += s[i];
        size_t left = end - i - 1;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    out += s.substr(end);
    return out;
}

}  // namespace

const Indicator& indicator_of(const Assessment& a, const Outcome& o) {
    return a.dataset->indicators[a.dataset->series[o.series].indicator];
}

const std::string& area_of(const Assessment& a, const Outcome& o) {
    return a.dataset->areas[a.dataset->series[o.series].area];
}

const Group& group_of(const Assessment& a, const Outcome& o) {
    return a.pack->groups[o.group];
}

Polarity polarity_of(const Assessment& a, const Outcome& o) {
    const Group& g = group_of(a, o);
    return g.polarity ? *g.polarity : indicator_of(a, o).polarity;
}

const std::string& period_label(const Dataset& d, uint32_t index) {
    return d.periods[index].label;
}

std::optional<uint32_t> reported_period(const Assessment& a, const Outcome& o) {
    if (o.current) return o.current->period;
    if (o.latest_obs) return a.dataset->obs_period[*o.latest_obs];
    return std::nullopt;
}

const Scale* rating_scale(const Pack& p, const Group& g) {
    return p.find_scale(g.scale);
}

const Scale* rollup_scale(const Pack& p, const Group& g) {
    return p.find_scale(g.scale_rollup.empty() ? g.scale : g.scale_rollup);
}

std::optional<std::string_view> level_label(const Scale* scale, int level) {
    if (!scale || level < 0 || level >= static_cast<int>(scale->levels.size())) return std::nullopt;
    return scale->levels[static_cast<size_t>(level)].label;
}

std::string_view arrow_symbol(const Pack& p, Arrow arrow) {
    if (arrow == Arrow::none) return "N/A";
    auto i = static_cast<size_t>(arrow);
    if (!p.arrows[i].symbol.empty()) return p.arrows[i].symbol;
    return default_symbols[i];
}

std::string value_text(const Indicator& ind, double value, Rounding rounding) {
    if (!std::isfinite(value)) return "N/A";
    int decimals = printable_decimals(ind.decimals);
    double x = round_to(value, decimals, rounding);
    std::string s = format_fixed(x, decimals);
    if (ind.unit == "percent") return s + "%";
    if (ind.unit == "points") s = (x > 0 ? "+" : "") + s;
    if (std::fabs(x) >= 10000) s = group_thousands(s);
    return s;
}

std::string observation_text(const Dataset& d, const Indicator& ind, uint32_t obs, Rounding rounding) {
    if (d.has_value(obs)) return value_text(ind, d.obs_value[obs], rounding);
    auto it = d.missing.find(obs);
    if (it == d.missing.end() || it->second.empty()) return "N/A";
    return it->second;
}

std::string comment_text(const Assessment& a, const Outcome& o) {
    std::vector<std::string_view> parts;
    if (!o.error.empty()) parts.push_back(o.error);
    if (!o.comment.empty()) {
        parts.push_back(o.comment);
    } else {
        if (o.arrow == Arrow::none && !o.arrow_reason.empty()) parts.push_back(o.arrow_reason);
        // A group without a rating rule would repeat "no rating rule" on every row.
        bool rated_group = group_of(a, o).rating.kind != RatingRule::Kind::none;
        if (rated_group && o.rating < 0 && !o.rating_reason.empty() &&
            std::find(parts.begin(), parts.end(), o.rating_reason) == parts.end())
            parts.push_back(o.rating_reason);
    }
    std::string out;
    for (std::string_view p : parts) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

double record_value(double x, Rounding rounding) {
    if (!std::isfinite(x)) return x;
    // Truncating binary noise would turn -0.19999999999999996 into -0.199999:
    // the recorded figure is rounded to nearest whatever the pack's convention.
    Rounding mode = rounding == Rounding::truncate ? Rounding::half_up : rounding;
    double r = round_to(x, 6, mode);
    return r == 0 ? 0.0 : r;
}

std::optional<uint32_t> as_at_index(const Assessment& a) {
    const Dataset& d = *a.dataset;
    if (!a.as_at.empty())
        if (auto i = d.find_period(a.as_at)) return i;
    if (d.periods.empty()) return std::nullopt;
    return static_cast<uint32_t>(d.periods.size() - 1);
}

std::pair<uint32_t, uint32_t> observations_upto(const Assessment& a, const Outcome& o, std::optional<uint32_t> as_at) {
    const Dataset& d = *a.dataset;
    const Series& s = d.series[o.series];
    if (!as_at) return {s.begin, s.end};
    // Observations of a series are sorted by period index.
    auto first = d.obs_period.begin() + s.begin;
    auto last = d.obs_period.begin() + s.end;
    auto cut = std::upper_bound(first, last, *as_at);
    return {s.begin, static_cast<uint32_t>(cut - d.obs_period.begin())};
}

int count_of(const Counts& c, const CountColumn& col) {
    const auto& m = col.rating ? c.ratings : c.arrows;
    auto it = m.find(col.key);
    return it == m.end() ? 0 : it->second;
}

std::vector<std::vector<const Outcome*>> outcomes_by_group(const Assessment& a) {
    std::vector<std::vector<const Outcome*>> out(a.pack->groups.size());
    for (const Outcome& o : a.outcomes)
        if (o.group < out.size()) out[o.group].push_back(&o);
    return out;
}

namespace {

template <class Outcomes, class Deref>
std::vector<uint32_t> periods_observed(const Assessment& a, const Outcomes& outs, std::optional<uint32_t> as_at,
                                       Deref outcome) {
    const Dataset& d = *a.dataset;
    std::vector<char> used(d.periods.size(), 0);
    for (const auto& each : outs) {
        auto [first, last] = observations_upto(a, outcome(each), as_at);
        for (uint32_t obs = first; obs < last; ++obs) used[d.obs_period[obs]] = 1;
    }
    std::vector<uint32_t> periods;
    for (uint32_t i = 0; i < used.size(); ++i)
        if (used[i]) periods.push_back(i);
    return periods;
}

}  // namespace

std::vector<uint32_t> observed_periods(const Assessment& a, const std::vector<const Outcome*>& outs,
                                       std::optional<uint32_t> as_at) {
    return periods_observed(a, outs, as_at, [](const Outcome* o) -> const Outcome& { return *o; });
}

std::vector<uint32_t> observed_periods(const Assessment& a, std::optional<uint32_t> as_at) {
    return periods_observed(a, a.outcomes, as_at, [](const Outcome& o) -> const Outcome& { return o; });
}

std::vector<std::optional<uint32_t>> period_cells(const Assessment& a, const Outcome& o,
                                                  const std::vector<uint32_t>& periods, std::optional<uint32_t> as_at) {
    const Dataset& d = *a.dataset;
    std::vector<std::optional<uint32_t>> cells(periods.size());
    auto [obs, last] = observations_upto(a, o, as_at);
    for (size_t i = 0; i < periods.size(); ++i) {
        while (obs < last && d.obs_period[obs] < periods[i]) ++obs;
        if (obs < last && d.obs_period[obs] == periods[i]) cells[i] = obs;
    }
    return cells;
}

std::string_view to_string(TargetRule::Kind k) {
    switch (k) {
        case TargetRule::Kind::absolute:
            return "absolute";
        case TargetRule::Kind::reduce_by:
            return "reduce_by";
        case TargetRule::Kind::increase_by:
            return "increase_by";
        case TargetRule::Kind::within:
            return "within";
        case TargetRule::Kind::comparator:
            return "comparator";
    }
    return "absolute";
}

void require_inputs(const Assessment& a) {
    if (!a.pack || !a.dataset) throw Fatal("cannot render an assessment without its pack and dataset");
}

}  // namespace assay::reporting
