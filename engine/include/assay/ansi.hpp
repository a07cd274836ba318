// The colours the terminal report and `explain --color` give ratings and
// arrows, as ANSI SGR codes ("" for none).
#pragma once

#include <assay/pack.hpp>

#include <cstddef>
#include <string_view>

namespace assay {

/// A rating on a ramp from red (worst, level 0) through orange, yellow and
/// yellow-green to green (best), so five-point scales get five colours.
inline std::string_view ansi_rating_colour(int level, size_t levels) {
    if (level < 0) return "";
    if (levels <= 1) return "32";
    double f = static_cast<double>(level) / static_cast<double>(levels - 1);
    if (f < 0.2) return "31";
    if (f < 0.4) return "38;5;208";
    if (f < 0.6) return "33";
    if (f < 0.8) return "38;5;148";
    return "32";
}

/// An arrow green when better, red when worse, yellow when static.
inline std::string_view ansi_arrow_colour(Arrow a) {
    switch (a) {
        case Arrow::improved:
        case Arrow::peak:
            return "32";
        case Arrow::declined:
            return "31";
        case Arrow::static_:
            return "33";
        default:
            return "";
    }
}

}  // namespace assay
