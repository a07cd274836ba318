// Comparisons shared by the per-series steps: "at or better than" and
// "within a band" with a tolerance for binary noise (0.1 + 0.2 != 0.3), and
// the lookup of an observation by period inside a series.
#include "assess/context.hpp"

#include <algorithm>
#include <cmath>

namespace assay::assess_detail {
namespace {

/// Relative tolerance that absorbs binary noise but no real difference.
constexpr double kNoise = 1e-9;

}  // namespace

bool at_or_better(double value, double reference, bool lower_better) {
    double eps = kNoise * std::max(std::abs(value), std::abs(reference));
    return lower_better ? value <= reference + eps : value >= reference - eps;
}

bool within_limit(double x, double limit, double scale) {
    double eps = kNoise * std::max(std::abs(limit), std::abs(scale));
    return std::abs(x) <= limit + eps;
}

std::optional<uint32_t> find_value_at(const Dataset& d, uint32_t begin, uint32_t end, uint32_t period) {
    auto first = d.obs_period.begin() + begin;
    auto last = d.obs_period.begin() + end;
    auto it = std::lower_bound(first, last, period);
    if (it == last || *it != period) return std::nullopt;
    auto obs = static_cast<uint32_t>(it - d.obs_period.begin());
    if (!d.has_value(obs)) return std::nullopt;
    return obs;
}

}  // namespace assay::assess_detail
