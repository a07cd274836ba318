// A strict RFC 4180 reader for the CSV report's tests.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace report_test {

// A strict RFC 4180 reader: quoted fields may hold commas, quotes (doubled)
// and line breaks; rows end with LF.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    bool was_quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            REQUIRE(field.empty());
            REQUIRE_FALSE(was_quoted);
            quoted = was_quoted = true;
        } else if (c == ',' || c == '\n') {
            rows.back().push_back(field);
            field.clear();
            was_quoted = false;
            if (c == '\n') rows.emplace_back();
        } else {
            REQUIRE_FALSE(was_quoted);  // nothing may follow a closing quote
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    REQUIRE(rows.back().empty());
    rows.pop_back();
    return rows;
}

}  // namespace report_test
