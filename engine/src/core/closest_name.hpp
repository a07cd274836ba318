// "Did you mean" hints for mis-typed names, with one policy for the whole
// engine (datasets, packs, rules, the linter, the command line):
//
// - Names are compared ignoring ASCII case, by Levenshtein distance (each
//   inserted, deleted or replaced character is one edit).
// - A candidate that begins with the word counts as one edit away, when the
//   word has at least 4 characters ("static" for "static_within").
// - A candidate is close enough when it is at most a third of the word's
//   length away, rounded up, and at least 1: 1 edit for up to 3
//   characters, 2 for 4 to 6, 3 for 7 to 9, ...
// - The closest wins; of equally close ones, the first in byte order, so the
//   answer does not depend on the order the candidates come in.
// - The word itself is never suggested (a name that differs only in case
//   is), nor an empty name.
// - No suggestion for a word longer than kLongestWord characters (no name
//   is that long; a long word is a mistake of another kind).
//
// The cost is bounded: a candidate whose length, or whose letters, differ
// too much is passed over after one look at it; the rest are compared only
// within a band of the allowed distance, stopping as soon as it is
// exceeded. So one look-up among 120,000 long names costs milliseconds.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

/// Finds the closest name among candidates offered one at a time.
class ClosestName {
public:
    /// Words longer than this get no suggestion.
    static constexpr size_t kLongestWord = 64;

    explicit ClosestName(std::string_view word);

    /// Whether the word can have a suggestion at all (not empty, not too
    /// long): when not, there is no need to offer candidates.
    bool searching() const { return enabled_; }
    /// Offers one candidate.
    void consider(std::string_view candidate);
    /// The closest candidate offered so far, or "" when none is close.
    const std::string& best() const { return best_; }
    /// Characters read and distance cells computed so far: what the look-up
    /// cost, for a caller that charges it to a budget.
    uint64_t work() const { return work_; }

private:
    size_t bounded_distance(std::string_view candidate, size_t bound);

    std::string original_;
    std::string word_;  // lower-cased
    bool enabled_ = false;
    size_t allowed_ = 0;
    size_t best_distance_ = 0;
    std::string best_;
    std::array<int32_t, 256> letters_{};  // the word's letters, counted
    std::vector<size_t> row_;
    uint64_t work_ = 0;
};

/// The closest of `candidates` to `word` under the policy above, or "".
template <class Names>
std::string closest_name(std::string_view word, const Names& candidates) {
    ClosestName finder(word);
    for (const auto& c : candidates) finder.consider(c);
    return finder.best();
}

inline std::string closest_name(std::string_view word, std::initializer_list<std::string_view> candidates) {
    ClosestName finder(word);
    for (std::string_view c : candidates) finder.consider(c);
    return finder.best();
}

/// " (did you mean 'x'?)" for `best` (between `quote` characters), or ""
/// when it is empty.
std::string did_you_mean_text(const std::string& best, char quote);

/// " (did you mean 'x'?)" for the closest candidate (the name between
/// `quote` characters), or "" when none is close.
template <class Names>
std::string suggest_name(std::string_view word, const Names& candidates, char quote = '\'') {
    return did_you_mean_text(closest_name(word, candidates), quote);
}

inline std::string suggest_name(std::string_view word, std::initializer_list<std::string_view> candidates,
                                char quote = '\'') {
    return did_you_mean_text(closest_name(word, candidates), quote);
}

}  // namespace assay
