// Reading a JSON outcome record back (see outcome_record.hpp).
#include "report/outcome_record.hpp"

#include <assay/error.hpp>

namespace assay::outcome_record {
namespace {

using nlohmann::json;

// "" for null or absent, the text for a string; anything else is malformed.
std::string text_or_empty(const json& j, const char* k, const std::string& file, const std::string& where) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_string()) throw InputError(Error{{file, 0, 0}, where + ": '" + k + "' should be a string or null"});
    return it->get<std::string>();
}

Counts read_counts(const json& j, const std::string& file, const std::string& where) {
    Counts c;
    if (!j.is_object()) return c;
    auto read_map = [&](const char* k, std::map<std::string, int>& out) {
        auto it = j.find(k);
        if (it == j.end() || !it->is_object()) return;
        for (const auto& [label, n] : it->items()) {
            if (!n.is_number_integer())
                throw InputError(Error{{file, 0, 0}, where + ": count of '" + label + "' should be a whole number"});
            out[label] = n.get<int>();
        }
    };
    read_map(key::ratings, c.ratings);
    read_map(key::arrows, c.arrows);
    if (auto it = j.find(key::assessed); it != j.end() && it->is_number_integer()) c.assessed = it->get<int>();
    if (auto it = j.find(key::unrated); it != j.end() && it->is_number_integer()) c.unrated = it->get<int>();
    return c;
}

const json& array_of(const json& record, const char* k, const std::string& file) {
    auto it = record.find(k);
    if (it == record.end() || !it->is_array())
        throw InputError(Error{{file, 0, 0}, std::string("the record has no '") + k + "' array"});
    return *it;
}

// The member `k` of `j` as text: nullopt when absent or null, its JSON when
// not text.
std::optional<std::string> text_at(const json& j, const char* k) {
    if (!j.is_object()) return std::nullopt;
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return it->is_string() ? it->get<std::string>() : it->dump();
}

Header::Input input_of(const json& j) {
    return Header::Input{text_at(j, key::name), text_at(j, key::version), text_at(j, key::sha256)};
}

std::vector<Results::Rollup> rollups(const json& record, const char* list, const char* id_key, const char* what,
                                     const std::string& file) {
    std::vector<Results::Rollup> out;
    for (const json& r : array_of(record, list, file)) {
        if (!r.is_object()) continue;
        std::string id = text_or_empty(r, id_key, file, list);
        const std::string where = std::string(what) + " " + id;
        out.push_back(
            {id, text_or_empty(r, key::rating, file, where), read_counts(r.value(key::counts, json()), file, where)});
    }
    return out;
}

}  // namespace

Header read_header(const json& record) {
    Header h;
    if (!record.is_object()) return h;
    if (auto a = record.find(key::assay); a != record.end() && a->is_object()) {
        h.engine_version = text_at(*a, key::version);
        if (auto f = a->find(key::format); f != a->end() && f->is_number_integer()) h.format = f->get<int64_t>();
    }
    auto run = record.find(key::run);
    if (run == record.end() || !run->is_object()) return h;
    if (auto p = run->find(key::pack); p != run->end()) h.pack = input_of(*p);
    if (auto d = run->find(key::datasets); d != run->end() && d->is_array()) {
        h.datasets.emplace();
        for (const json& one : *d) h.datasets->push_back(input_of(one));
    }
    h.as_at = text_at(*run, key::as_at);
    return h;
}

Results read_results(const json& record, const std::string& file) {
    Results r;
    const json& outcomes = array_of(record, key::outcomes, file);
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const json& o = outcomes[i];
        std::string where = "outcome " + std::to_string(i + 1);
        if (!o.is_object()) throw InputError(Error{{file, 0, 0}, where + " should be an object"});
        r.outcomes.push_back({text_or_empty(o, key::group, file, where), text_or_empty(o, key::indicator, file, where),
                              text_or_empty(o, key::area, file, where), text_or_empty(o, key::rating, file, where),
                              text_or_empty(o, key::arrow, file, where)});
    }
    r.groups = rollups(record, key::groups, key::group, "group", file);
    r.themes = rollups(record, key::themes, key::theme, "theme", file);
    return r;
}

}  // namespace assay::outcome_record
