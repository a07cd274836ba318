// `assay test PACK`: runs the pack's own tests (tests/*.lua) and prints each
// failure with its file:line, expected against actual per key, and the
// explanation trace; the last line is "N passed, M failed".
#include <commands.hpp>
#include <common.hpp>

#include <assay/dataset.hpp>
#include <assay/pack.hpp>
#include <assay/pack_test.hpp>

#include <fmt/core.h>

#include <memory>

namespace assay::cli {

namespace {

struct TestOptions {
    std::string pack;
    std::string pattern;
    std::vector<std::string> allow_data;
    bool verbose = false;
};

void print_failure(const PackTestResult& r) {
    say("FAIL {}: {}\n", to_string(r.where), r.name);
    if (!r.error.empty()) say("  could not run: {}\n", r.error);
    for (const TestMismatch& m : r.mismatches) say("  {}: expected {}, got {}\n", m.key, m.expected, m.actual);
    if (r.trace.empty()) return;
    say("  explanation:\n");
    for (const std::string& line : r.trace) say("    {}\n", line);
}

int run_tests(const TestOptions& o) {
    Pack pack = load_pack(o.pack);
    std::vector<std::filesystem::path> roots(o.allow_data.begin(), o.allow_data.end());
    PackTests tests = load_pack_tests(pack, {}, roots);
    PackTestOptions options;
    options.pattern = o.pattern;
    options.load_dataset = [](const std::filesystem::path& p) { return load_dataset(p); };
    PackTestRun run = run_pack_tests(pack, tests, options);
    for (const PackTestResult& r : run.results) {
        if (!r.passed())
            print_failure(r);
        else if (o.verbose)
            say("ok   {}: {}\n", to_string(r.where), r.name);
    }
    if (run.results.empty())
        print_warning(o.pattern.empty() ? "the pack has no tests" : "no test name contains '" + o.pattern + "'");
    say("{} passed, {} failed\n", run.passed, run.failed);
    std::fflush(stdout);
    return run.failed == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command test_command() {
    return {"test", "Run a rule pack's own tests (tests/*.lua)", [](CLI::App& sub) {
                auto o = std::make_shared<TestOptions>();
                sub.add_option("pack", o->pack, "Rule pack folder")->required()->check(CLI::ExistingDirectory);
                sub.add_option("--run", o->pattern, "Run only the cases and tests whose name contains this text");
                sub.add_option("--allow-data", o->allow_data,
                               "Also let whole-dataset tests read datasets under this folder (by default they may "
                               "read only inside the pack's folder)")
                    ->check(CLI::ExistingDirectory);
                sub.add_flag("-v,--verbose", o->verbose, "Also list the tests that pass");
                sub.footer(
                    "Exit codes: 0 every test passed, 1 a test failed, 2 usage error or the pack or its tests "
                    "cannot be loaded.");
                return [o] { return run_tests(*o); };
            }};
}

}  // namespace assay::cli
