// Small text helpers for reading datasets: trimming cells, checking
// identifiers, and suggesting the name that was probably meant.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace assay::dataset {

/// `s` without leading and trailing spaces and tabs.
inline std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// Whether `s` is a valid indicator id: one or more of [a-z0-9_].
bool is_identifier(std::string_view s);

/// The candidate closest to `name` by edit distance, if close enough to be a
/// likely typo; empty otherwise.
std::string_view closest(std::string_view name, std::span<const std::string_view> candidates);

/// " (did you mean \"x\"?)" for the closest candidate, or "".
std::string did_you_mean(std::string_view name, std::span<const std::string_view> candidates);

}  // namespace assay::dataset
