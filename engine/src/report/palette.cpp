// Colours, shapes and words of ratings and arrows (see palette.hpp).
#include "report/palette.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>
#include <utility>

namespace assay::reporting {
namespace {

// The GOV.UK palette's red, orange, yellow, light green and green: the ramp
// a level without a colour takes by its place in the scale.
constexpr std::array<Rgb, 5> ramp = {Rgb{0xd4, 0x35, 0x1c}, Rgb{0xf4, 0x77, 0x38}, Rgb{0xff, 0xdd, 0x00},
                                     Rgb{0x85, 0x99, 0x4b}, Rgb{0x00, 0x70, 0x3c}};

constexpr std::pair<std::string_view, Rgb> named[] = {
    {"red", {0xff, 0x00, 0x00}},    {"green", {0x00, 0x80, 0x00}},  {"amber", {0xff, 0xbf, 0x00}},
    {"orange", {0xff, 0xa5, 0x00}}, {"yellow", {0xff, 0xff, 0x00}}, {"blue", {0x00, 0x00, 0xff}},
    {"grey", {0x80, 0x80, 0x80}},   {"gray", {0x80, 0x80, 0x80}},   {"black", {0x00, 0x00, 0x00}},
    {"white", {0xff, 0xff, 0xff}},  {"purple", {0x80, 0x00, 0x80}}, {"gold", {0xff, 0xd7, 0x00}},
    {"silver", {0xc0, 0xc0, 0xc0}}, {"navy", {0x00, 0x00, 0x80}},   {"teal", {0x00, 0x80, 0x80}},
    {"brown", {0xa5, 0x2a, 0x2a}},  {"pink", {0xff, 0xc0, 0xcb}},   {"lime", {0x00, 0xff, 0x00}},
};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = to_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

uint8_t channel(double x) {
    return static_cast<uint8_t>(std::clamp(std::lround(x), 0L, 255L));
}

// `a` moved a fraction `t` of the way towards `b`.
Rgb mix(Rgb a, Rgb b, double t) {
    return {channel(a.r + (b.r - a.r) * t), channel(a.g + (b.g - a.g) * t), channel(a.b + (b.b - a.b) * t)};
}

double linear(uint8_t c) {
    double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) {
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

// The ramp's colour at `f` (0 = worst, 1 = best).
Rgb ramp_at(double f) {
    double x = std::clamp(f, 0.0, 1.0) * (ramp.size() - 1);
    size_t i = std::min(static_cast<size_t>(x), ramp.size() - 2);
    return mix(ramp[i], ramp[i + 1], x - static_cast<double>(i));
}

Shape shape_at(double f) {
    constexpr Shape shapes[] = {Shape::square, Shape::diamond, Shape::triangle, Shape::hexagon, Shape::circle};
    return shapes[std::clamp<long>(std::lround(std::clamp(f, 0.0, 1.0) * 4), 0, 4)];
}

}  // namespace

std::optional<Rgb> parse_colour(std::string_view css) {
    css = trim(css);
    if (!css.empty() && css[0] == '#') {
        std::string_view h = css.substr(1);
        if (h.size() != 3 && h.size() != 6) return std::nullopt;
        std::array<int, 6> d{};
        for (size_t i = 0; i < h.size(); ++i)
            if ((d[i] = hex_digit(h[i])) < 0) return std::nullopt;
        if (h.size() == 3) return Rgb{uint8_t(d[0] * 17), uint8_t(d[1] * 17), uint8_t(d[2] * 17)};
        return Rgb{uint8_t(d[0] * 16 + d[1]), uint8_t(d[2] * 16 + d[3]), uint8_t(d[4] * 16 + d[5])};
    }
    const std::string lower = to_lower(css);
    for (const auto& [name, rgb] : named)
        if (lower == name) return rgb;
    return std::nullopt;
}

std::string hex(Rgb c) {
    constexpr char digits[] = "0123456789abcdef";
    std::string s = "#";
    for (uint8_t v : {c.r, c.g, c.b}) {
        s += digits[v >> 4];
        s += digits[v & 15];
    }
    return s;
}

double contrast_ratio(Rgb a, Rgb b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

LevelStyle level_style(const Scale& scale, int level) {
    int n = static_cast<int>(scale.levels.size());
    double f = n <= 1 ? 1.0 : static_cast<double>(std::clamp(level, 0, n - 1)) / (n - 1);
    LevelStyle s;
    std::optional<Rgb> own;
    if (level >= 0 && level < n) own = parse_colour(scale.levels[static_cast<size_t>(level)].colour);
    s.colour = own ? *own : ramp_at(f);
    s.tint = mix(s.colour, Rgb{255, 255, 255}, 0.78);
    // Darken the colour until it reads on its tint; black always does.
    for (double t = 0.45; t <= 1.0001; t += 0.05) {
        s.text = mix(s.colour, Rgb{0x0b, 0x0c, 0x0c}, t);
        if (contrast_ratio(s.text, s.tint) >= 4.5) break;
    }
    s.shape = shape_at(f);
    return s;
}

bool symbols_distinguish(const Scale& scale) {
    std::set<std::string_view> seen;
    for (const ScaleLevel& l : scale.levels)
        if (l.symbol.empty() || !seen.insert(l.symbol).second) return false;
    return !scale.levels.empty();
}

Rgb arrow_colour(Arrow arrow) {
    switch (arrow) {
        case Arrow::improved:
        case Arrow::peak:
            return {0x00, 0x70, 0x3c};
        case Arrow::declined:
            return {0xaa, 0x2a, 0x16};
        case Arrow::increased:
        case Arrow::decreased:
            return {0x1d, 0x5a, 0x8a};
        case Arrow::static_:
        case Arrow::none:
            break;
    }
    return {0x50, 0x5a, 0x5f};
}

}  // namespace assay::reporting
