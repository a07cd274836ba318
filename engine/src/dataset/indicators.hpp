// indicators.csv: indicator metadata, one row per indicator.
#pragma once

#include "dataset/csv.hpp"

#include <assay/dataset.hpp>

#include <vector>

namespace assay::dataset {

/// Reads every indicator of indicators.csv in file order, checking ids,
/// units, polarities, decimals, comparable_from periods and sum_of names.
/// Throws InputError at the offending cell.
std::vector<Indicator> read_indicators(CsvReader& reader);

/// The units an indicator may have.
bool is_known_unit(std::string_view unit);

}  // namespace assay::dataset
