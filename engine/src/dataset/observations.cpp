// observations*.csv reader: the hot loop of dataset loading. Plain numbers
// go straight to fast_float; anything else ("1,843", "89.2%", "N/A") takes
// the full parse_cell path.
#include "dataset/observations.hpp"
#include "core/shown_text.hpp"
#include "dataset/columns.hpp"
#include "dataset/problems.hpp"
#include "dataset/tables.hpp"
#include "dataset/text.hpp"

#include <assay/number.hpp>

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace assay::dataset {
namespace {

enum Column {
    indicator,
    area,
    period,
    value,
    note,
    published_arrow,
    published_rating,
    published_change,
    published_change_pct,
    published_change_pts,
    numerator,
    denominator,
    sd,
    column_count
};

constexpr std::array<ColumnSpec, column_count> columns = {{
    {"indicator", true},
    {"area", true},
    {"period", true},
    {"value", true},
    {"note", false},
    {"published_arrow", false},
    {"published_rating", false},
    {"published_change", false},
    {"published_change_pct", false},
    {"published_change_pts", false},
    {"numerator", false},
    {"denominator", false},
    {"sd", false},
}};

/// Rows read before the file's row count is estimated from their size.
constexpr size_t sample_rows = 4096;

[[noreturn]] void fail(const CsvReader& r, const CsvField& f, std::string message) {
    throw InputError(Error{r.at(f), std::move(message)});
}

}  // namespace

/// A plain decimal ("547", "-0.7", "1e3") parsed directly; false for anything else.
bool plain_number(std::string_view s, double& out) {
    if (s.empty()) return false;
    const char* p = s.data();
    const char* end = p + s.size();
    const char* digits = *p == '-' ? p + 1 : p;
    if (digits == end || *digits < '0' || *digits > '9') return false;
    auto r = fast_float::from_chars(p, end, out);
    if (r.ec != std::errc() || r.ptr != end || !std::isfinite(out)) return false;
    if (out == 0 && underflows(s)) return false;  // "1e-400": parse_cell says why
    out += 0.0;                                   // no negative zero
    return true;
}

CountsFault counts_fault(const ObservationCounts& c, const Indicator* ind, double value, double& expected) {
    expected = std::numeric_limits<double>::quiet_NaN();
    if (c.numerator < 0) return CountsFault::negative_numerator;
    if (c.denominator < 0) return CountsFault::negative_denominator;
    if (c.denominator == 0) return CountsFault::zero_denominator;
    if (c.sd < 0) return CountsFault::negative_sd;
    if (!ind) return CountsFault::none;
    const bool both = !std::isnan(c.numerator) && !std::isnan(c.denominator);
    if (ind->value_type == ValueType::proportion && both && c.numerator > c.denominator)
        return CountsFault::numerator_above_denominator;
    // The value must be the figure the counts give, to the decimals it is written with.
    if (both && (ind->value_type == ValueType::proportion || ind->value_type == ValueType::rate))
        expected = c.numerator / c.denominator * ind->per;
    if (!std::isnan(c.numerator) && ind->value_type == ValueType::count) expected = c.numerator;
    if (!std::isnan(expected) && !std::isnan(value)) {
        double half_unit = 0.5 * std::pow(10.0, -ind->decimals);
        double slack = half_unit + 1e-9 * std::max(std::abs(expected), 1.0);
        if (std::abs(expected - value) > slack) return CountsFault::value_differs;
    }
    return CountsFault::none;
}

/// Why a value written with a mark ('%', "pts", a currency sign, h:mm:ss)
/// cannot be one of `ind`'s units, or "" when it can. The mark would change
/// what the figure means, so it is an error rather than dropped.
std::string unit_mismatch_of(const CellValue& cell, const Indicator& ind) {
    const std::string& unit = ind.unit;
    auto said = [&](std::string_view mark, std::string_view what) {
        return fmt::format(
            "written as {}, but indicator \"{}\" has the unit {} (indicators.csv): write the figure "
            "without {}, or declare the unit {}",
            mark, ind.id, unit, mark, what);
    };
    const bool fractional = unit == "percent" || unit == "rate" || unit == "points" || unit == "ratio";
    if (cell.percent && !fractional) return said("a percentage (%)", "percent");
    if (cell.points && !fractional) return said("percentage points (pts)", "points");
    if (cell.currency && unit != "currency") return said("money (a currency sign)", "currency");
    if (cell.duration && unit != "duration") return said("a duration (h:mm:ss)", "duration");
    return {};
}

namespace {

/// The value of a cell, or NaN with the missing reason recorded.
double read_value(const CsvReader& r, const CsvField& f, DatasetBuilder& builder, uint32_t row, uint32_t indicator) {
    double x = 0;
    if (plain_number(f.text, x)) return x;
    Result<CellValue> cell = parse_cell(f.text);
    if (!cell) fail(r, f, "value: " + cell.error().message);
    if (const Indicator* ind = builder.declared(indicator); ind && cell->value) {
        std::string why = unit_mismatch_of(cell.value(), *ind);
        if (!why.empty()) fail(r, f, fmt::format("value \"{}\": {}", shown_text(trim(f.text)), why));
    }
    if (cell->value) return *cell->value;
    builder.missing(row, cell->missing);
    return std::numeric_limits<double>::quiet_NaN();
}

void read_published(const CsvReader& r, const CsvField& f, PublishedKind kind, DatasetBuilder& builder) {
    std::string_view text = trim_blanks(f.text);
    if (text.empty()) return;
    std::optional<double> number;
    switch (kind) {
        case PublishedKind::arrow:
        case PublishedKind::rating:
            // Written in the publisher's own words and symbols ("Better", "Green"): the
            // pack's arrows and scale decide what they mean, when they are checked.
            for (char c : text)
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
                    fail(r, f,
                         fmt::format("published_{} \"{}\" holds the control character U+{:04X}: is the file "
                                     "damaged?",
                                     to_string(kind), shown_text(text),
                                     static_cast<unsigned>(static_cast<unsigned char>(c))));
            break;
        case PublishedKind::change:
        case PublishedKind::change_pct:
        case PublishedKind::change_pts: {
            Result<CellValue> cell = parse_cell(text);
            if (!cell) fail(r, f, fmt::format("published_{}: {}", to_string(kind), cell.error().message));
            number = cell->value;
            break;
        }
    }
    builder.published(kind, text, number, r.at(f));
}

/// A count cell: empty is NaN (not given); otherwise a finite number.
double read_count(const CsvReader& r, const CsvField& f, std::string_view column) {
    std::string_view text = trim_blanks(f.text);
    if (text.empty()) return std::numeric_limits<double>::quiet_NaN();
    double x = 0;
    if (plain_number(text, x)) return x;
    Result<CellValue> cell = parse_cell(text);
    if (!cell) fail(r, f, fmt::format("{}: {}", column, cell.error().message));
    if (!cell->value)
        fail(r, f,
             fmt::format("{} \"{}\": expected a number, or an empty cell when it is not known", column,
                         shown_text(text)));
    return *cell->value;
}

/// Reads the numerator, denominator and sd cells of a row and checks them
/// against each other, the value and the indicator's value type.
void read_counts(const CsvReader& r, const std::vector<CsvField>& fields, const std::vector<int>& at,
                 DatasetBuilder& builder, uint32_t row, uint32_t indicator, double value) {
    auto field = [&](Column c) -> const CsvField* { return at[c] < 0 ? nullptr : &fields[static_cast<size_t>(at[c])]; };
    ObservationCounts c;
    if (const CsvField* f = field(numerator)) c.numerator = read_count(r, *f, "numerator");
    if (const CsvField* f = field(denominator)) c.denominator = read_count(r, *f, "denominator");
    if (const CsvField* f = field(sd)) c.sd = read_count(r, *f, "sd");
    if (std::isnan(c.numerator) && std::isnan(c.denominator) && std::isnan(c.sd)) return;
    double expected = std::numeric_limits<double>::quiet_NaN();
    switch (counts_fault(c, builder.declared(indicator), value, expected)) {
        case CountsFault::none:
            break;
        case CountsFault::negative_numerator:
            fail(r, *field(numerator),
                 fmt::format("numerator {}: a count cannot be negative", trim_blanks(field(numerator)->text)));
        case CountsFault::negative_denominator:
            fail(r, *field(denominator),
                 fmt::format("denominator {}: cannot be negative", trim_blanks(field(denominator)->text)));
        case CountsFault::zero_denominator:
            fail(r, *field(denominator),
                 "denominator 0: nothing can be a share or rate of none; leave it empty if "
                 "it is not known");
        case CountsFault::negative_sd:
            fail(r, *field(sd), fmt::format("sd {}: cannot be negative", trim_blanks(field(sd)->text)));
        case CountsFault::numerator_above_denominator:
            fail(r, *field(numerator),
                 fmt::format("numerator {} is more than the denominator {}, but indicator \"{}\" is a proportion",
                             trim_blanks(field(numerator)->text), trim_blanks(field(denominator)->text),
                             builder.declared(indicator)->id));
        case CountsFault::value_differs: {
            const Indicator& ind = *builder.declared(indicator);
            fail(r, *field(numerator),
                 fmt::format("numerator and denominator give {} for indicator \"{}\" ({}), but the value is "
                             "{}: check the row",
                             format_fixed(expected, ind.decimals + 2), ind.id,
                             ind.value_type == ValueType::count
                                 ? std::string("count")
                                 : fmt::format("{} per {}", to_string(ind.value_type), format_number(ind.per)),
                             format_number(value)));
        }
    }
    builder.counts(row, c);
}

}  // namespace

bool is_plain_long_form(const std::vector<CsvField>& header) {
    int required = 0;
    for (const CsvField& h : header) {
        std::string name(trim_blanks(h.text));
        for (char& c : name)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        size_t k = 0;
        while (k < columns.size() && columns[k].name != name) ++k;
        if (k == columns.size()) return false;
        if (columns[k].required) ++required;
    }
    return required == 4;
}

void read_published_cell(const CsvReader& r, const CsvField& f, PublishedKind kind, DatasetBuilder& builder) {
    read_published(r, f, kind, builder);
}

std::string unit_mismatch(const CellValue& cell, const Indicator& ind) {
    return unit_mismatch_of(cell, ind);
}

bool is_arrow_text(std::string_view text) {
    static constexpr std::array<std::string_view, 7> symbols = {
        "\u25B2", "\u25BC", "\u2605", "\u25C0\u25B6", "\u25C4\u25BA", "\u25C0 \u25B6", "\u25C4 \u25BA"};
    static constexpr std::array<std::string_view, 10> words = {"improved",  "static", "declined", "peak", "increased",
                                                               "decreased", "none",   "n/a",      "na",   "-"};
    for (std::string_view s : symbols)
        if (s == text) return true;
    std::string word(text);
    for (char& c : word)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (std::string_view w : words)
        if (w == word) return true;
    return false;
}

void read_observations(CsvReader& reader, const std::filesystem::path& path, DatasetBuilder& builder,
                       uint64_t bytes_after) {
    std::vector<CsvField> header, fields;
    if (!reader.next(header))
        throw InputError(
            Error{reader.at(1, 1), "empty file: expected a header row such as indicator,area,period,value"});
    // A table laid out otherwise (no area, thresholds beside the value, one
    // column per period...) is read by the reader of those layouts.
    if (!is_plain_long_form(header)) return read_table(reader, header, path, builder);
    std::vector<int> at = map_columns(reader, header, columns);
    const std::vector<std::string> names = header_names(header);
    auto col = [&](Column c) { return static_cast<size_t>(at[c]); };
    builder.begin_file(path, reader.name(), at[indicator], at[area], at[period], reader.sheet());

    constexpr PublishedKind published_kinds[] = {PublishedKind::arrow, PublishedKind::rating, PublishedKind::change,
                                                 PublishedKind::change_pct, PublishedKind::change_pts};
    bool any_published = false;
    for (int c = published_arrow; c <= published_change_pts; ++c) any_published = any_published || at[c] >= 0;

    const bool any_counts = at[numerator] >= 0 || at[denominator] >= 0 || at[sd] >= 0;
    size_t rows = 0;
    // A row with a problem is noted and left out; the rest are still read,
    // so that every problem in the file is reported in one go.
    Problems problems(to_string(reader.at(0, 0)));
    while (reader.next(fields)) {
        try {
            check_width(reader, names, fields);
            uint32_t ind = builder.indicator(reader, fields[col(indicator)]);
            uint32_t ar = builder.area(reader, fields[col(area)]);
            uint32_t per = builder.period(reader, fields[col(period)]);
            uint32_t row = static_cast<uint32_t>(builder.rows());
            double x = read_value(reader, fields[col(value)], builder, row, ind);
            builder.add(ind, ar, per, x);
            if (at[note] >= 0) {
                std::string_view text = trim_blanks(fields[col(note)].text);
                if (!text.empty()) builder.note(row, text);
            }
            if (any_counts) read_counts(reader, fields, at, builder, row, ind, x);
            if (any_published)
                for (int c = published_arrow; c <= published_change_pts; ++c)
                    if (at[c] >= 0)
                        read_published(reader, fields[col(Column(c))], published_kinds[c - published_arrow], builder);
            if (++rows % sample_rows == 0 && builder.capacity() - builder.rows() < sample_rows) {
                // Room for the rest of this file and those after it, estimated from
                // the bytes the rows so far took, so that the columns are not
                // regrown (and copied) again and again. Room reserved but never
                // filled costs address space, not memory.
                double per_row = static_cast<double>(reader.bytes_parsed()) / static_cast<double>(rows);
                uint64_t left = reader.file_size() - std::min(reader.file_size(), reader.bytes_parsed()) + bytes_after;
                builder.reserve(static_cast<size_t>(static_cast<double>(left) / per_row * 1.25) + sample_rows);
            }
        } catch (const InputError& e) {
            problems.add(e);
        }
    }
    if (problems.any()) problems.raise();
}

}  // namespace assay::dataset
