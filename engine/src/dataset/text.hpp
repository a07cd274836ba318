// Small text helpers for reading datasets: checking identifiers. Trimming
// cells (spaces and tabs) is core/text.hpp's trim_blanks, and the names
// suggested for mis-typed ones come from core/closest_name.hpp.
#pragma once

#include "core/closest_name.hpp"
#include "core/text.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace assay::dataset {

/// Whether `s` is a valid indicator id: one or more of [a-z0-9_].
bool is_identifier(std::string_view s);

/// The folder or file name a dataset is known by ("lsp2007"): the folder's
/// name, or the file's without its extension.
std::string dataset_name(const std::filesystem::path& path, bool folder);

/// Whether a dataset folder's file holds observations: observations*.csv.
bool is_observations_file(const std::filesystem::path& p);

}  // namespace assay::dataset
