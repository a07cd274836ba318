// The JSON run record, format 1: what ran (engine version, pack and dataset
// with their SHA-256), then outcomes, group and theme roll-ups, checks and
// errors, with keys in a fixed order, 2-space indent and a final newline.
// Nothing in it depends on the machine, the locale, the clock or a path.
//
// Input digests: the pack's sha256 is the SHA-256 of the concatenation of
// "<file name>\0<file sha256>\n" over the pack's files in order (name order,
// as loaded); a dataset's sha256 is the same over its files. So a digest
// changes exactly when a file is added, removed, renamed or edited.
#include "report/common.hpp"
#include "report/outcome_json.hpp"
#include "report/renderers.hpp"

#include <assay/hash.hpp>

namespace assay::reporting {
namespace {

std::string files_digest(const std::vector<InputFile>& files)
{
    std::string joined;
    for (const InputFile& f : files) {
        joined += f.name;
        joined += '\0';
        joined += f.sha256;
        joined += '\n';
    }
    return sha256_hex(joined);
}

void write_run(JsonWriter& w, const Assessment& a)
{
    const Pack& p = *a.pack;
    const Dataset& d = *a.dataset;
    w.begin_object();
    w.key("pack");
    w.begin_object();
    w.field("name", p.name);
    w.field("title", p.title);
    w.field("version", p.version);
    w.field("sha256", files_digest(p.files));
    w.end_object();
    w.key("datasets");
    w.begin_array();
    w.begin_object();
    w.field("name", d.name);
    w.field("sha256", files_digest(d.files));
    w.key("files");
    w.begin_array();
    for (const InputFile& f : d.files) {
        w.begin_object();
        w.field("name", f.name);
        w.field("sha256", f.sha256);
        w.field("bytes", static_cast<int64_t>(f.bytes));
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.end_array();
    w.field("as_at", a.as_at);
    w.end_object();
}

void write_rating(JsonWriter& w, const Scale* scale, int level)
{
    w.key("rating");
    if (auto label = level_label(scale, level)) w.string(*label);
    else w.null();
}

void write_lines(JsonWriter& w, std::string_view key, const std::vector<std::string>& lines)
{
    w.key(key);
    w.begin_array();
    for (const std::string& s : lines) w.string(s);
    w.end_array();
}

void write_groups(JsonWriter& w, const Assessment& a)
{
    w.begin_array();
    for (const GroupOutcome& go : a.groups) {
        const Group& g = a.pack->groups[go.group];
        w.begin_object();
        w.field("group", g.id);
        w.field("title", g.title);
        write_rating(w, rollup_scale(*a.pack, g), go.rating);
        w.key("counts");
        write_counts(w, go.counts);
        write_lines(w, "explanation", go.explanation);
        w.end_object();
    }
    w.end_array();
}

void write_themes(JsonWriter& w, const Assessment& a)
{
    w.begin_array();
    for (const ThemeOutcome& to : a.themes) {
        const Theme& t = a.pack->themes[to.theme];
        w.begin_object();
        w.field("theme", t.id);
        w.field("title", t.title);
        write_rating(w, a.pack->find_scale(t.scale), to.rating);
        w.key("counts");
        write_counts(w, to.counts);
        write_lines(w, "explanation", to.explanation);
        w.end_object();
    }
    w.end_array();
}

void write_checks(JsonWriter& w, const Assessment& a)
{
    w.begin_array();
    for (const Check& c : a.checks) {
        w.begin_object();
        w.field("kind", c.kind);
        w.field("indicator", c.indicator);
        w.field("area", c.area);
        w.field("period", c.period);
        w.field("published", c.published);
        w.field("computed", c.computed);
        w.field("detail", c.detail);
        w.end_object();
    }
    w.end_array();
}

}  // namespace

std::string render_json(const Assessment& a)
{
    std::string out;
    JsonWriter w(out, 2);
    std::optional<uint32_t> as_at = as_at_index(a);
    w.begin_object();
    w.key("assay");
    w.begin_object();
    w.field("version", engine_version());
    w.field("format", 1);
    w.end_object();
    w.key("run");
    write_run(w, a);
    w.key("outcomes");
    w.begin_array();
    for (const Outcome& o : a.outcomes) write_outcome(w, a, o, true, as_at);
    w.end_array();
    w.key("groups");
    write_groups(w, a);
    w.key("themes");
    write_themes(w, a);
    w.key("checks");
    write_checks(w, a);
    write_lines(w, "errors", a.errors);
    w.end_object();
    out += '\n';
    return out;
}

}  // namespace assay::reporting
