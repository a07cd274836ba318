// Commentary and corrective action a dataset records (commentary.csv), kept
// sorted by series and period so that a report finds a row's in log time.
#include <assay/dataset.hpp>

#include <algorithm>
#include <tuple>

namespace assay {

const Commentary* Dataset::find_commentary(uint32_t s, uint32_t period) const {
    auto it = std::lower_bound(commentary.begin(), commentary.end(), std::tie(s, period),
                               [](const Commentary& c, const std::tuple<uint32_t&, uint32_t&>& k) {
                                   return std::tie(c.series, c.period) < k;
                               });
    if (it == commentary.end() || it->series != s || it->period != period) return nullptr;
    return &*it;
}

}  // namespace assay
