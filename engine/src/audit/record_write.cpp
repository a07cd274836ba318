// Making and writing run records: the inputs are read again from disk and
// must still hash to what the run pinned, then sealed with one SHA-256 over
// the canonical form of everything but the time of writing.
#include "audit/encoding.hpp"
#include "audit/record_json.hpp"
#include "report/common.hpp"
#include "report/renderers.hpp"

#include <assay/audit.hpp>
#include <assay/hash.hpp>
#include <assay/io.hpp>
#include <assay/pack.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>

#include <fmt/format.h>

#include <ctime>

namespace assay {
namespace {

namespace fs = std::filesystem;

/// The bytes of each pinned file, checked against the hash the run pinned.
std::vector<RecordFile> reread(const std::vector<InputFile>& pinned, const fs::path& dir, const fs::path* single_file,
                               std::string_view what) {
    std::vector<RecordFile> out;
    out.reserve(pinned.size());
    for (const InputFile& f : pinned) {
        fs::path p = single_file ? *single_file : dir / f.name;
        RecordFile rf{f.name, "", read_file(p)};
        rf.sha256 = sha256_hex(rf.content);
        if (rf.sha256 != f.sha256)
            throw InputError(Error{SourceLoc{p.string(), 0, 0},
                                   fmt::format("the {} file changed while assay ran (SHA-256 {} when read, {} now): "
                                               "run again",
                                               what, f.sha256, rf.sha256)});
        out.push_back(std::move(rf));
    }
    return out;
}

/// make_record; with `spans`, each outcome's place in the record's outcome
/// text (see reporting::render_json).
RunRecord make_run_record(const Pack& pack, const Dataset& dataset, const fs::path& dataset_path,
                          const AssessOptions& options, const Assessment& result,
                          std::vector<std::pair<size_t, size_t>>* spans) {
    if (options.check_published && !result.audited) {
        // The record holds what replay gives: the audit's errors among the checks.
        Assessment audited = result;
        add_audit_checks(audited, dataset_path);
        return make_run_record(pack, dataset, dataset_path, options, audited, spans);
    }
    RunRecord r;
    EngineIdentity engine = engine_identity();
    r.engine_version = engine.version;
    r.lua_release = engine.lua;
    r.engine_commit = engine.commit;
    r.engine_compiler = engine.compiler;
    r.as_at_requested = options.as_at;
    r.explain = options.explain;
    r.check_published = options.check_published;
    r.pack_name = pack.name;
    r.pack_version = pack.version;
    r.pack_files = reread(pack.files, pack.dir, nullptr, "pack");
    r.pack_sha256 = audit::files_digest(r.pack_files);
    std::error_code ec;
    r.dataset_is_file = !fs::is_directory(dataset_path, ec);
    r.dataset_label = dataset.name;
    // A single file's name is one of the dataset's file names (content); a
    // folder's name is not, so the sealed outcome calls the dataset by a
    // fixed name and the folder's name stays outside the seal as a label.
    r.dataset_name = r.dataset_is_file ? dataset.name : std::string(sealed_dataset_name);
    r.dataset_files = reread(dataset.files, dataset_path, r.dataset_is_file ? &dataset_path : nullptr, "dataset");
    r.dataset_sha256 = audit::files_digest(r.dataset_files);
    r.as_at = result.as_at;
    reporting::require_inputs(result);
    if (result.dataset->name == r.dataset_name) {
        r.outcome = reporting::render_json(result, spans);
    } else {
        Dataset named = *result.dataset;
        named.name = r.dataset_name;
        Assessment sealed_view = result;
        sealed_view.dataset = &named;
        r.outcome = reporting::render_json(sealed_view, spans);
    }
    r.outcome_sha256 = sha256_hex(r.outcome);
    r.sha256 = sha256_hex(audit::canonical(audit::sealed_json(r)));
    r.written_at = utc_timestamp();
    return r;
}

}  // namespace

RunRecord make_record(const Pack& pack, const Dataset& dataset, const fs::path& dataset_path,
                      const AssessOptions& options, const Assessment& result) {
    return make_run_record(pack, dataset, dataset_path, options, result, nullptr);
}

RecordShard make_record_shard(const Pack& pack, const Dataset& dataset, const fs::path& dataset_path,
                              const AssessOptions& options, const Assessment& result, unsigned k, unsigned n,
                              const std::function<bool(uint64_t position)>& in_shard) {
    std::vector<std::pair<size_t, size_t>> spans;
    RunRecord whole = make_run_record(pack, dataset, dataset_path, options, result, &spans);
    RecordShard shard;
    shard.k = k;
    shard.n = n;
    shard.total = spans.size();
    shard.seal = whole.sha256;
    std::string text = std::move(whole.outcome);
    shard.base = std::move(whole);  // the inputs, whole, are not copied
    if (spans.empty()) {
        shard.base.outcome = std::move(text);
    } else {
        // The base keeps the text around the outcomes: "... "outcomes": [" and "\n  ], "groups" ...".
        shard.base.outcome = text.substr(0, spans.front().first) + text.substr(spans.back().second);
        for (size_t i = 0; i < spans.size(); ++i) {
            size_t begin = spans[i].first + (i > 0 ? 1 : 0);  // the ',' between outcomes is the merge's to put back
            if ((i > 0 && text[spans[i].first] != ',') || text.compare(begin, 6, "\n    {") != 0)
                throw std::logic_error("make_record_shard: an outcome's text does not open as the record writes it");
            if (in_shard(i)) shard.outcomes.emplace_back(i, text.substr(begin, spans[i].second - begin));
        }
    }
    shard.base.outcome_sha256 = sha256_hex(shard.base.outcome);
    shard.base.sha256 = sha256_hex(audit::canonical(audit::sealed_json(shard.base)));
    return shard;
}

RunRecord make_audit_record(const Dataset& dataset, const fs::path& dataset_path, const Pack* pack,
                            const std::string& rounding, const std::string& audit_json) {
    RunRecord r;
    r.kind = RecordKind::audit;
    EngineIdentity engine = engine_identity();
    r.engine_version = engine.version;
    r.lua_release = engine.lua;
    r.engine_commit = engine.commit;
    r.engine_compiler = engine.compiler;
    r.audit_rounding = rounding;
    if (pack) {
        r.pack_name = pack->name;
        r.pack_version = pack->version;
        r.pack_files = reread(pack->files, pack->dir, nullptr, "pack");
        r.pack_sha256 = audit::files_digest(r.pack_files);
    }
    std::error_code ec;
    r.dataset_is_file = !fs::is_directory(dataset_path, ec);
    r.dataset_label = dataset.name;
    r.dataset_name = r.dataset_is_file ? dataset.name : std::string(sealed_dataset_name);
    r.dataset_files = reread(dataset.files, dataset_path, r.dataset_is_file ? &dataset_path : nullptr, "dataset");
    // The audit also reads the totals a report published, which the loader does not.
    const std::string totals = "published_totals.csv";
    bool have_totals = false;
    for (const RecordFile& f : r.dataset_files) have_totals |= f.name == totals;
    if (!r.dataset_is_file && !have_totals && fs::is_regular_file(dataset_path / totals, ec)) {
        RecordFile f{totals, "", read_file(dataset_path / totals)};
        f.sha256 = sha256_hex(f.content);
        r.dataset_files.push_back(std::move(f));
    }
    r.dataset_sha256 = audit::files_digest(r.dataset_files);
    r.outcome = audit_json;
    r.outcome_sha256 = sha256_hex(r.outcome);
    r.sha256 = sha256_hex(audit::canonical(audit::sealed_json(r)));
    r.written_at = utc_timestamp();
    return r;
}

std::string record_text(const RunRecord& r) {
    // One key per line, the sealed part in its canonical form on its own line
    // so that `sed -n 2p` | sha256sum can check the seal by hand.
    // The seal is recomputed, so the text is always consistent with its content.
    std::string sealed = audit::canonical(audit::sealed_json(r));
    std::string text = fmt::format("{{\n\"sealed\": {},\n\"sha256\": \"{}\",\n\"written_at\": \"{}\"", sealed,
                                   sha256_hex(sealed), r.written_at);
    if (!r.dataset_label.empty() && r.dataset_label != r.dataset_name)
        text += ",\n\"dataset_label\": " + audit::canonical(nlohmann::json(r.dataset_label));
    if (!r.signatures.empty()) text += ",\n\"signatures\": " + audit::signatures_text(r.signatures);
    return text + "\n}\n";
}

void write_record(const fs::path& path, const RunRecord& record) {
    write_file_atomic(path, record_text(record));
}

std::string utc_timestamp() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                       tm.tm_min, tm.tm_sec);
}

}  // namespace assay
