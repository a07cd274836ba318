// Header mapping for indicators.csv and observations*.csv.
#include "dataset/columns.hpp"
#include "core/shown_text.hpp"
#include "dataset/text.hpp"

#include <fmt/format.h>

#include <string>

namespace assay::dataset {
namespace {

std::string lowered(std::string_view s) {
    std::string out(trim_blanks(s));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string names(std::span<const ColumnSpec> specs) {
    std::string out;
    for (const ColumnSpec& s : specs) {
        if (!out.empty()) out += ", ";
        out += s.name;
    }
    return out;
}

}  // namespace

std::vector<int> map_columns(const CsvReader& reader, const std::vector<CsvField>& header,
                             std::span<const ColumnSpec> specs) {
    std::vector<int> at(specs.size(), -1);
    std::vector<std::string_view> known;
    for (const ColumnSpec& s : specs) known.push_back(s.name);
    for (size_t i = 0; i < header.size(); ++i) {
        std::string name = lowered(header[i].text);
        size_t k = 0;
        while (k < specs.size() && specs[k].name != name) ++k;
        if (k == specs.size()) {
            if (name.empty())
                throw InputError(
                    Error{reader.at(header[i]),
                          fmt::format("empty column name in the header; the columns are {}", names(specs))});
            throw InputError(Error{reader.at(header[i]), fmt::format("unknown column \"{}\"{}; the columns are {}",
                                                                     shown_text(trim_blanks(header[i].text)),
                                                                     suggest_name(name, known, '"'), names(specs))});
        }
        if (at[k] >= 0)
            throw InputError(
                Error{reader.at(header[i]), fmt::format("column \"{}\" appears twice in the header (also column {})",
                                                        specs[k].name, header[static_cast<size_t>(at[k])].column)});
        at[k] = static_cast<int>(i);
    }
    for (size_t k = 0; k < specs.size(); ++k)
        if (specs[k].required && at[k] < 0)
            throw InputError(
                Error{reader.at(header.front().line, 1),
                      fmt::format("missing required column \"{}\"; the columns are {}", specs[k].name, names(specs))});
    return at;
}

std::vector<std::string> header_names(const std::vector<CsvField>& header) {
    std::vector<std::string> out;
    for (const CsvField& h : header) out.emplace_back(trim_blanks(h.text));
    return out;
}

void wrong_width(const CsvReader& reader, const std::vector<std::string>& header, const std::vector<CsvField>& fields) {
    std::string columns;
    for (const std::string& h : header) {
        if (!columns.empty()) columns += ", ";
        columns += h;
    }
    bool extra = fields.size() > header.size();
    const CsvField& where = extra ? fields[header.size()] : fields.back();
    throw InputError(Error{
        reader.at(where),
        fmt::format("expected {} fields as in the header ({}), found {}{}", header.size(), columns, fields.size(),
                    extra ? ": is there a comma inside a value that should be in quotes?" : ": is a value missing?")});
}

}  // namespace assay::dataset
