// Properties every dataset that loads must have, checked by the CSV fuzz
// targets: observations of a series in strictly ascending period order,
// columns of one length, published figures pointing at real series and
// periods, and every missing value with its reason.
#pragma once

#include "fuzz_support.hpp"

#include <assay/dataset.hpp>

#include <cmath>

namespace assay::fuzz {

/// Aborts (through check) when `d` breaks a dataset invariant.
inline void check_dataset(const Dataset& d) {
    check(d.obs_period.size() == d.obs_value.size(), "observation columns have one length");
    uint32_t next = 0;
    for (const Series& s : d.series) {
        check(s.indicator < d.indicators.size() && s.area < d.areas.size(), "a series names a real indicator and area");
        check(s.begin == next && s.begin < s.end && s.end <= d.obs_value.size(), "series slice the columns in order");
        next = s.end;
        for (uint32_t i = s.begin; i < s.end; ++i) {
            check(d.obs_period[i] < d.periods.size(), "an observation's period exists");
            if (i > s.begin) check(d.obs_period[i - 1] < d.obs_period[i], "a series' periods strictly ascend");
            const double v = d.obs_value[i];
            check(std::isfinite(v) || (std::isnan(v) && d.missing.count(i) == 1),
                  "a value is finite, or missing with its reason");
        }
    }
    check(next == d.obs_value.size(), "every observation belongs to a series");
    for (size_t i = 1; i < d.periods.size(); ++i) check(d.periods[i - 1] < d.periods[i], "periods ascend");
    for (const Published& p : d.published)
        check(p.series < d.series.size() && p.period < d.periods.size(), "a published figure points at real data");
}

}  // namespace assay::fuzz
