// The streaming JSON writer (see json_writer.hpp). Strings are copied a run
// of plain bytes at a time and escaped by hand as nlohmann::json escapes
// them (ensure_ascii off); a string with invalid UTF-8 is left to
// nlohmann::json, which repairs it with U+FFFD. Numbers are written with
// std::to_chars straight into the output, as assay::format_number writes them.
#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstring>

namespace assay::reporting {
namespace {

/// Bytes copied as they are: printable ASCII but '"' and '\\'.
constexpr bool plain_byte(unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/// Length of the valid UTF-8 sequence starting at s[i] (a byte >= 0x80), or 0
/// when it is invalid: overlong forms, surrogates and code points past
/// U+10FFFF are invalid, as in nlohmann::json's decoder.
size_t utf8_sequence(std::string_view s, size_t i) {
    auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    auto cont = [](unsigned c) { return c >= 0x80 && c <= 0xBF; };
    unsigned c = at(0);
    if (c >= 0xC2 && c <= 0xDF) return cont(at(1)) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return at(1) >= lo && at(1) <= hi && cont(at(2)) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return at(1) >= lo && at(1) <= hi && cont(at(2)) && cont(at(3)) ? 4 : 0;
    }
    return 0;
}

/// Appends the escape of control character or quote `c`, as nlohmann::json writes it.
void append_escape(std::string& out, unsigned char c) {
    switch (c) {
        case '"':
            out += "\\\"";
            return;
        case '\\':
            out += "\\\\";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\t':
            out += "\\t";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\f':
            out += "\\f";
            return;
        case '\r':
            out += "\\r";
            return;
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out.append(u, sizeof u);
        }
    }
}

/// Longest key or string written in one append when it needs no escapes.
constexpr size_t short_text = 120;

/// out += [p, p + n), n small. The compiler is not told how small: knowing
/// it, GCC copies with "rep movs", which costs more to start than the copy.
void append_short(std::string& out, const char* p, size_t n) {
#if defined(__GNUC__)
    asm("" : "+r"(n));
#endif
    out.append(p, n);
}

}  // namespace

void JsonWriter::newline(size_t depth) {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(depth * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (depth_ == 0) return;
    size_t level = depth_ - 1;
    bool had_value;
    if (level < 64) {
        had_value = (nonempty_ >> level) & 1u;
        nonempty_ |= uint64_t{1} << level;
    } else {
        had_value = deeper_[level - 64];
        deeper_[level - 64] = true;
    }
    if (had_value) out_ += ',';
    newline(depth_);
}

void JsonWriter::open(char c) {
    before_value();
    out_ += c;
    if (depth_ < 64)
        nonempty_ &= ~(uint64_t{1} << depth_);
    else
        deeper_.push_back(false);
    ++depth_;
}

void JsonWriter::close(char c) {
    size_t level = --depth_;
    bool empty;
    if (level < 64) {
        empty = ((nonempty_ >> level) & 1u) == 0;
    } else {
        empty = !deeper_.back();
        deeper_.pop_back();
    }
    if (!empty) newline(depth_);
    out_ += c;
}

void JsonWriter::key(std::string_view k) {
    // The common case, a short plain key in compact form, in one append:
    // the ',' before it (but for the first in an object), the key and ':'.
    if (indent_ < 0 && depth_ > 0 && depth_ <= 64 && !after_key_ && k.size() <= short_text) {
        const uint64_t bit = uint64_t{1} << (depth_ - 1);
        char buf[short_text + 4];
        size_t n = 0;
        if (nonempty_ & bit) buf[n++] = ',';
        buf[n++] = '"';
        if (json_plain_copy(k, buf + n)) {
            n += k.size();
            buf[n++] = '"';
            buf[n++] = ':';
            nonempty_ |= bit;
            append_short(out_, buf, n);
            after_key_ = true;
            return;
        }
    }
    before_value();
    write_escaped(k);
    if (indent_ < 0)
        out_ += ':';
    else
        out_ += ": ";
    after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
    before_value();
    write_escaped(s);
}

// One pass, byte by byte: the strings are short (keys, names, labels),
// where a general copy costs more to start than to do.
bool json_plain_copy(std::string_view s, char* to) {
    bool plain = true;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        plain &= plain_byte(static_cast<unsigned char>(c));
        to[i] = c;
    }
    return plain;
}

void JsonWriter::write_escaped(std::string_view s) {
    json_escaped(out_, s);
}

void json_escaped(std::string& out_, std::string_view s) {
    if (s.size() <= short_text) {  // the common case, a short plain string, in one append
        char buf[short_text + 2];
        buf[0] = '"';
        if (json_plain_copy(s, buf + 1)) {
            buf[s.size() + 1] = '"';
            append_short(out_, buf, s.size() + 2);
            return;
        }
    }
    const size_t mark = out_.size();
    out_ += '"';
    size_t i = 0;
    while (i < s.size()) {
        size_t run = i;
        while (run < s.size() && plain_byte(static_cast<unsigned char>(s[run]))) ++run;
        out_.append(s.data() + i, run - i);
        i = run;
        if (i == s.size()) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            append_escape(out_, c);
            ++i;
            continue;
        }
        size_t n = utf8_sequence(s, i);
        if (n == 0) {
            // Invalid UTF-8: nlohmann::json replaces it with U+FFFD its own way.
            out_.resize(mark);
            out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return;
        }
        out_.append(s.data() + i, n);
        i += n;
    }
    out_ += '"';
}

void JsonWriter::number(double x) {
    if (!std::isfinite(x)) return null();
    before_value();
    char buf[json_number_room];
    append_short(out_, buf, json_number_text(x, buf));
}

size_t json_micros_text(bool negative, uint64_t units, char* buf) {
    char* p = buf;
    if (negative) *p++ = '-';
    p = std::to_chars(p, buf + json_number_room, units / 1000000).ptr;
    const auto frac = static_cast<uint32_t>(units % 1000000);
    if (frac != 0) {
        // The six places two at a time, then the trailing zeros dropped.
        static constexpr char pairs[] =
            "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
            "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
            "8081828384858687888990919293949596979899";
        *p++ = '.';
        const uint32_t low = frac % 10000;
        std::memcpy(p, pairs + 2 * (frac / 10000), 2);
        std::memcpy(p + 2, pairs + 2 * (low / 100), 2);
        std::memcpy(p + 4, pairs + 2 * (low % 100), 2);
        int places = 6;
        while (p[places - 1] == '0') --places;  // (frac != 0: a place is not 0)
        p += places;
    }
    return static_cast<size_t>(p - buf);
}

size_t json_number_text(double x, char* buf) {
    if (x == 0) {
        buf[0] = '0';
        return 1;
    }
    // As format_number: shortest fixed form in the usual range, else the
    // shortest of fixed and scientific.
    double a = std::fabs(x);
    if (a < 1e15 && x == std::trunc(x)) {  // a whole number: its digits, as the fixed form writes them
        auto r = std::to_chars(buf, buf + json_number_room, static_cast<int64_t>(x));
        return static_cast<size_t>(r.ptr - buf);
    }
    if (a < 1e9) {
        // At most 6 places: x is the double nearest the whole number nearest
        // x * 10^6 over 10^6, and as doubles under 10^9 lie less than a
        // quarter of 10^-6 apart, no other text of 6 places or fewer reads
        // as x; so those digits, without trailing zeros, are its shortest form.
        const double m = std::nearbyint(x * 1e6);
        if (m / 1e6 == x) return json_micros_text(x < 0, static_cast<uint64_t>(std::fabs(m)), buf);
    }
    auto form = (a >= 1e-6 && a < 1e15) ? std::chars_format::fixed : std::chars_format::general;
    auto r = std::to_chars(buf, buf + json_number_room, x, form);
    return static_cast<size_t>(r.ptr - buf);
}

void JsonWriter::number(std::optional<double> x) {
    if (!x) return null();
    number(*x);
}

void JsonWriter::integer(int64_t x) {
    before_value();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    out_.append(buf, static_cast<size_t>(r.ptr - buf));
}

void JsonWriter::boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
}

void JsonWriter::null() {
    before_value();
    out_ += "null";
}

}  // namespace assay::reporting
