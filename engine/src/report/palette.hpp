// How ratings and arrows look in the HTML and XLSX reports: each level of a
// scale gets its colour (the pack's, else a place on a red-to-green ramp), a
// light tint to fill its tag or cell, a dark text colour readable on that
// tint (WCAG contrast at least 4.5:1), and a shape; arrows get a text
// colour. Never colour alone (WCAG 1.4.1): the label is always printed.
#pragma once

#include <assay/pack.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace assay::reporting {

/// An sRGB colour.
struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

/// Parses "#rgb", "#rrggbb" and the basic CSS colour names; nullopt otherwise.
std::optional<Rgb> parse_colour(std::string_view css);
/// "#rrggbb" in lower case.
std::string hex(Rgb c);
/// WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white).
double contrast_ratio(Rgb a, Rgb b);

/// A shape drawn beside a rating's label when the scale's symbols do not
/// tell its levels apart; worst levels get the most angular shapes.
enum class Shape { square, diamond, triangle, hexagon, circle };

/// How one rating level is shown.
struct LevelStyle {
    Rgb colour;  ///< the level's own colour
    Rgb tint;    ///< a light tint of it: the tag's or cell's fill
    Rgb text;    ///< dark text on the tint, contrast >= 4.5:1
    Shape shape = Shape::circle;
};

/// The style of `level` (0 = worst) of `scale`.
LevelStyle level_style(const Scale& scale, int level);

/// Whether the scale's own symbols tell every level apart (all given, all
/// different); when they do not, the reports draw a shape per level.
bool symbols_distinguish(const Scale& scale);

/// Text colour of an arrow's symbol and word on white, contrast >= 4.5:1:
/// green when better, red when worse, grey when static, blue when neutral.
Rgb arrow_colour(Arrow arrow);

}  // namespace assay::reporting
