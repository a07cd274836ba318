// Evidence bundles (see assay/bundle.hpp). Writing: the records and the
// history are verified first, then the entries go into a zip (libzip) with
// fixed times, so the same evidence bundles to the same bytes, and the zip is
// written atomically. Reading treats the zip as hostile: a known, fixed set
// of plain entry names, each at most once, and limits on entries, sizes and
// compression ratio, checked while inflating.
#include "audit/encoding.hpp"
#include "audit/json_text.hpp"
#include "audit/materialise.hpp"

#include <assay/bundle.hpp>
#include <assay/hash.hpp>
#include <assay/history.hpp>
#include <assay/io.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>

#include <fmt/format.h>

#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace assay {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* manifest_name = "manifest.json";
constexpr const char* signature_name = "manifest.sig.json";
constexpr const char* run_name = "run-record.json";
constexpr const char* audit_name = "audit-record.json";
constexpr const char* history_name = "history.json";
constexpr const char* report_name = "report.html";
constexpr const char* verification_name = "verification.txt";
constexpr std::string_view manifest_domain = "assay-bundle-manifest-1\n";

/// Every name a bundle may hold.
const std::set<std::string>& known_names() {
    static const std::set<std::string> names{manifest_name, signature_name, run_name,         audit_name,
                                             history_name,  report_name,    verification_name};
    return names;
}

/// "ed25519:0123abcd… (public key SHA-256 <64 hex>)": the key and its full fingerprint.
std::string fingerprint(const std::string& key_id, const std::string& public_key_base64) {
    bool ok = false;
    std::string raw = signing_unbase64(public_key_base64, ok);
    return ok ? fmt::format("{} (public key SHA-256 {})", key_id, sha256_hex(raw)) : key_id;
}

/// The trusted key with id `key_id`, or null.
const TrustedKey* trusted_key(const std::vector<TrustedKey>& trusted, const std::string& key_id) {
    for (const TrustedKey& k : trusted)
        if (k.key_id() == key_id) return &k;
    return nullptr;
}

// ---- the history excerpt ----

json excerpt_json(const History& history) {
    std::vector<HistoryEntry> rows = history.list();
    std::vector<HeadSignature> sigs = history.head_signatures();
    int64_t last_signed = 0;
    for (const HeadSignature& s : sigs) last_signed = std::max(last_signed, s.row);
    int64_t upto = last_signed > 0 ? last_signed : (rows.empty() ? 0 : rows.back().id);
    json out_rows = json::array();
    for (const HistoryEntry& e : rows) {
        if (e.id > upto) break;
        out_rows.push_back({{"id", e.id},
                            {"kind", e.kind},
                            {"recorded_at", e.recorded_at},
                            {"engine", e.engine},
                            {"pack", e.pack},
                            {"pack_version", e.pack_version},
                            {"pack_sha256", e.pack_sha256},
                            {"dataset", e.dataset},
                            {"dataset_sha256", e.dataset_sha256},
                            {"as_at", e.as_at},
                            {"ratings", e.ratings},
                            {"themes", e.themes},
                            {"record_sha256", e.record_sha256},
                            {"prev_hash", e.prev_hash},
                            {"row_hash", e.row_hash}});
    }
    json out_sigs = json::array();
    for (const HeadSignature& s : sigs)
        if (s.row <= upto)
            out_sigs.push_back({{"row", s.row},
                                {"row_hash", s.row_hash},
                                {"key", s.key},
                                {"public_key", s.public_key},
                                {"signature", s.signature},
                                {"signed_at", s.signed_at}});
    return {{"rows", std::move(out_rows)}, {"signatures", std::move(out_sigs)}};
}

/// Checks an excerpt: row hashes, the chain from the first row, the head
/// signatures, and that the records' seals are rows of it.
void check_excerpt(const std::string& text, const std::vector<TrustedKey>& trusted,
                   const std::vector<std::string>& seals, BundleCheck& check) {
    const std::string entry = history_name;
    auto problem = [&](const std::string& m) { check.problems.push_back(entry + ": " + m); };
    json j;
    try {
        j = audit::parse_json(text, entry);
    } catch (const InputError& e) {
        problem(e.error().message);
        return;
    }
    if (!j.is_object() || !j.contains("rows") || !j["rows"].is_array() || !j.contains("signatures") ||
        !j["signatures"].is_array()) {
        problem("expected an object with \"rows\" and \"signatures\" arrays");
        return;
    }
    std::string expected(64, '0');
    int64_t next = 1;
    std::map<int64_t, std::string> hash_of;
    std::set<std::string> held;
    for (const json& r : j["rows"]) {
        auto s = [&](const char* k) {
            return r.is_object() && r.contains(k) && r[k].is_string() ? r[k].get<std::string>() : std::string();
        };
        HistoryEntry e;
        e.id = r.is_object() && r.contains("id") && r["id"].is_number_integer() ? r["id"].get<int64_t>() : -1;
        e.kind = s("kind");
        e.recorded_at = s("recorded_at");
        e.engine = s("engine");
        e.pack = s("pack");
        e.pack_version = s("pack_version");
        e.pack_sha256 = s("pack_sha256");
        e.dataset = s("dataset");
        e.dataset_sha256 = s("dataset_sha256");
        e.as_at = s("as_at");
        e.ratings = s("ratings");
        e.themes = s("themes");
        e.record_sha256 = s("record_sha256");
        e.prev_hash = s("prev_hash");
        e.row_hash = s("row_hash");
        if (e.id != next) {
            problem(
                fmt::format("row {} follows row {}: the excerpt is not the chain from its first row", e.id, next - 1));
            return;
        }
        if (history_row_hash(e) != e.row_hash)
            problem(
                fmt::format("row {} was edited: its fields no longer give its "
                            "row hash",
                            e.id));
        if (e.prev_hash != expected)
            problem(fmt::format("row {} does not follow row {}: the chain is broken", e.id, e.id - 1));
        expected = e.row_hash;
        hash_of[e.id] = e.row_hash;
        held.insert(e.record_sha256);
        ++next;
    }
    if (hash_of.empty()) {
        problem("holds no rows");
        return;
    }
    check.passed.push_back(fmt::format("{}: rows 1 to {}, chain intact; head {}", entry, next - 1, expected));
    for (const std::string& seal : seals)
        if (!held.count(seal)) problem(fmt::format("no row holds the record sealed {}", seal));

    int64_t signed_row = 0;
    std::vector<std::string> signers;
    for (const json& s : j["signatures"]) {
        auto f = [&](const char* k) {
            return s.is_object() && s.contains(k) && s[k].is_string() ? s[k].get<std::string>() : std::string();
        };
        int64_t row = s.is_object() && s.contains("row") && s["row"].is_number_integer() ? s["row"].get<int64_t>() : 0;
        const TrustedKey* key = trusted_key(trusted, f("key"));
        if (!key) continue;
        if (f("public_key") != key->public_key()) {
            problem(
                fmt::format("the signature on the head at row {} names {} with a public key that is not the "
                            "trusted key's",
                            row, f("key")));
            continue;
        }
        if (!key->verify(history_head_statement(row, f("row_hash")), f("signature"))) {
            problem(fmt::format("the signature of {} on the head at row {} does not verify", f("key"), row));
            continue;
        }
        auto it = hash_of.find(row);
        if (it == hash_of.end() || it->second != f("row_hash")) {
            problem(
                fmt::format("row {} was signed by {} as the head with row hash {}, which the excerpt does not "
                            "hold: re-chained or cut back",
                            row, f("key"), f("row_hash").substr(0, 12)));
            continue;
        }
        signed_row = std::max(signed_row, row);
        std::string who = fingerprint(key->key_id(), key->public_key());
        if (std::find(signers.begin(), signers.end(), who) == signers.end()) signers.push_back(who);
    }
    if (trusted.empty()) return;
    if (signed_row == 0)
        problem("no head in the excerpt is signed by a trusted key");
    else if (signed_row != next - 1)
        problem(fmt::format("rows {} to {} follow the last head a trusted key signed (row {})", signed_row + 1,
                            next - 1, signed_row));
    else
        check.passed.push_back(
            fmt::format("{}: head at row {} signed by {} (trusted)", entry, signed_row, fmt::join(signers, ", ")));
}

// ---- zip in and out ----

/// Writes `entries` (name, bytes) as a zip at `path` with fixed times.
void write_zip(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& entries) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) throw Fatal(fmt::format("{}: cannot create the bundle (libzip error {})", path.string(), err));
    for (const auto& [name, bytes] : entries) {
        zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        zip_int64_t at = src ? zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
        if (at < 0) {
            if (src) zip_source_free(src);
            std::string why = zip_strerror(z);
            zip_discard(z);
            throw Fatal(fmt::format("{}: cannot add {} to the bundle: {}", path.string(), name, why));
        }
        // 1980-01-01 00:00 written as a DOS date and time, which libzip
        // stores as given: a time_t would pass through the local time zone,
        // and bundles made in two zones would differ.
        constexpr zip_uint16_t dos_time = 0, dos_date = (0 << 9) | (1 << 5) | 1;
        zip_file_set_dostime(z, static_cast<zip_uint64_t>(at), dos_time, dos_date, 0);
    }
    if (zip_close(z) != 0) {
        std::string why = zip_strerror(z);
        zip_discard(z);
        throw Fatal(fmt::format("{}: cannot write the bundle: {}", path.string(), why));
    }
}

/// A name an entry may have: plain (no folder, no "..", not absolute) and one of the known names.
void check_name(const std::string& bundle, const std::string& name) {
    auto refuse = [&](const std::string& why) {
        throw InputError(Error{SourceLoc{bundle, 0, 0}, fmt::format("entry \"{}\" {}: refused", name, why)});
    };
    if (name.empty()) refuse("has no name");
    if (name.find("..") != std::string::npos) refuse("has \"..\" in its name");
    if (name.front() == '/' || name.front() == '\\' || (name.size() > 1 && name[1] == ':'))
        refuse("has an absolute path");
    if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos)
        refuse("is inside a folder; a bundle's entries are plain names");
    if (!known_names().count(name))
        refuse(fmt::format("is not an entry a bundle holds (expected {})", fmt::join(known_names(), ", ")));
}

/// The entries of a bundle, read under the limits.
std::map<std::string, std::string> read_zip(const fs::path& path, const BundleLimits& limits) {
    const std::string name = path.string();
    auto fail = [&](const std::string& why) { throw InputError(Error{SourceLoc{name, 0, 0}, why}); };
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!z && err == ZIP_ER_EXISTS)  // without ZIP_EXCL, libzip says this of a duplicate entry name
        fail("two entries have the same name: refused");
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, err);
        std::string why = zip_error_strerror(&e);
        zip_error_fini(&e);
        fail(fmt::format("not an evidence bundle: cannot open it as a zip archive ({})", why));
    }
    std::unique_ptr<zip_t, void (*)(zip_t*)> closing(z, zip_discard);
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n < 0 || n > limits.max_entries)
        fail(fmt::format("holds {} entries, more than a bundle may ({})", n, limits.max_entries));
    std::map<std::string, std::string> out;
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(z, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            fail(fmt::format("entry {} cannot be read: {}", i + 1, zip_strerror(z)));
        std::string entry = st.name;
        check_name(name, entry);
        if (out.count(entry)) fail(fmt::format("entry \"{}\" appears twice: refused", entry));
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            fail(fmt::format("entry \"{}\" is encrypted: refused", entry));
        if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_entry_bytes)
            fail(fmt::format("entry \"{}\" inflates to {} bytes, more than an entry may ({})", entry, st.size,
                             limits.max_entry_bytes));
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        if (!f) fail(fmt::format("entry \"{}\" cannot be opened: {}", entry, zip_strerror(z)));
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> fclosing(f, zip_fclose);
        const uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
        std::string bytes;
        char buf[1 << 16];
        for (;;) {
            zip_int64_t got = zip_fread(f, buf, sizeof buf);
            if (got < 0) fail(fmt::format("entry \"{}\" cannot be inflated: {}", entry, zip_file_strerror(f)));
            if (got == 0) break;
            bytes.append(buf, static_cast<size_t>(got));
            total += static_cast<uint64_t>(got);
            if (bytes.size() > limits.max_entry_bytes)
                fail(fmt::format("entry \"{}\" inflates to more than an entry may ({} bytes)", entry,
                                 limits.max_entry_bytes));
            if (total > limits.max_total_bytes)
                fail(fmt::format("the entries inflate to more than a bundle may ({} bytes)", limits.max_total_bytes));
            if (bytes.size() > (1u << 20) && bytes.size() / std::max<uint64_t>(compressed, 1) > limits.max_ratio)
                fail(fmt::format("entry \"{}\" inflates more than {} times its compressed size: refused as a zip bomb",
                                 entry, limits.max_ratio));
        }
        out.emplace(entry, std::move(bytes));
    }
    return out;
}

// ---- verification, shared by writing and reading ----

/// Checks one record: seal (InputError otherwise), trusted signatures, replay. Returns it.
std::optional<RunRecord> check_record(const std::string& entry, const std::string& text,
                                      const std::vector<TrustedKey>& trusted, BundleCheck& check) {
    RunRecord r;
    try {
        r = parse_record(text, entry);
    } catch (const InputError& e) {
        check.problems.push_back(e.what());
        return std::nullopt;
    }
    check.passed.push_back(
        fmt::format("{}: {} record, seal {} holds over every embedded file", entry, to_string(r.kind), r.sha256));
    for (const RecordSignature& s : r.signatures)
        check.passed.push_back(fmt::format("{}: carries a signature by {}", entry, fingerprint(s.key, s.public_key)));
    if (!trusted.empty()) {
        TrustCheck t = check_record_trust(r, trusted);
        if (!t.signed_by.empty())
            check.passed.push_back(
                fmt::format("{}: signed by {} (trusted), unchanged since", entry, fmt::join(t.signed_by, ", ")));
        bool by_trusted = !t.signed_by.empty();
        for (const RecordSignature& s : r.signatures)
            for (const TrustedKey& k : trusted) by_trusted |= s.key == k.key_id();
        if (by_trusted)
            for (const std::string& p : t.problems) check.problems.push_back(entry + ": " + p);
    }
    try {
        ReplayResult res = replay(r);
        if (res.identical) {
            check.passed.push_back(fmt::format("{}: replayed by {}: identical", entry, res.replay_engine.text()));
        } else {
            const Difference& d = res.differences.front();
            check.problems.push_back(fmt::format("{}: replays with {} difference{}, the first {}{}{}: {} -> {}", entry,
                                                 res.differences.size(), res.differences.size() == 1 ? "" : "s",
                                                 d.subject, d.field.empty() ? "" : " ", d.field, d.before, d.after));
        }
    } catch (const InputError& e) {
        check.problems.push_back(fmt::format("{}: cannot be replayed: {}", entry, e.what()));
    }
    return r;
}

/// The manifest of `entries`: each name with its SHA-256 and size, canonical JSON.
std::string manifest_of(const std::vector<std::pair<std::string, std::string>>& entries) {
    json list = json::array();
    for (const auto& [name, bytes] : entries)
        list.push_back({{"name", name}, {"sha256", sha256_hex(bytes)}, {"bytes", bytes.size()}});
    return audit::canonical(json{{"assay_bundle", {{"format", bundle_format}, {"version", engine_version()}}},
                                 {"entries", std::move(list)}}) +
           "\n";
}

}  // namespace

std::string write_bundle(const fs::path& out, const BundleInputs& in) {
    std::vector<std::pair<std::string, std::string>> entries;
    BundleCheck check;
    std::vector<std::string> seals;
    std::vector<TrustedKey> none;

    std::string run_text = read_file(in.run_record);
    std::optional<RunRecord> run = check_record(run_name, run_text, none, check);
    if (!run) throw InputError(Error{SourceLoc{in.run_record.string(), 0, 0}, check.problems.front()});
    if (run->kind != RecordKind::run)
        throw InputError(Error{SourceLoc{in.run_record.string(), 0, 0},
                               "an audit record where a run's record was expected (give it with --audit)"});
    seals.push_back(run->sha256);
    entries.emplace_back(report_name, render_record(*run, Format::html));
    entries.emplace_back(run_name, run_text);
    if (!in.audit_record.empty()) {
        std::string text = read_file(in.audit_record);
        std::optional<RunRecord> a = check_record(audit_name, text, none, check);
        if (!a) throw InputError(Error{SourceLoc{in.audit_record.string(), 0, 0}, check.problems.back()});
        if (a->kind != RecordKind::audit)
            throw InputError(Error{SourceLoc{in.audit_record.string(), 0, 0},
                                   "a run's record where an audit record was expected (assay audit --record)"});
        seals.push_back(a->sha256);
        entries.emplace_back(audit_name, text);
    }
    if (!in.history.empty()) {
        History h(in.history, false);
        HistoryCheck hc = h.verify();
        if (!hc.ok())
            throw InputError(Error{SourceLoc{in.history.string(), 0, 0},
                                   fmt::format("the history does not verify: {}", hc.problems.front().message)});
        std::string text = excerpt_json(h).dump(2) + "\n";
        check_excerpt(text, none, seals, check);
        if (!check.ok())
            throw InputError(Error{SourceLoc{in.history.string(), 0, 0},
                                   check.problems.back() + " (run and audit with --history before bundling, and "
                                                           "sign the head after them)"});
        for (const HeadSignature& s : h.head_signatures())
            check.passed.push_back(fmt::format("{}: head at row {} signed by {} at {}", history_name, s.row,
                                               fingerprint(s.key, s.public_key), s.signed_at));
        entries.emplace_back(history_name, std::move(text));
    }
    if (!check.ok()) throw InputError(Error{SourceLoc{out.string(), 0, 0}, check.problems.front()});
    std::string verification = fmt::format("assay evidence bundle (format {}), verified when bundled by {}\n",
                                           bundle_format, engine_identity().text());
    for (const std::string& line : check.passed) verification += "ok: " + line + "\n";
    if (in.signer)
        verification +=
            fmt::format("manifest signed by {}\n", fingerprint(in.signer->key_id(), in.signer->public_key()));
    verification +=
        "check it on any machine with: assay verify-bundle BUNDLE --trust PUBLIC_KEY (the key handed over apart)\n";
    entries.emplace_back(verification_name, verification);

    std::string manifest = manifest_of(entries);
    entries.emplace_back(manifest_name, manifest);
    if (in.signer)
        entries.emplace_back(
            signature_name,
            audit::canonical(json{{"key", in.signer->key_id()},
                                  {"public_key", in.signer->public_key()},
                                  {"signature", in.signer->sign(std::string(manifest_domain) + manifest)}}) +
                "\n");
    audit::TempDir tmp;
    fs::path zip_path = tmp.path() / "bundle.zip";
    write_zip(zip_path, entries);
    write_file_atomic(out, read_file(zip_path));
    return verification;
}

BundleCheck verify_bundle(const fs::path& bundle, const std::vector<TrustedKey>& trusted, const BundleLimits& limits) {
    std::map<std::string, std::string> entries = read_zip(bundle, limits);
    BundleCheck check;
    auto missing = [&](const char* entry) {
        if (entries.count(entry)) return false;
        check.problems.push_back(fmt::format("{}: missing from the bundle", entry));
        return true;
    };
    if (missing(manifest_name)) return check;

    // The manifest: every entry's SHA-256, and its signature.
    const std::string& manifest = entries[manifest_name];
    json m;
    try {
        m = audit::parse_json(manifest, manifest_name);
    } catch (const InputError& e) {
        check.problems.push_back(e.what());
        return check;
    }
    std::map<std::string, std::string> listed;
    if (m.is_object() && m.contains("entries") && m["entries"].is_array())
        for (const json& e : m["entries"])
            if (e.is_object() && e.contains("name") && e["name"].is_string() && e.contains("sha256") &&
                e["sha256"].is_string())
                listed[e["name"].get<std::string>()] = e["sha256"].get<std::string>();
    if (listed.empty()) check.problems.push_back(fmt::format("{}: lists no entries", manifest_name));
    for (const auto& [name, sha] : listed) {
        auto it = entries.find(name);
        if (it == entries.end())
            check.problems.push_back(fmt::format("{}: listed in the manifest but missing from the bundle", name));
        else if (sha256_hex(it->second) != sha)
            check.problems.push_back(fmt::format("{}: changed since it was bundled (SHA-256 {}, the manifest says {})",
                                                 name, sha256_hex(it->second), sha));
    }
    for (const auto& [name, bytes] : entries)
        if (name != manifest_name && name != signature_name && !listed.count(name))
            check.problems.push_back(fmt::format("{}: not listed in the manifest: added after bundling", name));
    if (check.ok()) check.passed.push_back(fmt::format("{}: every entry has the SHA-256 it lists", manifest_name));

    if (entries.count(signature_name)) {
        json s;
        try {
            s = audit::parse_json(entries[signature_name], signature_name);
        } catch (const InputError&) {
        }
        auto f = [&](const char* k) {
            return s.is_object() && s.contains(k) && s[k].is_string() ? s[k].get<std::string>() : std::string();
        };
        const TrustedKey* key = trusted_key(trusted, f("key"));
        if (key && f("public_key") != key->public_key())
            check.problems.push_back(
                fmt::format("{}: names {} with a public key that is not the trusted key's", signature_name, f("key")));
        else if (key && key->verify(std::string(manifest_domain) + manifest, f("signature")))
            check.passed.push_back(fmt::format("{}: signed by {} (trusted)", manifest_name,
                                               fingerprint(key->key_id(), key->public_key())));
        else if (key) {
            // Which of the two changed cannot be told from a signature that
            // fails: both are named.
            check.problems.push_back(
                fmt::format("{}: does not match its signature by {} in {}: the manifest or "
                            "its signature was changed",
                            manifest_name, f("key"), signature_name));
            check.problems.push_back(fmt::format("{}: the signature by {} does not verify over {}", signature_name,
                                                 f("key"), manifest_name));
        } else if (!trusted.empty())
            check.problems.push_back(fmt::format("{}: {} is signed by {}, not by a trusted key", signature_name,
                                                 manifest_name,
                                                 f("key").empty() ? std::string("no valid key") : f("key")));
    } else if (!trusted.empty()) {
        check.problems.push_back(fmt::format("{}: not signed (the bundle has no {})", manifest_name, signature_name));
    }

    std::vector<std::string> seals;
    std::optional<RunRecord> run;
    if (!missing(run_name)) {
        run = check_record(run_name, entries[run_name], trusted, check);
        if (run && run->kind != RecordKind::run) {
            check.problems.push_back(fmt::format("{}: holds an audit record, not a run's", run_name));
            run.reset();
        }
        if (run) seals.push_back(run->sha256);
    }
    if (entries.count(audit_name)) {
        std::optional<RunRecord> a = check_record(audit_name, entries[audit_name], trusted, check);
        if (a && a->kind != RecordKind::audit)
            check.problems.push_back(fmt::format("{}: holds a run's record, not an audit's", audit_name));
        if (a) seals.push_back(a->sha256);
    }
    if (entries.count(history_name)) check_excerpt(entries[history_name], trusted, seals, check);
    if (run && !missing(report_name)) {
        try {
            if (render_record(*run, Format::html) == entries[report_name])
                check.passed.push_back(fmt::format("{}: the report the run record gives, byte for byte", report_name));
            else
                check.problems.push_back(fmt::format(
                    "{}: differs from the report the run record gives: edited after bundling", report_name));
        } catch (const InputError& e) {
            check.problems.push_back(fmt::format("{}: cannot be re-made: {}", report_name, e.what()));
        }
    }
    missing(verification_name);
    return check;
}

}  // namespace assay
