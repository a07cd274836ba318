// Input text made safe to quote in an error message (see shown_text.hpp).
#include "core/shown_text.hpp"

#include <assay/text.hpp>

#include <fmt/format.h>

namespace assay {
namespace {

// Length of the UTF-8 sequence at `s[i]` and its code point; 0 when invalid.
size_t decode(std::string_view s, size_t i, char32_t& cp) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = n == 1 ? b : b & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    const bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    return overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : n;
}

// Characters that print as nothing, or as something they are not.
// (Bidirectional overrides and isolates included: they reorder what follows.)
bool invisible(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || cp == 0x061C || cp == 0x180E ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
           cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

// ESC [ (digits and ';')* m at `i`, at most 24 bytes: a colour, nothing else.
size_t colour_sequence(std::string_view s, size_t i) {
    if (i + 2 >= s.size() || s[i] != '\x1b' || s[i + 1] != '[') return 0;
    for (size_t k = i + 2; k < s.size() && k < i + 24; ++k) {
        if (s[k] == 'm') return k + 1 - i;
        if (!(s[k] == ';' || (s[k] >= '0' && s[k] <= '9'))) return 0;
    }
    return 0;
}

}  // namespace

std::string shown_text(std::string_view text, size_t limit) {
    std::string out;
    size_t shown = 0, i = 0;
    for (; i < text.size() && shown < limit; ++shown) {
        char32_t cp = 0;
        const size_t n = decode(text, i, cp);
        if (n == 0) {
            out += fmt::format("<0x{:02X}>", static_cast<unsigned>(static_cast<unsigned char>(text[i])));
            ++i;
            continue;
        }
        if (invisible(cp) && cp != ' ')
            out += fmt::format("<U+{:04X}>", static_cast<unsigned>(cp));
        else
            out.append(text.substr(i, n));
        i += n;
    }
    if (i < text.size()) out += fmt::format("... ({} bytes in all)", text.size());
    return out;
}

std::string terminal_text(std::string_view text, bool keep_colour) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b >= 0x20 && b < 0x7F) {  // the common case: printable ASCII
            out += text[i++];
            continue;
        }
        if (b == '\n' || b == '\t') {
            out += text[i++];
            continue;
        }
        if (keep_colour && b == 0x1B) {
            if (size_t n = colour_sequence(text, i)) {
                out.append(text.substr(i, n));
                i += n;
                continue;
            }
        }
        char32_t cp = 0;
        const size_t n = decode(text, i, cp);
        if (n == 0) {
            out += fmt::format("<0x{:02X}>", static_cast<unsigned>(b));
            ++i;
            continue;
        }
        if (invisible(cp))
            out += fmt::format("<U+{:04X}>", static_cast<unsigned>(cp));
        else
            out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

std::string quoted_input(std::string_view text, size_t limit) {
    return shown_text(text, limit);
}

}  // namespace assay
