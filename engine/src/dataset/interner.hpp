// Interning of repeated cell text (areas, period labels, indicator ids) to
// dense ids. Rows of a large dataset repeat the same sequences of names, so
// each name remembers which one followed it last time: the common case is a
// single comparison with no hashing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
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
        if (slots_.empty()) return none;
        const uint32_t h = hash(text);
        for (size_t i = h & mask();; i = (i + 1) & mask()) {
            const Slot& s = slots_[i];
            if (s.id == none) return none;
            if (s.hash == h && same_text(views_[s.id], text)) return s.id;
        }
    }

    /// Takes back the string the last call of intern() added, as if it had
    /// never been seen: for a name found to be bad, so that its every later
    /// appearance is checked (and reported) again.
    void drop_last_added() {
        if (names_.empty()) return;
        erase_last();
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

    /// Forgets every name, keeping the memory for the next ones (a reused
    /// piece's names: its table is not grown again from nothing).
    void clear() {
        std::fill(slots_.begin(), slots_.end(), Slot{});
        names_.clear();
        views_.clear();
        successor_.clear();
        last_ = added_after_ = none;
    }

    /// Moves the strings out in id order; the interner is empty afterwards.
    std::vector<std::string> take() {
        slots_.clear();
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
    /// A place in the open-addressed table of ids: the id (none when free) and its text's hash.
    struct Slot {
        uint32_t id = none;
        uint32_t hash = 0;
    };

    static uint32_t hash(std::string_view text) { return static_cast<uint32_t>(std::hash<std::string_view>{}(text)); }
    size_t mask() const { return slots_.size() - 1; }

    /// The hash look-up when the guesses fail; adds `text` if new.
    uint32_t look_up(std::string_view text, bool& added) {
        if (2 * (views_.size() + 1) > slots_.size()) grow();
        const uint32_t h = hash(text);
        uint32_t id = none;
        for (size_t i = h & mask();; i = (i + 1) & mask()) {
            Slot& s = slots_[i];
            if (s.id == none) {
                id = static_cast<uint32_t>(names_.size());
                names_.emplace_back(text);
                views_.push_back(names_.back());  // deque elements never move
                s = Slot{id, h};
                successor_.push_back(none);
                added_after_ = last_;
                added = true;
                break;
            }
            if (s.hash == h && same_text(views_[s.id], text)) {
                id = s.id;
                break;
            }
        }
        if (last_ != none) successor_[last_] = id;
        return last_ = id;
    }

    /// Twice the places (at least 16), the ids placed again.
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(std::max<size_t>(16, 2 * old.size()), Slot{});
        for (const Slot& s : old)
            if (s.id != none) {
                size_t i = s.hash & mask();
                while (slots_[i].id != none) i = (i + 1) & mask();
                slots_[i] = s;
            }
    }

    /// Takes the last id added out of the table. It took the first free
    /// place of its probe, and nothing was placed since, so no other id
    /// passed its place on the way to its own: freeing the place loses none.
    void erase_last() {
        const auto id = static_cast<uint32_t>(views_.size() - 1);
        size_t i = hash(views_[id]) & mask();
        while (slots_[i].id != id) i = (i + 1) & mask();
        slots_[i] = Slot{};
    }

    std::deque<std::string> names_;
    std::vector<std::string_view> views_;  ///< names_, without the deque's indirection
    std::vector<Slot> slots_;              ///< a power of two, at most half of them taken
    std::vector<uint32_t> successor_;      ///< id seen after each id last time
    uint32_t last_ = none;
    uint32_t added_after_ = none;  ///< the id seen before the last one added
};

}  // namespace assay::dataset
