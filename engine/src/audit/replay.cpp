// replay: a record's run again, from the record's own copies of the inputs
// (or today's rules or data in their place), compared with what was recorded.
#include "audit/audit_replay.hpp"
#include "audit/materialise.hpp"

#include <assay/audit.hpp>
#include <assay/pack.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <fmt/format.h>

namespace assay {

std::string_view to_string(RecordKind kind) {
    return kind == RecordKind::audit ? "audit" : "run";
}

namespace audit {

ReplayResult begin_replay(const RunRecord& r, std::string_view what) {
    ReplayResult res;
    res.recorded_engine = identity_of(r);
    res.replay_engine = engine_identity();
    res.engine_changes = res.recorded_engine.differences(res.replay_engine);
    if (r.engine_version != engine_version())
        res.notes.push_back(
            fmt::format("recorded with assay {}, replaying with assay {}: the {} can match in "
                        "content but not byte for byte",
                        r.engine_version, engine_version(), what));
    return res;
}

}  // namespace audit

ReplayResult replay(const RunRecord& r, const ReplayOptions& options) {
    if (r.kind == RecordKind::audit) return audit::replay_audit(r, options);
    ReplayResult res = audit::begin_replay(r, "outcome");
    const bool same_engine = r.engine_version == engine_version();
    if (r.lua_release != lua_release())
        res.notes.push_back(fmt::format("the rules ran under {} when recorded, {} now", r.lua_release, lua_release()));

    audit::TempDir tmp;
    bool swapped = !options.with_rules.empty() || !options.with_data.empty();
    std::filesystem::path pack =
        options.with_rules.empty() ? audit::materialise_pack(r, tmp.path()) : options.with_rules;
    std::filesystem::path data =
        options.with_data.empty() ? audit::materialise_dataset(r, tmp.path()) : options.with_data;
    if (!options.with_rules.empty())
        res.notes.push_back(fmt::format("rules from {} instead of the recorded pack {} {}", options.with_rules.string(),
                                        r.pack_name, r.pack_version));
    if (!options.with_data.empty())
        res.notes.push_back(fmt::format("data from {} instead of the recorded dataset {}", options.with_data.string(),
                                        r.dataset_label));
    // A plain replay asks for what the run asked for; with replaced inputs the
    // past assessment is the one as at the period the run used.
    std::string as_at = swapped ? r.as_at : r.as_at_requested;
    if (swapped) res.notes.push_back("assessed as at " + r.as_at + ", as recorded");
    res.outcome = audit::run_to_json(pack, data, as_at, r.explain, r.check_published);

    for (Difference& d : compare_outcomes(r.outcome, res.outcome)) {
        if (swapped && d.scope == "run") {
            res.notes.push_back(fmt::format("{}: {} -> {}", d.field, d.before, d.after));
            continue;
        }
        res.differences.push_back(std::move(d));
    }
    if (res.differences.empty() && same_engine && !swapped && res.outcome != r.outcome) {
        // Same content, different bytes: a formatting change that a field
        // comparison cannot see is still a difference.
        Difference d;
        d.scope = "run";
        d.subject = "outcome record";
        d.field = "bytes";
        d.before = fmt::format("{} bytes", r.outcome.size());
        d.after = fmt::format("{} bytes", res.outcome.size());
        res.differences.push_back(std::move(d));
    }
    res.identical = res.differences.empty();
    return res;
}

std::string render_record(const RunRecord& r, Format format) {
    if (r.kind != RecordKind::run) throw InputError("an audit record has no run to render: give a run's record");
    audit::TempDir tmp;
    const std::filesystem::path dataset = audit::materialise_dataset(r, tmp.path());
    RunInputs inputs = load_run(audit::materialise_pack(r, tmp.path()), dataset);
    AssessOptions options;
    options.as_at = r.as_at_requested;
    options.explain = r.explain;
    options.check_published = r.check_published;
    Assessment result = assess(inputs, options);
    if (r.check_published) add_audit_checks(result, dataset);
    return render(result, format);
}

}  // namespace assay
