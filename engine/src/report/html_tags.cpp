// Small pieces of the HTML report: escaping, rating tags (text, shape or
// symbol, and colour: never colour alone) and arrows with their words.
#include "report/html.hpp"

#include "report/common.hpp"
#include "report/palette.hpp"
#include "report/wording.hpp"

#include <assay/text.hpp>

#include <string>

namespace assay::reporting::html {
namespace {

std::optional<size_t> scale_index(const Pack& p, const Scale* scale) {
    for (size_t i = 0; i < p.scales.size(); ++i)
        if (&p.scales[i] == scale) return i;
    return std::nullopt;
}

// A 12x12 shape, coloured by the tag's class (fill: the level's colour,
// stroke: its text colour); hidden from screen readers, which read the label.
std::string shape_svg(Shape shape) {
    std::string body;
    switch (shape) {
        case Shape::square:
            body = "<rect x=\"1.5\" y=\"1.5\" width=\"9\" height=\"9\"/>";
            break;
        case Shape::diamond:
            body = "<polygon points=\"6,0.7 11.3,6 6,11.3 0.7,6\"/>";
            break;
        case Shape::triangle:
            body = "<polygon points=\"6,1 11.4,10.6 0.6,10.6\"/>";
            break;
        case Shape::hexagon:
            body = "<polygon points=\"3.2,1 8.8,1 11.5,6 8.8,11 3.2,11 0.5,6\"/>";
            break;
        case Shape::circle:
            body = "<circle cx=\"6\" cy=\"6\" r=\"5\"/>";
            break;
    }
    return "<svg class=\"shape\" viewBox=\"0 0 12 12\" aria-hidden=\"true\" focusable=\"false\">" + body + "</svg>";
}

}  // namespace

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string table_wrap(std::string_view label) {
    return "<div class=\"table-wrap\" role=\"region\" aria-label=\"" + escape(label) + "\" tabindex=\"0\">";
}

std::string level_class(const Pack& p, const Scale* scale, int level) {
    auto i = scale_index(p, scale);
    if (!i || level < 0 || level >= static_cast<int>(scale->levels.size())) return "s-none";
    return "s" + std::to_string(*i) + "-" + std::to_string(level);
}

std::string rating_tag(const Pack& p, const Scale* scale, int level, std::string_view none_text) {
    auto label = level_label(scale, level);
    if (!label) return "<span class=\"tag s-none\">" + escape(none_text) + "</span>";
    std::string mark;
    if (symbols_distinguish(*scale)) {
        mark = "<span class=\"sym\" aria-hidden=\"true\">" + escape(scale->levels[static_cast<size_t>(level)].symbol) +
               "</span>";
    } else {
        mark = shape_svg(level_style(*scale, level).shape);
    }
    return "<span class=\"tag " + level_class(p, scale, level) + "\">" + mark + "<span class=\"label\">" +
           escape(*label) + "</span></span>";
}

std::string rating_tag(const Pack& p, const Scale* scale, std::string_view label) {
    if (label.empty()) return rating_tag(p, scale, -1);
    if (scale)
        if (auto level = scale->find(label)) return rating_tag(p, scale, *level);
    return rating_tag(p, nullptr, -1, label);  // a label the scale no longer has
}

std::string arrow_text(const Pack& p, Arrow arrow) {
    std::string cls = arrow == Arrow::none ? "none" : std::string(to_string(arrow));
    std::string out = "<span class=\"arrow arrow-" + cls + "\">";
    if (arrow != Arrow::none)
        out += "<span class=\"sym\" aria-hidden=\"true\">" + escape(arrow_symbol(p, arrow)) + "</span> ";
    out += escape(arrow_word(p, arrow));
    out += "</span>";
    return out;
}

}  // namespace assay::reporting::html

namespace assay {

std::string html_escape(std::string_view s) {
    return reporting::html::escape(s);
}

}  // namespace assay
