// diff_runs: what changed between two runs and why. The rules and the data
// (with its as-at period) are the two causes; when both changed and both runs
// are records, A's rules on B's data and B's rules on A's data are evaluated
// to see which of them moves each figure.
#include "audit/json_text.hpp"
#include "audit/materialise.hpp"
#include "report/outcome_record.hpp"

#include <assay/io.hpp>
#include <assay/pack.hpp>
#include <assay/record.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace assay {
namespace {

/// What a JSON outcome record says it ran.
struct RunInfo {
    std::string engine, pack, pack_version, pack_sha256, dataset, dataset_sha256, as_at;
};

RunInfo info_of(const std::string& outcome, const std::string& source) {
    const outcome_record::Header h = outcome_record::read_header(audit::parse_json(outcome, source));
    RunInfo i;
    i.engine = h.engine_version.value_or("");
    i.pack = h.pack.name.value_or("");
    i.pack_version = h.pack.version.value_or("");
    i.pack_sha256 = h.pack.sha256.value_or("");
    if (h.datasets && !h.datasets->empty()) {
        i.dataset = h.datasets->front().name.value_or("");
        i.dataset_sha256 = h.datasets->front().sha256.value_or("");
    }
    i.as_at = h.as_at.value_or("");
    return i;
}

std::string short_hash(const std::string& h) {
    return h.substr(0, 12);
}

std::string key_of(const Difference& d) {
    return d.scope + '\x1f' + d.subject + '\x1f' + d.field;
}

/// The value each field takes in an outcome, for the fields that differ from `base`.
std::map<std::string, std::string> values_against(const std::string& base, const std::string& other) {
    std::map<std::string, std::string> out;
    for (const Difference& d : compare_outcomes(base, other))
        if (d.scope != "run") out[key_of(d)] = d.after;
    return out;
}

/// Runs `rules` on `data` (both from records) as at the data side's period.
std::string cross(const RunRecord& rules, const RunRecord& data) {
    audit::TempDir tmp;
    std::filesystem::path pack = audit::materialise_pack(rules, tmp.path());
    std::filesystem::path dataset = audit::materialise_dataset(data, tmp.path());
    return audit::run_to_json(pack, dataset, data.as_at, data.explain, data.check_published);
}

void attribute_by_cross(const RunSide& a, const RunSide& b, std::vector<Difference>& diffs) {
    std::map<std::string, std::string> rules_only, data_only;
    try {
        rules_only = values_against(a.outcome, cross(*b.record, *a.record));
        data_only = values_against(a.outcome, cross(*a.record, *b.record));
    } catch (const InputError& e) {
        for (Difference& d : diffs) {
            d.cause = "rules and data";
            d.cause_detail = std::string("the cross evaluation failed, so the two cannot be separated: ") + e.what();
        }
        return;
    }
    for (Difference& d : diffs) {
        auto value_in = [&](const std::map<std::string, std::string>& m) {
            auto it = m.find(key_of(d));
            return it == m.end() ? d.before : it->second;
        };
        std::string x = value_in(rules_only);  // B's rules on A's data
        std::string y = value_in(data_only);   // A's rules on B's data
        bool rules_alone = x == d.after, data_alone = y == d.after;
        if (rules_alone && y == d.before)
            d.cause = "rules";
        else if (data_alone && x == d.before)
            d.cause = "data";
        else
            d.cause = "rules and data";
        // The cross values say why neither cause alone accounts for the change;
        // explanations are long sentences, so for them the cause is enough.
        if (d.cause == "rules and data" && !d.field.starts_with("explanation"))
            d.cause_detail =
                fmt::format("B's rules on A's data give {}; A's rules on B's data give {}{}", x, y,
                            rules_alone && data_alone ? " (each change alone gives it)" : " (it takes both)");
    }
}

/// "indicator, area (field)" of each changed arrow and rating, by cause, for the items `under` selects.
template <typename Under>
std::map<std::string, std::vector<std::string>> changed_items(const std::vector<Difference>& diffs, Under under) {
    std::map<std::string, std::vector<std::string>> causes;
    for (const Difference& d : diffs)
        if (d.scope == "outcome" && (d.field == "rating" || d.field == "arrow") && under(d))
            causes[d.cause].push_back(fmt::format("{}, {} ({})", d.indicator, d.area, d.field));
    return causes;
}

/// A total (a group's or a theme's counts) attributed as precisely as the
/// items under it: when the arrows and ratings that changed under it have
/// different causes, the changed count is caused by both. Either way the
/// detail names, per cause, how many items it changed and which ("data 1:
/// theft, Redcar (arrow) | rules 1: robbery, Redcar (arrow)"), so a total can
/// be traced to its items.
void attribute_total(Difference& d, const std::map<std::string, std::vector<std::string>>& causes) {
    if (causes.empty()) return;
    std::vector<std::string> parts;
    for (const auto& [cause, items] : causes)
        parts.push_back(fmt::format("{} {}: {}", cause, items.size(), fmt::join(items, "; ")));
    std::string items =
        fmt::format("the arrows and ratings that changed under it were changed by {}", fmt::join(parts, " | "));
    if (causes.size() < 2) {
        // One cause: the totals keep it; the detail still names the items.
        if (causes.begin()->first == d.cause)
            d.cause_detail = d.cause_detail.empty() ? items : d.cause_detail + "; " + items;
        return;
    }
    d.cause_detail = d.cause == "rules and data" && !d.cause_detail.empty() ? d.cause_detail + "; " + items : items;
    d.cause = "rules and data";
}

void attribute_group_totals(std::vector<Difference>& diffs) {
    std::map<std::string, std::map<std::string, std::vector<std::string>>> by_group;
    for (const Difference& d : diffs)
        if (d.scope == "group" && d.field.starts_with("counts") && !by_group.count(d.group))
            by_group[d.group] = changed_items(diffs, [&](const Difference& x) { return x.group == d.group; });
    for (Difference& d : diffs)
        if (d.scope == "group" && d.field.starts_with("counts")) attribute_total(d, by_group[d.group]);
}

/// The groups of each theme, from the packs of the records (either side); a
/// theme missing from them (plain JSON outcomes) holds every group when the
/// runs have one theme only, and is left as it is otherwise.
std::map<std::string, std::set<std::string>> theme_groups(const RunSide& a, const RunSide& b) {
    std::map<std::string, std::set<std::string>> out;
    for (const RunSide* side : {&a, &b}) {
        if (!side->record) continue;
        try {
            audit::TempDir tmp;
            Pack pack = load_pack(audit::materialise_pack(*side->record, tmp.path()));
            for (const Theme& t : pack.themes) out[t.id].insert(t.groups.begin(), t.groups.end());
        } catch (const InputError&) {
            // A pack that no longer loads: its themes stay unattributed.
        }
    }
    return out;
}

void attribute_theme_totals(std::vector<Difference>& diffs, const std::map<std::string, std::set<std::string>>& groups,
                            bool one_theme) {
    const std::string prefix = "theme ";
    std::map<std::string, std::map<std::string, std::vector<std::string>>> by_theme;
    for (const Difference& d : diffs) {
        if (d.scope != "theme" || !d.field.starts_with("counts") || !d.subject.starts_with(prefix)) continue;
        std::string theme = d.subject.substr(prefix.size());
        if (by_theme.count(theme)) continue;
        auto it = groups.find(theme);
        if (it == groups.end() && !one_theme) continue;
        by_theme[theme] = changed_items(
            diffs, [&](const Difference& x) { return it == groups.end() || it->second.count(x.group) > 0; });
    }
    for (Difference& d : diffs) {
        if (d.scope != "theme" || !d.field.starts_with("counts") || !d.subject.starts_with(prefix)) continue;
        auto it = by_theme.find(d.subject.substr(prefix.size()));
        if (it != by_theme.end()) attribute_total(d, it->second);
    }
}

/// Whether the outcomes hold one theme between them.
bool one_theme(const RunSide& a, const RunSide& b) {
    std::set<std::string> ids;
    for (const RunSide* side : {&a, &b}) {
        const std::string source = side->source;
        for (const auto& t : outcome_record::read_results(audit::parse_json(side->outcome, source), source).themes)
            ids.insert(t.id);
    }
    return ids.size() == 1;
}

/// Group totals, then theme totals, attributed to the items under them.
void attribute_totals(const RunSide& a, const RunSide& b, std::vector<Difference>& diffs) {
    attribute_group_totals(diffs);
    bool themes_changed = std::any_of(diffs.begin(), diffs.end(), [](const Difference& d) {
        return d.scope == "theme" && d.field.starts_with("counts");
    });
    if (themes_changed) attribute_theme_totals(diffs, theme_groups(a, b), one_theme(a, b));
}

}  // namespace

RunSide read_run_side(const std::filesystem::path& path) {
    RunSide side;
    side.source = path.string();
    std::string text = read_file(path);
    if (is_record_text(text)) {
        side.record = parse_record(text, side.source);
        if (side.record->kind == RecordKind::audit)
            throw InputError(Error{SourceLoc{side.source, 0, 0},
                                   "an audit record, not a run's: diff compares runs (assay replay re-runs an audit "
                                   "and names what differs)"});
        side.outcome = side.record->outcome;
    } else {
        side.outcome = std::move(text);
    }
    return side;
}

DiffResult diff_runs(const RunSide& a, const RunSide& b) {
    DiffResult res;
    RunInfo ia = info_of(a.outcome, a.source), ib = info_of(b.outcome, b.source);
    // A record's outcome calls a folder dataset by a fixed name; its label says which folder.
    if (a.record) ia.dataset = a.record->dataset_label;
    if (b.record) ib.dataset = b.record->dataset_label;
    res.rules_changed = ia.pack_sha256 != ib.pack_sha256;
    res.data_changed = ia.dataset_sha256 != ib.dataset_sha256 || ia.as_at != ib.as_at;
    // The whole identity of each side's engine: a record names its build and Lua; a JSON outcome only its version.
    auto engine_of = [](const RunSide& side, const RunInfo& info) {
        return side.record ? identity_of(*side.record).text()
                           : fmt::format("assay {} (the JSON outcome names no build or Lua)", info.engine);
    };
    res.engine_a = engine_of(a, ia);
    res.engine_b = engine_of(b, ib);
    if (res.engine_a == res.engine_b)
        res.notes.push_back("engine: the same, " + res.engine_a);
    else if (a.record && b.record)
        res.notes.push_back(fmt::format("engine: {} -> {}",
                                        fmt::join(identity_of(*a.record).differences(identity_of(*b.record)), ", "),
                                        res.engine_b));
    else
        res.notes.push_back(fmt::format("engine: {} -> {}", res.engine_a, res.engine_b));
    if (res.rules_changed)
        res.notes.push_back(fmt::format("rules: {} {} ({}) -> {} {} ({})", ia.pack, ia.pack_version,
                                        short_hash(ia.pack_sha256), ib.pack, ib.pack_version,
                                        short_hash(ib.pack_sha256)));
    else
        res.notes.push_back(
            fmt::format("rules: the same ({} {}, {})", ia.pack, ia.pack_version, short_hash(ia.pack_sha256)));
    if (ia.dataset_sha256 != ib.dataset_sha256)
        res.notes.push_back(fmt::format("data: {} ({}) -> {} ({})", ia.dataset, short_hash(ia.dataset_sha256),
                                        ib.dataset, short_hash(ib.dataset_sha256)));
    else
        res.notes.push_back(fmt::format("data: the same ({}, {})", ia.dataset, short_hash(ia.dataset_sha256)));
    if (ia.as_at != ib.as_at)
        res.notes.push_back(fmt::format("as at: {} -> {} (counted as a change of data)", ia.as_at, ib.as_at));

    for (Difference& d : compare_outcomes(a.outcome, b.outcome))
        if (d.scope != "run") res.differences.push_back(std::move(d));
    if (res.differences.empty()) return res;

    if (res.rules_changed && res.data_changed) {
        if (a.record && b.record) {
            attribute_by_cross(a, b, res.differences);
            attribute_totals(a, b, res.differences);
        } else {
            for (Difference& d : res.differences) {
                d.cause = "rules and data";
                d.cause_detail = "both changed; give two records (assay run --record) to separate them";
            }
        }
        return res;
    }
    for (Difference& d : res.differences) {
        if (res.rules_changed)
            d.cause = "rules";
        else if (res.data_changed)
            d.cause = "data";
        else if (ia.engine != ib.engine)
            d.cause = "engine";
        else
            d.cause = "unknown";
    }
    attribute_totals(a, b, res.differences);
    return res;
}

}  // namespace assay
