// `assay bundle RUN_RECORD [--audit RECORD] [--history DB] [--sign KEY] --out FILE`
// writes one evidence bundle (a zip) an auditor can hand on;
// `assay verify-bundle FILE [--trust PUBKEY]` checks one offline.
#include <commands.hpp>
#include <common.hpp>

#include <assay/bundle.hpp>
#include <assay/signing.hpp>

#include <fmt/format.h>

#include <memory>

namespace assay::cli {

namespace {

struct BundleArgs {
    std::string run_record;
    std::string audit_record;
    std::string history;
    std::string sign;
    std::string out;
};

int bundle(const BundleArgs& a) {
    check_output("--out", a.out, {a.run_record, a.audit_record, a.history, a.sign});
    std::unique_ptr<Signer> signer;
    if (!a.sign.empty()) signer = std::make_unique<Signer>(a.sign);
    BundleInputs in;
    in.run_record = a.run_record;
    in.audit_record = a.audit_record;
    in.history = a.history;
    in.signer = signer.get();
    say("{}", write_bundle(a.out, in));
    say("bundle written to {}\n", a.out);
    return exit_ok;
}

struct VerifyArgs {
    std::string bundle;
    std::vector<std::string> trust;
};

int verify(const VerifyArgs& a) {
    std::vector<TrustedKey> keys;
    for (const std::string& k : a.trust) keys.emplace_back(k);
    BundleCheck check = verify_bundle(a.bundle, keys);
    say("bundle {}\n", a.bundle);
    for (const std::string& line : check.passed) say("ok: {}\n", line);
    for (const std::string& line : check.problems) say("FAILED: {}\n", line);
    if (check.ok()) {
        say("{}", keys.empty() ? "verified, but no key was trusted: anyone could have made this bundle (give "
                                 "--trust)\n"
                               : "verified\n");
        return exit_ok;
    }
    say("{} {}\n", check.problems.size(), check.problems.size() == 1 ? "problem" : "problems");
    return exit_findings;
}

}  // namespace

Command bundle_command() {
    return {
        "bundle", "Write one evidence bundle (zip): report, records, history excerpt, verification", [](CLI::App& sub) {
            auto a = std::make_shared<BundleArgs>();
            sub.add_option("record", a->run_record, "Run record (assay run --record)")
                ->required()
                ->check(CLI::ExistingFile);
            sub.add_option("--audit", a->audit_record, "Audit record (assay audit --record)")->check(CLI::ExistingFile);
            sub.add_option("--history", a->history,
                           "History holding the records: its rows up to the last signed head go in")
                ->check(CLI::ExistingFile);
            sub.add_option("--sign", a->sign, "Sign the bundle's manifest with this private key")
                ->check(CLI::ExistingFile);
            sub.add_option("-o,--out", a->out, "The bundle file to write (atomically)")->required();
            sub.footer("Exit codes: 0 written, 2 usage or input error (an input that does not verify).");
            return [a] { return bundle(*a); };
        }};
}

Command verify_bundle_command() {
    return {
        "verify-bundle", "Check an evidence bundle offline: seals, signatures, chain, replays, report",
        [](CLI::App& sub) {
            auto a = std::make_shared<VerifyArgs>();
            sub.add_option("bundle", a->bundle, "Bundle written by assay bundle")->required()->check(CLI::ExistingFile);
            sub.add_option("--trust", a->trust,
                           "A public key: the manifest (and so every entry) and the history's head must carry "
                           "its signature (repeatable)")
                ->check(CLI::ExistingFile);
            sub.footer(
                "Exit codes: 0 every check held, 1 a check failed (the entry is named), 2 usage error or a "
                "bundle refused as malformed or unsafe.");
            return [a] { return verify(*a); };
        }};
}

}  // namespace assay::cli
