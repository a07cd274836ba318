// Checking a rule pack without assessing anything (`assay check`): every
// problem found, each naming the file:line and the rule it concerns, so a
// performance officer can fix them all in one pass.
#pragma once

#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/pack.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

/// One problem with a pack.
struct Finding {
    /// An error makes the pack wrong (it will fail or give wrong ratings);
    /// a warning is probably a mistake (a rating no case can give).
    enum class Severity { error, warning };
    Severity severity = Severity::error;
    SourceLoc where;      ///< file:line in the pack (file includes the pack folder)
    std::string rule;     ///< what it concerns: "group 'psa1'", "scale 'rag'", "target 'bcs'"
    std::string message;  ///< what is wrong and what was expected
};

/// "error" or "warning".
std::string_view to_string(Finding::Severity s);

/// "file:line: error: group 'psa1': message" (the unknown parts left out).
std::string to_string(const Finding& f);

/// Every problem with a loaded pack: references to scales, groups and
/// levels; first-match cases that can never apply or levels no case gives;
/// band tables in the wrong order for the polarity; roll-up thresholds with
/// gaps; targets whose periods cannot be read. With `data`, also the
/// indicators, areas and target periods the data lacks (with "did you mean").
std::vector<Finding> check_pack(const Pack& pack, const Dataset* data);

/// " (did you mean 'x'?)" when one of `candidates` is close enough to
/// `name` to be a typo of it, else "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

/// Compiles every Lua file of the pack in `dir` without running any of it
/// and returns one error finding per file that does not compile (syntax
/// errors), so that all of them are reported, not just the first.
std::vector<Finding> check_pack_syntax(const std::filesystem::path& dir);

}  // namespace assay
