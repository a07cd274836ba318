// The JSON outcome record (`assay run --format json`, format 1) as the
// engine writes and reads it back: its key names, in one place for the
// writer (json.cpp, outcome_json.cpp) and every reader (earlier runs for
// reports, replay, diff, compare, history), and one reader of what a record
// says it ran and what it concluded.
#pragma once

#include <assay/assessment.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace assay::outcome_record {

/// The format this engine writes under "assay": {"format": ...}.
inline constexpr int kFormat = 1;

/// Key names of the record.
namespace key {
inline constexpr const char* assay = "assay";        ///< {"version": ..., "format": 1}
inline constexpr const char* version = "version";    ///< engine version (and the pack's)
inline constexpr const char* format = "format";      ///< record format
inline constexpr const char* run = "run";            ///< what ran: pack, datasets, as_at
inline constexpr const char* pack = "pack";          ///< {"name", "title", "version", "sha256"}
inline constexpr const char* datasets = "datasets";  ///< [{"name", "sha256", "files"}]
inline constexpr const char* name = "name";
inline constexpr const char* title = "title";
inline constexpr const char* sha256 = "sha256";
inline constexpr const char* files = "files";
inline constexpr const char* bytes = "bytes";
inline constexpr const char* as_at = "as_at";
inline constexpr const char* outcomes = "outcomes";  ///< one per indicator and area
inline constexpr const char* groups = "groups";      ///< group roll-ups
inline constexpr const char* themes = "themes";      ///< theme roll-ups
inline constexpr const char* checks = "checks";      ///< published figures checked
inline constexpr const char* errors = "errors";      ///< rule errors
inline constexpr const char* group = "group";
inline constexpr const char* indicator = "indicator";
inline constexpr const char* area = "area";
inline constexpr const char* theme = "theme";
inline constexpr const char* rating = "rating";
inline constexpr const char* arrow = "arrow";
inline constexpr const char* value = "value";
inline constexpr const char* change = "change";
inline constexpr const char* change_pct = "change_pct";
inline constexpr const char* previous = "previous";
inline constexpr const char* counts = "counts";  ///< {"ratings", "arrows", "assessed", "unrated"}
inline constexpr const char* ratings = "ratings";
inline constexpr const char* arrows = "arrows";
inline constexpr const char* assessed = "assessed";
inline constexpr const char* unrated = "unrated";
inline constexpr const char* explanation = "explanation";
inline constexpr const char* kind = "kind";
inline constexpr const char* period = "period";
inline constexpr const char* published = "published";
inline constexpr const char* computed = "computed";
inline constexpr const char* detail = "detail";
}  // namespace key

/// Whether `j` has the shape of an outcome record: an object with "assay"
/// and "outcomes" (the format is checked by the readers that need it).
template <class Json>
bool has_record_shape(const Json& j) {
    return j.is_object() && j.contains(key::assay) && j.contains(key::outcomes);
}

/// What a record says it ran. Each text is nullopt when the record does
/// not say it (or says null), and a value that is not text is given as its
/// JSON.
struct Header {
    struct Input {
        std::optional<std::string> name, version, sha256;
    };
    std::optional<std::string> engine_version;   ///< assay.version
    std::optional<int64_t> format;               ///< assay.format, when a whole number
    Input pack;                                  ///< run.pack
    std::optional<std::vector<Input>> datasets;  ///< run.datasets, when an array
    std::optional<std::string> as_at;            ///< run.as_at
};

/// The header of `record` (never throws: whatever is missing is nullopt).
Header read_header(const nlohmann::json& record);

/// What a record concluded, in record order.
struct Results {
    struct Outcome {
        std::string group, indicator, area;
        std::string rating, arrow;  ///< "" when null or absent
    };
    struct Rollup {
        std::string id;      ///< the group's or theme's id
        std::string rating;  ///< "" when null or absent
        Counts counts;
    };
    std::vector<Outcome> outcomes;
    std::vector<Rollup> groups, themes;
};

/// The outcomes, groups and themes of `record`. Throws InputError naming
/// `file` when one is not an array, or a field is not text (or null).
Results read_results(const nlohmann::json& record, const std::string& file);

}  // namespace assay::outcome_record
