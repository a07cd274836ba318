// Display width, wrapping and padding of UTF-8 text (see text.hpp).
#include "report/text.hpp"

#include <cstdint>

namespace assay::reporting {
namespace {

struct CodePoint {
    char32_t value;
    size_t bytes;
};

// Decodes the code point at `s[i]`; a malformed byte reads as U+FFFD, one
// byte long, so that bad input still lays out instead of looping.
CodePoint decode(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b = byte(i);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 1) return {b, 1};
    if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
    char32_t cp = b & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    return {cp, len};
}

struct Range {
    char32_t first, last;
};

constexpr Range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

constexpr Range wide[] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

template <size_t N>
bool in(const Range (&ranges)[N], char32_t cp) {
    for (const Range& r : ranges)
        if (cp >= r.first && cp <= r.last) return true;
    return false;
}

size_t width_of(char32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
    if (in(zero_width, cp)) return 0;
    return in(wide, cp) ? 2 : 1;
}

// Appends `word` to `lines`, cut into pieces of at most `width` columns.
void split_long_word(std::string_view word, size_t width, std::vector<std::string>& lines) {
    std::string piece;
    size_t used = 0;
    for (size_t i = 0; i < word.size();) {
        CodePoint c = decode(word, i);
        size_t w = width_of(c.value);
        if (used + w > width && !piece.empty()) {
            lines.push_back(std::move(piece));
            piece.clear();
            used = 0;
        }
        piece.append(word.substr(i, c.bytes));
        used += w;
        i += c.bytes;
    }
    lines.push_back(std::move(piece));
}

// Wraps one paragraph (no '\n') greedily at spaces.
void wrap_paragraph(std::string_view text, size_t width, std::vector<std::string>& lines) {
    std::string line;
    size_t used = 0;
    size_t i = 0;
    bool any = false;
    while (i < text.size()) {
        size_t j = text.find(' ', i);
        if (j == std::string_view::npos) j = text.size();
        std::string_view word = text.substr(i, j - i);
        i = j + 1;
        if (word.empty()) continue;
        any = true;
        size_t w = display_width(word);
        if (!line.empty() && used + 1 + w <= width) {
            line += ' ';
            line += word;
            used += 1 + w;
            continue;
        }
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
        used = 0;
        if (w > width) {
            split_long_word(word, width, lines);
            line = std::move(lines.back());
            lines.pop_back();
            used = display_width(line);
        } else {
            line = word;
            used = w;
        }
    }
    if (any)
        lines.push_back(std::move(line));
    else
        lines.emplace_back();
}

}  // namespace

size_t display_width(std::string_view s) {
    size_t w = 0;
    for (size_t i = 0; i < s.size();) {
        CodePoint c = decode(s, i);
        w += width_of(c.value);
        i += c.bytes;
    }
    return w;
}

std::vector<std::string> wrap(std::string_view text, size_t width) {
    if (width == 0) width = 1;
    std::vector<std::string> lines;
    size_t start = 0;
    while (true) {
        size_t nl = text.find('\n', start);
        wrap_paragraph(text.substr(start, nl == std::string_view::npos ? nl : nl - start), width, lines);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

std::string pad(std::string_view s, size_t width, bool right_align) {
    size_t w = display_width(s);
    std::string fill(w < width ? width - w : 0, ' ');
    return right_align ? fill + std::string(s) : std::string(s) + fill;
}

}  // namespace assay::reporting
