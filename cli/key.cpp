// `assay key PACK`: prints the pack's key to assessment (the legend a report
// prints, and each table's rules in words), generated from the loaded rules
// so that it cannot drift from them.
#include <commands.hpp>
#include <common.hpp>

#include <assay/dataset.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>

#include <fmt/core.h>

#include <memory>
#include <optional>

namespace assay::cli {

namespace {

struct KeyCommandOptions {
    std::string pack;
    std::string data;
    std::string format = "terminal";
    std::string out;
    std::string colour = "auto";
    bool legend_only = false;
};

int print_key(const KeyCommandOptions& o) {
    auto format = format_from_string(o.format);
    if (!format || (*format != Format::terminal && *format != Format::markdown)) {
        print_error(fmt::format("unknown key format '{}': expected terminal or markdown", o.format));
        return exit_usage;
    }
    check_output("--out", o.out, {o.pack, o.data});
    Pack pack = load_pack(o.pack);
    std::optional<Dataset> data;
    if (!o.data.empty()) data = load_dataset(o.data);
    KeyOptions options;
    options.data = data ? &*data : nullptr;
    options.rules = !o.legend_only;
    options.render.colour = *format == Format::terminal && o.out.empty() && use_colour(o.colour);
    emit(o.out, render_key(pack, *format, options));
    return exit_ok;
}

}  // namespace

Command key_command() {
    return {"key", "Print a rule pack's key to assessment, generated from its rules", [](CLI::App& sub) {
                auto o = std::make_shared<KeyCommandOptions>();
                sub.add_option("pack", o->pack, "Rule pack folder")->check(CLI::ExistingDirectory);
                auto generate = add_key_generate(sub);
                sub.add_option("--data", o->data,
                               "The dataset the pack assesses: the key then lists only the arrows its indicators "
                               "can get (increased/decreased for neutral ones) and names indicators by title")
                    ->check(CLI::ExistingPath);
                sub.add_option("-f,--format", o->format, "terminal or markdown")->capture_default_str();
                sub.add_option("-o,--out", o->out, "Write to this file (atomically) instead of stdout");
                sub.add_flag("--legend-only", o->legend_only,
                             "Print only the scales and arrows, as a report's key, without the rules in words");
                sub.add_option("--color", o->colour, "always, never or auto (a terminal and NO_COLOR unset)")
                    ->check(CLI::IsMember({"always", "never", "auto"}))
                    ->capture_default_str();
                sub.footer("Exit codes: 0 ok, 2 usage error or the pack or dataset cannot be loaded.");
                return [o, generate]() -> int {
                    if (int rc = generate(); rc >= 0) return rc;
                    if (o->pack.empty()) {
                        print_error("key: give a rule pack folder (or: assay key generate)");
                        return exit_usage;
                    }
                    return print_key(*o);
                };
            }};
}

}  // namespace assay::cli
