// Error locations printed the way compilers print them, so editors can jump
// to "file:line:column"; control characters in file names are escaped.
#include "core/shown_text.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

namespace assay {

namespace {

/// Column letters as spreadsheets show them: 1 = A, 27 = AA.
std::string column_letters(int column) {
    std::string out;
    for (; column > 0; column = (column - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
    return out;
}

/// A sheet name as a cell reference writes it: quoted ('Q1 data') unless plain.
std::string sheet_reference(const std::string& sheet) {
    bool plain = true;
    for (unsigned char c : sheet)
        plain = plain && ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' || c == '.');
    if (plain) return sheet;
    std::string out = "'";
    for (char c : sheet) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

/// "book.xlsx!Sheet1!C7": the workbook, the sheet and the cell (or the row alone).
std::string cell_reference(const SourceLoc& loc) {
    std::string out = shown_text(loc.file, 4096) + "!" + shown_text(sheet_reference(loc.sheet), 4096);
    if (loc.line <= 0) return out;
    return out + "!" + (loc.column > 0 ? column_letters(loc.column) : std::string("row ")) + std::to_string(loc.line);
}

}  // namespace

std::string to_string(const SourceLoc& loc) {
    if (!loc.sheet.empty()) return cell_reference(loc);
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
