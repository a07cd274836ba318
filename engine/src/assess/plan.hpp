// The assessment plan: a pack resolved against a dataset once per assess()
// call (indicator indices, scales, polarities, target periods, series lists),
// so that the per-series work does no lookups by name and no parsing.
#pragma once

#include <assay/assessment.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace assay::assess_detail {

/// A target rule with its periods parsed and its direction decided.
struct TargetPlan {
    const TargetRule* rule = nullptr;
    bool lower_better = false;               ///< which way "at or better" points
    int64_t baseline_period = -1;            ///< dataset period of the baseline; -1 when the dataset lacks it
    std::optional<Period> due;               ///< the parsed due period
    double tolerance = 0;                    ///< within: the half-width of the band, in units
    int64_t comparator_indicator = -1;       ///< comparator: dataset indicator (-1: this one)
    int64_t comparator_area = -1;            ///< comparator: dataset area (-1: the outcome's area)
    std::vector<int64_t> comparator_series;  ///< comparator: area -> series of the comparator indicator, -1 when none
    std::string label;                       ///< "target 'bcs' (psa1.lua:5)", for errors and explanations
    std::vector<std::pair<Period, double>> values;  ///< TargetRule::values with their periods parsed, in order
};

/// One indicator of a group, ready to assess.
struct IndicatorPlan {
    uint32_t indicator = 0;  ///< index into Dataset::indicators
    Polarity polarity = Polarity::neutral;
    Rounding rounding = Rounding::half_up;  ///< Pack::rounding_for the group and indicator
    std::optional<TargetPlan> target;
    int64_t break_period = std::numeric_limits<int64_t>::max();  ///< first period after a measurement change
    const std::vector<uint32_t>* series = nullptr;               ///< its series assessed, in area order
    /// The series assessed when the group's comparators leave some out (`series` points here).
    std::shared_ptr<const std::vector<uint32_t>> assessed;
};

/// One group, ready to assess.
struct GroupPlan {
    uint32_t index = 0;  ///< index into Pack::groups
    const Group* group = nullptr;
    const Scale* scale = nullptr;         ///< scale of the indicator ratings, null when the group has none
    const Scale* rollup_scale = nullptr;  ///< scale of the group rating
    std::vector<IndicatorPlan> indicators;
    /// The rating's comparisons with a comparator area, each once (comparisons_of).
    std::vector<const Condition*> compared;
    std::optional<double> interval_level;  ///< of the group's intervals (assay::interval_level), if it has any
};

/// One theme, ready to roll up.
struct ThemePlan {
    uint32_t index = 0;  ///< index into Pack::themes
    const Scale* scale = nullptr;
    std::vector<uint32_t> groups;  ///< indices into Plan::groups
};

/// Everything resolved before the first series is assessed.
struct Plan {
    int64_t cutoff = -1;  ///< last dataset period included (as-at); -1 when there are none
    std::string as_at;    ///< label of the as-at period used
    std::vector<std::vector<uint32_t>> series_by_indicator;  ///< indicator -> its series, in area order
    std::vector<int64_t> year_before;                        ///< period -> the same span a year earlier, -1 when absent
    std::vector<std::string> year_before_label;              ///< period -> label of the span a year earlier
    std::vector<GroupPlan> groups;
    std::vector<ThemePlan> themes;
    size_t outcome_count = 0;  ///< outcomes the run will produce
};

/// Resolves `pack` against `dataset`. Throws InputError when the pack names
/// an indicator, area, scale or group that does not exist, when a period
/// does not parse, or when `as_at` is not a period of the dataset.
Plan make_plan(const Pack& pack, const Dataset& dataset, const AssessOptions& options);

}  // namespace assay::assess_detail
