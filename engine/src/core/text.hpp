// Small text helpers every part of the engine uses: trimming, and reading
// the "file.lua:12: message" place that Lua puts in front of its errors.
// ASCII only and locale-free, so that a result never depends on the
// machine's locale.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace assay {

/// Whether `c` is a space or a tab: the blanks around a CSV cell or a label.
constexpr bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

/// Whether `c` is ASCII white space: space, tab, newline, vertical tab,
/// form feed or carriage return (what std::isspace says in the C locale).
constexpr bool is_space(char c) {
    return is_blank(c) || (c >= '\n' && c <= '\r');
}

/// `s` without leading and trailing spaces and tabs.
constexpr std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

/// `s` without leading and trailing ASCII white space (newlines too).
constexpr std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

/// `c` in lower case when it is an ASCII capital letter.
constexpr char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `s` with ASCII capital letters in lower case (other bytes as they are).
std::string to_lower(std::string_view s);

/// Whether `a` and `b` are equal ignoring ASCII case.
constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

/// A message with the line it is about, split from "file:12: message".
struct LineMessage {
    int line = 0;              ///< 1-based line
    std::string_view message;  ///< the text after "file:12: "
};

/// Splits `text` of the form "<file>:<line>: <message>", as Lua writes an
/// error raised in chunk `file`; nullopt when `text` does not start so (or
/// the line is not a number that fits an int).
std::optional<LineMessage> split_file_line(std::string_view text, std::string_view file);

}  // namespace assay
