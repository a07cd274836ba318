// What moved since the last report (see since.hpp).
#include "report/since.hpp"

#include "report/common.hpp"

#include <algorithm>

namespace assay::reporting {
namespace {

bool several_areas(const Assessment& a) {
    const Dataset& d = *a.dataset;
    for (const Outcome& o : a.outcomes)
        if (d.series[o.series].area != d.series[a.outcomes.front().series].area) return true;
    return false;
}

RatingCount& count_for(std::vector<RatingCount>& counts, const std::string& label, const Scale* scale) {
    for (RatingCount& c : counts)
        if (c.label == label) return c;
    RatingCount c;
    c.label = label;
    if (scale && !label.empty())
        if (auto level = scale->find(label)) {
            c.scale = scale;
            c.level = static_cast<int>(*level);
        }
    counts.push_back(c);
    return counts.back();
}

}  // namespace

SinceSummary since_summary(const Assessment& a, const PreviousRun& previous) {
    const Pack& p = *a.pack;
    SinceSummary s;
    s.as_at = previous.as_at;
    const bool areas = !a.outcomes.empty() && several_areas(a);
    std::vector<SinceRow> worst, changed;
    for (const std::vector<const Outcome*>& outs : outcomes_by_group(a))
        for (const Outcome* o : outs) {
            const Group& g = group_of(a, *o);
            if (g.rating.kind == RatingRule::Kind::none) continue;
            const Scale* scale = rating_scale(p, g);
            const Indicator& ind = indicator_of(a, *o);
            auto label = level_label(scale, o->rating);
            SinceRow r;
            r.outcome = o;
            r.indicator = title_of(ind) + (areas ? " (" + area_of(a, *o) + ")" : std::string());
            r.table = title_of(g);
            r.now = label ? std::string(*label) : std::string();
            const PreviousRun::Result* was = previous.find(g.id, ind.id, area_of(a, *o));
            r.reported = was != nullptr;
            r.was = was ? was->rating : std::string();
            r.worst = scale && scale->levels.size() > 1 && o->rating == 0;
            ++count_for(s.counts, r.now, scale).now;
            if (was) ++count_for(s.counts, r.was, scale).was;
            if (r.worst)
                worst.push_back(std::move(r));
            else if (!r.reported || r.was != r.now)
                changed.push_back(std::move(r));
        }
    // Worst first: by level within a scale; labels of no scale, then "Not rated", last.
    std::stable_sort(s.counts.begin(), s.counts.end(), [](const RatingCount& x, const RatingCount& y) {
        auto rank = [](const RatingCount& c) { return c.label.empty() ? 2 : c.scale ? 0 : 1; };
        if (rank(x) != rank(y)) return rank(x) < rank(y);
        return x.level < y.level;
    });
    s.rows = std::move(worst);
    s.rows.insert(s.rows.end(), changed.begin(), changed.end());
    return s;
}

std::string since_counts_text(const SinceSummary& s) {
    std::string out;
    for (const RatingCount& c : s.counts) {
        if (!out.empty()) out += ", ";
        out += (c.label.empty() ? std::string("Not rated") : c.label) + " " + std::to_string(c.now);
        out += c.now == c.was ? std::string(" (no change)") : " (was " + std::to_string(c.was) + ")";
    }
    return out;
}

std::string since_row_text(const SinceRow& r) {
    std::string now = r.now.empty() ? "not rated" : r.now;
    std::string out = r.indicator + " (" + r.table + "): " + now;
    if (!r.reported) return out + ", not in the earlier report";
    if (r.was == r.now) return out + ", as before";
    return out + ", was " + (r.was.empty() ? std::string("not rated") : r.was);
}

}  // namespace assay::reporting
