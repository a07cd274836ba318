// replay_audit and compare_audits (see audit_replay.hpp).
#include "audit/audit_replay.hpp"

#include "audit/json_text.hpp"
#include "audit/materialise.hpp"

#include <assay/audit.hpp>
#include <assay/audit_render.hpp>
#include <assay/dataset.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>

namespace assay::audit {
namespace {

using nlohmann::json;

std::string text_of(const json& v) {
    if (v.is_null()) return "none";
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

const json& member(const json& o, const char* key) {
    static const json null;
    return o.is_object() && o.contains(key) ? o[key] : null;
}

/// "published_totals.csv:4 total crime_total, England, 2007/08": how a finding is named.
std::string finding_name(const json& f) {
    return fmt::format("finding {}:{} {} {}, {}, {}", text_of(member(f, "file")), text_of(member(f, "line")),
                       text_of(member(f, "check")), text_of(member(f, "indicator")), text_of(member(f, "area")),
                       text_of(member(f, "period")));
}

std::string finding_summary(const json& f) {
    return fmt::format("{}: published {}, computed {}", text_of(member(f, "verdict")), text_of(member(f, "published")),
                       text_of(member(f, "computed")));
}

Difference difference(std::string subject, std::string field, std::string before, std::string after) {
    Difference d;
    d.scope = "audit";
    d.subject = std::move(subject);
    d.field = std::move(field);
    d.before = std::move(before);
    d.after = std::move(after);
    return d;
}

}  // namespace

std::vector<Difference> compare_audits(std::string_view before, std::string_view after) {
    const json a = parse_json(before, "the recorded audit"), b = parse_json(after, "the audit made now");
    std::vector<Difference> out;
    for (const char* key : {"rounding", "rules", "checked", "errors", "roundings"})
        if (member(a, key) != member(b, key))
            out.push_back(difference("audit", key, text_of(member(a, key)), text_of(member(b, key))));
    if (member(member(a, "dataset"), "sha256") != member(member(b, "dataset"), "sha256"))
        out.push_back(difference("audit", "dataset.sha256", text_of(member(member(a, "dataset"), "sha256")),
                                 text_of(member(member(b, "dataset"), "sha256"))));

    // Findings by what they are about; fields compared one by one.
    std::map<std::string, const json*> old_findings, new_findings;
    std::vector<std::string> order;  // the recorded audit's order, then findings only the new one has
    auto index = [&](const json& findings, std::map<std::string, const json*>& into) {
        if (!findings.is_array()) return;
        for (const json& f : findings) {
            std::string name = finding_name(f);
            if (!old_findings.count(name) && !new_findings.count(name)) order.push_back(name);
            into.emplace(name, &f);
        }
    };
    index(member(a, "findings"), old_findings);
    index(member(b, "findings"), new_findings);
    for (const std::string& name : order) {
        auto was = old_findings.find(name), now = new_findings.find(name);
        if (now == new_findings.end()) {
            out.push_back(difference(name, "", finding_summary(*was->second), "(absent)"));
        } else if (was == old_findings.end()) {
            out.push_back(difference(name, "", "(absent)", finding_summary(*now->second)));
        } else {
            for (const auto& [key, value] : was->second->items())
                if (value != member(*now->second, key.c_str()))
                    out.push_back(difference(name, key, text_of(value), text_of(member(*now->second, key.c_str()))));
        }
    }

    std::set<std::string> old_unchecked, new_unchecked;
    for (const json& u : member(a, "unchecked").is_array() ? member(a, "unchecked") : json::array())
        old_unchecked.insert(text_of(u));
    for (const json& u : member(b, "unchecked").is_array() ? member(b, "unchecked") : json::array())
        new_unchecked.insert(text_of(u));
    for (const std::string& u : old_unchecked)
        if (!new_unchecked.count(u)) out.push_back(difference("not checked", "", u, "(absent)"));
    for (const std::string& u : new_unchecked)
        if (!old_unchecked.count(u)) out.push_back(difference("not checked", "", "(absent)", u));
    return out;
}

ReplayResult replay_audit(const RunRecord& r, const ReplayOptions& options) {
    ReplayResult res = begin_replay(r, "audit");
    const bool same_engine = r.engine_version == engine_version();

    TempDir tmp;
    bool swapped = !options.with_rules.empty() || !options.with_data.empty();
    std::filesystem::path data = options.with_data.empty() ? materialise_dataset(r, tmp.path()) : options.with_data;
    std::optional<std::filesystem::path> pack_dir;
    if (!options.with_rules.empty())
        pack_dir = options.with_rules;
    else if (!r.pack_files.empty())
        pack_dir = materialise_pack(r, tmp.path());
    if (!options.with_rules.empty())
        res.notes.push_back(fmt::format("rules from {} instead of {}", options.with_rules.string(),
                                        r.pack_files.empty() ? "none" : "the recorded pack " + r.pack_name));
    if (!options.with_data.empty())
        res.notes.push_back(fmt::format("data from {} instead of the recorded dataset {}", options.with_data.string(),
                                        r.dataset_label));

    AuditOptions audit_options;
    if (!r.audit_rounding.empty()) {
        audit_options.rounding = rounding_from_string(r.audit_rounding);
        if (!audit_options.rounding)
            throw InputError(fmt::format("not a valid audit record: unknown rounding \"{}\"", r.audit_rounding));
    }
    Dataset dataset = load_dataset(data);
    std::optional<Pack> pack;
    if (pack_dir) {
        pack = load_pack(*pack_dir);
        audit_options.pack = &*pack;
    }
    AuditReport report = audit_dataset(dataset, data, audit_options);
    res.outcome =
        render_audit(report, AuditSubject{&dataset, pack ? &*pack : nullptr, data.string()}, AuditFormat::json);
    res.differences = compare_audits(r.outcome, res.outcome);
    if (res.differences.empty() && same_engine && !swapped && res.outcome != r.outcome)
        res.differences.push_back(difference("audit", "bytes", fmt::format("{} bytes", r.outcome.size()),
                                             fmt::format("{} bytes", res.outcome.size())));
    res.identical = res.differences.empty();
    return res;
}

}  // namespace assay::audit
