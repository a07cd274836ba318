// The list of subcommands. A new command is a new file and one line here.
#include <app.hpp>
#include <commands.hpp>

namespace assay::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        run_command(),   check_command(),  test_command(),   explain_command(),       key_command(),
        init_command(),  replay_command(), diff_command(),   audit_command(),         history_command(),
        serve_command(), merge_command(),  bundle_command(), verify_bundle_command(),
    };
    return all;
}

}  // namespace assay::cli
