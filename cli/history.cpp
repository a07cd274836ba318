// `assay history`: the local run history. `assay history` lists the runs,
// `assay history show ID` prints one (and can write its record out for
// `assay replay`), `assay history verify` re-checks the hash chain and every
// stored record. The file is --history PATH, else $ASSAY_HISTORY, else
// .assay/history.sqlite in the working folder.
#include <commands.hpp>
#include <common.hpp>

#include <assay/history.hpp>
#include <assay/record.hpp>
#include <assay/signing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace assay::cli {

namespace {

struct HistoryArgs {
    std::string path;
    int64_t id = 0;
    std::string record_out;
    std::vector<std::string> trust;  ///< verify --trust PUBKEY
    bool replay = false;             ///< verify --replay
    std::string sign;                ///< sign --sign KEY
};

std::filesystem::path history_file(const HistoryArgs& a) {
    return resolve_history_path(a.path, std::getenv("ASSAY_HISTORY"));
}

int list_runs(const HistoryArgs& a) {
    std::filesystem::path path = history_file(a);
    History history(path, false);
    std::vector<HistoryEntry> runs = history.list();
    size_t audits = static_cast<size_t>(
        std::count_if(runs.begin(), runs.end(), [](const HistoryEntry& e) { return e.kind == "audit"; }));
    size_t n = runs.size() - audits;
    say("history {}: {} {}{}\n", path.string(), n, n == 1 ? "run" : "runs",
        audits ? fmt::format(", {} {}", audits, audits == 1 ? "audit" : "audits") : "");
    for (const HistoryEntry& e : runs) {
        if (e.kind == "audit") {
            say("{:>4}  {}  audit of {} ({}){}  [{}]  record {}\n", e.id, e.recorded_at, e.dataset,
                e.dataset_sha256.substr(0, 12),
                e.pack.empty() ? std::string(" without rules")
                               : fmt::format(" with {} {} ({})", e.pack, e.pack_version, e.pack_sha256.substr(0, 12)),
                e.ratings, e.record_sha256.substr(0, 12));
            continue;
        }
        say("{:>4}  {}  {} {} ({}) on {} as at {}  {}  [{}]  record {}\n", e.id, e.recorded_at, e.pack, e.pack_version,
            e.pack_sha256.substr(0, 12), e.dataset, e.as_at, e.themes.empty() ? "no themes" : e.themes, e.ratings,
            e.record_sha256.substr(0, 12));
    }
    return exit_ok;
}

int show_run(const HistoryArgs& a) {
    History history(history_file(a), false);
    std::optional<HistoryEntry> e = history.find(a.id);
    if (!e) {
        print_error(fmt::format("no run {} in the history", a.id));
        return exit_usage;
    }
    if (a.record_out == "-") {
        fmt::print("{}", e->record);
        return exit_ok;
    }
    // The whole engine identity is in the record; a damaged record still shows its row.
    std::string engine = "assay " + e->engine;
    std::string signatures;
    try {
        RunRecord r = parse_record(e->record, fmt::format("the record of run {}", e->id));
        engine = identity_of(r).text();
        for (const RecordSignature& sig : r.signatures) signatures += (signatures.empty() ? "" : ", ") + sig.key;
    } catch (const InputError& err) {
        engine += fmt::format(" (its record cannot be read: {})", err.error().message);
    }
    if (e->kind == "audit")
        say("audit {}\n  recorded at     {}\n  engine          {}\n  rules           {}\n"
            "  dataset         {} (sha256 {})\n  findings        {}\n"
            "  record sha256   {}\n  record signed   {}\n  previous hash   {}\n  row hash        {}\n",
            e->id, e->recorded_at, engine,
            e->pack.empty() ? std::string("none")
                            : fmt::format("{} {} (sha256 {})", e->pack, e->pack_version, e->pack_sha256),
            e->dataset, e->dataset_sha256, e->ratings, e->record_sha256, signatures.empty() ? "no" : "by " + signatures,
            e->prev_hash, e->row_hash);
    else
        say("run {}\n  recorded at     {}\n  engine          {}\n  pack            {} {} (sha256 {})\n"
            "  dataset         {} (sha256 {})\n  as at           {}\n  themes          {}\n  ratings         {}\n"
            "  record sha256   {}\n  record signed   {}\n  previous hash   {}\n  row hash        {}\n",
            e->id, e->recorded_at, engine, e->pack, e->pack_version, e->pack_sha256, e->dataset, e->dataset_sha256,
            e->as_at, e->themes, e->ratings, e->record_sha256, signatures.empty() ? "no" : "by " + signatures,
            e->prev_hash, e->row_hash);
    if (!a.record_out.empty()) {
        emit(a.record_out, e->record);
        say("record written to {} (replay it with: assay replay {})\n", a.record_out, a.record_out);
    }
    return exit_ok;
}

int verify_runs(const HistoryArgs& a) {
    std::filesystem::path path = history_file(a);
    std::vector<TrustedKey> keys;
    for (const std::string& k : a.trust) keys.emplace_back(k);
    History history(path, false);
    HistoryCheck check = history.verify(keys, a.replay);
    if (check.ok()) {
        say("history {}: {} runs, chain intact; head {}\n", path.string(), check.rows, check.head);
        if (!keys.empty())
            say("signed: the head at row {} by {} (trusted), and through the chain every row before it\n",
                check.signed_row, fmt::join(check.signed_by, ", "));
        if (a.replay)
            say("replayed: {} records (runs and audits), each identical to its recorded outcome\n", check.replayed);
        return exit_ok;
    }
    say("history {}: {} runs, {} {}:\n", path.string(), check.rows, check.problems.size(),
        check.problems.size() == 1 ? "problem" : "problems");
    for (const HistoryProblem& p : check.problems) say("  {}\n", p.message);
    return exit_findings;
}

int sign_head(const HistoryArgs& a) {
    std::filesystem::path path = history_file(a);
    Signer signer(a.sign);
    History history(path, false);
    HistoryCheck check = history.verify();
    if (!check.ok()) {
        print_error(fmt::format("{}: not signed: the history has {} problem{} (assay history verify lists them)",
                                path.string(), check.problems.size(), check.problems.size() == 1 ? "" : "s"));
        return exit_findings;
    }
    int64_t row = history.sign_head(signer, utc_timestamp());
    say("history {}: head at row {} ({}) signed by {}\n", path.string(), row, check.head, signer.key_id());
    return exit_ok;
}

}  // namespace

Command history_command() {
    return {"history", "List, show and verify past runs kept in the local history", [](CLI::App& sub) {
                auto a = std::make_shared<HistoryArgs>();
                const char* path_help = "History file (default: $ASSAY_HISTORY, else .assay/history.sqlite)";
                sub.add_option("--history", a->path, path_help);
                sub.require_subcommand(0, 1);
                CLI::App* show = sub.add_subcommand("show", "Print one run");
                show->add_option("id", a->id, "Run id, as listed")->required();
                show->add_option("--record", a->record_out,
                                 "Also write the run's record to this file (- for stdout only), for assay replay");
                show->add_option("--history", a->path, path_help);
                CLI::App* verify = sub.add_subcommand("verify", "Re-check the hash chain and every stored record");
                verify->add_option("--history", a->path, path_help);
                verify
                    ->add_option("--trust", a->trust,
                                 "A public key (assay key generate): a head it signed must still be there, unchanged, "
                                 "and no row may follow the last signed head (repeatable)")
                    ->check(CLI::ExistingFile);
                verify->add_flag("--replay", a->replay, "Also re-run every stored record and compare its outcome");
                CLI::App* sign =
                    sub.add_subcommand("sign", "Sign the history's head (its last row) with a private key");
                sign->add_option("--sign", a->sign, "Private key file (assay key generate)")
                    ->required()
                    ->check(CLI::ExistingFile);
                sign->add_option("--history", a->path, path_help);
                sub.footer(
                    "Runs are appended by assay run --history [PATH] (or with ASSAY_HISTORY set), audits by "
                    "assay audit --history [PATH].\n"
                    "Exit codes: 0 ok, 1 verify found an edited, deleted or reordered row (with --trust: a signed "
                    "head missing or changed, or rows no signature vouches for; with --replay: a record that replays "
                    "differently), 2 usage or input error.");
                return [a, show, verify, sign] {
                    if (sign->parsed()) return sign_head(*a);
                    if (show->parsed()) return show_run(*a);
                    if (verify->parsed()) return verify_runs(*a);
                    return list_runs(*a);
                };
            }};
}

}  // namespace assay::cli
