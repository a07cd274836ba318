// Totals recomputed. An indicator with sum_of ("a + b + c") is published as
// the total of those indicators in the same area and period. A folder's
// published_totals.csv (indicator,area,period,value,sum_of_areas) lists
// totals printed across areas, such as a table's Totals row, which are not
// observations of any area.
#include "audit/audit_context.hpp"
#include "core/text.hpp"
#include "dataset/csv.hpp"

#include <assay/period.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace assay::audit {
namespace {

namespace fs = std::filesystem;

/// "a + b + c" split at '+', each part trimmed.
std::vector<std::string> split_plus(std::string_view text) {
    std::vector<std::string> out;
    while (true) {
        size_t plus = text.find('+');
        std::string_view part = trim(text.substr(0, plus));
        if (!part.empty()) out.emplace_back(part);
        if (plus == std::string_view::npos) break;
        text.remove_prefix(plus + 1);
    }
    return out;
}

/// Adds a term's value and range to a running sum.
void add(double& sum, Range& range, const Term& t, Rounding mode) {
    Range r = range_of(t, mode);
    sum += t.value;
    range.lo += r.lo;
    range.hi += r.hi;
}

void audit_sum_of(AuditContext& ctx, ObservationLines& lines, uint32_t total) {
    const Dataset& d = ctx.data;
    const Indicator& ind = d.indicators[total];
    std::vector<uint32_t> parts;
    for (const std::string& id : split_plus(ind.sum_of)) {
        auto i = d.find_indicator(id);
        if (!i)
            throw InputError(Error{ind.where, fmt::format("sum_of of {} names \"{}\", which is not an indicator of the "
                                                          "dataset",
                                                          ind.id, id)});
        parts.push_back(*i);
    }
    Rounding mode = ctx.rounding_for(ind.id);
    Printed printed = printed_like_data(ind.unit, ind.decimals);
    for (uint32_t si = 0; si < d.series.size(); ++si) {
        const Series& s = d.series[si];
        if (s.indicator != total) continue;
        for (uint32_t obs = s.begin; obs < s.end; ++obs) {
            if (!d.has_value(obs)) continue;
            uint32_t period = d.obs_period[obs];
            double sum = 0;
            Range range;
            std::string missing;
            for (uint32_t part : parts) {
                auto ps = d.find_series(part, s.area);
                auto po = ps ? ctx.observation(*ps, period) : std::nullopt;
                if (!po || !d.has_value(*po)) {
                    missing = d.indicators[part].id;
                    break;
                }
                add(sum, range, ctx.term(d.indicators[part], *po), mode);
            }
            if (!missing.empty()) {
                ctx.report.unchecked.push_back(fmt::format("total {} in {} for {}: its part {} has no value", ind.id,
                                                           d.areas[s.area], d.periods[period].label, missing));
                continue;
            }
            Judgement j = judge(d.obs_value[obs], printed, sum, range, mode);
            AuditFinding f;
            f.check = "total";
            f.indicator = ind.id;
            f.area = d.areas[s.area];
            f.period = d.periods[period].label;
            f.published = format_figure(d.obs_value[obs], printed);
            f.computed = format_figure(j.rounded, printed);
            f.detail =
                fmt::format("its {} parts ({}) add up to {}", parts.size(), ind.sum_of, format_precise(sum, printed));
            if (j.verdict != Verdict::match) f.where = lines.find(ind.id, f.area, period);
            ctx.record(j, std::move(f));
        }
    }
}

enum Col { c_indicator, c_area, c_period, c_value, c_sum_of_areas, c_count };
constexpr std::array<const char*, c_count> col_names = {"indicator", "area", "period", "value", "sum_of_areas"};

/// A header cell as compared: lower case, spaces as '_'.
std::string column_key(std::string_view s) {
    std::string out;
    for (char c : trim(s)) out += c == ' ' ? '_' : to_lower(c);
    return out;
}

void audit_published_totals(AuditContext& ctx, const fs::path& file) {
    const Dataset& d = ctx.data;
    dataset::CsvReader reader(file, file.string());
    std::vector<dataset::CsvField> fields;
    if (!reader.next(fields)) return;
    std::array<int, c_count> col;
    col.fill(-1);
    for (size_t i = 0; i < fields.size(); ++i)
        for (size_t c = 0; c < c_count; ++c)
            if (column_key(fields[i].text) == col_names[c]) col[c] = static_cast<int>(i);
    for (size_t c = 0; c < c_count; ++c)
        if (col[c] < 0)
            throw InputError(Error{reader.at(fields.empty() ? 1 : fields[0].line, 1),
                                   fmt::format("missing column \"{}\": published_totals.csv has the columns "
                                               "indicator,area,period,value,sum_of_areas",
                                               col_names[c])});
    while (reader.next(fields)) {
        auto cell = [&](Col c) -> const dataset::CsvField& {
            size_t i = static_cast<size_t>(col[c]);
            if (i >= fields.size())
                throw InputError(Error{reader.at(fields.empty() ? 0 : fields[0].line, 0),
                                       fmt::format("expected a \"{}\" cell in this row", col_names[c])});
            return fields[i];
        };
        const dataset::CsvField& fi = cell(c_indicator);
        auto ind = d.find_indicator(trim(fi.text));
        if (!ind) throw InputError(Error{reader.at(fi), fmt::format("unknown indicator \"{}\"", trim(fi.text))});
        const Indicator& indicator = d.indicators[*ind];
        const dataset::CsvField& fp = cell(c_period);
        auto period = d.find_period(trim(fp.text));
        if (!period)
            throw InputError(
                Error{reader.at(fp), fmt::format("period \"{}\" is not a period of the dataset", trim(fp.text))});
        const dataset::CsvField& fv = cell(c_value);
        Result<CellValue> value = parse_cell(trim(fv.text));
        if (!value) throw InputError(Error{reader.at(fv), "value: " + value.error().message});
        if (!value->value) continue;  // nothing published

        Rounding mode = ctx.rounding_for(indicator.id);
        std::string areas_text(trim(cell(c_sum_of_areas).text));
        double sum = 0;
        Range range;
        std::string missing;
        for (const std::string& name : split_plus(areas_text)) {
            auto area = d.find_area(name);
            if (!area)
                throw InputError(Error{reader.at(cell(c_sum_of_areas)), fmt::format("unknown area \"{}\"", name)});
            auto s = d.find_series(*ind, *area);
            auto obs = s ? ctx.observation(*s, *period) : std::nullopt;
            if (!obs || !d.has_value(*obs)) {
                missing = name;
                break;
            }
            add(sum, range, ctx.term(indicator, *obs), mode);
        }
        std::string text(trim(fv.text));
        if (!missing.empty()) {
            ctx.report.unchecked.push_back(fmt::format("{}: total {} of {}: {} has no value for {}",
                                                       to_string(reader.at(fv.line, 0)), text, indicator.id, missing,
                                                       d.periods[*period].label));
            continue;
        }
        Printed printed = printed_as(text);
        Judgement j = judge(*value->value, printed, sum, range, mode);
        AuditFinding f;
        f.check = "total";
        f.indicator = indicator.id;
        f.area = std::string(trim(cell(c_area).text));
        f.period = d.periods[*period].label;
        f.published = text;
        f.computed = format_figure(j.rounded, printed);
        f.detail = fmt::format("{} add up to {}", areas_text, format_precise(sum, printed));
        f.where = reader.at(fv.line, 0);
        ctx.record(j, std::move(f));
    }
}

}  // namespace

void audit_totals(AuditContext& ctx) {
    std::set<std::string> totals;
    for (const Indicator& ind : ctx.data.indicators)
        if (!trim(ind.sum_of).empty()) totals.insert(ind.id);
    ObservationLines lines(ctx.data, ctx.path, totals);
    for (uint32_t i = 0; i < ctx.data.indicators.size(); ++i)
        if (totals.count(ctx.data.indicators[i].id)) audit_sum_of(ctx, lines, i);

    std::error_code ec;
    fs::path published = ctx.path / "published_totals.csv";
    if (fs::is_directory(ctx.path, ec) && fs::is_regular_file(published, ec)) audit_published_totals(ctx, published);
}

}  // namespace assay::audit
