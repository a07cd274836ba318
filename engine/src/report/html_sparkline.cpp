// Inline SVG sparklines for the HTML report (see html.hpp). Coordinates are
// printed with one decimal by fmt (locale-free), so the page is the same on
// every machine. The chart only illustrates: the table holds the figures,
// and the chart's description repeats them for screen readers. When the
// group uses statistics, each value has an error bar, its confidence
// interval, which the description gives too.
#include "report/html.hpp"

#include "report/common.hpp"
#include "report/wording.hpp"

#include <assay/statistics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace assay::reporting::html {
namespace {

constexpr double width = 120, height = 32, pad_x = 5, pad_y = 5;

struct Frame {
    double lo = 0, hi = 1;
    size_t columns = 1;
    double x(size_t i) const {
        if (columns <= 1) return width / 2;
        return pad_x + (width - 2 * pad_x) * static_cast<double>(i) / static_cast<double>(columns - 1);
    }
    double y(double v) const { return height - pad_y - (v - lo) / (hi - lo) * (height - 2 * pad_y); }
};

std::string num(double v) {
    return fmt::format("{:.1f}", v);
}

// The band a `within` target allows, as [low, high].
std::optional<std::pair<double, double>> band_of(const TargetOutcome& t) {
    if (!t.rule || t.rule->kind != TargetRule::Kind::within) return std::nullopt;
    double tol = t.rule->tolerance_percent ? std::fabs(t.target) * t.rule->tolerance / 100 : t.rule->tolerance;
    return std::pair{t.target - tol, t.target + tol};
}

}  // namespace

std::string sparkline(const Assessment& a, const Outcome& o, const std::vector<uint32_t>& periods,
                      const std::vector<std::optional<uint32_t>>& cells, std::string_view id) {
    const Dataset& d = *a.dataset;
    const Indicator& ind = indicator_of(a, o);
    Rounding r = rounding_of(a, o);
    const Style style = style_of(a, o);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    // The value (or NaN) under each column, its interval when the group uses
    // statistics (an error bar), and what the description says.
    std::vector<double> values(periods.size(), nan);
    std::vector<std::optional<ValueInterval>> intervals(periods.size());
    const std::optional<double> level = interval_level(group_of(a, o));
    std::string figures, missing;
    for (size_t i = 0; i < periods.size() && i < cells.size(); ++i) {
        if (!cells[i]) continue;
        const uint32_t obs = *cells[i];
        const std::string& label = period_label(d, d.obs_period[obs]);  // its own period, on an offset base too
        if (d.has_value(obs)) {
            values[i] = d.obs_value[obs];
            figures += (figures.empty() ? "" : ", ") + label + " " + observation_text(d, ind, obs, r, style);
            if (level && (intervals[i] = observation_interval(d, ind, obs, *level)))
                figures += " (" + interval_text(ind, *intervals[i], r, style) + ")";
        } else {
            missing += (missing.empty() ? "" : ", ") + label;
        }
    }

    // One figure (or none) makes no trend: no chart, the table's figure says it all.
    if (std::count_if(values.begin(), values.end(), [](double v) { return std::isfinite(v); }) < 2) return {};

    Frame f;
    f.columns = periods.size();
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    auto widen = [&](double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    };
    for (double v : values) widen(v);
    for (const std::optional<ValueInterval>& ci : intervals)
        if (ci) {
            widen(ci->lower);
            widen(ci->upper);
        }
    std::optional<std::pair<double, double>> band;
    if (o.target) {
        widen(o.target->target);
        if ((band = band_of(*o.target))) {
            widen(band->first);
            widen(band->second);
        }
    }
    bool any = std::isfinite(lo);
    if (any) {
        // A little room above and below; a flat series sits in the middle.
        double span = hi - lo;
        double margin = span > 0 ? span * 0.08 : std::max(1.0, std::fabs(hi) * 0.1);
        f.lo = lo - margin;
        f.hi = hi + margin;
    }

    std::string title = "Trend of " + title_of(ind);
    std::string desc = figures.empty() ? "No figures." : figures + ".";
    if (!missing.empty()) desc += " No figure for " + missing + ".";
    if (o.current)
        desc +=
            " Latest " + value_text(ind, o.current->value, r, style) + " (" + period_label(d, o.current->period) + ").";
    if (o.target) desc += " Target " + target_text(a, o) + ".";

    std::string tid = std::string(id) + "-t", did = std::string(id) + "-d";
    std::string svg = "<svg class=\"spark\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                      "\" role=\"img\" aria-labelledby=\"" + tid + " " + did + "\" focusable=\"false\">";
    svg += "<title id=\"" + tid + "\">" + escape(title) + "</title>";
    svg += "<desc id=\"" + did + "\">" + escape(desc) + "</desc>";
    if (!any) return svg + "</svg>";

    if (band) {
        double top = f.y(band->second), bottom = f.y(band->first);
        svg += "<rect class=\"band\" x=\"" + num(pad_x) + "\" y=\"" + num(top) + "\" width=\"" +
               num(width - 2 * pad_x) + "\" height=\"" + num(std::max(bottom - top, 0.5)) + "\"/>";
    }
    if (o.target) {
        double y = f.y(o.target->target);
        svg += "<line class=\"target\" x1=\"" + num(0) + "\" y1=\"" + num(y) + "\" x2=\"" + num(width) + "\" y2=\"" +
               num(y) + "\"/>";
    }
    // Error bars: each value's confidence interval.
    for (size_t i = 0; i < intervals.size(); ++i)
        if (intervals[i] && std::isfinite(intervals[i]->lower) && std::isfinite(intervals[i]->upper))
            svg += "<line class=\"ci\" x1=\"" + num(f.x(i)) + "\" y1=\"" + num(f.y(intervals[i]->upper)) + "\" x2=\"" +
                   num(f.x(i)) + "\" y2=\"" + num(f.y(intervals[i]->lower)) +
                   "\" stroke=\"#505a5f\" stroke-width=\"1\"/>";
    // The line, broken where a value is missing; a lone value is a dot.
    for (size_t i = 0; i < values.size();) {
        if (!std::isfinite(values[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        std::string points;
        while (j < values.size() && std::isfinite(values[j])) {
            points += (points.empty() ? "" : " ") + num(f.x(j)) + "," + num(f.y(values[j]));
            ++j;
        }
        if (j - i == 1)
            svg += "<circle class=\"dot\" cx=\"" + num(f.x(i)) + "\" cy=\"" + num(f.y(values[i])) + "\" r=\"1.6\"/>";
        else
            svg += "<polyline class=\"line\" points=\"" + points + "\"/>";
        i = j;
    }
    if (o.current) {
        auto col = std::find(periods.begin(), periods.end(), o.current->period);
        if (col != periods.end())
            svg += "<circle class=\"latest\" cx=\"" + num(f.x(static_cast<size_t>(col - periods.begin()))) +
                   "\" cy=\"" + num(f.y(o.current->value)) + "\" r=\"3\"/>";
    }
    return svg + "</svg>";
}

}  // namespace assay::reporting::html
