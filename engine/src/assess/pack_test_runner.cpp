// run_pack_tests: each table-driven case becomes a one-indicator, one-area
// Dataset built in memory and is assessed with a copy of the pack that
// holds only the case's group (restricted to the case's indicator, no
// themes); each whole-dataset test assesses its dataset with the whole
// pack. Expectations are compared key by key; a failure keeps the
// explanation trace of what it compared.
#include "core/regular_file.hpp"
#include "core/shown_text.hpp"

#include <assay/assessment.hpp>
#include <assay/lint.hpp>
#include <assay/number.hpp>
#include <assay/pack_test.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace assay {
namespace {

// ---- actual values --------------------------------------------------------

/// An outcome's value for one expectation key, in the form the test wrote.
struct Actual {
    Expected::Kind kind = Expected::Kind::none;
    std::string text;
    double number = 0;
    bool flag = false;
};

Actual text(std::string s) {
    Actual a;
    a.kind = Expected::Kind::text;
    a.text = std::move(s);
    return a;
}

Actual number(std::optional<double> x) {
    Actual a;
    if (!x) return a;
    a.kind = Expected::Kind::number;
    a.number = *x;
    return a;
}

Actual flag(bool b) {
    Actual a;
    a.kind = Expected::Kind::flag;
    a.flag = b;
    return a;
}

const std::string& period_label(const Dataset& d, uint32_t p) {
    return d.periods[p].label;
}

/// The value of `key` for outcome `o` of assessment `a`.
Actual actual_of(const Assessment& a, const Outcome& o, const std::string& key) {
    const Dataset& d = *a.dataset;
    const std::optional<TargetOutcome>& t = o.target;
    if (key == "arrow") return text(std::string(to_string(o.arrow)));
    if (key.rfind("arrows.", 0) == 0) {
        const std::string name = key.substr(7);
        for (const OtherArrow& other : o.other_arrows)
            if (other.name == name) return text(std::string(to_string(other.arrow)));
        return text("none");
    }
    if (key == "rating") {
        const Scale* s = a.pack->find_scale(a.pack->groups[o.group].scale);
        if (o.rating < 0 || !s || o.rating >= static_cast<int>(s->levels.size())) return text("none");
        return text(s->levels[static_cast<size_t>(o.rating)].label);
    }
    if (key == "period") return text(o.current ? period_label(d, o.current->period) : "none");
    if (key == "previous_period") return text(o.previous ? period_label(d, o.previous->period) : "none");
    if (key == "value") return number(o.current ? std::optional(o.current->value) : std::nullopt);
    if (key == "previous") return number(o.previous ? std::optional(o.previous->value) : std::nullopt);
    if (key == "change") return number(o.change);
    if (key == "change_pct") return number(o.change_pct);
    if (key == "target") return number(t ? std::optional(t->target) : std::nullopt);
    if (key == "trajectory") return number(t ? t->trajectory : std::nullopt);
    if (key == "distance") return number(t ? std::optional(t->distance) : std::nullopt);
    if (key == "distance_pct") return number(t ? t->distance_pct : std::nullopt);
    if (key == "projection") return number(t ? t->projection : std::nullopt);
    // Without a target these are false, as the conditions of the same names are.
    if (key == "on_track") return flag(t && t->on_track);
    if (key == "met") return flag(t && t->met);
    if (key == "will_meet") return flag(t && t->will_meet);
    return Actual{};
}

std::string shown(const Actual& a, int decimals, Rounding rounding) {
    switch (a.kind) {
        case Expected::Kind::text:
            return a.text.empty() ? "\"\"" : a.text;
        case Expected::Kind::flag:
            return a.flag ? "true" : "false";
        case Expected::Kind::none:
            return "none";
        case Expected::Kind::number: {
            std::string s = format_number(a.number);
            if (decimals < 0) return s;
            std::string r = format_number(round_to(a.number, decimals, rounding));
            return r == s ? s : fmt::format("{} ({})", r, s);
        }
    }
    return "none";
}

std::string shown(const Expected& e) {
    switch (e.kind) {
        case Expected::Kind::text:
            return e.text.empty() ? "\"\"" : e.text;
        case Expected::Kind::number:
            return format_number(e.number);
        case Expected::Kind::flag:
            return e.flag ? "true" : "false";
        case Expected::Kind::none:
            return "none";
    }
    return "none";
}

bool numbers_agree(double expected, double actual, int decimals, Rounding rounding) {
    if (decimals < 0) return std::abs(expected - actual) <= 1e-6;
    double a = round_to(actual, decimals, rounding), e = round_to(expected, decimals, rounding);
    return std::abs(a - e) <= 1e-9 * std::max(1.0, std::abs(e));
}

/// Whether the outcome's reasons (arrow, rating) mention `text`.
bool has_reason(const Outcome& o, const std::string& text) {
    return o.arrow_reason.find(text) != std::string::npos || o.rating_reason.find(text) != std::string::npos;
}

std::string reasons(const Outcome& o) {
    std::string out;
    if (!o.arrow_reason.empty()) out += "arrow: \"" + o.arrow_reason + "\"";
    if (!o.rating_reason.empty()) out += (out.empty() ? "" : "; ") + ("rating: \"" + o.rating_reason + "\"");
    return out.empty() ? "no reason" : out;
}

/// Compares every expectation with the outcome; appends a mismatch per failure.
void compare(const Assessment& a, const Outcome& o, const OutcomeExpectation& expect, const std::string& prefix,
             std::vector<TestMismatch>& out) {
    const Dataset& d = *a.dataset;
    const Rounding rounding =
        a.pack->rounding_for(a.pack->groups[o.group], d.indicators[d.series[o.series].indicator].id);
    for (const auto& [key, e] : expect.values) {
        const std::string name = prefix + key;
        if (key == "reason") {
            if (!has_reason(o, e.text)) out.push_back({name, "mentions \"" + e.text + "\"", reasons(o)});
            continue;
        }
        if (key == "error") {
            bool ok = e.text.empty() ? o.error.empty() : o.error.find(e.text) != std::string::npos;
            if (!ok)
                out.push_back({name, e.text.empty() ? "no error" : "mentions \"" + e.text + "\"",
                               o.error.empty() ? "no error" : "\"" + o.error + "\""});
            continue;
        }
        Actual got = actual_of(a, o, key);
        bool ok = got.kind == e.kind;
        if (ok && e.kind == Expected::Kind::text) ok = got.text == e.text;
        if (ok && e.kind == Expected::Kind::flag) ok = got.flag == e.flag;
        if (ok && e.kind == Expected::Kind::number) ok = numbers_agree(e.number, got.number, expect.decimals, rounding);
        if (!ok) out.push_back({name, shown(e), shown(got, expect.decimals, rounding)});
    }
}

// ---- table-driven cases ---------------------------------------------------

/// The thresholds of the case's row `cell`: its row's own, then the case's for every period.
std::vector<TestThreshold> thresholds_of(const PackTestCase& c, const TestCell& cell) {
    std::vector<TestThreshold> out;
    for (const TestThreshold& t : c.thresholds)
        if (t.period == cell.period) out.push_back(t);
    for (const TestThreshold& t : c.thresholds)
        if (t.period.empty() &&
            std::none_of(out.begin(), out.end(), [&](const TestThreshold& o) { return o.name == t.name; }))
            out.push_back(t);
    return out;
}

/// The case's series as a dataset of one indicator in one area, with the thresholds it gives.
Dataset case_dataset(const PackTestCase& c) {
    Dataset d;
    d.name = "test case";
    d.indicators.push_back(c.indicator);
    d.indicators.back().where = c.where;
    d.areas.push_back(c.area);
    for (const TestCell& cell : c.series) {
        Result<Period> p = parse_period(cell.period);
        if (!p) throw InputError(Error{c.where, fmt::format("period \"{}\": {}", cell.period, p.error().message)});
        Period period = p.value();
        period.label = cell.period;
        Result<CellValue> v = parse_cell(cell.text);
        if (!v)
            throw InputError(
                Error{c.where, fmt::format("[\"{}\"] = \"{}\": {}", cell.period, cell.text, v.error().message)});
        const auto obs = static_cast<uint32_t>(d.obs_value.size());
        d.obs_period.push_back(static_cast<uint32_t>(d.periods.size()));
        d.obs_value.push_back(v->value.value_or(std::numeric_limits<double>::quiet_NaN()));
        if (!v->value) d.missing[obs] = v->missing.empty() ? "N/A" : v->missing;
        for (const TestThreshold& t : thresholds_of(c, cell)) {
            Result<CellValue> tv = parse_cell(t.text);
            if (!tv)
                throw InputError(Error{c.where, fmt::format("{} = \"{}\": {}", t.name, t.text, tv.error().message)});
            if (!tv->value) continue;  // "N/A": the data gives none for this period
            Threshold th;
            th.name = t.name;
            th.series = 0;
            th.period = static_cast<uint32_t>(d.periods.size());
            th.value = *tv->value;
            th.percent = tv->percent;
            th.text = t.text;
            th.where = c.where;
            d.thresholds.push_back(std::move(th));
        }
        d.periods.push_back(std::move(period));
    }
    std::sort(d.thresholds.begin(), d.thresholds.end(), [](const Threshold& a, const Threshold& b) {
        return std::tie(a.series, a.period, a.name) < std::tie(b.series, b.period, b.name);
    });
    d.series.push_back(Series{0, 0, 0, static_cast<uint32_t>(d.obs_value.size())});
    return d;
}

/// The pack with only `group`, assessing only `indicator`, and no themes.
Pack restricted(const Pack& pack, const std::string& group, const std::string& indicator) {
    const Group* g = pack.find_group(group);
    if (!g) throw InputError("group '" + group + "' is not in pack '" + pack.name + "'");
    Pack p = pack;  // scales, arrows, targets and the script host stay shared
    Group only = *g;
    only.indicators = {indicator};
    only.theme.clear();
    p.groups = {std::move(only)};
    p.themes.clear();
    p.derived.clear();  // the case gives the indicator's series itself, derived or not
    return p;
}

// Why the files under `path` may not be read, or "": each must still lie
// inside `root` once symbolic links are resolved (checked again here, as the
// files may have changed since the tests were loaded).
std::string outside_root(const std::filesystem::path& path, const std::filesystem::path& root) {
    if (root.empty()) return {};
    std::vector<std::filesystem::path> paths{path};
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        for (auto it = std::filesystem::directory_iterator(path, ec);
             !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
            paths.push_back(it->path());
    for (const std::filesystem::path& p : paths)
        if (!lies_within(p, root))
            return fmt::format("{} lies outside {} once symbolic links are resolved: a pack's tests may not read it",
                               shown_text(p.string(), 200), shown_text(root.string(), 200));
    return {};
}

/// The datasets cases take indicator metadata from, each read once per run.
class MetadataSource {
public:
    explicit MetadataSource(const DatasetLoader& load) : load_(load) {}

    /// Whether datasets can be read at all (a library caller may give no loader).
    bool can_read() const { return static_cast<bool>(load_); }

    /// The dataset at `path`; throws InputError when it cannot be read.
    const Dataset& get(const std::filesystem::path& path, const std::filesystem::path& root) {
        auto [it, fresh] = read_.try_emplace(path.string());
        Entry& e = it->second;
        if (fresh) {
            try {
                if (!load_) throw InputError("no dataset loader was given");
                if (std::string outside = outside_root(path, root); !outside.empty()) throw InputError(outside);
                e.data = load_(path);
            } catch (const std::exception& ex) {
                e.error = ex.what();
            }
        }
        if (!e.error.empty())
            throw InputError(
                fmt::format("the dataset {} the case takes its indicator's metadata from cannot be read: {}",
                            shown_text(path.string(), 200), e.error));
        return e.data;
    }

private:
    struct Entry {
        Dataset data;
        std::string error;
    };
    const DatasetLoader& load_;
    std::map<std::string, Entry> read_;
};

bool given(const PackTestCase& c, std::string_view field) {
    return std::find(c.given.begin(), c.given.end(), field) != c.given.end();
}

/// The case's indicator with what the metadata dataset says of it where the case (and group) say nothing.
Indicator indicator_of(const PackTestCase& c, MetadataSource& source) {
    Indicator ind = c.indicator;
    if (c.metadata.empty() || (!c.metadata_required && !source.can_read())) return ind;
    const Dataset& d = source.get(c.metadata, c.metadata_root);
    std::optional<uint32_t> i = d.find_indicator(ind.id);
    if (!i) {
        if (!c.metadata_required) return ind;
        std::vector<std::string> ids;
        for (const Indicator& x : d.indicators) ids.push_back(x.id);
        throw InputError(Error{c.where, fmt::format("indicator '{}' is not in dataset '{}' (the case's dataset = "
                                                    "...), so its metadata cannot be read{}",
                                                    ind.id, d.name, did_you_mean(ind.id, ids))});
    }
    const Indicator& m = d.indicators[*i];
    if (!given(c, "title")) ind.title = m.title;
    if (!given(c, "unit")) ind.unit = m.unit;
    if (!given(c, "polarity")) ind.polarity = m.polarity;
    if (!given(c, "decimals")) ind.decimals = m.decimals;
    if (!given(c, "comparable_from")) ind.comparable_from = m.comparable_from;
    if (!given(c, "notes")) ind.notes = m.notes;
    ind.value_type = m.value_type;
    ind.per = m.per;
    return ind;
}

PackTestResult run_case(const Pack& pack, const PackTestCases& set, const PackTestCase& c, MetadataSource& source) {
    PackTestResult r;
    r.name = set.name + ": " + c.name;
    r.where = c.where;
    try {
        PackTestCase filled = c;
        filled.indicator = indicator_of(c, source);
        Dataset data = case_dataset(filled);
        Pack p = restricted(pack, c.group, c.indicator.id);
        AssessOptions options;
        options.as_at = c.as_at;
        options.check_published = false;
        Assessment a = assess(p, prepare(p, std::move(data)), options);
        if (a.outcomes.empty()) {
            r.error = "the case gave no outcome";
            return r;
        }
        const Outcome& o = a.outcomes.front();
        compare(a, o, c.expect, "", r.mismatches);
        if (!r.passed()) r.trace = o.explanation;
    } catch (const std::exception& e) {  // bad input or a failed write: this test fails, the others run
        r.error = e.what();
    }
    return r;
}

// ---- whole-dataset tests --------------------------------------------------

std::string label_of(const Pack& pack, const std::string& scale, int level) {
    const Scale* s = pack.find_scale(scale);
    if (level < 0 || !s || level >= static_cast<int>(s->levels.size())) return "none";
    return s->levels[static_cast<size_t>(level)].label;
}

void indent(std::vector<std::string>& trace, const std::string& head, const std::vector<std::string>& lines) {
    trace.push_back(head);
    for (const std::string& l : lines) trace.push_back("  " + l);
}

void check_themes(const Assessment& a, const DatasetTest& t, PackTestResult& r) {
    const Pack& pack = *a.pack;
    for (const auto& [id, label] : t.themes) {
        const ThemeOutcome* found = nullptr;
        for (const ThemeOutcome& to : a.themes)
            if (pack.themes[to.theme].id == id) found = &to;
        std::string got = found ? label_of(pack, pack.themes[found->theme].scale, found->rating) : "no such theme";
        if (got == label) continue;
        r.mismatches.push_back({"themes." + id, label, got});
        if (found) indent(r.trace, "theme '" + id + "':", found->explanation);
    }
}

int count_of(const std::map<std::string, int>& counts, const std::string& name) {
    auto it = counts.find(name);
    return it == counts.end() ? 0 : it->second;
}

void check_groups(const Assessment& a, const DatasetTest& t, PackTestResult& r) {
    const Pack& pack = *a.pack;
    for (const GroupExpectation& e : t.groups) {
        const GroupOutcome* found = nullptr;
        for (const GroupOutcome& go : a.groups)
            if (pack.groups[go.group].id == e.group) found = &go;
        const std::string key = "groups." + e.group;
        if (!found) {
            r.mismatches.push_back({key, "assessed", "no such group"});
            continue;
        }
        const size_t before = r.mismatches.size();
        const Group& g = pack.groups[found->group];
        if (e.rating) {
            std::string got = label_of(pack, g.scale_rollup.empty() ? g.scale : g.scale_rollup, found->rating);
            if (got != *e.rating) r.mismatches.push_back({key + ".rating", *e.rating, got});
        }
        for (const auto& [label, n] : e.ratings)
            if (int got = count_of(found->counts.ratings, label); got != n)
                r.mismatches.push_back({key + ".ratings." + label, std::to_string(n), std::to_string(got)});
        for (const auto& [arrow, n] : e.arrows)
            if (int got = count_of(found->counts.arrows, arrow); got != n)
                r.mismatches.push_back({key + ".arrows." + arrow, std::to_string(n), std::to_string(got)});
        if (e.assessed && *e.assessed != found->counts.assessed)
            r.mismatches.push_back(
                {key + ".assessed", std::to_string(*e.assessed), std::to_string(found->counts.assessed)});
        if (e.unrated && *e.unrated != found->counts.unrated)
            r.mismatches.push_back(
                {key + ".unrated", std::to_string(*e.unrated), std::to_string(found->counts.unrated)});
        if (r.mismatches.size() == before) continue;
        // Which indicator gave what, so a count that moved can be traced.
        std::vector<std::string> lines = found->explanation;
        for (const Outcome& o : a.outcomes) {
            if (o.group != found->group) continue;
            const Dataset& d = *a.dataset;
            lines.push_back(fmt::format("{} ({}): {}, {}", d.indicators[d.series[o.series].indicator].id,
                                        d.areas[d.series[o.series].area], to_string(o.arrow),
                                        label_of(pack, g.scale, o.rating)));
        }
        indent(r.trace, "group '" + e.group + "':", lines);
    }
}

const Outcome* find_outcome(const Assessment& a, const IndicatorExpectation& e) {
    const Dataset& d = *a.dataset;
    for (const Outcome& o : a.outcomes) {
        const Series& s = d.series[o.series];
        if (d.indicators[s.indicator].id == e.indicator && (e.area.empty() || d.areas[s.area] == e.area)) return &o;
    }
    return nullptr;
}

void check_outcomes(const Assessment& a, const DatasetTest& t, PackTestResult& r) {
    for (const IndicatorExpectation& e : t.outcomes) {
        const std::string key = "outcomes." + e.indicator + (e.area.empty() ? "" : " (" + e.area + ")");
        const Outcome* o = find_outcome(a, e);
        if (!o) {
            r.mismatches.push_back({key, "assessed", "not in the data"});
            continue;
        }
        const size_t before = r.mismatches.size();
        compare(a, *o, e.expect, key + ".", r.mismatches);
        if (r.mismatches.size() != before) indent(r.trace, key + ":", o->explanation);
    }
}

void check_counts(const Assessment& a, const DatasetTest& t, PackTestResult& r) {
    if (t.checks && *t.checks != static_cast<int>(a.checks.size())) {
        r.mismatches.push_back({"checks", std::to_string(*t.checks), std::to_string(a.checks.size())});
        std::vector<std::string> lines;
        for (const Check& c : a.checks)
            lines.push_back(fmt::format("{} {} {}: published {}, data gives {}", c.kind, c.indicator, c.period,
                                        c.published, c.computed));
        indent(r.trace, "checks:", lines);
    }
    if (t.errors && *t.errors != static_cast<int>(a.errors.size())) {
        r.mismatches.push_back({"errors", std::to_string(*t.errors), std::to_string(a.errors.size())});
        indent(r.trace, "errors:", a.errors);
    }
}

PackTestResult run_dataset_test(const Pack& pack, const DatasetTest& t, const PackTestOptions& options) {
    PackTestResult r;
    r.name = t.name;
    r.where = t.where;
    if (!options.load_dataset) {
        r.error = "whole-dataset tests need a dataset loader";
        return r;
    }
    if (std::string outside = outside_root(t.data, t.data_root); !outside.empty()) {
        r.error = outside;
        return r;
    }
    try {
        AssessOptions ao;
        ao.as_at = t.as_at;
        Assessment a = assess(pack, prepare(pack, options.load_dataset(t.data)), ao);
        check_themes(a, t, r);
        check_groups(a, t, r);
        check_outcomes(a, t, r);
        check_counts(a, t, r);
    } catch (const std::exception& e) {  // bad input or a failed write: this test fails, the others run
        r.error = e.what();
    }
    return r;
}

bool selected(const std::string& name, const std::string& pattern) {
    return pattern.empty() || name.find(pattern) != std::string::npos;
}

}  // namespace

PackTestRun run_pack_tests(const Pack& pack, const PackTests& tests, const PackTestOptions& options) {
    PackTestRun run;
    MetadataSource source(options.load_dataset);
    for (const PackTestCases& set : tests.case_sets)
        for (const PackTestCase& c : set.cases)
            if (selected(set.name + ": " + c.name, options.pattern))
                run.results.push_back(run_case(pack, set, c, source));
    for (const DatasetTest& t : tests.dataset_tests)
        if (selected(t.name, options.pattern)) run.results.push_back(run_dataset_test(pack, t, options));
    // Report in the order the tests are written: by file, then line.
    std::stable_sort(run.results.begin(), run.results.end(), [](const PackTestResult& a, const PackTestResult& b) {
        return a.where.file != b.where.file ? a.where.file < b.where.file : a.where.line < b.where.line;
    });
    for (const PackTestResult& r : run.results) (r.passed() ? run.passed : run.failed) += 1;
    return run;
}

}  // namespace assay
