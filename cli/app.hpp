// The assay command line: one CLI11 app with a subcommand per file
// (run.cpp, check.cpp, ...). Each command registers itself with a Command
// entry; app.cpp only wires them together.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace assay::cli {

/// Exit codes, documented in the README and every --help.
enum Exit : int {
    exit_ok = 0,        ///< success, nothing to report
    exit_findings = 1,  ///< findings or differences (failed rule, mismatch, changed rating)
    exit_usage = 2,     ///< usage or input error, or an output that could not be written
};

/// A subcommand: `setup` adds its options to `sub` and returns the action to run.
struct Command {
    const char* name;
    const char* summary;
    std::function<std::function<int()>(CLI::App& sub)> setup;
};

/// Every command, in the order `assay --help` lists them.
const std::vector<Command>& commands();

/// Runs the command line; returns the process exit code.
int main(int argc, char** argv);

}  // namespace assay::cli
