// The list of subcommands. A new command is a new file and one line here.
#include <app.hpp>
#include <commands.hpp>

namespace assay::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        run_command(),
    };
    return all;
}

}  // namespace assay::cli
