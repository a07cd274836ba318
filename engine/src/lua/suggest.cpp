// Edit-distance suggestions for mis-typed names in rule packs.
#include "lua/suggest.hpp"

#include <algorithm>
#include <cctype>

namespace assay::lua {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Levenshtein distance with a single rolling row.
size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.size() > 256) return {};  // no name is that long; and the distance would cost |word| x |name|
    const std::string w = lower(word);
    const size_t allowed = std::max<size_t>(1, (w.size() + 2) / 3);
    std::string best;
    size_t best_distance = allowed + 1;
    for (const auto& c : candidates) {
        if (c.size() + allowed < w.size()) continue;  // too short to be within reach
        const std::string lc = lower(c);
        size_t d = c.size() > w.size() + allowed ? allowed + 1 : edit_distance(w, lc);  // too long: only a prefix
        if (w.size() >= 4 && lc.starts_with(w)) d = std::min<size_t>(d, 1);  // "static" for "static_within"
        if (d < best_distance && c != word) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best = closest_name(word, candidates);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
        out += "'" + names[i] + "'";
    }
    return out;
}

}  // namespace assay::lua
