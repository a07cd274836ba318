// What the per-series steps (arrow, target, rating, checks) share while one
// indicator in one area is assessed: the resolved plan, the observations up
// to the as-at cut-off, and where explanation lines and errors go.
#pragma once

#include "assess/plan.hpp"

#include <assay/assessment.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace assay::assess_detail {

/// One series being assessed.
struct SeriesContext {
    const Pack& pack;                            ///< the rules
    const Dataset& data;                         ///< the observations
    const Plan& plan;                            ///< the pack resolved against the data
    const GroupPlan& group;                      ///< the group being assessed
    const IndicatorPlan& indicator;              ///< the indicator being assessed
    uint32_t series = 0;                         ///< index into Dataset::series
    uint32_t begin = 0;                          ///< first observation of the series
    uint32_t end = 0;                            ///< one past the last observation up to as-at
    std::optional<uint32_t> current_obs;         ///< the observation holding the current value
    std::vector<std::string>* trace = nullptr;   ///< explanation lines; null when not explaining
    std::vector<std::string>* errors = nullptr;  ///< the run's rule failures
    /// Set when a rule read another series than its own (a:lookup); null when nobody asks.
    bool* other_series = nullptr;

    /// The context of series `s` of indicator `i` in group `g`.
    SeriesContext(const Pack& p, const Dataset& d, const Plan& pl, const GroupPlan& g, const IndicatorPlan& i,
                  uint32_t s)
        : pack(p), data(d), plan(pl), group(g), indicator(i), series(s) {}

    /// The indicator's metadata.
    const Indicator& meta() const { return data.indicators[indicator.indicator]; }
    /// The area's name.
    const std::string& area() const { return data.areas[data.series[series].area]; }
    /// Decimals used when explaining this indicator's figures.
    int explain_decimals() const { return meta().decimals + 2; }
    /// How this indicator's figures are rounded (Pack::rounding_for, resolved in the plan).
    Rounding rounding() const { return indicator.rounding; }
};

/// Whether `value` is at or beyond `reference` in the direction that counts
/// as better, allowing binary noise of 1e-9 relative to the operands.
bool at_or_better(double value, double reference, bool lower_better);

/// Whether |x| <= limit, allowing binary noise of 1e-9 relative to `scale`.
bool within_limit(double x, double limit, double scale);

/// The observation of period `period` in [begin, end) holding a value, if any.
std::optional<uint32_t> find_value_at(const Dataset& d, uint32_t begin, uint32_t end, uint32_t period);

}  // namespace assay::assess_detail
