// `assay diff A B`: which arrows, ratings and figures changed between two
// runs (run records, or JSON outcome records from assay run --format json),
// and whether the rules, the data, or both caused each change.
#include <commands.hpp>
#include <common.hpp>

#include <assay/record.hpp>

#include <fmt/core.h>

#include <map>
#include <memory>

namespace assay::cli {

namespace {

struct DiffArgs {
    std::string a;
    std::string b;
};

int diff(const DiffArgs& args) {
    RunSide a = read_run_side(args.a);
    RunSide b = read_run_side(args.b);
    DiffResult result = diff_runs(a, b);
    say("diff of {} (A) and {} (B)\n", args.a, args.b);
    for (const std::string& note : result.notes) say("{}\n", note);
    if (result.differences.empty()) {
        say("no differences\n");
        return exit_ok;
    }
    std::map<std::string, int> by_cause;
    for (const Difference& d : result.differences)
        if (d.scope == "outcome" && (d.field == "rating" || d.field == "arrow")) ++by_cause[d.cause];
    size_t n = result.differences.size();
    say("{} {}", n, n == 1 ? "difference" : "differences");
    if (!by_cause.empty()) {
        say("; arrows and ratings changed by");
        const char* sep = " ";
        for (const auto& [cause, count] : by_cause) {
            say("{}{}: {}", sep, cause, count);
            sep = ", ";
        }
    }
    say("\n{}", format_differences(result.differences));
    return exit_findings;
}

}  // namespace

Command diff_command() {
    return {"diff", "Compare two runs and say whether the rules or the data changed each rating", [](CLI::App& sub) {
                auto a = std::make_shared<DiffArgs>();
                sub.add_option("a", a->a, "The earlier run: a record (assay run --record) or JSON output")
                    ->required()
                    ->check(CLI::ExistingFile);
                sub.add_option("b", a->b, "The later run, likewise")->required()->check(CLI::ExistingFile);
                sub.footer(
                    "With two records whose rules and data both differ, A's rules are run on B's data and B's "
                    "rules on A's data to attribute each change.\n"
                    "Exit codes: 0 no differences, 1 differences, 2 usage or input error.");
                return [a] { return diff(*a); };
            }};
}

}  // namespace assay::cli
