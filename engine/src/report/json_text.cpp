// JSON parsing with located errors (see json_text.hpp).
#include "report/json_text.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

namespace assay {
namespace {

/// The 1-based line and column of byte offset `pos` (counted from 1) in `text`.
SourceLoc locate(std::string_view text, size_t pos, const std::string& source) {
    int line = 1, column = 1;
    for (size_t i = 0; i + 1 < pos && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return SourceLoc{source, line, column};
}

template <class Json>
Json parse(std::string_view text, const std::string& source) {
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
        size_t colon = what.find(": ");
        std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
        throw InputError(Error{locate(text, e.byte, source), "not valid JSON: " + reason});
    } catch (const nlohmann::json::exception& e) {
        // Not a syntax error but still unreadable, e.g. a number too large
        // for a double ("[json.exception.out_of_range.406] number overflow parsing '2e672'").
        std::string what = e.what();
        size_t bracket = what.find("] ");
        throw InputError(Error{SourceLoc{source, 0, 0},
                               "not valid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2))});
    }
}

}  // namespace

nlohmann::json parse_json(std::string_view text, const std::string& source) {
    return parse<nlohmann::json>(text, source);
}

nlohmann::ordered_json parse_ordered_json(std::string_view text, const std::string& source) {
    return parse<nlohmann::ordered_json>(text, source);
}

}  // namespace assay
