// The closest-name search: filters that reject most candidates after one
// look, then a Levenshtein distance computed only within a band of the
// distance still worth knowing (Ukkonen's cut-off).
#include "core/closest_name.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace assay {
namespace {

constexpr size_t difference(size_t a, size_t b) {
    return a > b ? a - b : b - a;
}

/// Whether `text` begins with `prefix` (already lower-cased), ignoring case.
bool starts_with_folded(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (to_lower(text[i]) != prefix[i]) return false;
    return true;
}

}  // namespace

ClosestName::ClosestName(std::string_view word) {
    if (word.empty() || word.size() > kLongestWord) return;
    enabled_ = true;
    original_ = word;
    word_.reserve(word.size());
    for (char c : word) word_ += to_lower(c);
    for (char c : word_) ++letters_[static_cast<unsigned char>(c)];
    allowed_ = std::max<size_t>(1, (word_.size() + 2) / 3);
    best_distance_ = allowed_;
    row_.resize(kLongestWord + allowed_ + 1);
}

void ClosestName::consider(std::string_view candidate) {
    if (!enabled_) return;
    ++work_;
    if (candidate.empty() || candidate == std::string_view(original_)) return;  // never "" or the word itself
    // An equally close candidate wins only if it sorts first, so the bound
    // for one that sorts after the best so far is one less.
    const bool sorts_first = best_.empty() || candidate < std::string_view(best_);
    if (!sorts_first && best_distance_ == 0) return;
    const size_t bound = sorts_first ? best_distance_ : best_distance_ - 1;
    size_t d;
    if (word_.size() >= 4 && candidate.size() > word_.size() && starts_with_folded(candidate, word_)) {
        work_ += word_.size();
        d = 1;
        if (d > bound) return;
    } else {
        if (difference(candidate.size(), word_.size()) > bound) return;
        d = bounded_distance(candidate, bound);
        if (d > bound) return;
    }
    best_ = candidate;
    best_distance_ = d;
}

// The distance between the word and `candidate` when it is at most `bound`,
// else bound + 1. The caller has checked the lengths differ by at most bound.
size_t ClosestName::bounded_distance(std::string_view candidate, size_t bound) {
    const size_t n = word_.size(), m = candidate.size(), out = bound + 1;
    // Each replaced character changes the letter counts by at most 2, each
    // inserted or deleted one by 1: half the counts' difference is a lower
    // bound, found in one pass (and undone in another).
    size_t unmatched = n;
    for (char c : candidate) {
        int32_t& k = letters_[static_cast<unsigned char>(to_lower(c))];
        if (k-- > 0)
            --unmatched;  // matches one of the word's letters
        else
            ++unmatched;  // one more letter the word lacks
    }
    for (char c : candidate) ++letters_[static_cast<unsigned char>(to_lower(c))];
    work_ += 2 * m;
    if ((unmatched + 1) / 2 > bound) return out;

    // Levenshtein rows, only cells within `bound` of the diagonal; cells
    // outside the band count as bound + 1.
    std::vector<size_t>& row = row_;
    for (size_t j = 0; j <= m; ++j) row[j] = std::min(j, out);
    for (size_t i = 1; i <= n; ++i) {
        const size_t lo = i > bound ? i - bound : 1, hi = std::min(m, i + bound);
        if (lo > hi) return out;
        size_t diagonal = row[lo - 1];
        row[lo - 1] = lo == 1 ? std::min(i, out) : out;
        size_t row_min = row[lo - 1];
        for (size_t j = lo; j <= hi; ++j) {
            const size_t above = row[j];
            const size_t replace = diagonal + (word_[i - 1] == to_lower(candidate[j - 1]) ? 0 : 1);
            const size_t v = std::min({above + 1, row[j - 1] + 1, replace, out});
            diagonal = above;
            row[j] = v;
            row_min = std::min(row_min, v);
        }
        work_ += hi - lo + 1;
        if (row_min > bound) return out;
    }
    return std::min(row[m], out);
}

std::string did_you_mean_text(const std::string& best, char quote) {
    if (best.empty()) return {};
    return std::string(" (did you mean ") + quote + best + quote + "?)";
}

}  // namespace assay
