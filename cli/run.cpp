// `assay run PACK DATASET`: assess and report. Exit 1 when a rule failed
// (those indicators get no rating), 0 otherwise; published figures that do
// not match are listed in the report but are not a failure of the run.
#include <commands.hpp>
#include <common.hpp>
#include <run_parallel.hpp>
#include <run_shard.hpp>
#include <watch.hpp>

#include <assay/assessment.hpp>
#include <assay/audit.hpp>
#include <assay/dataset.hpp>
#include <assay/history.hpp>
#include <assay/io.hpp>
#include <assay/pack.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>
#include <assay/signing.hpp>

#include <fmt/core.h>

#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace assay::cli {

namespace {

struct RunOptions {
    std::string pack;
    std::string dataset;
    std::string as_at;
    std::string periods;  ///< --periods all | FROM..TO: assess as at each period
    std::string format = "terminal";
    std::string out;
    std::string colour = "auto";
    std::string since;           ///< --since RECORD (or --compare): an earlier run; the reports show what moved since
    bool watch = false;          ///< re-run when an input changes (watch.cpp)
    int watch_runs = 0;          ///< hidden --watch-iterations: stop after this many runs (tests)
    std::string record;          ///< --record FILE: write the sealed run record (audit)
    std::string history;         ///< --history [PATH]: the history file, "" for the default
    bool history_given = false;  ///< --history was given, with or without a path
    bool no_history = false;     ///< --no-history: ignore ASSAY_HISTORY
    std::string sign;            ///< --sign KEY: sign the record and the history's new head with this private key
    unsigned threads = 0;        ///< --threads N: threads to load and render with; 0 = one per core
    std::string shard;           ///< --shard K/N: write only the K-th of N parts, for assay merge (run_shard.hpp)
    ReportInfo report;           ///< --title, --organisation, --period, --date, --author, --contact, --status
    int width = 0;               ///< --width N: the terminal report's width; 0 = the terminal's, or full into a file
};

/// The width a file or pipe gets: every period and column, nothing wrapped away.
constexpr int full_width = 1000;

/// The terminal report's width: --width; else, printing to a terminal, COLUMNS or the
/// window's width (80 when neither is known); else (a file or a pipe) full width.
int report_width(const RunOptions& o) {
    if (o.width > 0) return o.width;
    if (!((o.out.empty() || o.out == "-") && isatty(STDOUT_FILENO))) return full_width;
    if (const char* env = std::getenv("COLUMNS"); env && *env) {
        char* end = nullptr;
        long n = std::strtol(env, &end, 10);
        if (end && *end == '\0' && n >= 20 && n <= full_width) return static_cast<int>(n);
    }
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
}

/// The most memory the process has held so far, in MB.
long peak_memory_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

/// Whether the run goes into the history: --history, or ASSAY_HISTORY set without --no-history.
bool keeps_history(const RunOptions& o) {
    const char* env = std::getenv("ASSAY_HISTORY");
    return o.history_given || (!o.no_history && env && *env);
}

/// An earlier run read from FILE: a sealed run record (its seal checked) or
/// the JSON record of `assay run --format json`.
PreviousRun previous_from_file(const std::string& path) {
    std::string text = read_file(path);
    if (!is_record_text(text)) return previous_run_from_json(text, path);
    RunRecord record = parse_record(text, path);
    if (record.kind != RecordKind::run)
        throw InputError(Error{SourceLoc{path, 0, 0},
                               "an audit record, not a run's: --since takes the record of an earlier 'assay run'"});
    return previous_run_from_json(record.outcome, path);
}

/// The last report before this one in the history: the latest run of the same
/// pack on the same dataset as at an earlier period than `result`'s. None when
/// the history does not exist yet or holds no such run.
std::optional<PreviousRun> previous_from_history(const RunOptions& o, const Assessment& result) {
    const std::filesystem::path path = resolve_history_path(o.history, std::getenv("ASSAY_HISTORY"));
    if (!std::filesystem::exists(path)) return std::nullopt;
    const Dataset& d = *result.dataset;
    const std::optional<uint32_t> now = d.find_period(result.as_at);
    if (!now) return std::nullopt;
    History history(path, false);
    std::vector<HistoryEntry> rows = history.list();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        if (it->kind != "run" || it->pack != result.pack->name || it->dataset != d.name) continue;
        std::optional<uint32_t> then = d.find_period(it->as_at);
        if (!then || *then >= *now) continue;
        std::optional<HistoryEntry> entry = history.find(it->id);
        if (!entry) continue;
        RunRecord record = parse_record(entry->record, fmt::format("{} (run {})", path.string(), it->id));
        return previous_run_from_json(record.outcome, fmt::format("{} (run {})", path.string(), it->id));
    }
    return std::nullopt;
}

/// --record and --history: seals the run with its inputs and keeps it.
void keep_run(const RunOptions& o, const RunInputs& inputs, const AssessOptions& opts, const Assessment& result,
              const Signer* signer) {
    RunRecord record = make_record(inputs.pack, *result.dataset, o.dataset, opts, result);
    if (signer) sign_record(record, *signer);
    if (!o.record.empty()) write_record(o.record, record);
    if (keeps_history(o))
        History(resolve_history_path(o.history, std::getenv("ASSAY_HISTORY")), true)
            .append(record, record.written_at, signer);
}

int run(const RunOptions& o) {
    auto format = format_from_string(o.format);
    if (!format) {
        print_error(
            fmt::format("unknown format '{}': expected terminal, json, jsonl, csv, markdown, html or xlsx", o.format));
        return exit_usage;
    }
    if (*format == Format::xlsx && (o.out.empty() || o.out == "-") && isatty(STDOUT_FILENO)) {
        print_error("an XLSX workbook is binary: give --out FILE (or redirect stdout to a file)");
        return exit_usage;
    }
    // Outputs never replace an input of the run (nor a device), nor each other.
    check_output("--out", o.out, {o.pack, o.dataset, o.since, o.record});
    check_output("--record", o.record, {o.pack, o.dataset, o.since});
    std::unique_ptr<Signer> signer;
    if (!o.sign.empty()) {
        if (o.record.empty() && !keeps_history(o)) {
            print_error("--sign signs a record or the history: give --record FILE or --history");
            return exit_usage;
        }
        signer = std::make_unique<Signer>(o.sign);  // a key that cannot be read fails before the run
    }
    if (!o.periods.empty()) {
        for (auto [given, name] : {std::pair{!o.as_at.empty(), "--as-at"},
                                   {!o.record.empty(), "--record"},
                                   {keeps_history(o), "--history"},
                                   {!o.since.empty(), "--since"},
                                   {!o.shard.empty(), "--shard"}})
            if (given) {
                print_error(fmt::format("--periods assesses as at each period: it does not go with {}", name));
                return exit_usage;
            }
    }
    std::optional<Shard> shard;
    if (!o.shard.empty()) {
        shard = parse_shard(o.shard);
        if (*format != Format::jsonl || keeps_history(o)) {
            print_error(
                "--shard writes JSON Lines (and with --record, a shard of the record) for assay merge: "
                "give --format jsonl, without --history");
            return exit_usage;
        }
        if (signer) {
            print_error(
                "--shard with --sign: a shard's record is not signed; sign the merged record "
                "(assay merge SHARD-RECORD... --out FILE --sign KEY)");
            return exit_usage;
        }
    }
    bool keep = !o.record.empty() || keeps_history(o);  // a record needs every outcome held
    std::string in_memory_why;                          // why a JSON Lines run into a file was not streamed
    if (*format == Format::jsonl && !keep && o.periods.empty() && !o.out.empty() && o.out != "-") {
        // Large runs: a part at a time, in memory that does not grow with the data.
        Pack pack = load_pack(o.pack);
        AssessOptions opts;
        opts.as_at = o.as_at;
        StreamOptions how;
        how.threads = o.threads;
        if (shard)
            how.keep = [s = *shard](std::string_view indicator, std::string_view area) {
                return shard_of(indicator, area, s.n) == s.k;
            };
        StreamedRun streamed;
        {
            AtomicWriter file(o.out);
            if (shard) file.write(shard_header(*shard));
            streamed = stream_run_jsonl(pack, o.dataset, opts, how, [&](std::string_view text) { file.write(text); });
            if (streamed.streamed) {
                if (shard) file.write(fmt::format("#assay-end {}\n", streamed.outcomes));
                file.commit();
            }
        }
        if (streamed.streamed) {
            // Every part holds the whole dataset's periods: the first tells how --as-at reads.
            if (std::string w = period_reading(*streamed.result.dataset, "--as-at", o.as_at); !w.empty())
                print_warning(w);
            for (const std::string& e : streamed.result.errors) print_error(e);
            return streamed.result.errors.empty() ? exit_ok : exit_findings;
        }
        in_memory_why = streamed.why_not;
    }
    RunInputs inputs = load_run(o.pack, o.dataset, {}, run_threads(o.threads));
    if (std::string w = period_reading(inputs.data.dataset(), "--as-at", o.as_at); !w.empty()) print_warning(w);
    for (const std::string& w : period_spec_readings(inputs.data.dataset(), "--periods", o.periods)) print_warning(w);
    AssessOptions opts;
    opts.as_at = o.as_at;
    if (!o.periods.empty()) {
        std::vector<Assessment> results = assess_periods(inputs, periods_named(inputs.data.dataset(), o.periods), opts);
        for (Assessment& r : results) add_audit_checks(r, o.dataset);
        RenderOptions ro;
        ro.colour = *format == Format::terminal && o.out.empty() && use_colour(o.colour);
        ro.report = o.report;
        ro.width = report_width(o);
        emit(o.out, render_periods(results, *format, ro));
        bool failed = false;
        for (const Assessment& r : results)
            for (const std::string& e : r.errors) {
                print_error(fmt::format("as at {}: {}", r.as_at, e));
                failed = true;
            }
        return failed ? exit_findings : exit_ok;
    }

    Assessment result;
    if (*format == Format::jsonl && !keep) {
        // Large runs: stream outcomes straight to the output, never holding them all.
        opts.explain = false;
        std::unique_ptr<AtomicWriter> file;
        if (!o.out.empty() && o.out != "-") file = std::make_unique<AtomicWriter>(o.out);
        result = shard ? assess_shard_to_jsonl(inputs, opts, file.get(), *shard)
                       : assess_to_jsonl(inputs, opts, file.get(), o.threads);
        if (file) file->commit();
        if (!in_memory_why.empty())
            print_note(fmt::format("assessed in memory (peak {} MB), not a part at a time: {}", peak_memory_mb(),
                                   in_memory_why));
    } else {
        result = assess(inputs, opts);
        add_audit_checks(result, o.dataset);
        RenderOptions ro;
        ro.colour = *format == Format::terminal && o.out.empty() && use_colour(o.colour);
        ro.report = o.report;
        ro.width = report_width(o);
        std::optional<PreviousRun> previous;
        if (!o.since.empty())
            previous = previous_from_file(o.since);
        else if (keeps_history(o))
            previous = previous_from_history(o, result);
        ro.previous = previous ? &*previous : nullptr;
        if (shard) {
            std::unique_ptr<AtomicWriter> file;
            if (!o.out.empty() && o.out != "-") file = std::make_unique<AtomicWriter>(o.out);
            write_shard_jsonl(result, file.get(), *shard);
            if (file) file->commit();
        } else {
            emit(o.out, render(result, *format, ro));
        }
    }
    if (keep && shard)
        write_file_atomic(o.record, record_shard_text(record_shard(inputs.pack, o.dataset, opts, result, *shard)));
    else if (keep)
        keep_run(o, inputs, opts, result, signer.get());
    for (const std::string& e : result.errors) print_error(e);
    return result.errors.empty() ? exit_ok : exit_findings;
}

}  // namespace

Command run_command() {
    return {
        "run", "Assess a dataset with a rule pack and print the report", [](CLI::App& sub) {
            auto o = std::make_shared<RunOptions>();
            sub.add_option("pack", o->pack, "Rule pack folder")->required()->check(CLI::ExistingDirectory);
            sub.add_option("dataset", o->dataset, "Dataset folder, CSV file or .xlsx workbook")
                ->required()
                ->check(CLI::ExistingPath);
            sub.add_option("--as-at", o->as_at, "Assess as of this period (later data ignored), e.g. 2005/06");
            sub.add_option("--periods", o->periods,
                           "Assess as at each period: all, or FROM..TO such as 2023 Q1..2024 Q4 "
                           "(one outcome per indicator, area and period)");
            sub.add_option("-f,--format", o->format, "terminal, json, jsonl, csv, markdown, html or xlsx")
                ->capture_default_str();
            sub.add_option("-o,--out", o->out, "Write to this file (atomically) instead of stdout");
            sub.add_option("--since,--compare", o->since,
                           "The last report's run: a sealed record (--record) or JSON record (--format json); "
                           "the report shows what moved since (with --history and no --since, the history's "
                           "latest run of this pack and dataset as at an earlier period)")
                ->check(CLI::ExistingFile);
            sub.add_option("--color", o->colour, "always, never or auto (a terminal and NO_COLOR unset)")
                ->check(CLI::IsMember({"always", "never", "auto"}))
                ->capture_default_str();
            sub.footer("Exit codes: 0 ok, 1 a rule failed (its indicators are unrated), 2 usage or input error.");
            // The report's first page, each replacing the pack's `report = { ... }`.
            sub.add_option("--title", o->report.title, "The report's title (else the pack's)");
            sub.add_option("--organisation", o->report.organisation, "Who publishes the report");
            sub.add_option("--period", o->report.period, "The period the report covers, as you write it");
            sub.add_option("--date", o->report.date, "The date of the report, as you write it");
            sub.add_option("--author", o->report.author, "Who wrote the report");
            sub.add_option("--contact", o->report.contact, "Whom to ask about the report");
            sub.add_option("--status", o->report.status, "draft or final")->check(CLI::IsMember({"draft", "final"}));
            sub.add_option("--width", o->width,
                           "Lay the terminal report out in this many columns (default: the terminal's, "
                           "from COLUMNS or the window; full width into a file or pipe)")
                ->check(CLI::Range(40, full_width));
            sub.add_option("--record", o->record,
                           "Also write a sealed run record (outcome plus every input) for assay replay");
            CLI::Option* history = sub.add_option("--history", o->history,
                                                  "Append the run to the history (default file "
                                                  ".assay/history.sqlite; also when ASSAY_HISTORY is set)")
                                       ->expected(0, 1);
            sub.add_flag("--no-history", o->no_history, "Do not append to the history even if ASSAY_HISTORY is set");
            sub.add_option("--sign", o->sign,
                           "Sign the record and the history's new head with this private key (assay key generate)")
                ->check(CLI::ExistingFile);
            sub.add_option("--threads", o->threads,
                           "Threads to read the dataset and write JSON Lines with (default: one per core); "
                           "the output is the same for any number")
                ->check(CLI::Range(1u, 1024u));
            sub.add_option(
                "--shard", o->shard,
                "K/N: write only the K-th of N parts of the series (by a hash of indicator and area), "
                "as a shard file for assay merge; needs --format jsonl (with --record, the record's shard too)");
            sub.add_flag("--watch", o->watch, "Re-assess and reprint whenever a pack or dataset file changes");
            sub.add_option("--watch-iterations", o->watch_runs, "")->group("");  // hidden: bounded runs for tests
            return [o, history] {
                o->history_given = history->count() > 0;
                if (!o->watch) return run(*o);
                return watch(
                    {o->pack, o->dataset}, [o] { return run(*o); }, o->watch_runs);
            };
        }};
}

}  // namespace assay::cli
