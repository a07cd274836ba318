// One factory per subcommand, each defined in its own file.
#pragma once

#include <app.hpp>

namespace assay::cli {

/// `assay run`: assess a dataset with a rule pack and print or write the report.
Command run_command();

}  // namespace assay::cli
