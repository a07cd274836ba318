// commentary.csv reader. Each row is checked against the data already
// loaded (indicator, area and period must exist), so a misspelt id is
// caught rather than silently never shown; every bad row is reported at once.
#include "dataset/commentary.hpp"
#include "core/shown_text.hpp"
#include "dataset/columns.hpp"
#include "dataset/problems.hpp"
#include "dataset/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace assay::dataset {
namespace {

enum Column { indicator, area, period, commentary, action, owner, due, column_count };

constexpr std::array<ColumnSpec, column_count> columns = {{
    {"indicator", true},
    {"area", false},
    {"period", true},
    {"commentary", false},
    {"action", false},
    {"owner", false},
    {"due", false},
}};

/// The most bytes one commentary cell may hold: a paragraph or several, not a document.
constexpr size_t max_text_bytes = 8000;

[[noreturn]] void fail(const CsvReader& r, const CsvField& f, std::string message) {
    throw InputError(Error{r.at(f), std::move(message)});
}

/// A text cell as reports quote it: trimmed, line breaks within the cell
/// joined with a space; any other control character is refused.
std::string text_of(const CsvReader& r, const CsvField& f, std::string_view column) {
    std::string_view s = trim_blanks(f.text);
    if (s.size() > max_text_bytes)
        fail(r, f, fmt::format("{} holds {} bytes: at most {} are allowed", column, s.size(), max_text_bytes));
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            if (!out.empty() && out.back() != ' ') out += ' ';
            continue;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            fail(r, f,
                 fmt::format("{} holds the control character U+{:04X}: is the file damaged, or saved in another "
                             "format than CSV?",
                             column, static_cast<unsigned>(c)));
        out += static_cast<char>(c);
    }
    return out;
}

/// The areas that indicator `ind` has series in, in area order.
std::vector<std::string_view> areas_of(const Dataset& d, uint32_t ind) {
    std::vector<std::string_view> out;
    for (const Series& s : d.series)
        if (s.indicator == ind) out.push_back(d.areas[s.area]);
    return out;
}

}  // namespace

std::vector<Commentary> read_commentary(CsvReader& reader, const Dataset& d) {
    std::vector<CsvField> header, fields;
    if (!reader.next(header))
        throw InputError(Error{reader.at(1, 1),
                               "empty file: expected a header row such as "
                               "indicator,area,period,commentary,action,owner,due"});
    std::vector<int> at = map_columns(reader, header, columns);
    if (at[commentary] < 0 && at[action] < 0)
        throw InputError(Error{reader.at(header.front()),
                               "no commentary or action column: commentary.csv has the "
                               "columns indicator,area,period,commentary,action,owner,due"});
    const std::vector<std::string> names = header_names(header);
    auto cell = [&](Column c) -> const CsvField* { return at[c] < 0 ? nullptr : &fields[static_cast<size_t>(at[c])]; };
    auto text = [&](Column c) {
        return at[c] < 0 ? std::string_view{} : trim_blanks(fields[static_cast<size_t>(at[c])].text);
    };
    std::vector<std::string_view> ids;
    for (const Indicator& ind : d.indicators) ids.push_back(ind.id);

    std::vector<Commentary> out;
    std::map<std::pair<uint32_t, uint32_t>, int> first_line;  // (series, period) -> line
    Problems problems(to_string(reader.at(0, 0)));
    while (reader.next(fields)) {
        try {
            check_width(reader, names, fields);
            Commentary c;
            c.where = reader.at(fields.front().line, 1);
            std::string_view id = text(indicator);
            std::optional<uint32_t> ind = d.find_indicator(id);
            if (!ind)
                fail(reader, *cell(indicator),
                     fmt::format("unknown indicator \"{}\"{}: commentary is for an indicator of indicators.csv",
                                 shown_text(id), suggest_name(id, ids, '"')));
            std::vector<std::string_view> areas = areas_of(d, *ind);
            if (areas.empty()) fail(reader, *cell(indicator), fmt::format("indicator \"{}\" has no observations", id));
            std::string_view area_name = text(area);
            std::optional<uint32_t> area_at;
            if (area_name.empty()) {
                if (areas.size() > 1)
                    fail(reader, at[area] < 0 ? *cell(indicator) : *cell(area),
                         fmt::format("indicator \"{}\" has {} areas ({}, ...): name the area the commentary is for", id,
                                     areas.size(), areas.front()));
                area_at = d.find_area(areas.front());
            } else {
                area_at = d.find_area(area_name);
                if (!area_at || !d.find_series(*ind, *area_at))
                    fail(reader, *cell(area),
                         fmt::format("indicator \"{}\" has no area \"{}\"{}", id, shown_text(area_name),
                                     suggest_name(area_name, areas, '"')));
            }
            c.series = *d.find_series(*ind, *area_at);
            std::string_view period_text = text(period);
            Result<Period> parsed = parse_period(period_text);
            if (!parsed) fail(reader, *cell(period), "period: " + parsed.error().message);
            std::optional<uint32_t> pi = d.find_period(period_text);
            if (!pi)
                fail(reader, *cell(period),
                     fmt::format("period \"{}\" is not a period of the data: commentary is for a period "
                                 "the observations have",
                                 shown_text(period_text)));
            c.period = *pi;
            if (at[commentary] >= 0) c.commentary = text_of(reader, *cell(commentary), "commentary");
            if (at[action] >= 0) c.action = text_of(reader, *cell(action), "action");
            if (at[owner] >= 0) c.owner = text_of(reader, *cell(owner), "owner");
            if (at[due] >= 0) c.due = text_of(reader, *cell(due), "due");
            if (c.commentary.empty() && c.action.empty())
                fail(reader, cell(commentary) ? *cell(commentary) : *cell(action),
                     fmt::format("indicator \"{}\", {}: no commentary and no action: a row says at least one", id,
                                 d.periods[c.period].label));
            if (!c.due.empty() && c.action.empty())
                fail(reader, cell(action) ? *cell(action) : *cell(due),
                     fmt::format("indicator \"{}\", {}: a due date without an action: say what is due", id,
                                 d.periods[c.period].label));
            if (auto [seen, fresh] = first_line.try_emplace({c.series, c.period}, c.where.line); !fresh)
                fail(reader, *cell(period),
                     fmt::format("indicator \"{}\" in \"{}\", {}: a second row of commentary (first at line {})", id,
                                 d.areas[*area_at], d.periods[c.period].label, seen->second));
            out.push_back(std::move(c));
        } catch (const InputError& e) {
            problems.add(e);
        }
    }
    if (problems.any()) problems.raise();
    std::stable_sort(out.begin(), out.end(), [](const Commentary& x, const Commentary& y) {
        return std::tie(x.series, x.period) < std::tie(y.series, y.period);
    });
    return out;
}

}  // namespace assay::dataset
