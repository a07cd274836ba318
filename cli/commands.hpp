// One factory per subcommand, each defined in its own file.
#pragma once

#include <app.hpp>

namespace assay::cli {

/// `assay run`: assess a dataset with a rule pack and print or write the report.
Command run_command();

/// `assay check`: validate a rule pack (and its names against a dataset) without assessing.
Command check_command();

/// `assay test`: run a rule pack's own tests.
Command test_command();

/// `assay explain`: why one indicator got its arrow and rating.
Command explain_command();

/// `assay key`: print a pack's key to assessment, generated from its rules.
Command key_command();

/// `assay key generate`: adds the subcommand to `key`; the returned function
/// runs it and returns its exit code, or -1 when it was not given.
std::function<int()> add_key_generate(CLI::App& key);

/// `assay init`: scaffold a new rule pack with an example, data and tests.
Command init_command();

/// `assay replay`: re-run a sealed run record and compare with what it recorded.
Command replay_command();

/// `assay diff`: compare two runs and attribute each change to the rules or the data.
Command diff_command();

/// `assay audit`: check a dataset's published figures against its data.
Command audit_command();

/// `assay history`: list, show and verify the local run history.
Command history_command();

/// `assay serve`: the HTML report on 127.0.0.1, re-assessed when the rules or data change.
Command serve_command();

/// `assay merge`: join the shard files of `assay run --shard K/N` into one run's output.
Command merge_command();

/// `assay bundle`: one evidence bundle an auditor can hand on.
Command bundle_command();

/// `assay verify-bundle`: checks an evidence bundle offline.
Command verify_bundle_command();

}  // namespace assay::cli
