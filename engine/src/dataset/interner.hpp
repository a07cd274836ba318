// Interning of repeated cell text (areas, period labels, indicator ids) to
// dense ids. Rows of a large dataset repeat the same sequences of names, so
// each name remembers which one followed it last time: the common case is a
// single comparison with no hashing.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace assay::dataset {

/// Byte equality of short strings without a call to memcmp: eight bytes at a time.
inline bool same_text(std::string_view a, std::string_view b) {
    size_t n = a.size();
    if (n != b.size()) return false;
    const char* x = a.data();
    const char* y = b.data();
    for (; n >= 8; n -= 8, x += 8, y += 8) {
        uint64_t u, v;
        std::memcpy(&u, x, 8);
        std::memcpy(&v, y, 8);
        if (u != v) return false;
    }
    for (; n > 0; --n, ++x, ++y)
        if (*x != *y) return false;
    return true;
}

/// Maps distinct strings to ids 0, 1, 2... in order of first appearance.
class Interner {
public:
    static constexpr uint32_t none = UINT32_MAX;

    /// The id of `text`, adding it if new (then `added` is set).
    uint32_t intern(std::string_view text, bool& added) {
        added = false;
        if (last_ != none) {
            if (same_text(views_[last_], text)) return last_;
            uint32_t guess = successor_[last_];
            if (guess != none && same_text(views_[guess], text)) return last_ = guess;
        }
        return look_up(text, added);
    }

    /// The id of `text` if it was interned.
    uint32_t find(std::string_view text) const {
        auto it = index_.find(text);
        return it == index_.end() ? none : it->second;
    }

    /// Takes back the string the last call of intern() added, as if it had
    /// never been seen: for a name found to be bad, so that its every later
    /// appearance is checked (and reported) again.
    void drop_last_added() {
        if (names_.empty()) return;
        index_.erase(views_.back());
        if (added_after_ != none) successor_[added_after_] = none;
        names_.pop_back();
        views_.pop_back();
        successor_.pop_back();
        last_ = added_after_ = none;
    }

    /// The text of `id`.
    std::string_view name(uint32_t id) const { return views_[id]; }
    /// Number of distinct strings.
    size_t size() const { return names_.size(); }

    /// Moves the strings out in id order; the interner is empty afterwards.
    std::vector<std::string> take() {
        index_.clear();
        std::vector<std::string> out;
        out.reserve(names_.size());
        for (std::string& s : names_) out.push_back(std::move(s));
        names_.clear();
        views_.clear();
        successor_.clear();
        last_ = added_after_ = none;
        return out;
    }

private:
    /// The hash look-up when the guesses fail; adds `text` if new.
    uint32_t look_up(std::string_view text, bool& added) {
        uint32_t id;
        if (auto it = index_.find(text); it != index_.end()) {
            id = it->second;
        } else {
            id = static_cast<uint32_t>(names_.size());
            names_.emplace_back(text);
            views_.push_back(names_.back());  // deque elements never move
            index_.emplace(views_.back(), id);
            successor_.push_back(none);
            added_after_ = last_;
            added = true;
        }
        if (last_ != none) successor_[last_] = id;
        return last_ = id;
    }

    std::deque<std::string> names_;
    std::vector<std::string_view> views_;  ///< names_, without the deque's indirection
    std::unordered_map<std::string_view, uint32_t> index_;
    std::vector<uint32_t> successor_;  ///< id seen after each id last time
    uint32_t last_ = none;
    uint32_t added_after_ = none;  ///< the id seen before the last one added
};

}  // namespace assay::dataset
