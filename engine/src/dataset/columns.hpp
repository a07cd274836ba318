// Header rows: which known column is at which position, with errors for
// unknown, repeated and missing columns.
#pragma once

#include "dataset/csv.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace assay::dataset {

/// A column a file may have.
struct ColumnSpec {
    std::string_view name;
    bool required = false;
};

/// Position of each spec'd column in the header (-1 when absent). Names are
/// matched without regard to case or surrounding spaces. Throws InputError
/// at the offending header cell.
std::vector<int> map_columns(const CsvReader& reader, const std::vector<CsvField>& header,
                             std::span<const ColumnSpec> specs);

/// The header's names, trimmed, kept beyond the life of the header record.
std::vector<std::string> header_names(const std::vector<CsvField>& header);

/// Throws InputError at the record, saying what is wrong with its width.
[[noreturn]] void wrong_width(const CsvReader& reader, const std::vector<std::string>& header,
                              const std::vector<CsvField>& fields);

/// Throws InputError at the record unless it has one field per header name.
inline void check_width(const CsvReader& reader, const std::vector<std::string>& header,
                        const std::vector<CsvField>& fields) {
    if (fields.size() != header.size()) wrong_width(reader, header, fields);
}

}  // namespace assay::dataset
