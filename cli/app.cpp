// Wires the subcommands into one CLI11 app and maps failures to exit codes:
// bad input and usage errors are reported on stderr with exit 2.
#include <app.hpp>
#include <common.hpp>

#include <assay/error.hpp>
#include <assay/record.hpp>
#include <assay/report.hpp>
#include <assay/text.hpp>

#include <fmt/core.h>

#include <malloc.h>

#include <clocale>
#include <cstdio>
#include <exception>
#include <sstream>
#include <string>

namespace assay::cli {

int main(int argc, char** argv) {
    // Figures are formatted without the C locale, but make sure nothing a
    // library does can pick up a user's decimal comma.
    std::setlocale(LC_ALL, "C");
    // A run allocates and frees buffers of a few MB a part at a time: keep
    // freed memory for the next part instead of handing it back to the
    // kernel and faulting it in again (a third of a streamed run's system
    // time). Blocks over 64 MB are still mapped and unmapped on their own.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);

    CLI::App app{
        "Assay: rules-based assessment of performance indicators.\n"
        "Exit codes: 0 ok, 1 findings or differences, 2 usage or input error."};
    app.name("assay");
    app.require_subcommand(1);
    // The version on the first line; then the build's commit and compiler and the Lua release.
    EngineIdentity id = engine_identity();
    app.set_version_flag("--version",
                         fmt::format("{}\ncommit {}\ncompiler {}\n{}", id.version, id.commit, id.compiler, id.lua));
    app.footer("Run 'assay COMMAND --help' for a command's options.");

    std::function<int()> action;
    for (const Command& c : commands()) {
        CLI::App* sub = app.add_subcommand(c.name, c.summary);
        auto act = c.setup(*sub);
        sub->callback([&action, act] { action = act; });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors quote the arguments: shown, not sent, and cut short.
        std::ostringstream out, err;
        int code = app.exit(e, out, err);
        std::string text = terminal_text(out.str()), error = terminal_text(err.str());
        constexpr size_t most = 4096;
        if (error.size() > most) error = error.substr(0, most) + fmt::format("... ({} bytes in all)\n", error.size());
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fwrite(error.data(), 1, error.size(), stderr);
        return code == 0 ? exit_ok : exit_usage;
    }
    try {
        return action ? action() : exit_usage;
    } catch (const InputError& e) {
        print_error(e.what());
        return exit_usage;
    } catch (const Fatal& e) {
        print_error(e.what());
        return exit_usage;
    } catch (const std::exception& e) {
        // Last resort: anything unforeseen is reported, never a crash. (Lua's
        // own errors never reach here: the engine turns them into outcomes.)
        print_error(e.what());
        return exit_usage;
    }
}

}  // namespace assay::cli
