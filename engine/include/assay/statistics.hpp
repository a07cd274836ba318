// Confidence intervals of observations, as the reports show them
// (docs/statistics.md): the interval of a figure at a level, by the method
// its indicator's value type calls for, and the level at which a group's
// outcomes show intervals.
#pragma once

#include <assay/dataset.hpp>
#include <assay/pack.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace assay {

/// A confidence interval of one figure.
struct ValueInterval {
    double level = 0.95;  ///< 0.95, 0.998
    double lower = 0;
    double upper = 0;
    /// "Wilson score", "exact Poisson", "Byar", "Dobson", "t".
    std::string method;
};

/// The interval of observation `obs` of indicator `ind` at `level`, by the
/// method its value type calls for; nullopt when the indicator declares no
/// value type or the counts it needs are not in the data.
std::optional<ValueInterval> observation_interval(const Dataset& d, const Indicator& ind, uint32_t obs, double level);

/// A funnel plot's control limits at `level` for an area with denominator
/// `n` around the comparator's value `v0` of indicator `ind`: for a
/// proportion the score test's, for a crude rate or DSR the exact Poisson
/// limits of the expected count; nullopt with `why` set for other value
/// types or values out of range (docs/statistics.md).
std::optional<ValueInterval> funnel_limits(const Indicator& ind, double v0, double n, double level, std::string& why);

/// The level at which group `g`'s outcomes show intervals: that of its
/// rating's first comparison with a comparator or funnel, else of its first
/// statistical arrow; nullopt when the group uses no statistics.
std::optional<double> interval_level(const Group& g);

/// Whether any group of `pack` uses statistics (interval_level): reports then
/// add interval columns.
bool uses_statistics(const Pack& pack);

}  // namespace assay
