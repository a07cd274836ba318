// `assay key generate [--out FILE] [--public FILE]`: makes an Ed25519 key
// pair for signing records and histories. The private key is written with
// mode 0600, the public key (for --trust) beside it as FILE.pub; neither
// replaces an existing file.
#include <commands.hpp>
#include <common.hpp>

#include <assay/signing.hpp>

#include <fmt/core.h>

#include <memory>

namespace assay::cli {

namespace {

struct KeyGenerateArgs {
    std::string out = "assay-signing.key";
    std::string public_out;
};

int generate(const KeyGenerateArgs& a) {
    std::string pub = a.public_out.empty() ? a.out + ".pub" : a.public_out;
    std::string id = generate_key_pair(a.out, pub);
    say("key {}\n  private key  {} (mode 0600: keep it to yourself; sign with --sign {})\n"
        "  public key   {} (hand it to whoever checks: --trust {})\n",
        id, a.out, a.out, pub, pub);
    return exit_ok;
}

}  // namespace

std::function<int()> add_key_generate(CLI::App& key) {
    auto a = std::make_shared<KeyGenerateArgs>();
    CLI::App* sub = key.add_subcommand("generate", "Make an Ed25519 key pair for signing records and histories");
    sub->add_option("-o,--out", a->out, "Private key file (mode 0600; never overwritten)")->capture_default_str();
    sub->add_option("--public", a->public_out, "Public key file (default: the private key's name + .pub)");
    sub->footer("Exit codes: 0 written, 2 a file exists already or cannot be written.");
    return [a, sub]() -> int { return sub->parsed() ? generate(*a) : -1; };
}

}  // namespace assay::cli
