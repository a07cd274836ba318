// Sealed part <-> RunRecord. File contents are JSON strings when they are
// UTF-8 text (the usual case: CSV and Lua) and base64 otherwise, so any
// bytes survive the round trip.
#include "audit/record_json.hpp"

#include "audit/encoding.hpp"

#include <assay/error.hpp>

#include <fmt/format.h>

namespace assay::audit {
namespace {

using nlohmann::json;

/// Puts bytes under "text" or, when not UTF-8 text, "base64".
void put_bytes(json& obj, const std::string& bytes) {
    if (is_text(bytes))
        obj["text"] = bytes;
    else
        obj["base64"] = base64_encode(bytes);
}

json files_json(const std::vector<RecordFile>& files) {
    json arr = json::array();
    for (const RecordFile& f : files) {
        json o = {{"name", f.name}, {"sha256", f.sha256}, {"bytes", f.content.size()}};
        put_bytes(o, f.content);
        arr.push_back(std::move(o));
    }
    return arr;
}

/// Reads fields of the sealed part, naming the field in errors.
class Reader {
public:
    explicit Reader(const std::string& source) : source_(source) {}

    const json& object(const json& parent, const char* key, const std::string& path) const {
        const json& v = member(parent, key, path);
        if (!v.is_object()) fail(path + "." + key, "an object");
        return v;
    }
    const json& array(const json& parent, const char* key, const std::string& path) const {
        const json& v = member(parent, key, path);
        if (!v.is_array()) fail(path + "." + key, "an array");
        return v;
    }
    std::string string(const json& parent, const char* key, const std::string& path) const {
        const json& v = member(parent, key, path);
        if (!v.is_string()) fail(path + "." + key, "a string");
        return v.get<std::string>();
    }
    bool boolean(const json& parent, const char* key, const std::string& path) const {
        const json& v = member(parent, key, path);
        if (!v.is_boolean()) fail(path + "." + key, "true or false");
        return v.get<bool>();
    }
    int64_t integer(const json& parent, const char* key, const std::string& path) const {
        const json& v = member(parent, key, path);
        if (!v.is_number_integer()) fail(path + "." + key, "a whole number");
        return v.get<int64_t>();
    }
    /// The bytes under "text" or "base64".
    std::string bytes(const json& obj, const std::string& path) const {
        if (obj.contains("text")) return string(obj, "text", path);
        if (obj.contains("base64")) {
            auto decoded = base64_decode(string(obj, "base64", path));
            if (!decoded) fail(path + ".base64", "base64 text");
            return *decoded;
        }
        fail(path + ".text", "the file's content as text or base64");
    }
    std::vector<RecordFile> files(const json& parent, const std::string& path) const {
        std::vector<RecordFile> out;
        const json& arr = array(parent, "files", path);
        for (size_t i = 0; i < arr.size(); ++i) {
            std::string at = fmt::format("{}.files[{}]", path, i);
            if (!arr[i].is_object()) fail(at, "an object");
            RecordFile f{string(arr[i], "name", at), string(arr[i], "sha256", at), bytes(arr[i], at)};
            if (integer(arr[i], "bytes", at) != static_cast<int64_t>(f.content.size()))
                throw InputError(
                    Error{SourceLoc{source_, 0, 0}, fmt::format("the record has been altered: {} ({}) holds {} bytes, "
                                                                "but the record says {}",
                                                                at, f.name, f.content.size(), arr[i]["bytes"].dump())});
            out.push_back(std::move(f));
        }
        return out;
    }

private:
    const std::string& source_;

    const json& member(const json& parent, const char* key, const std::string& path) const {
        auto it = parent.find(key);
        if (it == parent.end()) fail(path + "." + key, "present");
        return *it;
    }
    [[noreturn]] void fail(const std::string& path, const char* expected) const {
        throw InputError(
            Error{SourceLoc{source_, 0, 0}, fmt::format("not a valid run record: {} should be {}", path, expected)});
    }
};

}  // namespace

namespace {

json pack_json(const RunRecord& r) {
    return {{"name", r.pack_name},
            {"version", r.pack_version},
            {"sha256", r.pack_sha256},
            {"files", files_json(r.pack_files)}};
}

}  // namespace

json sealed_json(const RunRecord& r) {
    json outcome = {{"as_at", r.as_at}, {"sha256", r.outcome_sha256}};
    put_bytes(outcome, r.outcome);
    json engine = {{"assay", r.engine_version}, {"lua", r.lua_release}};
    // The build's commit and compiler; records made before they were kept lack them.
    if (!r.engine_commit.empty()) engine["commit"] = r.engine_commit;
    if (!r.engine_compiler.empty()) engine["compiler"] = r.engine_compiler;
    json dataset = {{"name", r.dataset_name},
                    {"layout", r.dataset_is_file ? "file" : "folder"},
                    {"sha256", r.dataset_sha256},
                    {"files", files_json(r.dataset_files)}};
    if (r.kind == RecordKind::audit) {
        // An audit: its rounding, the rules when given (null otherwise), the audit JSON.
        outcome.erase("as_at");
        return json{
            {"format", r.format},
            {"kind", "audit"},
            {"engine", std::move(engine)},
            {"options", {{"rounding", r.audit_rounding}}},
            {"pack", r.pack_name.empty() && r.pack_files.empty() ? json(nullptr) : pack_json(r)},
            {"dataset", std::move(dataset)},
            {"audit", std::move(outcome)},
        };
    }
    return json{
        {"format", r.format},
        {"engine", std::move(engine)},
        {"options", {{"as_at", r.as_at_requested}, {"explain", r.explain}, {"check_published", r.check_published}}},
        {"pack", pack_json(r)},
        {"dataset", std::move(dataset)},
        {"outcome", std::move(outcome)},
    };
}

RunRecord record_from_sealed(const json& s, const std::string& source) {
    Reader rd(source);
    RunRecord r;
    r.format = static_cast<int>(rd.integer(s, "format", "sealed"));
    if (r.format != record_format)
        throw InputError(
            Error{SourceLoc{source, 0, 0},
                  fmt::format("record format {} is not one this assay reads (format {}){}", r.format, record_format,
                              r.format > record_format ? ": it was written by a newer assay" : "")});
    const json& engine = rd.object(s, "engine", "sealed");
    r.engine_version = rd.string(engine, "assay", "sealed.engine");
    r.lua_release = rd.string(engine, "lua", "sealed.engine");
    if (engine.contains("commit")) r.engine_commit = rd.string(engine, "commit", "sealed.engine");
    if (engine.contains("compiler")) r.engine_compiler = rd.string(engine, "compiler", "sealed.engine");
    if (s.contains("kind")) {
        std::string kind = rd.string(s, "kind", "sealed");
        if (kind != "audit")
            throw InputError(Error{SourceLoc{source, 0, 0},
                                   fmt::format("record kind \"{}\" is not one this assay reads (\"audit\", or none "
                                               "for a run)",
                                               kind)});
        r.kind = RecordKind::audit;
    }
    const bool audit = r.kind == RecordKind::audit;
    const json& options = rd.object(s, "options", "sealed");
    if (audit) {
        r.audit_rounding = rd.string(options, "rounding", "sealed.options");
    } else {
        r.as_at_requested = rd.string(options, "as_at", "sealed.options");
        r.explain = rd.boolean(options, "explain", "sealed.options");
        r.check_published = rd.boolean(options, "check_published", "sealed.options");
    }
    // An audit made without rules has a null pack.
    if (!audit || !s.contains("pack") || !s["pack"].is_null()) {
        const json& pack = rd.object(s, "pack", "sealed");
        r.pack_name = rd.string(pack, "name", "sealed.pack");
        r.pack_version = rd.string(pack, "version", "sealed.pack");
        r.pack_sha256 = rd.string(pack, "sha256", "sealed.pack");
        r.pack_files = rd.files(pack, "sealed.pack");
    }
    const json& data = rd.object(s, "dataset", "sealed");
    r.dataset_name = rd.string(data, "name", "sealed.dataset");
    std::string layout = rd.string(data, "layout", "sealed.dataset");
    if (layout != "file" && layout != "folder")
        throw InputError(Error{SourceLoc{source, 0, 0},
                               "not a valid run record: sealed.dataset.layout should be \"file\" or \"folder\""});
    r.dataset_is_file = layout == "file";
    r.dataset_sha256 = rd.string(data, "sha256", "sealed.dataset");
    r.dataset_files = rd.files(data, "sealed.dataset");
    const char* part = audit ? "audit" : "outcome";
    const std::string at = std::string("sealed.") + part;
    const json& outcome = rd.object(s, part, "sealed");
    if (!audit) r.as_at = rd.string(outcome, "as_at", at);
    r.outcome_sha256 = rd.string(outcome, "sha256", at);
    r.outcome = rd.bytes(outcome, at);
    return r;
}

}  // namespace assay::audit
