// Text helpers for dataset loading. Suggestions use the Levenshtein distance
// on lower-cased text, accepted when at most a third of the name is wrong.
#include "dataset/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace assay::dataset {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t up = row[j];
            size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

bool is_identifier(std::string_view s)
{
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

std::string_view closest(std::string_view name, std::span<const std::string_view> candidates)
{
    std::string_view best;
    size_t best_distance = std::max<size_t>(2, name.size() / 3) + 1;
    for (std::string_view c : candidates) {
        // The distance is at least the difference in length: skip what cannot win (and a
        // 100 MB name costs nothing).
        if ((name.size() > c.size() ? name.size() - c.size() : c.size() - name.size()) >= best_distance) continue;
        size_t d = edit_distance(name, c);
        if (d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view name, std::span<const std::string_view> candidates)
{
    std::string_view best = closest(name, candidates);
    return best.empty() ? std::string() : fmt::format(" (did you mean \"{}\"?)", best);
}

}  // namespace assay::dataset
