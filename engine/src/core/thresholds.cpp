// Thresholds a dataset gives beside its values (target, floor, tolerance,
// comparator), kept sorted by series, period and name.
#include <assay/dataset.hpp>

#include <algorithm>
#include <array>
#include <tuple>

namespace assay {

std::span<const std::string_view> threshold_names() {
    static constexpr std::array<std::string_view, 4> names = {"target", "floor", "tolerance", "comparator"};
    return names;
}

const Threshold* Dataset::find_threshold(uint32_t s, uint32_t period, std::string_view column) const {
    auto it = std::lower_bound(thresholds.begin(), thresholds.end(), std::tie(s, period, column),
                               [](const Threshold& t, const std::tuple<uint32_t&, uint32_t&, std::string_view&>& k) {
                                   return std::tie(t.series, t.period) < std::tie(std::get<0>(k), std::get<1>(k)) ||
                                          (t.series == std::get<0>(k) && t.period == std::get<1>(k) &&
                                           std::string_view(t.name) < std::get<2>(k));
                               });
    if (it == thresholds.end() || it->series != s || it->period != period || it->name != column) return nullptr;
    return &*it;
}

bool Dataset::has_threshold(uint32_t indicator, std::string_view column) const {
    return std::any_of(thresholds.begin(), thresholds.end(), [&](const Threshold& t) {
        return t.name == column && t.series < series.size() && series[t.series].indicator == indicator;
    });
}

}  // namespace assay
