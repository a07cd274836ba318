// Colours of ratings and arrows: parsing, WCAG contrast, tints and shapes.
#include <assay/pack.hpp>

#include "report/palette.hpp"
#include "report/wording.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace assay;
using namespace assay::reporting;

TEST_CASE("CSS colours are parsed", "[report][palette]") {
    CHECK(parse_colour("#d4351c") == Rgb{0xd4, 0x35, 0x1c});
    CHECK(parse_colour(" #FFF ") == Rgb{255, 255, 255});
    CHECK(parse_colour("Green") == Rgb{0, 128, 0});
    CHECK_FALSE(parse_colour("#12345"));
    CHECK_FALSE(parse_colour("#gggggg"));
    CHECK_FALSE(parse_colour("rgb(1,2,3)"));
    CHECK_FALSE(parse_colour(""));
    CHECK(hex(Rgb{0, 0x70, 0x3c}) == "#00703c");
}

TEST_CASE("contrast follows WCAG 2", "[report][palette]") {
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
    CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
    CHECK(contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}) == Approx(4.54).epsilon(0.01));  // the lightest AA grey
}

TEST_CASE("every level's text reads on its tint, whatever its colour", "[report][palette]") {
    for (const char* colour : {"#d4351c", "#f47738", "#ffdd00", "#85994b", "#00703c", "white", "black", "#0000ff",
                               "yellow", "", "not a colour"}) {
        Scale s{"one", {{"A", "", colour, ""}, {"B", "", "", ""}, {"C", "", colour, ""}}, {}};
        for (int level = 0; level < 3; ++level) {
            LevelStyle style = level_style(s, level);
            INFO(colour << " level " << level);
            CHECK(contrast_ratio(style.text, style.tint) >= 4.5);
            CHECK(contrast_ratio(style.tint, Rgb{255, 255, 255}) < 1.8);  // a light tint
        }
    }
    Scale rag{"rag", {{"RED", "", "#d4351c", ""}, {"AMBER", "", "", ""}, {"GREEN", "", "", ""}}, {}};
    CHECK(level_style(rag, 0).colour == Rgb{0xd4, 0x35, 0x1c});  // the pack's colour
    CHECK(level_style(rag, 2).colour == Rgb{0x00, 0x70, 0x3c});  // the ramp's green for the best level
}

TEST_CASE("each level of a scale gets its own shape, worst most angular", "[report][palette]") {
    for (size_t n : {2u, 3u, 4u, 5u}) {
        Scale s{"s", {}, {}};
        for (size_t i = 0; i < n; ++i) s.levels.push_back({std::to_string(i), "", "", ""});
        std::set<Shape> shapes;
        for (int i = 0; i < static_cast<int>(n); ++i) shapes.insert(level_style(s, i).shape);
        CHECK(shapes.size() == n);
        CHECK(level_style(s, 0).shape == Shape::square);
        CHECK(level_style(s, static_cast<int>(n) - 1).shape == Shape::circle);
    }
    CHECK(symbols_distinguish(Scale{"s", {{"a", "*", "", ""}, {"b", "**", "", ""}}, {}}));
    CHECK_FALSE(symbols_distinguish(Scale{"s", {{"a", "\u25cf", "", ""}, {"b", "\u25cf", "", ""}}, {}}));
    CHECK_FALSE(symbols_distinguish(Scale{"s", {{"a", "", "", ""}, {"b", "x", "", ""}}, {}}));
}

TEST_CASE("arrows have words and readable colours", "[report][palette]") {
    Pack p;
    CHECK(arrow_word(p, Arrow::improved) == "Improved");
    CHECK(arrow_word(p, Arrow::peak) == "At maximum");
    CHECK(arrow_word(p, Arrow::increased) == "Increased");
    CHECK(arrow_word(p, Arrow::none) == "Not assessed");
    p.arrows[0].word = "Better";
    CHECK(arrow_word(p, Arrow::improved) == "Better");
    for (Arrow a : {Arrow::improved, Arrow::static_, Arrow::declined, Arrow::peak, Arrow::increased, Arrow::decreased,
                    Arrow::none})
        CHECK(contrast_ratio(arrow_colour(a), Rgb{255, 255, 255}) >= 4.5);
}
