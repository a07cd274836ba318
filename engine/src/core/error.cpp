// Error locations printed the way compilers print them, so editors can jump
// to "file:line:column"; control characters in file names are escaped.
#include "core/shown_text.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

namespace assay {

std::string to_string(const SourceLoc& loc) {
    // A file name holding a line end or an escape sequence must not forge
    // another line of diagnostics, or drive the terminal: escaped as <U+000A>.
    std::string out = shown_text(loc.file, 4096);
    if (loc.line <= 0) return out;
    if (out.empty())
        out = "line ";
    else
        out += ':';
    out += fmt::format("{}", loc.line);
    if (loc.column > 0) out += fmt::format(":{}", loc.column);
    return out;
}

std::string Error::to_string() const {
    std::string where_text = assay::to_string(where);
    if (where_text.empty()) return message;
    return where_text + ": " + message;
}

InputError::InputError(Error e) : std::runtime_error(e.to_string()), error_(std::move(e)) {}

InputError::InputError(const std::string& message) : InputError(Error{SourceLoc{}, message}) {}

InputError::InputError(SourceLoc where, std::string message)
    : InputError(Error{std::move(where), std::move(message)}) {}

}  // namespace assay
