// `assay replay RECORD [--with-rules PACK] [--with-data DATASET]`: re-runs a
// sealed run record from its own copies of the inputs and says "identical"
// or lists what differs; with --with-rules or --with-data, re-runs the past
// assessment under today's rules or data and lists what that changes.
#include <commands.hpp>
#include <common.hpp>

#include <assay/record.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <memory>

namespace assay::cli {

namespace {

struct ReplayArgs {
    std::string record;
    std::string with_rules;
    std::string with_data;
};

int count_field(const std::vector<Difference>& diffs, std::string_view field) {
    return static_cast<int>(std::count_if(
        diffs.begin(), diffs.end(), [&](const Difference& d) { return d.scope == "outcome" && d.field == field; }));
}

int replay_record(const ReplayArgs& a) {
    RunRecord record = read_record(a.record);  // a tampered record is an InputError: exit 2
    ReplayOptions options;
    options.with_rules = a.with_rules;
    options.with_data = a.with_data;
    ReplayResult result = replay(record, options);

    say("replay of {}: {} {} on {}, as at {} (recorded {})\n", a.record, record.pack_name, record.pack_version,
        record.dataset_name, record.as_at, record.written_at.empty() ? "at an unknown time" : record.written_at);
    for (const std::string& note : result.notes) say("note: {}\n", note);
    if (result.identical) {
        say("identical\n");
        return exit_ok;
    }
    size_t n = result.differences.size();
    say("{} {} ({} ratings, {} arrows changed)\n", n, n == 1 ? "difference" : "differences",
        count_field(result.differences, "rating"), count_field(result.differences, "arrow"));
    say("{}", format_differences(result.differences));
    return exit_findings;
}

}  // namespace

Command replay_command() {
    return {"replay", "Re-run a saved run record and say whether the outcome is identical", [](CLI::App& sub) {
                auto a = std::make_shared<ReplayArgs>();
                sub.add_option("record", a->record, "Run record written by assay run --record")
                    ->required()
                    ->check(CLI::ExistingFile);
                sub.add_option("--with-rules", a->with_rules,
                               "Re-run the past assessment with this pack instead of the recorded one")
                    ->check(CLI::ExistingDirectory);
                sub.add_option("--with-data", a->with_data,
                               "Re-run the past assessment with this dataset instead of the recorded one")
                    ->check(CLI::ExistingPath);
                sub.footer(
                    "The record's hashes are verified first. Exit codes: 0 identical (with --with-*: nothing "
                    "changed), 1 differences, 2 usage or input error, or a record that fails its hash check.");
                return [a] { return replay_record(*a); };
            }};
}

}  // namespace assay::cli
