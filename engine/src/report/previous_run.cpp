// Reading an earlier run back from its JSON record (format 1), for reports
// that say what moved since the last report (`assay run --compare RECORD`).
// Only what a report compares is kept: each outcome's rating and arrow and
// each group's and theme's rating and counts.
#include <assay/error.hpp>
#include <assay/io.hpp>
#include <assay/report.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace assay {
namespace {

using nlohmann::json;

// "" for null or absent, the text for a string; anything else is malformed.
std::string text_or_empty(const json& j, const char* key, const std::string& file, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_string()) throw InputError(Error{{file, 0, 0}, where + ": '" + key + "' should be a string or null"});
    return it->get<std::string>();
}

Counts read_counts(const json& j, const std::string& file, const std::string& where) {
    Counts c;
    if (!j.is_object()) return c;
    auto read_map = [&](const char* key, std::map<std::string, int>& out) {
        auto it = j.find(key);
        if (it == j.end() || !it->is_object()) return;
        for (const auto& [label, n] : it->items()) {
            if (!n.is_number_integer())
                throw InputError(Error{{file, 0, 0}, where + ": count of '" + label + "' should be a whole number"});
            out[label] = n.get<int>();
        }
    };
    read_map("ratings", c.ratings);
    read_map("arrows", c.arrows);
    if (auto it = j.find("assessed"); it != j.end() && it->is_number_integer()) c.assessed = it->get<int>();
    if (auto it = j.find("unrated"); it != j.end() && it->is_number_integer()) c.unrated = it->get<int>();
    return c;
}

// Line and column (1-based) of byte `offset` in `text`.
SourceLoc locate(const std::string& file, const std::string& text, size_t offset) {
    SourceLoc loc{file, 1, 1};
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++loc.line;
            loc.column = 1;
        } else {
            ++loc.column;
        }
    }
    return loc;
}

const json& array_of(const json& record, const char* key, const std::string& file) {
    auto it = record.find(key);
    if (it == record.end() || !it->is_array())
        throw InputError(Error{{file, 0, 0}, std::string("the record has no '") + key + "' array"});
    return *it;
}

}  // namespace

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
    const std::string file = record_path.string();
    const std::string text = read_file(record_path);
    json record;
    try {
        record = json::parse(text);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 1, column 2: ...".
        if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
        size_t at = e.byte > 0 ? e.byte - 1 : 0;
        throw InputError(Error{locate(file, text, at), "not valid JSON (" + what +
                                                           "); expected a record written by "
                                                           "'assay run --format json'"});
    }
    const json* meta = record.is_object() && record.contains("assay") ? &record["assay"] : nullptr;
    if (!meta || !meta->is_object() || meta->value("format", json()) != json(1))
        throw InputError(Error{{file, 0, 0},
                               "not an assay run record: expected {\"assay\": {\"format\": 1}, ...} "
                               "as written by 'assay run --format json'"});

    PreviousRun run;
    if (auto r = record.find("run"); r != record.end() && r->is_object())
        run.as_at = text_or_empty(*r, "as_at", file, "run");

    const json& outcomes = array_of(record, "outcomes", file);
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const json& o = outcomes[i];
        std::string where = "outcome " + std::to_string(i + 1);
        if (!o.is_object()) throw InputError(Error{{file, 0, 0}, where + " should be an object"});
        std::string key =
            PreviousRun::outcome_key(text_or_empty(o, "group", file, where), text_or_empty(o, "indicator", file, where),
                                     text_or_empty(o, "area", file, where));
        run.outcomes[key] =
            PreviousRun::Result{text_or_empty(o, "rating", file, where), text_or_empty(o, "arrow", file, where)};
    }
    for (const json& g : array_of(record, "groups", file)) {
        if (!g.is_object()) continue;
        std::string id = text_or_empty(g, "group", file, "groups");
        run.groups[id] = PreviousRun::Rollup{text_or_empty(g, "rating", file, "group " + id),
                                             read_counts(g.value("counts", json()), file, "group " + id)};
    }
    for (const json& t : array_of(record, "themes", file)) {
        if (!t.is_object()) continue;
        std::string id = text_or_empty(t, "theme", file, "themes");
        run.themes[id] = PreviousRun::Rollup{text_or_empty(t, "rating", file, "theme " + id),
                                             read_counts(t.value("counts", json()), file, "theme " + id)};
    }
    return run;
}

}  // namespace assay
