// Funnel plots for the HTML report (see html.hpp): for an indicator whose
// areas a group's rating places on a funnel (above_funnel and the like), an
// inline SVG with each area at its denominator (log scale) and value, the
// comparator's value as the centre line across the plot (the comparator is
// that line, not a dot among the areas), and the 95 % and 99.8 % control
// limits as curves around it; a title, a description and a table
// alternative listing every area's value, limits and place, as the other
// charts have. Coordinates are printed with one decimal by fmt
// (locale-free).
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

constexpr double width = 480, height = 260, left = 56, right = 12, top = 12, bottom = 36;
constexpr double levels[] = {0.95, 0.998};
constexpr int curve_steps = 60;

std::string num(double v) {
    return fmt::format("{:.1f}", v);
}

struct Placed {
    const Outcome* outcome;
    const Comparison* funnel;
};

/// "above the funnel: significantly worse than England" for an indicator
/// where lower is better; a neutral indicator's place is only above, within
/// or below.
std::string place_words(const Indicator& ind, const Comparison& f) {
    std::string place = std::string(comparison_word(f)) + " the funnel";
    if (!f.verdict) return place;
    if (*f.verdict == 0) return place + ": similar to " + f.area;
    if (ind.polarity == Polarity::neutral) return place;
    const bool better = (*f.verdict > 0) == (ind.polarity == Polarity::higher_is_better);
    return place + ": significantly " + (better ? "better" : "worse") + " than " + f.area;
}

struct Axes {
    double x_lo, x_hi, y_lo, y_hi;
    double x(double n) const { return left + (std::log10(n) - x_lo) / (x_hi - x_lo) * (width - left - right); }
    double y(double v) const { return height - bottom - (v - y_lo) / (y_hi - y_lo) * (height - top - bottom); }
};

std::string plot(const Assessment& a, const Indicator& ind, const std::vector<Placed>& placed, double v0,
                 const std::string& comparator, std::string_view id) {
    const Outcome& first = *placed.front().outcome;
    Rounding r = rounding_of(a, first);
    Style style = style_of(a, first);
    double n_lo = std::numeric_limits<double>::infinity(), n_hi = 0;
    double y_lo = v0, y_hi = v0;
    for (const Placed& p : placed) {
        n_lo = std::min(n_lo, p.funnel->denominator);
        n_hi = std::max(n_hi, p.funnel->denominator);
        y_lo = std::min({y_lo, p.outcome->current->value, p.funnel->lower});
        y_hi = std::max({y_hi, p.outcome->current->value, p.funnel->upper});
    }
    Axes ax{std::log10(n_lo) - 0.1, std::log10(n_hi) + 0.1, 0, 1};
    // The curves over the plotted denominators, at each level.
    std::vector<std::vector<std::pair<double, ValueInterval>>> curves;
    for (double level : levels) {
        std::vector<std::pair<double, ValueInterval>> curve;
        for (int i = 0; i <= curve_steps; ++i) {
            double n = std::pow(10.0, ax.x_lo + (ax.x_hi - ax.x_lo) * i / curve_steps);
            std::string why;
            if (auto lim = funnel_limits(ind, v0, n, level, why)) {
                curve.emplace_back(n, *lim);
                y_lo = std::min(y_lo, lim->lower);
                y_hi = std::max(y_hi, lim->upper);
            }
        }
        curves.push_back(std::move(curve));
    }
    double span = y_hi - y_lo;
    double margin = span > 0 ? span * 0.05 : std::max(1.0, std::fabs(y_hi) * 0.1);
    ax.y_lo = y_lo - margin;
    ax.y_hi = y_hi + margin;

    std::string tid = std::string(id) + "-t", did = std::string(id) + "-d";
    std::string desc = fmt::format(
        "Each area's value against its denominator. The horizontal centre line is {}'s value, {}; the 95 % "
        "(dashed) and 99.8 % (solid) control limits curve around it.",
        comparator, value_text(ind, v0, r, style));
    for (const Placed& p : placed)
        desc += " " + area_of(a, *p.outcome) + " " + value_text(ind, p.outcome->current->value, r, style) + ", " +
                place_words(ind, *p.funnel) + ".";
    std::string svg = "<svg class=\"funnel\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" width=\"" +
                      num(width) + "\" height=\"" + num(height) +
                      "\" style=\"max-width: 100%; height: auto\" role=\"img\" aria-labelledby=\"" + tid + " " + did +
                      "\" focusable=\"false\">";
    svg +=
        "<title id=\"" + tid + "\">" + escape("Funnel plot of " + title_of(ind) + " around " + comparator) + "</title>";
    svg += "<desc id=\"" + did + "\">" + escape(desc) + "</desc>";
    // Axes and their labels.
    svg += "<g stroke=\"#0b0c0c\" stroke-width=\"1\"><line x1=\"" + num(left) + "\" y1=\"" + num(height - bottom) +
           "\" x2=\"" + num(width - right) + "\" y2=\"" + num(height - bottom) + "\"/><line x1=\"" + num(left) +
           "\" y1=\"" + num(top) + "\" x2=\"" + num(left) + "\" y2=\"" + num(height - bottom) + "\"/></g>";
    svg += "<g font-size=\"10\" fill=\"#0b0c0c\">";
    svg += "<text x=\"" + num((left + width - right) / 2) + "\" y=\"" + num(height - 6) +
           "\" text-anchor=\"middle\">Denominator (log scale)</text>";
    for (double k = std::ceil(ax.x_lo); k <= ax.x_hi; ++k)
        svg += "<text x=\"" + num(ax.x(std::pow(10.0, k))) + "\" y=\"" + num(height - bottom + 12) +
               "\" text-anchor=\"middle\">" + escape(format_number(std::pow(10.0, k))) + "</text>";
    svg += "<text x=\"" + num(left - 4) + "\" y=\"" + num(ax.y(ax.y_hi - margin) + 4) + "\" text-anchor=\"end\">" +
           escape(value_text(ind, ax.y_hi - margin, r, style)) + "</text>";
    svg += "<text x=\"" + num(left - 4) + "\" y=\"" + num(ax.y(ax.y_lo + margin) + 4) + "\" text-anchor=\"end\">" +
           escape(value_text(ind, ax.y_lo + margin, r, style)) + "</text>";
    svg += "</g>";
    // The comparator's value as the centre line, labelled, then the limits:
    // 95 % dashed, 99.8 % solid.
    svg += "<line class=\"comparator\" x1=\"" + num(left) + "\" y1=\"" + num(ax.y(v0)) + "\" x2=\"" +
           num(width - right) + "\" y2=\"" + num(ax.y(v0)) + "\" stroke=\"#1d5a8a\" stroke-width=\"1.5\"/>";
    svg += "<text class=\"comparator\" x=\"" + num(width - right) + "\" y=\"" + num(ax.y(v0) - 3) +
           "\" font-size=\"10\" fill=\"#1d5a8a\" text-anchor=\"end\">" +
           escape(comparator + " " + value_text(ind, v0, r, style)) + "</text>";
    for (size_t c = 0; c < curves.size(); ++c) {
        std::string lower, upper;
        for (const auto& [n, lim] : curves[c]) {
            lower += (lower.empty() ? "" : " ") + num(ax.x(n)) + "," + num(ax.y(lim.lower));
            upper += (upper.empty() ? "" : " ") + num(ax.x(n)) + "," + num(ax.y(lim.upper));
        }
        std::string look = c == 0 ? "\" stroke-dasharray=\"4 3\"" : "\"";
        for (const std::string& pts : {lower, upper})
            if (!pts.empty())
                svg += "<polyline class=\"limit\" fill=\"none\" stroke=\"#505a5f\" stroke-width=\"1" + look +
                       " points=\"" + pts + "\"/>";
    }
    for (const Placed& p : placed) {
        int v = p.funnel->verdict.value_or(0);
        svg += "<circle class=\"area\" cx=\"" + num(ax.x(p.funnel->denominator)) + "\" cy=\"" +
               num(ax.y(p.outcome->current->value)) + "\" r=\"3\" fill=\"" + (v != 0 ? "#f47738" : "#0b0c0c") + "\"/>";
    }
    return svg + "</svg>";
}

std::string alternative(const Assessment& a, const Indicator& ind, const std::vector<Placed>& placed, double v0,
                        const std::string& comparator) {
    const Outcome& first = *placed.front().outcome;
    Rounding r = rounding_of(a, first);
    Style style = style_of(a, first);
    std::string out = "<table class=\"funnel-data\"><caption>" + escape(title_of(ind)) +
                      ": each area on the funnel plot (the centre line is " +
                      escape(comparator + "'s value, " + value_text(ind, v0, r, style)) +
                      ")</caption><thead><tr><th scope=\"col\">Area</th>"
                      "<th scope=\"col\" class=\"num\">Denominator</th><th scope=\"col\" class=\"num\">Value</th>"
                      "<th scope=\"col\" class=\"num\">Control limits</th><th scope=\"col\">Place</th></tr></thead>"
                      "<tbody>";
    for (const Placed& p : placed) {
        const Comparison& f = *p.funnel;
        out += "<tr><th scope=\"row\">" + escape(area_of(a, *p.outcome)) + "</th><td class=\"num\">" +
               escape(format_number(f.denominator)) + "</td><td class=\"num\">" +
               escape(value_text(ind, p.outcome->current->value, r, style)) + "</td><td class=\"num\">" +
               escape(format_number(level_percent(f.level)) + " %: " + value_text(ind, f.lower, r, style) + " to " +
                      value_text(ind, f.upper, r, style)) +
               "</td><td>" + escape(place_words(ind, f)) + "</td></tr>";
    }
    return out + "</tbody></table>";
}

}  // namespace

std::string funnel_plots(const Assessment& a, const std::vector<const Outcome*>& outcomes, std::string_view scope) {
    std::string out;
    // Indicators in the order of their first outcome.
    std::vector<uint32_t> indicators;
    for (const Outcome* o : outcomes) {
        uint32_t i = a.dataset->series[o->series].indicator;
        if (std::find(indicators.begin(), indicators.end(), i) == indicators.end()) indicators.push_back(i);
    }
    for (uint32_t i : indicators) {
        std::vector<Placed> placed;
        double v0 = 0;
        std::string comparator;
        for (const Outcome* o : outcomes) {
            if (a.dataset->series[o->series].indicator != i || !o->current) continue;
            const Comparison* f = first_comparison(*o, true);
            if (!f || !f->verdict || !(f->denominator > 0)) continue;
            if (area_of(a, *o) == f->area) continue;  // the comparator is the centre line, not a dot
            if (placed.empty()) {
                v0 = f->comparator;
                comparator = f->area;
            }
            if (f->area == comparator) placed.push_back({o, f});
        }
        if (placed.size() < 2) continue;
        const Indicator& ind = a.dataset->indicators[i];
        std::string id = std::string(scope) + "-funnel-" + std::to_string(i);
        out += "<figure class=\"funnel\">" + plot(a, ind, placed, v0, comparator, id) + "<figcaption>" +
               escape("Funnel plot: " + title_of(ind) + " around " + comparator) + "</figcaption>" +
               table_wrap("Funnel plot data: " + title_of(ind)) + alternative(a, ind, placed, v0, comparator) +
               "</div></figure>\n";
    }
    return out;
}

}  // namespace assay::reporting::html
