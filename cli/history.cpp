// `assay history`: the local run history. `assay history` lists the runs,
// `assay history show ID` prints one (and can write its record out for
// `assay replay`), `assay history verify` re-checks the hash chain and every
// stored record. The file is --history PATH, else $ASSAY_HISTORY, else
// .assay/history.sqlite in the working folder.
#include <commands.hpp>
#include <common.hpp>

#include <assay/history.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <memory>

namespace assay::cli {

namespace {

struct HistoryArgs {
    std::string path;
    int64_t id = 0;
    std::string record_out;
};

std::filesystem::path history_file(const HistoryArgs& a) {
    return resolve_history_path(a.path, std::getenv("ASSAY_HISTORY"));
}

int list_runs(const HistoryArgs& a) {
    std::filesystem::path path = history_file(a);
    History history(path, false);
    std::vector<HistoryEntry> runs = history.list();
    say("history {}: {} {}\n", path.string(), runs.size(), runs.size() == 1 ? "run" : "runs");
    for (const HistoryEntry& e : runs)
        say("{:>4}  {}  {} {} on {} as at {}  {}  [{}]  record {}\n", e.id, e.recorded_at, e.pack, e.pack_version,
            e.dataset, e.as_at, e.themes.empty() ? "no themes" : e.themes, e.ratings, e.record_sha256.substr(0, 12));
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
    say("run {}\n  recorded at     {}\n  engine          assay {}\n  pack            {} {} (sha256 {})\n"
        "  dataset         {} (sha256 {})\n  as at           {}\n  themes          {}\n  ratings         {}\n"
        "  record sha256   {}\n  previous hash   {}\n  row hash        {}\n",
        e->id, e->recorded_at, e->engine, e->pack, e->pack_version, e->pack_sha256, e->dataset, e->dataset_sha256,
        e->as_at, e->themes, e->ratings, e->record_sha256, e->prev_hash, e->row_hash);
    if (!a.record_out.empty()) {
        emit(a.record_out, e->record);
        say("record written to {} (replay it with: assay replay {})\n", a.record_out, a.record_out);
    }
    return exit_ok;
}

int verify_runs(const HistoryArgs& a) {
    std::filesystem::path path = history_file(a);
    History history(path, false);
    HistoryCheck check = history.verify();
    if (check.ok()) {
        say("history {}: {} runs, chain intact; head {}\n", path.string(), check.rows, check.head);
        return exit_ok;
    }
    say("history {}: {} runs, {} {}:\n", path.string(), check.rows, check.problems.size(),
        check.problems.size() == 1 ? "problem" : "problems");
    for (const HistoryProblem& p : check.problems) say("  {}\n", p.message);
    return exit_findings;
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
                sub.footer(
                    "Runs are appended by assay run --history [PATH] (or with ASSAY_HISTORY set).\n"
                    "Exit codes: 0 ok, 1 verify found an edited, deleted or reordered row, 2 usage or input "
                    "error.");
                return [a, show, verify] {
                    if (show->parsed()) return show_run(*a);
                    if (verify->parsed()) return verify_runs(*a);
                    return list_runs(*a);
                };
            }};
}

}  // namespace assay::cli
