// indicators.csv reader. Defaults (unit count, polarity neutral, 0 decimals)
// apply to empty cells; every value given must be one the engine knows.
#include "dataset/indicators.hpp"
#include "core/shown_text.hpp"
#include "dataset/columns.hpp"
#include "dataset/problems.hpp"
#include "dataset/text.hpp"

#include <assay/number.hpp>

#include <fmt/format.h>

#include <array>
#include <unordered_map>

namespace assay::dataset {
namespace {

enum Column {
    id,
    title,
    unit,
    polarity,
    decimals,
    source,
    notes,
    comparable_from,
    sum_of,
    value_type,
    per,
    column_count
};

constexpr std::array<ColumnSpec, column_count> columns = {{
    {"id", true},
    {"title", true},
    {"unit", false},
    {"polarity", false},
    {"decimals", false},
    {"source", false},
    {"notes", false},
    {"comparable_from", false},
    {"sum_of", false},
    {"value_type", false},
    {"per", false},
}};

constexpr std::array<std::string_view, 7> units = {"count",    "percent",  "rate", "points",
                                                   "currency", "duration", "ratio"};
constexpr std::array<std::string_view, 7> polarities = {
    "higher_is_better", "lower_is_better", "neutral", "higher", "lower", "up", "down"};

[[noreturn]] void fail(const CsvReader& r, const CsvField& f, std::string message) {
    throw InputError(Error{r.at(f), std::move(message)});
}

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

int read_decimals(const CsvReader& r, const CsvField& f) {
    std::string_view s = trim_blanks(f.text);
    if (s.empty()) return 0;
    bool digits = s.size() <= 2;
    for (char c : s) digits = digits && c >= '0' && c <= '9';
    int n = digits ? std::stoi(std::string(s)) : -1;
    if (n < 0 || n > 10) fail(r, f, fmt::format("decimals \"{}\": expected a whole number from 0 to 10", s));
    return n;
}

/// The ids named by a sum_of cell ("a + b + c").
std::vector<std::string_view> sum_terms(const CsvReader& r, const CsvField& f) {
    std::vector<std::string_view> terms;
    std::string_view rest = trim_blanks(f.text);
    while (!rest.empty()) {
        size_t plus = rest.find('+');
        std::string_view term = trim_blanks(rest.substr(0, plus));
        if (!indicator_code_problem(term).empty())
            fail(r, f,
                 fmt::format("sum_of \"{}\": expected indicator ids joined by +, as theft_from_person + robbery",
                             shown_text(trim_blanks(f.text))));
        terms.push_back(term);
        if (plus == std::string_view::npos) break;
        rest = rest.substr(plus + 1);
        if (trim_blanks(rest).empty())
            fail(r, f, fmt::format("sum_of \"{}\": expected an indicator id after the last +", trim_blanks(f.text)));
    }
    return terms;
}

/// The value_type and per cells (either may be absent): what the value is,
/// and the multiplier of a proportion, rate or DSR.
void read_value_type(const CsvReader& r, const CsvField* type_cell, const CsvField* per_cell, Indicator& ind) {
    static constexpr std::array<std::string_view, 5> types = {"proportion", "rate", "count", "mean", "dsr"};
    std::string t = type_cell ? lowered(trim_blanks(type_cell->text)) : std::string();
    if (!t.empty()) {
        std::optional<ValueType> v = value_type_from_string(t);
        if (!v || *v == ValueType::none)
            fail(r, *type_cell,
                 fmt::format("value_type \"{}\"{}: expected proportion, rate, count, mean or dsr",
                             shown_text(trim_blanks(type_cell->text)), suggest_name(t, types, '"')));
        ind.value_type = *v;
    }
    std::string_view p = per_cell ? trim_blanks(per_cell->text) : std::string_view{};
    if (p.empty()) {
        if (ind.value_type == ValueType::proportion && ind.unit == "percent") ind.per = 100;
        if (ind.value_type == ValueType::rate || ind.value_type == ValueType::dsr)
            fail(r, type_cell ? *type_cell : *per_cell,
                 fmt::format("indicator \"{}\" is a {}: the per column must say per how many (1000 for a rate "
                             "per 1,000, 100000 per 100,000)",
                             ind.id, to_string(ind.value_type)));
        return;
    }
    Result<CellValue> c = parse_cell(p);
    if (!c || !c->value || !(*c->value > 0))
        fail(r, *per_cell,
             fmt::format("per \"{}\": expected a positive number, as 100 for a percentage or 100000 for a rate per "
                         "100,000",
                         shown_text(p)));
    if (ind.value_type == ValueType::count || ind.value_type == ValueType::mean || ind.value_type == ValueType::none)
        fail(r, *per_cell,
             fmt::format("per \"{}\": only a proportion, rate or dsr has a multiplier (indicator \"{}\" is {})",
                         shown_text(p), ind.id, to_string(ind.value_type)));
    ind.per = *c->value;
}

}  // namespace

bool is_known_unit(std::string_view unit) {
    for (std::string_view u : units)
        if (u == unit) return true;
    return false;
}

std::vector<Indicator> read_indicators(CsvReader& reader) {
    std::vector<CsvField> header, fields;
    if (!reader.next(header))
        throw InputError(
            Error{reader.at(1, 1), "empty file: expected a header row such as id,title,unit,polarity,decimals"});
    std::vector<int> at = map_columns(reader, header, columns);
    const std::vector<std::string> names = header_names(header);
    auto cell = [&](Column c) -> const CsvField* { return at[c] < 0 ? nullptr : &fields[static_cast<size_t>(at[c])]; };
    auto text = [&](Column c) {
        return at[c] < 0 ? std::string_view{} : trim_blanks(fields[static_cast<size_t>(at[c])].text);
    };

    std::vector<Indicator> out;
    std::vector<SourceLoc> sum_of_at;                                       // where each indicator's sum_of cell is
    std::unordered_map<std::string, int> first_line;                        // id -> line it is declared on
    std::unordered_map<std::string, std::pair<int, std::string>> key_line;  // indicator_key -> line and id
    // A row with a problem is noted and left out; the rest are still read,
    // so that every problem in the file is reported in one go.
    Problems problems(to_string(reader.at(0, 0)));
    while (reader.next(fields)) {
        try {
            check_width(reader, names, fields);
            Indicator ind;
            ind.where = reader.at(fields.front().line, 1);
            ind.id = std::string(text(id));
            if (std::string why = indicator_code_problem(ind.id); !why.empty())
                fail(reader, *cell(id), fmt::format("indicator id \"{}\": {}", shown_text(ind.id), why));
            if (auto [seen, fresh] = first_line.try_emplace(ind.id, ind.where.line); !fresh)
                fail(reader, *cell(id),
                     fmt::format("indicator id \"{}\" is declared twice (first at line {})", ind.id, seen->second));
            if (auto [seen, fresh] =
                    key_line.try_emplace(indicator_key(ind.id), std::make_pair(ind.where.line, ind.id));
                !fresh)
                fail(reader, *cell(id),
                     fmt::format("indicator id \"{}\" has the same file name and key \"{}\" as \"{}\" (line {}): "
                                 "ids that differ only in case or punctuation cannot be told apart in file names",
                                 shown_text(ind.id), seen->first, shown_text(seen->second.second), seen->second.first));
            ind.title = std::string(text(title));
            if (ind.title.empty()) fail(reader, *cell(title), fmt::format("indicator \"{}\" has no title", ind.id));
            if (std::string u = lowered(text(unit)); !u.empty()) {
                if (!is_known_unit(u))
                    fail(
                        reader, *cell(unit),
                        fmt::format("unit \"{}\"{}: expected count, percent, rate, points, currency, duration or ratio",
                                    text(unit), suggest_name(u, units, '"')));
                ind.unit = u;
            }
            if (std::string p = lowered(text(polarity)); !p.empty()) {
                std::optional<Polarity> pol = polarity_from_string(p);
                if (!pol)
                    fail(reader, *cell(polarity),
                         fmt::format("polarity \"{}\"{}: expected higher_is_better, lower_is_better or neutral",
                                     text(polarity), suggest_name(p, polarities, '"')));
                ind.polarity = *pol;
            }
            if (at[decimals] >= 0) ind.decimals = read_decimals(reader, *cell(decimals));
            ind.source = std::string(text(source));
            ind.notes = std::string(text(notes));
            ind.comparable_from = std::string(text(comparable_from));
            if (!ind.comparable_from.empty()) {
                Result<Period> p = parse_period(ind.comparable_from);
                if (!p) fail(reader, *cell(comparable_from), "comparable_from: " + p.error().message);
            }
            ind.sum_of = std::string(text(sum_of));
            if (at[value_type] >= 0 || at[per] >= 0) read_value_type(reader, cell(value_type), cell(per), ind);
            sum_of_at.push_back(at[sum_of] < 0 ? SourceLoc{} : reader.at(*cell(sum_of)));
            out.push_back(std::move(ind));
        } catch (const InputError& e) {
            problems.add(e);
        }
    }

    // sum_of may name indicators declared further down, so it is checked last.
    std::vector<std::string_view> ids;
    for (const Indicator& ind : out) ids.push_back(ind.id);
    for (size_t i = 0; i < out.size(); ++i) {
        if (out[i].sum_of.empty()) continue;
        CsvField f{out[i].sum_of, sum_of_at[i].line, sum_of_at[i].column};
        try {
            for (std::string_view term : sum_terms(reader, f)) {
                if (term == out[i].id)
                    fail(reader, f, fmt::format("sum_of: indicator \"{}\" cannot be a sum of itself", term));
                if (!first_line.contains(std::string(term)))
                    fail(reader, f,
                         fmt::format("sum_of names unknown indicator \"{}\"{}", term, suggest_name(term, ids, '"')));
            }
        } catch (const InputError& e) {
            problems.add(e);
        }
    }
    if (problems.any()) problems.raise();
    return out;
}

}  // namespace assay::dataset
