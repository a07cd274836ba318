// `assay check PACK [--data DATASET]`: validates a pack without assessing
// anything and lists every finding (syntax errors in every file, then the
// loader's first error or the checks of the loaded pack), each with its
// file:line and rule. Exit 1 when there is an error, 0 with only warnings.
#include <commands.hpp>
#include <common.hpp>

#include <assay/dataset.hpp>
#include <assay/lint.hpp>
#include <assay/pack.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace assay::cli {

namespace {

struct CheckOptions {
    std::string pack;
    std::string data;
};

// Whether `f` repeats a finding already listed at the same place.
bool already_listed(const std::vector<Finding>& findings, const Finding& f) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& g) { return g.where.file == f.where.file && g.where.line == f.where.line; });
}

int check(const CheckOptions& o) {
    std::optional<Dataset> data;
    if (!o.data.empty()) data = load_dataset(o.data);  // a dataset that cannot load is an input error (exit 2)

    std::vector<Finding> findings = check_pack_syntax(o.pack);
    try {
        Pack pack = load_pack(o.pack);
        std::vector<Finding> more = check_pack(pack, data ? &*data : nullptr);
        findings.insert(findings.end(), more.begin(), more.end());
    } catch (const InputError& e) {
        // The loader stops at its first error; syntax errors are already listed.
        Finding f{Finding::Severity::error, e.error().where, "", e.error().message};
        if (!already_listed(findings, f)) findings.push_back(std::move(f));
    }

    int errors = 0, warnings = 0;
    for (const Finding& f : findings) {
        say("{}\n", to_string(f));
        (f.severity == Finding::Severity::error ? errors : warnings) += 1;
    }
    say("{}: {} {}, {} {}\n", o.pack, errors, errors == 1 ? "error" : "errors", warnings,
        warnings == 1 ? "warning" : "warnings");
    std::fflush(stdout);
    return errors > 0 ? exit_findings : exit_ok;
}

}  // namespace

Command check_command() {
    return {"check", "Validate a rule pack (and its names against a dataset) without assessing", [](CLI::App& sub) {
                auto o = std::make_shared<CheckOptions>();
                sub.add_option("pack", o->pack, "Rule pack folder")->required()->check(CLI::ExistingDirectory);
                sub.add_option("--data", o->data,
                               "Also check the indicators, areas and periods the pack names "
                               "against this dataset")
                    ->check(CLI::ExistingPath);
                sub.footer(
                    "Exit codes: 0 no errors (warnings may be listed), 1 the pack has errors, 2 usage error or the "
                    "dataset cannot be loaded.");
                return [o] { return check(*o); };
            }};
}

}  // namespace assay::cli
