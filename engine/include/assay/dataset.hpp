// Datasets: indicator metadata and observations, loaded from CSV files that a
// spreadsheet can produce. Observations are stored column-wise, grouped by
// series (one indicator in one area), so that national-scale datasets stay
// compact and are assessed series by series.
#pragma once

#include <assay/error.hpp>
#include <assay/period.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace assay {

/// Which direction of change is an improvement.
enum class Polarity { higher_is_better, lower_is_better, neutral };

/// "higher_is_better", "lower_is_better", "neutral".
std::string_view to_string(Polarity p);
/// As a key or an explanation says it: "higher is better", "lower is better" or "neutral".
std::string_view polarity_words(Polarity p);
/// Accepts the names above and the short forms "higher", "lower", "up", "down".
std::optional<Polarity> polarity_from_string(std::string_view s);

/// What an indicator's value is, for confidence intervals and significance
/// (docs/statistics.md): declared in indicators.csv's value_type column.
enum class ValueType {
    none,        ///< not declared: no intervals
    proportion,  ///< numerator / denominator (x per, e.g. 100 for a percentage)
    rate,        ///< crude rate: events / population x per (per 1,000, per 100,000)
    count,       ///< a count of events (the numerator); a denominator, if given, is the population
    mean,        ///< a mean of n (the denominator) values with standard deviation sd
    dsr,         ///< directly standardised rate per `per`, with its total events as numerator
};

/// "none", "proportion", "rate", "count", "mean", "dsr".
std::string_view to_string(ValueType t);
/// The names above; nullopt for anything else.
std::optional<ValueType> value_type_from_string(std::string_view s);

/// One indicator's metadata, as declared in indicators.csv.
struct Indicator {
    std::string id;              ///< stable identifier used by rules
    std::string title;           ///< as printed in the report
    std::string unit = "count";  ///< count, percent, rate, points, currency, duration, ratio
    Polarity polarity = Polarity::neutral;
    int decimals = 0;             ///< decimals printed and used for published figures
    std::string source;           ///< who provided the data
    std::string notes;            ///< footnotes printed with the indicator
    std::string comparable_from;  ///< period label where the measurement changed: no comparison across it
    std::string sum_of;           ///< "a + b + c": this indicator is published as the total of those
    SourceLoc where;              ///< the metadata row
    /// What the value is, for confidence intervals.
    ValueType value_type = ValueType::none;
    /// value = numerator / denominator x per (proportion, rate, dsr).
    double per = 1;
};

/// A figure that a report published beside the data, kept to be checked.
enum class PublishedKind { arrow, rating, change, change_pct, change_pts };

/// "arrow", "rating", "change", "change_pct", "change_pts".
std::string_view to_string(PublishedKind k);

/// One published figure attached to an observation.
struct Published {
    PublishedKind kind;
    uint32_t series = 0;          ///< index into Dataset::series
    uint32_t period = 0;          ///< index into Dataset::periods
    std::string text;             ///< as written ("▲", "-6.9%", "+1.5pts")
    std::optional<double> value;  ///< the number in it, for numeric kinds
    SourceLoc where;
};

/// An input file and its SHA-256, as pinned in a run record.
struct InputFile {
    std::string name;    ///< path relative to the dataset or pack folder
    std::string sha256;  ///< lower-case hex of the file's bytes
    uint64_t bytes = 0;
};

/// A threshold the data gives beside a value (a `target`, `floor`,
/// `tolerance` or `comparator` column): for one series and one period, so
/// that a target can change from year to year.
struct Threshold {
    std::string name;      ///< the column: "target", "floor", "tolerance", "comparator"
    uint32_t series = 0;   ///< index into Dataset::series
    uint32_t period = 0;   ///< index into Dataset::periods
    double value = 0;      ///< the figure
    bool percent = false;  ///< written with % ("5%"): a tolerance as a % of what it is applied to
    std::string text;      ///< as written
    SourceLoc where;
};

/// The threshold names a dataset column may give: target, floor, tolerance, comparator.
std::span<const std::string_view> threshold_names();

/// The counts behind one observation, from the optional numerator,
/// denominator and sd columns; NaN where not given.
struct ObservationCounts {
    double numerator = std::numeric_limits<double>::quiet_NaN();
    double denominator = std::numeric_limits<double>::quiet_NaN();
    double sd = std::numeric_limits<double>::quiet_NaN();  ///< standard deviation, for means
};

/// What the officers responsible say about one indicator in one area for
/// one period, as commentary.csv records it: what happened, the corrective
/// action being taken, who owns it and when it is due. Reports quote it as
/// written; the engine never makes it up.
struct Commentary {
    uint32_t series = 0;     ///< index into Dataset::series
    uint32_t period = 0;     ///< index into Dataset::periods
    std::string commentary;  ///< what happened and why ("Operation Scrooge ran through the year")
    std::string action;      ///< the corrective action agreed; empty when none is recorded
    std::string owner;       ///< who is responsible for the action
    std::string due;         ///< when the action is due, as written ("March 2008")
    SourceLoc where;         ///< the row
};

/// One indicator in one area: a contiguous slice of the observation columns.
struct Series {
    uint32_t indicator = 0;  ///< index into Dataset::indicators
    uint32_t area = 0;       ///< index into Dataset::areas
    uint32_t begin = 0;      ///< first observation
    uint32_t end = 0;        ///< one past the last observation
};

/// A loaded dataset. Observations of a series are sorted by period, one per
/// period; a missing value is NaN with its reason kept in `missing`.
struct Dataset {
    std::string name;                                   ///< folder (or file) name without extension
    std::vector<InputFile> files;                       ///< every file read, in name order
    std::vector<Indicator> indicators;                  ///< in declared order
    std::vector<std::string> areas;                     ///< in order of first appearance
    std::vector<Period> periods;                        ///< unique spans, ascending
    std::vector<Series> series;                         ///< ordered by indicator, then area
    std::vector<uint32_t> obs_period;                   ///< period index of each observation
    std::vector<double> obs_value;                      ///< value of each observation; NaN when missing
    std::unordered_map<uint32_t, std::string> missing;  ///< observation -> reason as written ("N/A")
    std::unordered_map<uint32_t, std::string> notes;    ///< observation -> note / status column
    std::vector<Published> published;                   ///< published figures, in file order
    std::vector<Threshold> thresholds;                  ///< thresholds given beside values, by series, period, name
    /// observation -> its numerator, denominator and sd, when given.
    std::unordered_map<uint32_t, ObservationCounts> counts;
    /// Commentary and corrective action (commentary.csv), ordered by series, then period.
    std::vector<Commentary> commentary;

    /// Index of the indicator with this id, if any.
    std::optional<uint32_t> find_indicator(std::string_view id) const;
    /// Index of the area with this name, if any.
    std::optional<uint32_t> find_area(std::string_view name) const;
    /// Index of the period with this label (or an equal span), if any.
    std::optional<uint32_t> find_period(std::string_view label) const;
    /// Index of the series of `indicator` in `area`, if any.
    std::optional<uint32_t> find_series(uint32_t indicator, uint32_t area) const;
    /// Whether observation `obs` holds a value.
    bool has_value(uint32_t obs) const { return !std::isnan(obs_value[obs]); }
    /// The threshold `name` given for series `series` at period `period`, if any.
    const Threshold* find_threshold(uint32_t series, uint32_t period, std::string_view column) const;
    /// The commentary recorded for series `series` at period `period`, if any.
    const Commentary* find_commentary(uint32_t series, uint32_t period) const;
    /// Whether any series of indicator `indicator` has a threshold called `name`.
    bool has_threshold(uint32_t indicator, std::string_view column) const;
    /// Total number of observations.
    size_t observation_count() const { return obs_value.size(); }
};

/// Loads a dataset from a folder (indicators.csv + observations.csv, any
/// further observations*.csv, and commentary.csv when present) or from a
/// single observations CSV file.
/// Throws InputError naming file, line and column; nothing is half-loaded.
Dataset load_dataset(const std::filesystem::path& path);

/// The most bytes an indicator id may hold.
inline constexpr size_t max_indicator_code = 200;
/// The most bytes indicator_key() gives.
inline constexpr size_t max_indicator_key = 64;

/// An indicator id's normalised form, for file names and keys: ASCII letters
/// lower-cased, digits and `_` kept, every run of other characters one `_`
/// ("1.1.2.PI" -> "1_1_2_pi", "NI 195" -> "ni_195", "PAM/012" -> "pam_012").
/// An id already of that form is its own key. At most max_indicator_key
/// bytes: a longer form keeps its start and 8 hex digits of the id's SHA-256.
/// "indicator" when nothing is left.
std::string indicator_key(std::string_view id);

/// Why `id` cannot be an indicator id (empty, longer than
/// max_indicator_code bytes, a control character, a leading or trailing
/// space), or "" when it can: any other printable text is an id.
std::string indicator_code_problem(std::string_view id);
/// load_dataset(path), reading large plain observations files on `threads`
/// threads (0 = one per core, 1 = the general reader alone). The dataset is
/// the same, byte for byte, for any number of threads.
Dataset load_dataset(const std::filesystem::path& path, unsigned threads);

}  // namespace assay
