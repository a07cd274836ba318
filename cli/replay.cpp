// `assay replay RECORD [--with-rules PACK] [--with-data DATASET]`: re-runs a
// sealed run record from its own copies of the inputs and says "identical"
// or lists what differs; with --with-rules or --with-data, re-runs the past
// assessment under today's rules or data and lists what that changes.
#include <commands.hpp>
#include <common.hpp>

#include <assay/record.hpp>
#include <assay/signing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace assay::cli {

namespace {

struct ReplayArgs {
    std::string record;
    std::string with_rules;
    std::string with_data;
    std::vector<std::string> trust;  ///< --trust PUBKEY: the record must be signed by one of these
};

int count_field(const std::vector<Difference>& diffs, std::string_view field) {
    return static_cast<int>(std::count_if(
        diffs.begin(), diffs.end(), [&](const Difference& d) { return d.scope == "outcome" && d.field == field; }));
}

int replay_record(const ReplayArgs& a) {
    RunRecord record = read_record(a.record);  // a tampered record is an InputError: exit 2
    std::string vouched;
    if (!a.trust.empty()) {
        std::vector<TrustedKey> keys;
        for (const std::string& k : a.trust) keys.emplace_back(k);
        TrustCheck trust = check_record_trust(record, keys);
        if (!trust.ok()) {
            for (const std::string& p : trust.problems) print_error(fmt::format("{}: {}", a.record, p));
            return exit_usage;
        }
        vouched = fmt::format("{}", fmt::join(trust.signed_by, ", "));
    }
    ReplayOptions options;
    options.with_rules = a.with_rules;
    options.with_data = a.with_data;
    ReplayResult result = replay(record, options);

    std::string written =
        fmt::format("written {}{}", record.written_at.empty() ? "at an unknown time" : record.written_at,
                    vouched.empty() ? "; the time and the dataset's label are outside the seal"
                                    : "; signed by " + vouched + ", trusted");
    if (record.kind == RecordKind::audit)
        say("replay of {}: audit of {}{} ({})\n", a.record, record.dataset_label,
            record.pack_files.empty() ? std::string(" without rules")
                                      : fmt::format(" with the rules of {} {}", record.pack_name, record.pack_version),
            written);
    else
        say("replay of {}: {} {} on {}, as at {} ({})\n", a.record, record.pack_name, record.pack_version,
            record.dataset_label, record.as_at, written);
    say("recorded by {}\n", result.recorded_engine.text());
    say("replayed by {}\n", result.replay_engine.text());
    std::string engine_change = fmt::format("{}", fmt::join(result.engine_changes, ", "));
    if (!result.engine_changes.empty()) say("note: another engine: {}\n", engine_change);
    for (const std::string& note : result.notes) say("note: {}\n", note);
    if (result.identical) {
        say("identical\n");
        if (!result.engine_changes.empty()) say("the outcome is the same under the other engine ({})\n", engine_change);
        return exit_ok;
    }
    size_t n = result.differences.size();
    if (record.kind == RecordKind::audit)
        say("{} {} from the recorded audit\n", n, n == 1 ? "difference" : "differences");
    else
        say("{} {} ({} ratings, {} arrows changed)\n", n, n == 1 ? "difference" : "differences",
            count_field(result.differences, "rating"), count_field(result.differences, "arrow"));
    say("{}", format_differences(result.differences));
    if (!result.engine_changes.empty() && a.with_rules.empty() && a.with_data.empty())
        say("the outcome differs under the other engine ({}): the same inputs, so the engine changed it\n",
            engine_change);
    return exit_findings;
}

}  // namespace

Command replay_command() {
    return {"replay", "Re-run a saved run record and say whether the outcome is identical", [](CLI::App& sub) {
                auto a = std::make_shared<ReplayArgs>();
                sub.add_option("record", a->record, "Record written by assay run --record or assay audit --record")
                    ->required()
                    ->check(CLI::ExistingFile);
                sub.add_option("--with-rules", a->with_rules,
                               "Re-run the past assessment with this pack instead of the recorded one")
                    ->check(CLI::ExistingDirectory);
                sub.add_option("--with-data", a->with_data,
                               "Re-run the past assessment with this dataset instead of the recorded one")
                    ->check(CLI::ExistingPath);
                sub.add_option("--trust", a->trust,
                               "A public key (assay key generate): the record must carry its signature, and "
                               "nothing may have changed since it signed (repeatable)")
                    ->check(CLI::ExistingFile);
                sub.footer(
                    "The record's hashes are verified first. Exit codes: 0 identical (with --with-*: nothing "
                    "changed), 1 differences, 2 usage or input error, a record that fails its hash check, or (with "
                    "--trust) one not signed by a trusted key or changed since it was signed.");
                return [a] { return replay_record(*a); };
            }};
}

}  // namespace assay::cli
