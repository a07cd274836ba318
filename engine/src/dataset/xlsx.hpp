// .xlsx workbooks read directly (Office Open XML): libzip opens the archive
// held in memory, libexpat parses its parts. Each worksheet becomes rows of
// cell text, as a CSV export of it would give them, for the CSV readers to
// read with every layout they know; errors then name cells as
// book.xlsx!Sheet1!C7. Hostile workbooks are refused with a clear error:
// oversized files and parts (zip bombs: sizes and ratios are capped while
// inflating, not trusted from the headers), DTDs and entities, malformed XML,
// cell references beyond Excel's grid.
#pragma once

#include "dataset/csv.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace assay::dataset {

/// One worksheet: its name as the workbook shows it and its non-empty rows.
struct Sheet {
    std::string name;
    std::vector<SheetRow> rows;
};

/// A workbook read whole: its sheets in workbook order, and the file's pin.
struct Workbook {
    std::vector<Sheet> sheets;
    std::string sha256;  ///< lower-case hex SHA-256 of the file's bytes
    uint64_t bytes = 0;  ///< the file's size
};

/// The most bytes a workbook file may hold.
inline constexpr uint64_t max_workbook_bytes = 64ull << 20;
/// The most bytes all its parts together may inflate to.
inline constexpr uint64_t max_inflated_bytes = 512ull << 20;
/// The most a part may inflate relative to its compressed size (past 1 MiB).
inline constexpr uint64_t max_inflate_ratio = 200;

/// Reads the workbook at `path` (named `display` in errors). Throws
/// InputError naming the file, the part or the cell and what was expected.
Workbook read_workbook(const std::filesystem::path& path, const std::string& display);

/// Reads a workbook from `bytes` (as read_workbook does with a file's).
Workbook read_workbook_bytes(const std::string& bytes, const std::string& display);

/// Whether `path` names a workbook (.xlsx, any case).
bool is_workbook_path(const std::filesystem::path& path);

}  // namespace assay::dataset
