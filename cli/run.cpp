// `assay run PACK DATASET`: assess and report. Exit 1 when a rule failed
// (those indicators get no rating), 0 otherwise; published figures that do
// not match are listed in the report but are not a failure of the run.
#include <commands.hpp>
#include <common.hpp>

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/io.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>

#include <fmt/core.h>

#include <memory>

namespace assay::cli {

namespace {

struct RunOptions {
    std::string pack;
    std::string dataset;
    std::string as_at;
    std::string format = "terminal";
    std::string out;
    std::string colour = "auto";
};

int run(const RunOptions& o) {
    auto format = format_from_string(o.format);
    if (!format) {
        print_error(fmt::format("unknown format '{}': expected terminal, json, jsonl, csv or markdown", o.format));
        return exit_usage;
    }
    Pack pack = load_pack(o.pack);
    Dataset data = load_dataset(o.dataset);
    AssessOptions opts;
    opts.as_at = o.as_at;

    Assessment result;
    if (*format == Format::jsonl) {
        // Large runs: stream outcomes straight to the output, never holding them all.
        opts.explain = false;
        std::unique_ptr<AtomicWriter> file;
        if (!o.out.empty() && o.out != "-") file = std::make_unique<AtomicWriter>(o.out);
        Assessment context;  // what a line needs to name things: the pack and the data
        context.pack = &pack;
        context.dataset = &data;
        std::string line;
        result = assess(pack, data, opts, [&](const Outcome& outcome) {
            line = render_jsonl_outcome(context, outcome);
            if (file)
                file->write(line);
            else
                std::fwrite(line.data(), 1, line.size(), stdout);
        });
        if (file) file->commit();
    } else {
        result = assess(pack, data, opts);
        RenderOptions ro;
        ro.colour = *format == Format::terminal && o.out.empty() && use_colour(o.colour);
        emit(o.out, render(result, *format, ro));
    }
    for (const std::string& e : result.errors) print_error(e);
    return result.errors.empty() ? exit_ok : exit_findings;
}

}  // namespace

Command run_command() {
    return {"run", "Assess a dataset with a rule pack and print the report", [](CLI::App& sub) {
                auto o = std::make_shared<RunOptions>();
                sub.add_option("pack", o->pack, "Rule pack folder")->required()->check(CLI::ExistingDirectory);
                sub.add_option("dataset", o->dataset, "Dataset folder or CSV file")->required()->check(CLI::ExistingPath);
                sub.add_option("--as-at", o->as_at, "Assess as of this period (later data ignored), e.g. 2005/06");
                sub.add_option("-f,--format", o->format, "terminal, json, jsonl, csv or markdown")->capture_default_str();
                sub.add_option("-o,--out", o->out, "Write to this file (atomically) instead of stdout");
                sub.add_option("--color", o->colour, "always, never or auto (a terminal and NO_COLOR unset)")
                    ->check(CLI::IsMember({"always", "never", "auto"}))
                    ->capture_default_str();
                sub.footer("Exit codes: 0 ok, 1 a rule failed (its indicators are unrated), 2 usage or input error.");
                return [o] { return run(*o); };
            }};
}

}  // namespace assay::cli
