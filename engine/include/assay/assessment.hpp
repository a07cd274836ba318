// Assessment: what the engine concludes for each indicator and area, then
// for groups and themes, and which published figures disagree with the data.
// Outcomes refer to the Pack and Dataset by index and pointer; both must
// outlive the Assessment.
#pragma once

#include <assay/dataset.hpp>
#include <assay/pack.hpp>
#include <assay/statistics.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace assay {

/// An observation used by an outcome.
struct Point {
    uint32_t period = 0;  ///< index into Dataset::periods
    double value = 0;
};

/// Where an indicator stands against its target.
struct TargetOutcome {
    const TargetRule* rule = nullptr;
    std::optional<Point> baseline;
    double target = 0;                   ///< the value to reach (or the centre of a band)
    std::optional<Period> due;           ///< the due period (it need not be in the data)
    std::optional<double> trajectory;    ///< where a straight line from baseline to target stands now
    bool on_track = false;               ///< value at or better than the trajectory (or the target)
    bool met = false;                    ///< value at or better than the target
    double distance = 0;                 ///< how far from the target, in the indicator's units (>0: still to go)
    std::optional<double> distance_pct;  ///< distance as % of the target
    std::optional<double> projection;    ///< the recent rate of change carried to the due date
    bool will_meet = false;              ///< the projection meets the target
};

/// A further arrow of an outcome, under the name its group gives it ("long").
struct OtherArrow {
    std::string name;  ///< the group's name for the arrow rule
    Arrow arrow = Arrow::none;
    std::string reason;                ///< why there is no arrow, when none
    std::optional<Point> previous;     ///< the value compared against
    std::optional<double> change;      ///< current - previous
    std::optional<double> change_pct;  ///< change as % of |previous|
};

/// A comparison of the current value with a comparator area's, made for a
/// rating's significance conditions (docs/statistics.md).
struct Comparison {
    std::string area;  ///< the comparator ("England")
    double level = 0.95;
    /// 1 significantly better (or higher, when neutral), 0 similar, -1
    /// significantly worse (or lower); nullopt when it cannot be judged.
    std::optional<int> verdict;
    bool neutral = false;         ///< polarity neutral: verdicts are higher / lower, not better / worse
    double lower = 0, upper = 0;  ///< the area's interval; for a funnel, the control limits at the area's denominator
    std::string method;     ///< how the interval was computed: "Wilson score", "Byar", "exact Poisson", "t", "Dobson"
    double comparator = 0;  ///< the comparator's value
    /// A funnel-plot position (above_funnel and the like): verdict is 1
    /// above the upper limit, 0 within, -1 below, whatever the polarity.
    bool funnel = false;
    double denominator = 0;  ///< for a funnel: the area's denominator
    std::string text;        ///< the explanation, with its numbers
};

/// The assessment of one indicator in one area.
struct Outcome {
    uint32_t group = 0;                  ///< index into Pack::groups
    uint32_t series = 0;                 ///< index into Dataset::series
    std::optional<uint32_t> latest_obs;  ///< the observation assessed (latest up to as-at)
    std::optional<Point> current;        ///< latest available value
    std::optional<Point> previous;       ///< the value compared against
    std::optional<double> change;        ///< current - previous
    std::optional<double> change_pct;    ///< change as % of |previous|
    Arrow arrow = Arrow::none;
    std::string arrow_reason;   ///< why there is no arrow, when none
    int rating = -1;            ///< level index in the group's scale; -1 when none
    std::string rating_reason;  ///< why there is no rating, when none
    std::optional<TargetOutcome> target;
    std::string comment;
    std::vector<std::string> explanation;  ///< the trace, filled when asked for
    std::string error;                     ///< a rule failed: no rating is given
    std::string target_gap;                ///< the data cannot place the target (no baseline value): no rating is given
    std::vector<OtherArrow> other_arrows;  ///< the group's further arrows, in its order
    /// When the figure assessed (`current`) is for a period that ends before the period assessed begins:
    /// "latest figure 2024/25 Q3; none for 2025/26 Q2". Empty when the figure is current.
    std::string stale;
    /// The rating's comparisons with comparator areas, in the order the rule names them.
    std::vector<Comparison> comparisons;
    /// The current value's confidence interval at the group's interval_level,
    /// when the group uses statistics and the data carries the counts.
    std::optional<ValueInterval> interval;
};

/// Counts of ratings and arrows, by label.
struct Counts {
    std::map<std::string, int> ratings;  ///< level label -> indicators
    std::map<std::string, int> arrows;   ///< arrow name -> indicators
    int assessed = 0;
    int unrated = 0;
};

/// A group's roll-up.
struct GroupOutcome {
    uint32_t group = 0;
    int rating = -1;  ///< level in the group's roll-up scale; -1 when none
    Counts counts;
    std::vector<std::string> explanation;
};

/// A theme's roll-up.
struct ThemeOutcome {
    uint32_t theme = 0;
    int rating = -1;
    Counts counts;
    std::vector<std::string> explanation;
};

/// A published figure that does not match the data.
struct Check {
    std::string kind;  ///< "published_arrow", "published_change_pct", "total", ...
    std::string indicator;
    std::string area;
    std::string period;
    std::string published;  ///< as written
    std::string computed;   ///< as the data gives it, in the same form
    std::string detail;
    SourceLoc where;
};

/// What to assess and how much to record.
struct AssessOptions {
    std::string as_at;    ///< period label; observations after it are ignored; "" = all
    bool explain = true;  ///< fill Outcome::explanation
    bool check_published = true;
};

/// A dataset prepared for one pack: the dataset's own series followed by
/// every series the pack derives (gaps, rates, rolling sums, ...). Only
/// prepare() makes one, so a run is prepared in exactly one place and
/// assess() never derives. It shares ownership of the data: copies are
/// cheap, and an Assessment keeps the data it refers to alive.
class PreparedData {
public:
    PreparedData() = default;
    const Dataset& dataset() const { return *data_; }
    const Dataset* get() const { return data_.get(); }
    explicit operator bool() const { return data_ != nullptr; }

private:
    friend PreparedData prepare(const Pack& pack, Dataset data);
    explicit PreparedData(std::shared_ptr<const Dataset> data) : data_(std::move(data)) {}
    std::shared_ptr<const Dataset> data_;
};

/// Prepares `data` for `pack`: appends the series the pack derives, in its
/// declared order. Throws InputError naming the derivation's file:line when
/// it names an unknown indicator or area or an id the dataset already has.
PreparedData prepare(const Pack& pack, Dataset data);

/// A whole assessment.
struct Assessment {
    const Pack* pack = nullptr;        ///< the pack assessed with; must outlive the Assessment
    const Dataset* dataset = nullptr;  ///< the prepared data assessed (held by `data`)
    PreparedData data;                 ///< keeps `dataset` alive
    std::string as_at;                 ///< label of the as-at period actually used
    std::vector<Outcome> outcomes;     ///< in the pack's declared order; empty when streamed
    std::vector<GroupOutcome> groups;
    std::vector<ThemeOutcome> themes;
    std::vector<Check> checks;
    std::vector<std::string> errors;  ///< rule failures, one line each
    bool audited = false;             ///< add_audit_checks() (assay/audit.hpp) has added the audit's errors to checks
};

/// Receives outcomes one at a time, for runs too large to hold, with the
/// assessment they belong to (its pack, dataset and as-at are set; its
/// outcomes are not kept), so that a renderer can name what they refer to.
using OutcomeSink = std::function<void(const Assessment&, const Outcome&)>;

/// Assesses `data` (prepared for `pack`) with `pack`. With a sink, outcomes
/// are passed to it in order and not kept. Rule failures become
/// Outcome::error and an entry in Assessment::errors; they never yield a
/// rating. Throws InputError when the pack names indicators the dataset
/// lacks or as_at is not a known period, and Fatal when `data` was not
/// prepared for a pack with these derived series.
Assessment assess(const Pack& pack, const PreparedData& data, const AssessOptions& options = {},
                  const OutcomeSink& sink = nullptr);

}  // namespace assay
