// The streaming JSON writer (see json_writer.hpp). Strings that need more
// than plain ASCII are escaped by nlohmann::json, which also repairs
// invalid UTF-8; numbers go through assay::format_number.
#include "report/json_writer.hpp"

#include <assay/number.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace assay::reporting {
namespace {

// True when `s` can be written between quotes as it is.
bool plain_ascii(std::string_view s)
{
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
    }
    return true;
}

}  // namespace

void JsonWriter::newline(size_t depth)
{
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(depth * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::before_value()
{
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (counts_.empty()) return;
    if (counts_.back()++ > 0) out_ += ',';
    newline(counts_.size());
}

void JsonWriter::open(char c)
{
    before_value();
    out_ += c;
    counts_.push_back(0);
}

void JsonWriter::close(char c)
{
    bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) newline(counts_.size());
    out_ += c;
}

void JsonWriter::key(std::string_view k)
{
    before_value();
    write_escaped(k);
    out_ += indent_ < 0 ? ":" : ": ";
    after_key_ = true;
}

void JsonWriter::string(std::string_view s)
{
    before_value();
    write_escaped(s);
}

void JsonWriter::write_escaped(std::string_view s)
{
    if (plain_ascii(s)) {
        out_ += '"';
        out_ += s;
        out_ += '"';
        return;
    }
    out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::number(double x)
{
    if (!std::isfinite(x)) return null();
    before_value();
    out_ += format_number(x == 0 ? 0.0 : x);
}

void JsonWriter::number(std::optional<double> x)
{
    if (!x) return null();
    number(*x);
}

void JsonWriter::integer(int64_t x)
{
    before_value();
    out_ += std::to_string(x);
}

void JsonWriter::boolean(bool b)
{
    before_value();
    out_ += b ? "true" : "false";
}

void JsonWriter::null()
{
    before_value();
    out_ += "null";
}

}  // namespace assay::reporting
