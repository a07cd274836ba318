// Every period in one run (assay run --periods): the periods a spec names,
// and one assessment as at each of them from the one prepared run.
#include "core/closest_name.hpp"

#include <assay/error.hpp>
#include <assay/period.hpp>
#include <assay/run.hpp>

#include <fmt/format.h>

namespace assay {
namespace {

/// The index of the data's period `text` names: its label, or a spelling of the same span.
uint32_t period_index(const Dataset& data, std::string_view text, std::string_view spec) {
    if (auto i = data.find_period(text)) return *i;
    Result<Period> p = parse_period(text);
    if (p)
        for (uint32_t i = 0; i < data.periods.size(); ++i)
            if (data.periods[i] == p.value()) return i;
    std::vector<std::string> labels;
    for (const Period& q : data.periods) labels.push_back(q.label);
    std::string shown = data.periods.empty()
                            ? std::string("none")
                            : fmt::format("{} to {}", data.periods.front().label, data.periods.back().label);
    throw InputError(Error{SourceLoc{}, fmt::format("--periods {}: the data has no period \"{}\"{}; its periods run {}",
                                                    spec, text, suggest_name(text, labels, '"'), shown)});
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::vector<std::string> periods_named(const Dataset& data, std::string_view spec) {
    spec = trimmed(spec);
    if (data.periods.empty()) throw InputError("--periods: the data holds no period to assess");
    uint32_t from = 0, to = static_cast<uint32_t>(data.periods.size() - 1);
    if (spec != "all") {
        size_t dots = spec.find("..");
        if (dots == std::string_view::npos)
            throw InputError(
                fmt::format("--periods {}: expected all, or FROM..TO such as 2023 Q1..2024 Q4 (either "
                            "end may be left out: 2024 Q1..)",
                            spec));
        std::string_view a = trimmed(spec.substr(0, dots)), b = trimmed(spec.substr(dots + 2));
        if (!a.empty()) from = period_index(data, a, spec);
        if (!b.empty()) to = period_index(data, b, spec);
        if (from > to)
            throw InputError(fmt::format("--periods {}: {} comes after {}; write the earlier period first", spec,
                                         data.periods[from].label, data.periods[to].label));
    }
    std::vector<std::string> out;
    for (uint32_t i = from; i <= to; ++i) out.push_back(data.periods[i].label);
    return out;
}

std::vector<Assessment> assess_periods(const RunInputs& run, const std::vector<std::string>& periods,
                                       AssessOptions options) {
    std::vector<Assessment> out;
    out.reserve(periods.size());
    for (const std::string& p : periods) {
        options.as_at = p;
        out.push_back(assess(run, options));
    }
    return out;
}

}  // namespace assay
