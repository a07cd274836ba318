// Reading a record and verifying it before anything is trusted: the seal
// over the canonical sealed part, then each file's SHA-256 and size, the
// pack and dataset digests, the outcome's SHA-256, and that the outcome
// names exactly these inputs and this engine version.
#include "audit/encoding.hpp"
#include "audit/json_text.hpp"
#include "audit/record_json.hpp"
#include "report/outcome_record.hpp"

#include <assay/hash.hpp>
#include <assay/io.hpp>
#include <assay/record.hpp>

#include <fmt/format.h>

#include <map>

namespace assay {
namespace {

using nlohmann::json;

[[noreturn]] void altered(const std::string& source, const std::string& what) {
    throw InputError(Error{SourceLoc{source, 0, 0}, "the record has been altered: " + what});
}

void check_files(const std::vector<RecordFile>& files, const std::string& digest, const char* what,
                 const std::string& source) {
    for (const RecordFile& f : files) {
        std::string actual = sha256_hex(f.content);
        if (actual != f.sha256)
            altered(source,
                    fmt::format("{} file {} hashes to {}, but the record says {}", what, f.name, actual, f.sha256));
    }
    std::string actual = audit::files_digest(files);
    if (actual != digest)
        altered(source, fmt::format("the {} files' digest is {}, but the record says {}", what, actual, digest));
}

/// The outcome must name the recorded inputs and engine: a record whose seal
/// holds but whose parts were put together from different runs is refused.
void check_outcome_names_inputs(const RunRecord& r, const std::string& source) {
    const outcome_record::Header h =
        outcome_record::read_header(audit::parse_json(r.outcome, source + " (its outcome)"));
    auto expect = [&](const std::optional<std::string>& got, const std::string& want, const char* what) {
        if (got != want)
            altered(source, fmt::format("its outcome gives {} {}, but the record says {}", what,
                                        got.value_or("(absent)"), want));
    };
    expect(h.engine_version, r.engine_version, "engine version");
    expect(h.pack.name, r.pack_name, "pack name");
    expect(h.pack.sha256, r.pack_sha256, "pack SHA-256");
    expect(h.as_at, r.as_at, "as-at");
    if (!h.datasets || h.datasets->size() != 1) altered(source, "its outcome does not name one dataset");
    expect(h.datasets->front().name, r.dataset_name, "dataset name");
    expect(h.datasets->front().sha256, r.dataset_sha256, "dataset SHA-256");
}

/// An audit record's audit must name its inputs: every dataset file it lists
/// with the SHA-256 the record holds, and the recorded rules (or none).
void check_audit_names_inputs(const RunRecord& r, const std::string& source) {
    const json a = audit::parse_json(r.outcome, source + " (its audit)");
    auto str = [](const json& o, const char* key) {
        return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
    };
    if (!a.is_object() || !a.contains("assay_audit") || !a.contains("dataset") || !a.contains("rules"))
        altered(source, "its audit is not an audit of assay audit --format json");
    if (str(a["assay_audit"], "version") != r.engine_version)
        altered(source, fmt::format("its audit gives engine version {}, but the record says {}",
                                    str(a["assay_audit"], "version"), r.engine_version));
    std::map<std::string, std::string> held;
    for (const RecordFile& f : r.dataset_files) held[f.name] = f.sha256;
    const json& files = a["dataset"].is_object() ? a["dataset"].value("files", json::array()) : json::array();
    if (!files.is_array() || files.empty()) altered(source, "its audit names no dataset files");
    for (const json& f : files) {
        std::string name = str(f, "name"), sha = str(f, "sha256");
        auto it = held.find(name);
        if (it == held.end())
            altered(source, fmt::format("its audit names dataset file {}, which the record lacks", name));
        if (it->second != sha)
            altered(source, fmt::format("its audit gives dataset file {} SHA-256 {}, but the record holds {}", name,
                                        sha, it->second));
    }
    const json& rules = a["rules"];
    if (rules.is_null() != r.pack_files.empty())
        altered(source, rules.is_null() ? "its audit was made without rules, but the record holds a pack"
                                        : "its audit names rules, but the record holds no pack");
    if (!rules.is_null() && (str(rules, "name") != r.pack_name || str(rules, "sha256") != r.pack_sha256))
        altered(source, fmt::format("its audit names the rules {} ({}), but the record holds {} ({})",
                                    str(rules, "name"), str(rules, "sha256"), r.pack_name, r.pack_sha256));
}

}  // namespace

bool is_record_text(std::string_view text) {
    // A record opens with its sealed part; a JSON outcome record with "assay".
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
    if (i >= text.size() || text[i] != '{') return false;
    try {
        json j = json::parse(text);
        return j.is_object() && j.contains("sealed");
    } catch (const json::exception&) {
        return false;
    }
}

RunRecord parse_record(std::string_view text, const std::string& source) {
    json j = audit::parse_json(text, source);
    if (!j.is_object() || !j.contains("sealed") || !j["sealed"].is_object() || !j.contains("sha256") ||
        !j["sha256"].is_string())
        throw InputError(Error{SourceLoc{source, 0, 0},
                               "not a run record: expected an object with \"sealed\" and \"sha256\" "
                               "(written by assay run --record)"});
    std::string claimed = j["sha256"].get<std::string>();
    std::string actual = sha256_hex(audit::canonical(j["sealed"]));

    // The parts are checked before the seal, so that an edit names the
    // embedded file or the outcome it touched rather than the seal alone.
    RunRecord r;
    try {
        r = audit::record_from_sealed(j["sealed"], source);
    } catch (const InputError&) {
        if (actual != claimed)
            altered(source, fmt::format("its sealed part hashes to {}, but the record says {}", actual, claimed));
        throw;
    }
    r.sha256 = claimed;
    if (j.contains("written_at") && j["written_at"].is_string()) r.written_at = j["written_at"].get<std::string>();
    if (j.contains("signatures")) r.signatures = audit::signatures_from_json(j["signatures"], source);
    r.dataset_label = r.dataset_name;
    if (j.contains("dataset_label") && j["dataset_label"].is_string() && !j["dataset_label"].get<std::string>().empty())
        r.dataset_label = j["dataset_label"].get<std::string>();
    if (r.kind == RecordKind::run || !r.pack_files.empty() || !r.pack_sha256.empty())
        check_files(r.pack_files, r.pack_sha256, "pack", source);
    check_files(r.dataset_files, r.dataset_sha256, "dataset", source);
    std::string outcome_hash = sha256_hex(r.outcome);
    if (outcome_hash != r.outcome_sha256)
        altered(source, fmt::format("its {} hashes to {}, but the record says {}",
                                    r.kind == RecordKind::audit ? "audit" : "outcome", outcome_hash, r.outcome_sha256));
    if (actual != claimed) {
        // Every part is consistent: a field outside the files' and outcome's
        // hashes changed. A signature's statement (checked for authenticity
        // only with --trust) still says which.
        RunRecord now = r;
        now.sha256 = actual;
        std::vector<std::string> changed = audit::changes_since_signed(now);
        altered(source, fmt::format("its sealed part hashes to {}, but the record says {}{}", actual, claimed,
                                    changed.empty() ? std::string()
                                                    : fmt::format(" (against what its signature states: {})",
                                                                  fmt::join(changed, "; "))));
    }
    if (r.kind == RecordKind::audit)
        check_audit_names_inputs(r, source);
    else
        check_outcome_names_inputs(r, source);
    return r;
}

RunRecord read_record(const std::filesystem::path& path) {
    return parse_record(read_file(path), path.string());
}

}  // namespace assay
