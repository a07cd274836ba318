// Signed records. A signature covers a statement of what the record holds —
// its seal, the time written, the dataset's label, the engine, the options,
// each file's name and SHA-256 and the outcome's — in canonical JSON, so that
// a record altered and re-sealed after signing is refused with the file or
// field that changed named, not just "the seal differs".
#include "audit/encoding.hpp"
#include "audit/record_json.hpp"

#include <assay/record.hpp>
#include <assay/signing.hpp>

#include <fmt/format.h>

#include <map>

namespace assay {
namespace {

using nlohmann::json;

constexpr std::string_view domain = "assay-record-signature-1\n";

json files_statement(const std::vector<RecordFile>& files) {
    json arr = json::array();
    for (const RecordFile& f : files) arr.push_back({{"name", f.name}, {"sha256", f.sha256}});
    return arr;
}

/// What a signature vouches for, as JSON.
json statement_json(const RunRecord& r) {
    if (r.kind == RecordKind::audit)
        return json{
            {"kind", "audit"},
            {"seal", r.sha256},
            {"written_at", r.written_at},
            {"dataset_label", r.dataset_label},
            {"engine",
             {{"assay", r.engine_version},
              {"commit", r.engine_commit},
              {"compiler", r.engine_compiler},
              {"lua", r.lua_release}}},
            {"options", {{"rounding", r.audit_rounding}}},
            {"pack", r.pack_files.empty() ? json(nullptr)
                                          : json{{"name", r.pack_name},
                                                 {"version", r.pack_version},
                                                 {"sha256", r.pack_sha256},
                                                 {"files", files_statement(r.pack_files)}}},
            {"dataset",
             {{"name", r.dataset_name},
              {"layout", r.dataset_is_file ? "file" : "folder"},
              {"sha256", r.dataset_sha256},
              {"files", files_statement(r.dataset_files)}}},
            {"audit", {{"sha256", r.outcome_sha256}}},
        };
    return json{
        {"seal", r.sha256},
        {"written_at", r.written_at},
        {"dataset_label", r.dataset_label},
        {"engine",
         {{"assay", r.engine_version},
          {"commit", r.engine_commit},
          {"compiler", r.engine_compiler},
          {"lua", r.lua_release}}},
        {"options", {{"as_at", r.as_at_requested}, {"explain", r.explain}, {"check_published", r.check_published}}},
        {"pack",
         {{"name", r.pack_name},
          {"version", r.pack_version},
          {"sha256", r.pack_sha256},
          {"files", files_statement(r.pack_files)}}},
        {"dataset",
         {{"name", r.dataset_name},
          {"layout", r.dataset_is_file ? "file" : "folder"},
          {"sha256", r.dataset_sha256},
          {"files", files_statement(r.dataset_files)}}},
        {"outcome", {{"as_at", r.as_at}, {"sha256", r.outcome_sha256}}},
    };
}

std::string text_of(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

std::string short_of(const std::string& s) {
    return s.size() == 64 ? s.substr(0, 12) + "…" : s;
}

/// What differs between what was signed and what the record holds now.
void compare_files(const json& was, const json& now, const std::string& what, std::vector<std::string>& out) {
    std::map<std::string, std::string> a, b;
    if (was.is_array())
        for (const json& f : was)
            if (f.is_object()) a[text_of(f.value("name", json()))] = text_of(f.value("sha256", json()));
    if (now.is_array())
        for (const json& f : now) b[text_of(f["name"])] = text_of(f["sha256"]);
    for (const auto& [name, sha] : a) {
        auto it = b.find(name);
        if (it == b.end())
            out.push_back(fmt::format("{} file {} was removed", what, name));
        else if (it->second != sha)
            out.push_back(fmt::format("{} file {} changed (SHA-256 {} when signed, {} now)", what, name, short_of(sha),
                                      short_of(it->second)));
    }
    for (const auto& [name, sha] : b)
        if (!a.count(name)) out.push_back(fmt::format("{} file {} was added", what, name));
}

void compare(const json& was, const json& now, const std::string& path, std::vector<std::string>& out) {
    if (was == now) return;
    if (path == "pack.files" || path == "dataset.files") {
        compare_files(was, now, path.substr(0, path.find('.')), out);
        return;
    }
    if (was.is_object() && now.is_object()) {
        for (const auto& [k, v] : now.items())
            compare(was.contains(k) ? was[k] : json(), v, path.empty() ? k : path + "." + k, out);
        return;
    }
    out.push_back(fmt::format("{} was {} when signed, {} now", path, short_of(text_of(was)), short_of(text_of(now))));
}

}  // namespace

void sign_record(RunRecord& r, const Signer& signer) {
    RecordSignature s;
    s.key = signer.key_id();
    s.public_key = signer.public_key();
    s.statement = audit::canonical(statement_json(r));
    s.signature = signer.sign(std::string(domain) + s.statement);
    // One signature per key: signing again replaces the key's earlier one.
    std::erase_if(r.signatures, [&](const RecordSignature& old) { return old.key == s.key; });
    r.signatures.push_back(std::move(s));
}

TrustCheck check_record_trust(const RunRecord& r, const std::vector<TrustedKey>& trusted) {
    TrustCheck check;
    json now = statement_json(r);
    std::vector<std::string> others;
    for (const RecordSignature& s : r.signatures) {
        const TrustedKey* key = nullptr;
        for (const TrustedKey& k : trusted)
            if (k.key_id() == s.key) key = &k;
        if (!key) {
            others.push_back(s.key);
            continue;
        }
        if (!key->verify(std::string(domain) + s.statement, s.signature)) {
            check.problems.push_back(
                fmt::format("the signature of {} does not verify: the signature or the statement "
                            "it covers was edited",
                            s.key));
            continue;
        }
        json was;
        try {
            was = json::parse(s.statement);
        } catch (const json::exception&) {
            check.problems.push_back(fmt::format("the statement {} signed is not JSON", s.key));
            continue;
        }
        std::vector<std::string> changed;
        compare(was, now, "", changed);
        if (changed.empty()) {
            check.signed_by.push_back(s.key);
            continue;
        }
        check.problems.push_back(
            fmt::format("the record was changed after {} signed it: {}", s.key, fmt::join(changed, "; ")));
    }
    if (check.signed_by.empty() && check.problems.empty()) {
        std::vector<std::string> ids;
        for (const TrustedKey& k : trusted) ids.push_back(k.key_id());
        check.problems.push_back(others.empty()
                                     ? fmt::format("the record is not signed (trusted: {})", fmt::join(ids, ", "))
                                     : fmt::format("the record is signed by {}, not by a trusted key ({})",
                                                   fmt::join(others, ", "), fmt::join(ids, ", ")));
    }
    return check;
}

namespace audit {

std::vector<std::string> changes_since_signed(const RunRecord& r) {
    std::vector<std::string> changed;
    if (r.signatures.empty()) return changed;
    try {
        compare(json::parse(r.signatures.front().statement), statement_json(r), "", changed);
    } catch (const json::exception&) {
        changed.clear();
    }
    return changed;
}

std::string signatures_text(const std::vector<RecordSignature>& signatures) {
    json arr = json::array();
    for (const RecordSignature& s : signatures)
        arr.push_back(
            {{"key", s.key}, {"public_key", s.public_key}, {"signed", s.statement}, {"signature", s.signature}});
    return canonical(arr);
}

std::vector<RecordSignature> signatures_from_json(const json& signatures, const std::string& source) {
    auto bad = [&](const std::string& what) {
        throw InputError(Error{SourceLoc{source, 0, 0}, "not a valid run record: signatures" + what});
    };
    if (!signatures.is_array()) bad(" should be an array");
    std::vector<RecordSignature> out;
    for (size_t i = 0; i < signatures.size(); ++i) {
        const json& s = signatures[i];
        auto field = [&](const char* key) {
            if (!s.is_object() || !s.contains(key) || !s[key].is_string())
                bad(fmt::format("[{}].{} should be a string", i, key));
            return s[key].get<std::string>();
        };
        out.push_back(RecordSignature{field("key"), field("public_key"), field("signed"), field("signature")});
    }
    return out;
}

}  // namespace audit
}  // namespace assay
