// Rule packs, as the host sees them once loaded: scales, arrow rules,
// targets, rating rules, groups and themes. Built-in rules are plain data
// evaluated natively; rules written as Lua functions are opaque references
// that the pack's ScriptHost calls.
#pragma once

#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/number.hpp>
#include <assay/presentation.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace assay {

class ScriptHost;

/// One level of a rating scale, e.g. "AMBER GREEN".
struct ScaleLevel {
    std::string label;    ///< as printed: "AMBER GREEN", "Partly Assured", "★★★"
    std::string symbol;   ///< short mark printed beside it, may be empty
    std::string colour;   ///< CSS colour or "" for none
    std::string meaning;  ///< the key's "how identified" text
};

/// An ordered rating scale, worst level first.
struct Scale {
    std::string name;
    std::vector<ScaleLevel> levels;
    SourceLoc where;
    /// Index of the level with this label, if any.
    std::optional<int> find(std::string_view label) const;
};

/// Direction of travel. Neutral indicators (call volumes) move up or down
/// rather than improve or decline.
enum class Arrow { improved, static_, declined, peak, increased, decreased, none };

/// "improved", "static", "declined", "peak", "increased", "decreased", "none".
std::string_view to_string(Arrow a);

/// How an arrow is printed and what it means in the key.
struct ArrowStyle {
    std::string symbol;   ///< "▲"
    std::string word;     ///< "Improved"
    std::string meaning;  ///< "Performance has improved over the last 2 datasets"
};

/// A band of change treated as no change.
struct Band {
    enum class Kind { relative, absolute } kind = Kind::relative;
    double width = 0;  ///< percent of |previous| for relative; units for absolute
};

/// How an indicator's direction of travel is decided.
struct ArrowRule {
    enum class Compare {
        last_two,               ///< latest available value against the previous available one
        same_period_last_year,  ///< latest against the same span one year earlier
        periods_back,           ///< latest against the value `span` periods earlier (short/long term)
    };
    Compare compare = Compare::last_two;
    bool none = false;  ///< arrow = arrow.none: the scheme has no direction of travel (no arrow column, no arrow key)
    int span = 1;       ///< for periods_back
    Band static_band;   ///< |change| inside the band (inclusive) is static
    std::optional<double> peak_at;  ///< a value at or beyond this is at its maximum
    std::string name;               ///< as written in the pack
    SourceLoc where;
    /// Statistical arrows (docs/statistics.md): instead of the static band,
    /// `change` moves only on a significant change between the last two
    /// values (rate ratio or difference of proportions, from the counts);
    /// `trend` on a significant chi-squared test for trend over the last
    /// `span` values.
    enum class Test { none, change, trend };
    Test test = Test::none;
    double level = 0.95;  ///< confidence level of the test
};

/// A further arrow of a group, shown beside its main one under a name ("short", "long").
struct NamedArrowRule {
    std::string name;  ///< as the group names it: arrows = { long = ... } or long_arrow = ...
    ArrowRule rule;
};

/// A target for one indicator (or every indicator of a group).
struct TargetRule {
    enum class Kind {
        absolute,     ///< reach `amount`
        reduce_by,    ///< reduce by `amount` (percent if `percent`) from the baseline by the due period
        increase_by,  ///< increase likewise
        within,       ///< stay within `tolerance` of `amount`
        comparator,   ///< do at least as well as the comparator indicator/area
    };
    Kind kind = Kind::absolute;
    std::string id;
    std::string indicator;  ///< empty when the target belongs to a group
    double amount = 0;
    bool percent = false;  ///< amount is a percentage of the baseline
    double tolerance = 0;  ///< for within
    bool tolerance_percent = false;
    std::string baseline;  ///< period label
    std::string due;       ///< period label
    std::string comparator_indicator;
    std::string comparator_area;
    std::string text;  ///< the target as printed in the key
    SourceLoc where;
    /// Targets that change per period (`values = { ["2024/25"] = 72, ... }`), in period order: a figure is held
    /// to the value of the period that covers it (a year's target for its quarters). Kind::absolute; `amount` is
    /// the last one.
    std::vector<std::pair<std::string, double>> values;
    /// When not empty, the value (the centre of the band for within) is the
    /// dataset's threshold of this name ("target") for the period assessed.
    std::string value_column;
    /// When not empty, the within band is the dataset's threshold of this name ("tolerance").
    std::string tolerance_column;
};

/// A condition of a built-in rating rule.
struct Condition {
    enum class Kind {
        always,
        on_track,
        will_meet,
        met,
        improved,
        static_,
        declined,
        peak,
        better_than,      ///< value is at least as good as `amount` (polarity-aware): "gap closed"
        distance_within,  ///< distance from target within `band`
        has_target,
        has_arrow,
        all,
        any,
        not_,
        within,                ///< |value - reference| within `band`, either side
        short_of,              ///< worse than the reference by more than `band`
        better_by,             ///< better than the reference by more than `band`
        significantly_better,  ///< the interval lies wholly on the better side of the comparator's value
        similar,               ///< the interval includes the comparator's value
        significantly_worse,   ///< the interval lies wholly on the worse side
        above_funnel,          ///< the value is above the funnel plot's upper control limit around the comparator
        within_funnel,         ///< the value is within the funnel plot's control limits
        below_funnel,          ///< the value is below the lower control limit
        better_than_funnel,    ///< outside the funnel's control limits on the better side (polarity-aware)
        worse_than_funnel,     ///< outside the funnel's control limits on the worse side (polarity-aware)
    };
    Kind kind = Kind::always;
    double amount = 0;
    Band band;
    std::vector<Condition> children;
    std::string text;   ///< as written, for the key and the explanation
    std::string arrow;  ///< for the arrow conditions: the group's named arrow tested ("" = the main arrow)
    /// The dataset threshold compared with ("floor"): for better_than instead
    /// of `amount`; for within, short_of and better_by instead of the target.
    std::string reference;
    /// The dataset threshold giving the band ("tolerance") instead of `band`.
    std::string band_column;
    /// For the comparator conditions (significantly_better, similar_to,
    /// significantly_worse) and the funnel conditions (above_funnel,
    /// within_funnel, below_funnel, better_than_funnel, worse_than_funnel):
    /// the area compared with, same indicator
    /// and period, and the confidence level (the funnel's limits).
    std::string comparator_area;
    double level = 0.95;
};

/// How an indicator's rating is decided: the first matching case, or a Lua function.
struct RatingRule {
    enum class Kind { none, first_match, script } kind = Kind::none;
    struct Case {
        Condition when;
        int level = 0;       ///< index into the scale; -1 gives no rating
        std::string reason;  ///< why there is no rating, when level is -1
    };
    std::vector<Case> cases;
    int script = -1;  ///< ScriptHost function reference
    std::string name;
    SourceLoc where;
    /// A rating function's words (`described("...", function(a) ... end)`), printed by the key and explain.
    std::string description;
};

/// How indicator ratings roll up into a group or theme rating.
struct RollupRule {
    enum class Kind { none, worst, best, majority, mean, script } kind = Kind::none;
    /// For mean: the mean of the indicator levels (0 = worst level of the
    /// indicators' scale) mapped to the output scale: the first threshold
    /// the mean reaches, scanned from the best level down.
    std::vector<std::pair<double, int>> thresholds;
    int script = -1;
    std::string text;
    SourceLoc where;
};

/// A table of the report: indicators assessed with the same rules.
/// A benchmark a group's figures are compared with (National, England, all
/// of Stockton, a peer group): shown as a column beside them, never
/// assessed or counted as an indicator itself.
struct ComparatorColumn {
    std::string title;      ///< the column's header ("National")
    std::string area;       ///< the benchmark's area
    std::string indicator;  ///< its indicator: "" = the row's own; "{indicator}" stands for the row's id
    SourceLoc where;        ///< the group declaring it
};

struct Group {
    std::string id;
    std::string title;
    std::string theme;  ///< theme id, may be empty
    std::vector<std::string> indicators;
    std::optional<Polarity> polarity;  ///< overrides the dataset's polarity
    ArrowRule arrow;
    std::optional<TargetRule> target;  ///< applied to each indicator unless it has its own
    RatingRule rating;
    std::string scale;         ///< scale of the indicator ratings
    RollupRule rollup;         ///< group rating, if any
    std::string scale_rollup;  ///< scale of the group rating
    std::string comment;       ///< template for the comment column
    SourceLoc where;
    std::vector<NamedArrowRule> other_arrows;  ///< further arrows beside `arrow`, in name order
    std::optional<Rounding> rounding;          ///< overrides the pack's rounding for these indicators
    std::map<std::string, Rounding, std::less<>> indicator_rounding;  ///< per-indicator overrides within the group
    /// The most months a figure may be older than the period assessed and still be rated (`max_age =
    /// "2 quarters"`); an older one leaves the indicator unrated. Empty: any age is rated (and marked stale).
    std::optional<int> max_age_months;
    std::string max_age;        ///< as written ("2 quarters")
    Presentation presentation;  ///< how the group's figures are printed, over the pack's
    std::map<std::string, Presentation, std::less<>> indicator_presentation;  ///< per indicator within the group
    /// Benchmarks shown as columns beside the figures (`comparators = { "National" }`); the series of a
    /// comparator in the group's own indicators are not assessed.
    std::vector<ComparatorColumn> comparators;
    /// Rows on period bases offset from each other (12 months to June beside 12 months to Sept) share one
    /// set of period columns, the others marked "*" with a footnote; `align_periods = false` keeps a column
    /// per period.
    bool align_periods = true;
};

/// A series the pack computes from the dataset's before assessing: a gap
/// between indicators or areas, a rate per population, a rolling sum, a sum.
struct DerivedSeries {
    enum class Kind {
        gap,          ///< inputs[0] - inputs[1], per area and period
        gap_areas,    ///< inputs[0] in from_area - inputs[0] in to_area, per period, in a new area
        rate,         ///< sum(inputs) / sum(per) * scale, per area and period
        rolling_sum,  ///< sum of inputs[0] over the `months` ending each period
        sum,          ///< sum(inputs), per area and period
    };
    Kind kind = Kind::sum;
    std::string id;                    ///< the new indicator's id
    std::string title;                 ///< as printed; the id when empty
    std::vector<std::string> inputs;   ///< indicator ids it is computed from
    std::vector<std::string> per;      ///< for rate: the denominator's indicators (summed)
    double scale = 1;                  ///< for rate: "per 1,000" is 1000
    int months = 12;                   ///< for rolling_sum: the window
    std::string from_area;             ///< for gap_areas
    std::string to_area;               ///< for gap_areas
    std::string area;                  ///< for gap_areas: the new area's name ("" = "<from> vs <to>")
    std::string unit;                  ///< "" = the first input's (rate: "rate")
    std::optional<Polarity> polarity;  ///< empty = the first input's
    std::optional<int> decimals;       ///< empty = the first input's (rate: 1)
    std::string notes;                 ///< footnote for the new indicator
    SourceLoc where;
};

/// "gap", "gap_areas", "rate", "rolling_sum", "sum".
std::string_view to_string(DerivedSeries::Kind k);

/// A theme: groups rolled up into one rating.
struct Theme {
    std::string id;
    std::string title;
    std::string scale;
    std::vector<std::string> groups;
    RollupRule rollup;
    SourceLoc where;
};

/// A loaded rule pack.
/// What a published report says about itself on its first page: from the
/// pack's `report = { ... }`, each field overridable on the command line.
/// Empty fields are left out.
struct ReportInfo {
    std::string title;         ///< the report's title (else the pack's)
    std::string organisation;  ///< who publishes it ("Redcar & Cleveland Partnership")
    std::string period;        ///< the period it covers, as the publisher writes it ("2006/07")
    std::string date;          ///< the date of the report, as written ("June 2007")
    std::string author;        ///< who wrote it
    std::string contact;       ///< whom to ask (a name, an e-mail address, a telephone number)
    std::string status;        ///< "draft" or "final"
};

/// The names of ReportInfo's fields, in first-page order: title, organisation, period, date, author, contact, status.
inline constexpr const char* report_info_fields[] = {"title",  "organisation", "period", "date",
                                                     "author", "contact",      "status"};

/// The field of `info` called `name` (one of report_info_fields); null for another name.
std::string* report_info_field(ReportInfo& info, std::string_view name);

struct Pack {
    std::string name;
    std::string title;
    std::string version;
    std::filesystem::path dir;
    std::vector<InputFile> files;  ///< every source file, in name order
    Rounding rounding = Rounding::half_up;
    std::vector<Scale> scales;
    ArrowStyle arrows[6];  ///< indexed by Arrow (improved ... decreased)
    std::vector<TargetRule> targets;
    std::vector<Group> groups;
    std::vector<Theme> themes;
    std::shared_ptr<ScriptHost> host;                                 ///< runs Lua rules; null when there are none
    std::map<std::string, Rounding, std::less<>> indicator_rounding;  ///< per-indicator overrides of `rounding`
    std::vector<DerivedSeries> derived;  ///< series computed before assessing, in declared order
    Presentation presentation;           ///< how figures are printed (signs, separators, change columns)
    std::map<std::string, Presentation, std::less<>> indicator_presentation;  ///< per-indicator conventions
    ReportInfo report;  ///< the report's title, organisation, period, date, author, contact and status

    /// The scale with this name, if any.
    const Scale* find_scale(std::string_view name) const;
    /// The group with this id, if any.
    const Group* find_group(std::string_view id) const;
    /// The pack's own target for `indicator`, else the group's, else null.
    const TargetRule* target_for(const Group& g, std::string_view indicator) const;
    /// How `indicator` of group `g` is rounded: the group's per-indicator
    /// rounding, else the pack's per-indicator, else the group's, else the pack's.
    Rounding rounding_for(const Group& g, std::string_view indicator) const;
    /// How `indicator` is rounded outside any group: the pack's per-indicator rounding, else the pack's.
    Rounding rounding_for(std::string_view indicator) const;
    /// How `indicator` of group `g` is printed: the pack's conventions, over
    /// them the group's, then the pack's for the indicator, then the group's for it.
    Style style_for(const Group& g, std::string_view indicator) const;
    /// How `indicator` is printed outside any group.
    Style style_for(std::string_view indicator) const;
};

/// Limits a pack's Lua code runs under.
struct SandboxLimits {
    uint64_t instructions = 10'000'000;  ///< per load and per rule call
    size_t memory_bytes = 64u << 20;     ///< for the whole pack state
    /// Wall-clock backstop per load and per rule call, in seconds (0: none), for
    /// work the instruction count cannot see, such as comparing very long texts.
    double seconds = 10;
    /// Instructions for all of a pack's files together while it loads (0: no total).
    uint64_t load_instructions = 100'000'000;
    /// Wall-clock seconds for all of a pack's files together while it loads (0: no total).
    double load_seconds = 30;
    /// Instructions for all rule calls of one assessment together (0: no total).
    uint64_t run_instructions = 1'000'000'000;
    /// Wall-clock seconds spent in rule calls during one assessment (0: no total).
    double run_seconds = 60;
    /// Test seam for fault injection: the state's Nth allocation and every
    /// later one fail, as if memory ran out (0: never).
    uint64_t fail_allocation_at = 0;
};

/// Loads the pack in folder `dir` (pack.lua and the files it lists) in a
/// fresh sandbox. Throws InputError naming file, line and what was expected.
Pack load_pack(const std::filesystem::path& dir, const SandboxLimits& limits = {});

/// The Lua release rule packs run under ("Lua 5.4.4"), as run records pin it.
std::string_view lua_release();

}  // namespace assay
