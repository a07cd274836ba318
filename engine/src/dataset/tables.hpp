// Tables laid out as officers keep them, beside today's long form: one row
// per indicator and period with target / floor / tolerance / comparator
// columns beside the value, no area column (one default area), `quarter`,
// `year` or `month` for the period; or wide, one row per indicator and one
// column per period label. Indicator metadata (title, unit, polarity,
// decimals) may sit in the same table. Every problem in the file is
// reported at once.
#pragma once

#include "dataset/builder.hpp"
#include "dataset/csv.hpp"

#include <filesystem>
#include <vector>

namespace assay::dataset {

/// The area a table without an area column puts its figures in.
inline constexpr std::string_view default_area = "All";

/// Reads the rows of a table whose header (already read) is not the plain
/// long form. Throws one InputError listing every problem found.
void read_table(CsvReader& reader, const std::vector<CsvField>& header, const std::filesystem::path& path,
                DatasetBuilder& builder);

}  // namespace assay::dataset
