// Lookups and names of the public model (datasets and packs): pure functions
// over the structs declared in dataset.hpp and pack.hpp.
#include <assay/dataset.hpp>
#include <assay/pack.hpp>

#include <algorithm>

namespace assay {

std::string_view to_string(Polarity p) {
    switch (p) {
        case Polarity::higher_is_better:
            return "higher_is_better";
        case Polarity::lower_is_better:
            return "lower_is_better";
        case Polarity::neutral:
            return "neutral";
    }
    return "neutral";
}

std::string_view polarity_words(Polarity p) {
    switch (p) {
        case Polarity::higher_is_better:
            return "higher is better";
        case Polarity::lower_is_better:
            return "lower is better";
        case Polarity::neutral:
            return "neutral";
    }
    return "neutral";
}

std::optional<Polarity> polarity_from_string(std::string_view s) {
    if (s == "higher_is_better" || s == "higher" || s == "up") return Polarity::higher_is_better;
    if (s == "lower_is_better" || s == "lower" || s == "down") return Polarity::lower_is_better;
    if (s == "neutral") return Polarity::neutral;
    return std::nullopt;
}

std::string_view to_string(PublishedKind k) {
    switch (k) {
        case PublishedKind::arrow:
            return "arrow";
        case PublishedKind::rating:
            return "rating";
        case PublishedKind::change:
            return "change";
        case PublishedKind::change_pct:
            return "change_pct";
        case PublishedKind::change_pts:
            return "change_pts";
    }
    return "arrow";
}

std::optional<uint32_t> Dataset::find_indicator(std::string_view id) const {
    for (size_t i = 0; i < indicators.size(); ++i)
        if (indicators[i].id == id) return static_cast<uint32_t>(i);
    return std::nullopt;
}

std::optional<uint32_t> Dataset::find_area(std::string_view area) const {
    for (size_t i = 0; i < areas.size(); ++i)
        if (areas[i] == area) return static_cast<uint32_t>(i);
    return std::nullopt;
}

std::optional<uint32_t> Dataset::find_period(std::string_view label) const {
    for (size_t i = 0; i < periods.size(); ++i)
        if (periods[i].label == label) return static_cast<uint32_t>(i);
    // Another label for a span we hold ("Sept 2024" for "Sep 2024").
    Result<Period> p = parse_period(label);
    if (!p) return std::nullopt;
    auto it = std::lower_bound(periods.begin(), periods.end(), p.value());
    if (it != periods.end() && *it == p.value()) return static_cast<uint32_t>(it - periods.begin());
    return std::nullopt;
}

std::optional<uint32_t> Dataset::find_series(uint32_t indicator, uint32_t area) const {
    // Series are sorted by indicator, then area index (areas are numbered in
    // order of first appearance, which is the order series are kept in).
    auto key_less = [](const Series& s, std::pair<uint32_t, uint32_t> k) {
        return s.indicator != k.first ? s.indicator < k.first : s.area < k.second;
    };
    auto it = std::lower_bound(series.begin(), series.end(), std::pair{indicator, area}, key_less);
    if (it != series.end() && it->indicator == indicator && it->area == area)
        return static_cast<uint32_t>(it - series.begin());
    return std::nullopt;
}

std::string_view to_string(Arrow a) {
    switch (a) {
        case Arrow::improved:
            return "improved";
        case Arrow::static_:
            return "static";
        case Arrow::declined:
            return "declined";
        case Arrow::peak:
            return "peak";
        case Arrow::increased:
            return "increased";
        case Arrow::decreased:
            return "decreased";
        case Arrow::none:
            return "none";
    }
    return "none";
}

std::optional<int> Scale::find(std::string_view label) const {
    for (size_t i = 0; i < levels.size(); ++i)
        if (levels[i].label == label) return static_cast<int>(i);
    return std::nullopt;
}

const Scale* Pack::find_scale(std::string_view scale_name) const {
    for (const Scale& s : scales)
        if (s.name == scale_name) return &s;
    return nullptr;
}

const Group* Pack::find_group(std::string_view id) const {
    for (const Group& g : groups)
        if (g.id == id) return &g;
    return nullptr;
}

const TargetRule* Pack::target_for(const Group& g, std::string_view indicator) const {
    for (const TargetRule& t : targets)
        if (t.indicator == indicator) return &t;
    return g.target ? &*g.target : nullptr;
}

Rounding Pack::rounding_for(const Group& g, std::string_view indicator) const {
    // Most specific first: a rounding that names the indicator wins over a
    // group's or the pack's general one.
    // Called for every outcome: the maps compare with string_view (no copies).
    auto in_group = g.indicator_rounding.find(indicator);
    if (in_group != g.indicator_rounding.end()) return in_group->second;
    auto in_pack = indicator_rounding.find(indicator);
    if (in_pack != indicator_rounding.end()) return in_pack->second;
    return g.rounding.value_or(rounding);
}

Rounding Pack::rounding_for(std::string_view indicator) const {
    auto in_pack = indicator_rounding.find(indicator);
    return in_pack != indicator_rounding.end() ? in_pack->second : rounding;
}

Style Pack::style_for(const Group& g, std::string_view indicator) const {
    Presentation p = presentation.merged(g.presentation);
    if (auto it = indicator_presentation.find(indicator); it != indicator_presentation.end()) p = p.merged(it->second);
    if (auto it = g.indicator_presentation.find(indicator); it != g.indicator_presentation.end())
        p = p.merged(it->second);
    return resolve(p);
}

Style Pack::style_for(std::string_view indicator) const {
    Presentation p = presentation;
    if (auto it = indicator_presentation.find(indicator); it != indicator_presentation.end()) p = p.merged(it->second);
    return resolve(p);
}

std::string_view to_string(DerivedSeries::Kind k) {
    switch (k) {
        case DerivedSeries::Kind::gap:
            return "gap";
        case DerivedSeries::Kind::gap_areas:
            return "gap_areas";
        case DerivedSeries::Kind::rate:
            return "rate";
        case DerivedSeries::Kind::rolling_sum:
            return "rolling_sum";
        case DerivedSeries::Kind::sum:
            return "sum";
    }
    return "sum";
}

}  // namespace assay
