// The shared text helpers: trimming, "file:N: message" splitting, and the
// one closest-name policy, checked against a plain full-table Levenshtein
// distance written here as the oracle.
#include "core/closest_name.hpp"
#include "core/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace assay;

namespace {

char fold(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Textbook Levenshtein over the whole table, ignoring ASCII case.
size_t levenshtein(const std::string& a, const std::string& b) {
    std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) t[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) t[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j)
            t[i][j] = std::min(
                {t[i - 1][j] + 1, t[i][j - 1] + 1, t[i - 1][j - 1] + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1)});
    return t[a.size()][b.size()];
}

// The documented policy, written the slow and obvious way.
std::string oracle(const std::string& word, const std::vector<std::string>& candidates) {
    if (word.empty() || word.size() > 64) return {};
    const size_t allowed = std::max<size_t>(1, (word.size() + 2) / 3);
    std::string lw;
    for (char c : word) lw += fold(c);
    std::string best;
    size_t best_d = allowed + 1;
    for (const std::string& c : candidates) {
        if (c == word || c.empty()) continue;
        std::string lc;
        for (char ch : c) lc += fold(ch);
        size_t d = levenshtein(word, c);
        if (word.size() >= 4 && lc.size() > lw.size() && lc.starts_with(lw)) d = 1;
        if (d > allowed) continue;
        if (d < best_d || (d == best_d && c < best)) {
            best = c;
            best_d = d;
        }
    }
    return best;
}

}  // namespace

TEST_CASE("trim and trim_blanks", "[core][text]") {
    CHECK(trim(" \t\r\n a b \n\v\f") == "a b");
    CHECK(trim("") == "");
    CHECK(trim(" \n ") == "");
    CHECK(trim_blanks(" \ta b\t ") == "a b");
    CHECK(trim_blanks("\na\n") == "\na\n");   // a newline is data inside a cell
    CHECK(trim("\xC2\xA0x") == "\xC2\xA0x");  // only ASCII white space
}

TEST_CASE("split_file_line reads Lua's place in front of a message", "[core][text]") {
    auto lm = split_file_line("psa1.lua:12: attempt to call a nil value", "psa1.lua");
    REQUIRE(lm);
    CHECK(lm->line == 12);
    CHECK(lm->message == "attempt to call a nil value");
    CHECK_FALSE(split_file_line("psa2.lua:12: x", "psa1.lua"));
    CHECK_FALSE(split_file_line("psa1.lua: x", "psa1.lua"));
    CHECK_FALSE(split_file_line("psa1.lua:12 x", "psa1.lua"));
    CHECK_FALSE(split_file_line("psa1.lua:1x: x", "psa1.lua"));
    CHECK_FALSE(split_file_line("psa1.lua", "psa1.lua"));
    CHECK_FALSE(split_file_line("a.lua:3: x", ""));
    // A line number too large for an int is no line, not a crash.
    CHECK_FALSE(split_file_line("a.lua:99999999999999999999: x", "a.lua"));
    lm = split_file_line("a.lua:7: ", "a.lua");
    REQUIRE(lm);
    CHECK(lm->line == 7);
    CHECK(lm->message.empty());
}

TEST_CASE("closest_name: the documented policy", "[core][suggest]") {
    const std::vector<std::string> colours = {"GREEN", "AMBER", "RED"};
    CHECK(closest_name("GREN", colours) == "GREEN");
    CHECK(closest_name("green", colours) == "GREEN");  // case is ignored
    CHECK(closest_name("GREEN", colours).empty());     // never the word itself
    CHECK(closest_name("BLUE", colours).empty());
    CHECK(closest_name("static", {"static_within", "trend"}) == "static_within");  // a prefix is one edit
    CHECK(closest_name("sta", {"static_within"}).empty());                         // ... of 4 characters or more
    // A third of the word, rounded up, at least 1.
    CHECK(closest_name("ab", {"xy"}).empty());
    CHECK(closest_name("ab", {"ax"}) == "ax");
    CHECK(closest_name("lnog", {"long"}) == "long");           // 2 edits for 4 characters
    CHECK(closest_name("abcdefg", {"abcdxyz"}) == "abcdxyz");  // 3 for 7
    CHECK(closest_name("abcdef", {"abcxyz"}).empty());         // not 3 for 6
    // Ties go to the first in byte order, whatever order they come in.
    CHECK(closest_name("cat", {"cut", "bat"}) == "bat");
    CHECK(closest_name("cat", {"bat", "cut"}) == "bat");
    // Too long a word gets no suggestion at all.
    CHECK(closest_name(std::string(65, 'a'), {std::string(64, 'a')}).empty());
    CHECK(closest_name(std::string(64, 'a'), {std::string(63, 'a')}) == std::string(63, 'a'));
    CHECK(suggest_name("GREN", colours) == " (did you mean 'GREEN'?)");
    CHECK(suggest_name("GREN", colours, '"') == " (did you mean \"GREEN\"?)");
    CHECK(suggest_name("BLUE", colours).empty());
    CHECK(suggest_name("neutrl", {"higher_is_better", "lower_is_better", "neutral"}) == " (did you mean 'neutral'?)");
}

TEST_CASE("closest_name agrees with a full Levenshtein table on random names", "[core][suggest]") {
    std::mt19937 rng(20240607);
    const std::string alphabet = "abcAB_";
    auto random_name = [&](size_t max_len) {
        std::string s(std::uniform_int_distribution<size_t>(0, max_len)(rng), 'a');
        for (char& c : s) c = alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
        return s;
    };
    for (int round = 0; round < 3000; ++round) {
        const size_t len = round < 2500 ? 9 : 70;
        std::string word = random_name(len);
        std::vector<std::string> candidates;
        for (int k = 0; k < 12; ++k) candidates.push_back(random_name(len + 3));
        // some near misses, so that many rounds have an answer
        std::string near = word;
        if (!near.empty()) near[rng() % near.size()] = 'c';
        candidates.push_back(near);
        candidates.push_back(word + "b");
        INFO("word '" << word << "'");
        CHECK(closest_name(word, candidates) == oracle(word, candidates));
    }
}

TEST_CASE("closest_name is cheap among many long names", "[core][suggest]") {
    // Anagrams of the word pass the length and letter filters: only the
    // banded distance with its early exit is left to bound the work.
    std::string word;
    for (int i = 0; i < 60; ++i) word += static_cast<char>('a' + (i * 7) % 26);
    std::mt19937 rng(7);
    ClosestName finder(word);
    for (int i = 0; i < 120000; ++i) {
        std::string c = word;
        std::shuffle(c.begin(), c.end(), rng);
        finder.consider(c);
    }
    // A full table would be 60 x 60 cells per name (432 million); the band
    // of 20 either side at most 41 per row.
    CHECK(finder.work() < 120000ull * 60 * 42);
}
