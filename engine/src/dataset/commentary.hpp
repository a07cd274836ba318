// commentary.csv: what the officers say about an indicator in an area for a
// period, and the corrective action, owner and due date.
#pragma once

#include "dataset/csv.hpp"

#include <assay/dataset.hpp>

#include <vector>

namespace assay::dataset {

/// Reads commentary.csv (columns indicator, area, period, commentary,
/// action, owner, due) against the loaded dataset `d`: every row names an
/// indicator, area and period the data has, says something in commentary or
/// action, and is the only row for its indicator, area and period. Returns
/// the rows sorted by series and period; throws InputError listing every
/// bad row, each at its file:line:column.
std::vector<Commentary> read_commentary(CsvReader& reader, const Dataset& d);

}  // namespace assay::dataset
