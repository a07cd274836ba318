// observations*.csv: one observation per row, with optional note and
// published figures.
#pragma once

#include "dataset/builder.hpp"
#include "dataset/csv.hpp"

#include <assay/number.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace assay::dataset {

/// Reads every row of an observations file into `builder`. `path` is the
/// file the reader reads (read again only to locate a duplicate);
/// `bytes_after` is the size of the observation files still to come, to
/// make room for all rows at once. Throws InputError at the offending cell.
void read_observations(CsvReader& reader, const std::filesystem::path& path, DatasetBuilder& builder,
                       uint64_t bytes_after = 0);

/// Whether a header row is today's long form: indicator, area, period and
/// value (each once) with only the optional columns of that form. Any other
/// header is read by read_table().
bool is_plain_long_form(const std::vector<CsvField>& header);

/// A plain decimal ("547", "-0.7", "1e3") parsed directly; false for anything
/// else, which the general cell reader then reads (and explains).
bool plain_number(std::string_view s, double& out);

/// What is wrong with a row's numerator, denominator and sd, read against
/// each other, the row's value and the indicator (null: not declared).
enum class CountsFault {
    none,
    negative_numerator,
    negative_denominator,
    zero_denominator,
    negative_sd,
    numerator_above_denominator,  ///< for a proportion
    value_differs,                ///< the counts give another figure than the value (`expected`)
};

/// The first fault of `c` (counts given: not all NaN); `expected` is set to
/// the figure the counts give, when they give one.
CountsFault counts_fault(const ObservationCounts& c, const Indicator* ind, double value, double& expected);

/// Why a value written with a mark ('%', "pts", a currency sign, h:mm:ss)
/// cannot be one of `ind`'s units, or "" when it can.
std::string unit_mismatch(const CellValue& cell, const Indicator& ind);

/// Reads a published_... cell and attaches it to the last row added;
/// throws InputError at the cell when it cannot be read.
void read_published_cell(const CsvReader& r, const CsvField& f, PublishedKind kind, DatasetBuilder& builder);

/// A published arrow cell is one of ▲ ◀▶ ▼ ★, a word (improved, static,
/// declined, peak, increased, decreased) or N/A.
bool is_arrow_text(std::string_view text);

}  // namespace assay::dataset
