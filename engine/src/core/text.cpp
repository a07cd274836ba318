// Text helpers shared by the engine's parts.
#include "core/text.hpp"

#include <charconv>

namespace assay {

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower(c);
    return out;
}

std::optional<LineMessage> split_file_line(std::string_view text, std::string_view file) {
    if (file.empty() || !text.starts_with(file) || text.substr(file.size(), 1) != ":") return std::nullopt;
    std::string_view rest = text.substr(file.size() + 1);
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0 || rest.substr(digits, 2) != ": ") return std::nullopt;
    int line = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + digits, line);
    if (ec != std::errc() || end != rest.data() + digits) return std::nullopt;
    return LineMessage{line, rest.substr(digits + 2)};
}

}  // namespace assay
