// Indicator codes as councils write them ("1.1.2.PI", "NI 195", "PAM/012"),
// and the one normalised form used wherever a code must become a file name
// or a key: lower-case ASCII letters, digits and _.
#include <assay/dataset.hpp>
#include <assay/hash.hpp>

#include <fmt/format.h>

namespace assay {

std::string indicator_key(std::string_view id) {
    std::string key;
    key.reserve(id.size());
    bool gap = false;  // a run of other characters becomes one _
    for (char ch : id) {
        char c = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
            if (gap) key += '_';
            gap = false;
            key += c;
        } else {
            gap = true;
        }
    }
    if (gap) key += '_';
    if (key.empty() || key.find_first_not_of('_') == std::string::npos) key = "indicator";
    // A long code keeps its first letters and a digest of the whole, so that
    // two long codes differing only at the end keep different keys.
    if (key.size() > max_indicator_key) key = key.substr(0, max_indicator_key - 9) + "_" + sha256_hex(id).substr(0, 8);
    return key;
}

std::string indicator_code_problem(std::string_view id) {
    if (id.empty()) return "an indicator id cannot be empty";
    if (id.size() > max_indicator_code)
        return fmt::format("an indicator id may hold at most {} bytes, this one holds {}", max_indicator_code,
                           id.size());
    for (size_t i = 0; i < id.size(); ++i) {
        auto c = static_cast<unsigned char>(id[i]);
        bool c1 = c == 0xC2 && i + 1 < id.size() && static_cast<unsigned char>(id[i + 1]) >= 0x80 &&
                  static_cast<unsigned char>(id[i + 1]) <= 0x9F;
        if (c < 0x20 || c == 0x7F || c1) {
            unsigned code = c1 ? static_cast<unsigned char>(id[i + 1]) : c;
            return fmt::format("an indicator id cannot hold the control character U+{:04X}", code);
        }
    }
    if (id.front() == ' ' || id.back() == ' ') return "an indicator id cannot start or end with a space";
    return {};
}

}  // namespace assay
