// Errors: where in which input something went wrong, and what was expected.
// Parsers return Result<T>; other failures throw InputError (bad input the
// user can fix; exit 2) or Fatal (the engine cannot go on).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace assay {

/// A place in an input file; line and column are 1-based, 0 when unknown.
struct SourceLoc {
    std::string file;
    int line = 0;
    int column = 0;
    /// The worksheet, when `file` is a workbook: `line` is then the row and
    /// `column` the column (A = 1), printed as book.xlsx!Sheet1!C7.
    std::string sheet = {};
};

/// "file:line:column" with the unknown parts left out; "book.xlsx!Sheet1!C7"
/// for a cell of a workbook.
std::string to_string(const SourceLoc& loc);

/// One problem with an input: where, what, and what was expected.
struct Error {
    SourceLoc where;
    std::string message;
    /// "file:line:column: message".
    std::string to_string() const;
};

/// A value or the Error that explains why there is none.
template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const Error& error() const { return std::get<1>(v_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, Error> v_;
};

/// Bad input the user can fix (a malformed dataset, a pack with an error).
class InputError : public std::runtime_error {
public:
    // Defined in error.cpp, so that a throw site does not inline the message building.
    explicit InputError(Error e);
    explicit InputError(const std::string& message);
    InputError(SourceLoc where, std::string message);
    const Error& error() const { return error_; }

private:
    Error error_;
};

/// The engine cannot continue (out of memory, an output that cannot be written).
class Fatal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace assay
