// Reading an earlier run back from its JSON record (format 1), for reports
// that say what moved since the last report (`assay run --compare RECORD`).
// Only what a report compares is kept: each outcome's rating and arrow and
// each group's and theme's rating and counts.
#include "report/json_text.hpp"
#include "report/outcome_record.hpp"

#include <assay/error.hpp>
#include <assay/io.hpp>
#include <assay/report.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace assay {

std::string PreviousRun::outcome_key(std::string_view group, std::string_view indicator, std::string_view area) {
    std::string key(group);
    key += '\x1f';
    key += indicator;
    key += '\x1f';
    key += area;
    return key;
}

const PreviousRun::Result* PreviousRun::find(std::string_view group, std::string_view indicator,
                                             std::string_view area) const {
    auto it = outcomes.find(outcome_key(group, indicator, area));
    return it == outcomes.end() ? nullptr : &it->second;
}

PreviousRun read_previous_run(const std::filesystem::path& record_path) {
    return previous_run_from_json(read_file(record_path), record_path.string());
}

PreviousRun previous_run_from_json(std::string_view text, const std::string& file) {
    nlohmann::json record;
    try {
        record = parse_json(text, file);
    } catch (const InputError& e) {
        Error error = e.error();
        error.message += "; expected a record written by 'assay run --format json'";
        throw InputError(error);
    }
    const outcome_record::Header header = outcome_record::read_header(record);
    if (header.format != outcome_record::kFormat)
        throw InputError(Error{{file, 0, 0},
                               "not an assay run record: expected {\"assay\": {\"format\": 1}, ...} "
                               "as written by 'assay run --format json'"});

    PreviousRun run;
    run.as_at = header.as_at.value_or("");
    outcome_record::Results results = outcome_record::read_results(record, file);
    for (const auto& o : results.outcomes)
        run.outcomes[PreviousRun::outcome_key(o.group, o.indicator, o.area)] = PreviousRun::Result{o.rating, o.arrow};
    for (const auto& g : results.groups) run.groups[g.id] = PreviousRun::Rollup{g.rating, g.counts};
    for (const auto& t : results.themes) run.themes[t.id] = PreviousRun::Rollup{t.rating, t.counts};
    return run;
}

}  // namespace assay
