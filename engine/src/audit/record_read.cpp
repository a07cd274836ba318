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
    check_files(r.pack_files, r.pack_sha256, "pack", source);
    check_files(r.dataset_files, r.dataset_sha256, "dataset", source);
    std::string outcome_hash = sha256_hex(r.outcome);
    if (outcome_hash != r.outcome_sha256)
        altered(source,
                fmt::format("its outcome hashes to {}, but the record says {}", outcome_hash, r.outcome_sha256));
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
    check_outcome_names_inputs(r, source);
    return r;
}

RunRecord read_record(const std::filesystem::path& path) {
    return parse_record(read_file(path), path.string());
}

}  // namespace assay
