// Evidence bundles: one zip an auditor can hand on, holding a run's HTML
// report, its sealed record, optionally a sealed audit record and an excerpt
// of the history (rows and chain hashes up to the last signed head), the
// verification made when it was bundled, and a manifest of every entry's
// SHA-256, signed. verify_bundle checks it offline, treating the zip as
// hostile. docs/audit.md describes the entries.
#pragma once

#include <assay/signing.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace assay {

/// The bundle format this engine writes and reads.
inline constexpr int bundle_format = 1;

/// Limits on a bundle read back: more entries, a larger entry, or an entry
/// inflating more than `max_ratio` times its compressed size is refused.
struct BundleLimits {
    int max_entries = 16;                      ///< entries in the zip
    uint64_t max_entry_bytes = 512ull << 20;   ///< one entry, inflated
    uint64_t max_total_bytes = 1024ull << 20;  ///< every entry, inflated
    uint64_t max_ratio = 200;                  ///< inflated / compressed, past the first MiB
};

/// What goes into a bundle.
struct BundleInputs {
    std::filesystem::path run_record;    ///< a run's record (assay run --record); required
    std::filesystem::path audit_record;  ///< an audit's record (assay audit --record); "" for none
    std::filesystem::path history;       ///< the history holding them; "" for none
    const Signer* signer = nullptr;      ///< signs the manifest (and so every entry); nullptr for none
};

/// Verifies the inputs (records, history), renders the run's HTML report
/// and writes the bundle atomically to `out`. Returns the verification text
/// it holds. Throws InputError naming the input that does not verify.
std::string write_bundle(const std::filesystem::path& out, const BundleInputs& inputs);

/// What verify_bundle found.
struct BundleCheck {
    std::vector<std::string> passed;    ///< each check that held, as a line for people
    std::vector<std::string> problems;  ///< each that failed, naming the entry
    /// Whether every check held.
    bool ok() const { return problems.empty(); }
};

/// Checks a bundle offline: every entry against the manifest, the
/// manifest's signature by a trusted key (required when `trusted` is not
/// empty), each record's seal and trusted signatures, the history excerpt's
/// chain and signed heads and that it holds the records, both records
/// replayed identical, and the HTML report against the run record. Throws
/// InputError (naming the bundle or entry) for a zip that is malformed,
/// over the limits, or holds an entry with an unsafe, unknown or duplicate name.
BundleCheck verify_bundle(const std::filesystem::path& bundle, const std::vector<TrustedKey>& trusted,
                          const BundleLimits& limits = {});

}  // namespace assay
