// The JSON run record, format 1: what ran (engine version, pack and dataset
// with their SHA-256), then outcomes, group and theme roll-ups, checks and
// errors, with keys in a fixed order, 2-space indent and a final newline.
// Nothing in it depends on the machine, the locale, the clock or a path.
//
// Input digests (the pack's and each dataset's sha256) are files_digest
// (core/files_digest.hpp).
#include "core/files_digest.hpp"
#include "report/common.hpp"
#include "report/outcome_json.hpp"
#include "report/outcome_record.hpp"
#include "report/renderers.hpp"

namespace assay::reporting {
namespace {

namespace key = outcome_record::key;

void write_run(JsonWriter& w, const Assessment& a) {
    const Pack& p = *a.pack;
    const Dataset& d = *a.dataset;
    w.begin_object();
    w.key(key::pack);
    w.begin_object();
    w.field(key::name, p.name);
    w.field(key::title, p.title);
    w.field(key::version, p.version);
    w.field(key::sha256, files_digest(p.files));
    w.end_object();
    w.key(key::datasets);
    w.begin_array();
    w.begin_object();
    w.field(key::name, d.name);
    w.field(key::sha256, files_digest(d.files));
    w.key(key::files);
    w.begin_array();
    for (const InputFile& f : d.files) {
        w.begin_object();
        w.field(key::name, f.name);
        w.field(key::sha256, f.sha256);
        w.field(key::bytes, static_cast<int64_t>(f.bytes));
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.end_array();
    w.field(key::as_at, a.as_at);
    w.end_object();
}

void write_rating(JsonWriter& w, const Scale* scale, int level) {
    w.key(key::rating);
    if (auto label = level_label(scale, level))
        w.string(*label);
    else
        w.null();
}

void write_lines(JsonWriter& w, std::string_view name, const std::vector<std::string>& lines) {
    w.key(name);
    w.begin_array();
    for (const std::string& s : lines) w.string(s);
    w.end_array();
}

void write_groups(JsonWriter& w, const Assessment& a) {
    w.begin_array();
    for (const GroupOutcome& go : a.groups) {
        const Group& g = a.pack->groups[go.group];
        w.begin_object();
        w.field(key::group, g.id);
        w.field(key::title, g.title);
        write_rating(w, rollup_scale(*a.pack, g), go.rating);
        w.key(key::counts);
        write_counts(w, go.counts);
        write_lines(w, key::explanation, go.explanation);
        w.end_object();
    }
    w.end_array();
}

void write_themes(JsonWriter& w, const Assessment& a) {
    w.begin_array();
    for (const ThemeOutcome& to : a.themes) {
        const Theme& t = a.pack->themes[to.theme];
        w.begin_object();
        w.field(key::theme, t.id);
        w.field(key::title, t.title);
        write_rating(w, a.pack->find_scale(t.scale), to.rating);
        w.key(key::counts);
        write_counts(w, to.counts);
        write_lines(w, key::explanation, to.explanation);
        w.end_object();
    }
    w.end_array();
}

void write_checks(JsonWriter& w, const Assessment& a) {
    w.begin_array();
    for (const Check& c : a.checks) {
        w.begin_object();
        w.field(key::kind, c.kind);
        w.field(key::indicator, c.indicator);
        w.field(key::area, c.area);
        w.field(key::period, c.period);
        w.field(key::published, c.published);
        w.field(key::computed, c.computed);
        w.field(key::detail, c.detail);
        w.end_object();
    }
    w.end_array();
}

}  // namespace

std::string render_json(const Assessment& a, std::vector<std::pair<size_t, size_t>>* outcome_spans) {
    std::string out;
    JsonWriter w(out, 2);
    std::optional<uint32_t> as_at = as_at_index(a);
    w.begin_object();
    w.key(key::assay);
    w.begin_object();
    w.field(key::version, engine_version());
    w.field(key::format, outcome_record::kFormat);
    w.end_object();
    w.key(key::run);
    write_run(w, a);
    w.key(key::outcomes);
    w.begin_array();
    for (const Outcome& o : a.outcomes) {
        const size_t start = out.size();
        write_outcome(w, a, o, true, as_at);
        if (outcome_spans) outcome_spans->emplace_back(start, out.size());
    }
    w.end_array();
    w.key(key::groups);
    write_groups(w, a);
    w.key(key::themes);
    write_themes(w, a);
    w.key(key::checks);
    write_checks(w, a);
    write_lines(w, key::errors, a.errors);
    w.end_object();
    out += '\n';
    return out;
}

}  // namespace assay::reporting
