// A small streaming JSON writer for the run record and JSON Lines. It
// exists so that numbers are written as assay::format_number writes them
// (fixed, locale-independent, never NaN or an exponent chosen by a library)
// and so that large runs stream without building a document tree. It
// appends in place: no temporary strings per value, no allocation per writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::reporting {

/// Writes JSON into a string: pretty-printed with a fixed indent, or compact.
class JsonWriter {
public:
    /// Appends to `out`; `indent` spaces per level, or compact when negative.
    JsonWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

    /// Opens an object ('{').
    void begin_object() { open('{'); }
    /// Closes the innermost object ('}').
    void end_object() { close('}'); }
    /// Opens an array ('[').
    void begin_array() { open('['); }
    /// Closes the innermost array (']').
    void end_array() { close(']'); }
    /// Writes an object key; the next call writes its value.
    void key(std::string_view k);

    /// Writes a string, escaped; invalid UTF-8 becomes U+FFFD.
    void string(std::string_view s);
    /// Writes a number with format_number; null when not finite; never "-0".
    void number(double x);
    /// Writes a number, or null when absent.
    void number(std::optional<double> x);
    /// Writes an integer.
    void integer(int64_t x);
    /// Writes true or false.
    void boolean(bool b);
    /// Writes null.
    void null();

    /// key(k) then string(s).
    void field(std::string_view k, std::string_view s) { key(k), string(s); }
    /// key(k) then string(s), which a bare string literal would otherwise miss.
    void field(std::string_view k, const char* s) { key(k), string(s); }
    /// key(k) then number(x).
    void field(std::string_view k, double x) { key(k), number(x); }
    /// key(k) then number(x) or null.
    void field(std::string_view k, std::optional<double> x) { key(k), number(x); }
    /// key(k) then integer(x).
    void field(std::string_view k, int64_t x) { key(k), integer(x); }
    /// key(k) then integer(x).
    void field(std::string_view k, int x) { key(k), integer(x); }
    /// key(k) then boolean(b).
    void field(std::string_view k, bool b) { key(k), boolean(b); }

private:
    void before_value();
    void newline(size_t depth);
    void open(char c);
    void close(char c);
    void write_escaped(std::string_view s);

    std::string& out_;
    int indent_;
    // Whether each open container holds a value yet: one bit per level for
    // the first 64 levels (no allocation per writer), a vector beyond.
    uint64_t nonempty_ = 0;
    size_t depth_ = 0;
    std::vector<bool> deeper_;
    bool after_key_ = false;
};

/// Room json_number_text may take.
inline constexpr size_t json_number_room = 400;

/// Writes finite `x` as JsonWriter::number does into `buf` (json_number_room
/// bytes); returns the length.
size_t json_number_text(double x, char* buf);

/// Writes the number of `units` millionths (negative when `negative`), as
/// json_number_text writes that number: its digits and at most 6 places,
/// without trailing zeros; 0 as "-0" when `negative`, so give 0 as positive.
size_t json_micros_text(bool negative, uint64_t units, char* buf);

/// Appends `s` as JsonWriter::string writes it (quoted and escaped).
void json_escaped(std::string& out, std::string_view s);

/// Copies `s` to `to` and says whether every byte of it is written as it is
/// in a JSON string (printable ASCII but '"' and '\\').
bool json_plain_copy(std::string_view s, char* to);

}  // namespace assay::reporting
