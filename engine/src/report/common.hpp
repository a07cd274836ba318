// Shared by the report formats: lookups from an Outcome into the Pack and
// Dataset it refers to, and the text of the cells every format prints
// (values with the indicator's decimals and unit, arrow symbols, rating
// labels, comments).
#pragma once

#include <assay/assessment.hpp>
#include <assay/presentation.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace assay::reporting {

/// The indicator an outcome assesses.
const Indicator& indicator_of(const Assessment& a, const Outcome& o);
/// The area an outcome assesses.
const std::string& area_of(const Assessment& a, const Outcome& o);
/// The group an outcome belongs to.
const Group& group_of(const Assessment& a, const Outcome& o);
/// The polarity the outcome was assessed with: the group's, else the indicator's.
Polarity polarity_of(const Assessment& a, const Outcome& o);
/// The label of period `index` of the dataset.
const std::string& period_label(const Dataset& d, uint32_t index);

/// The period an outcome reports: the current value's, else the latest
/// observation's (when its value is missing), else none.
std::optional<uint32_t> reported_period(const Assessment& a, const Outcome& o);

/// The scale a group's indicator ratings are on; null when the pack lacks it.
const Scale* rating_scale(const Pack& p, const Group& g);
/// The scale of a group's own rating: scale_rollup, else scale.
const Scale* rollup_scale(const Pack& p, const Group& g);
/// The label of `level` in `scale`; nullopt when there is no such level.
std::optional<std::string_view> level_label(const Scale* scale, int level);

/// The pack's symbol for `arrow` (built-in symbols when the pack gives
/// none); "N/A" for Arrow::none.
std::string_view arrow_symbol(const Pack& p, Arrow arrow);
/// The arrows a report prints, in key order (every Arrow but none).
inline constexpr Arrow printed_arrows[] = {Arrow::improved, Arrow::static_,   Arrow::declined,
                                           Arrow::peak,     Arrow::increased, Arrow::decreased};

/// A value as the report prints it: rounded to the indicator's decimals with
/// the pack's rounding, in the pack's presentation conventions (format_value);
/// by default "72%" for percent, a sign for points ("+0.4"), and thousands
/// separators from 10,000 up otherwise ("947", "10,202").
std::string value_text(const Indicator& ind, double value, Rounding rounding, const Style& style = Style{});
/// Observation `obs` as a cell: its value, or its missing reason ("N/A").
std::string observation_text(const Dataset& d, const Indicator& ind, uint32_t obs, Rounding rounding,
                             const Style& style = Style{});

/// How the figures of `o` are printed: its group's and indicator's conventions over the pack's.
Style style_of(const Assessment& a, const Outcome& o);

/// The change columns of a table: those the group's conventions show (the
/// union over its indicators, in volume, %, pts order).
std::vector<ChangeColumn> change_columns(const Assessment& a, const Group& g);
/// A change column's header: "Change", "% change", "Change (pts)".
std::string change_header(ChangeColumn c);
/// The text of change column `c` for `o` ("" when it has no change).
std::string change_text(const Assessment& a, const Outcome& o, ChangeColumn c);
/// The number under change column `c` for `o`, as a spreadsheet holds it
/// (rounded as printed); nullopt when the cell is text or empty.
std::optional<double> change_number(const Assessment& a, const Outcome& o, ChangeColumn c);
/// The unit header of a group's figure columns ("£000s"), "" when none.
std::string unit_header(const Assessment& a, const Group& g);

/// The comment column: the rule error if any, then the outcome's comment,
/// or when it has none the reasons why there is no arrow or rating.
std::string comment_text(const Assessment& a, const Outcome& o);

/// The outcome's first comparison with a comparator area (funnel false) or
/// its first funnel position (funnel true); null when it has none.
const Comparison* first_comparison(const Outcome& o, bool funnel);
/// "better", "similar", "worse" (or "higher", "lower" for a neutral
/// indicator); for a funnel "above", "within", "below"; "" when not judged.
std::string_view comparison_word(const Comparison& c);
/// "95 % CI 15.9 to 20.7": an interval with the indicator's figures.
std::string interval_text(const Indicator& ind, const ValueInterval& ci, Rounding rounding,
                          const Style& style = Style{});
/// A confidence level as a percentage: 95, 99.8 (not 99.80000000000001).
double level_percent(double level);

/// The figure of benchmark `c` beside `o`: the observation of the benchmark
/// series (its indicator in its area) at the period `o` reports, with the
/// benchmark's indicator; nullopt when the data has none.
struct ComparatorFigure {
    uint32_t indicator = 0;  ///< index into Dataset::indicators
    uint32_t obs = 0;        ///< the observation
};
std::optional<ComparatorFigure> comparator_figure(const Assessment& a, const Outcome& o, const ComparatorColumn& c);
/// The benchmark's figure as the report prints it ("6.4%"), "" when none.
std::string comparator_text(const Assessment& a, const Outcome& o, const ComparatorColumn& c);
/// The benchmark's value as a spreadsheet holds it (rounded as printed); nullopt when none or missing.
std::optional<double> comparator_value(const Assessment& a, const Outcome& o, const ComparatorColumn& c);

/// The report's title: the metadata's, else the pack's.
std::string report_title(const Pack& p, const ReportInfo& info);
/// The metadata a first page lists, labelled, in order ("Organisation",
/// "Period", "Date", "Author", "Contact", "Status"), empty fields left out;
/// the status as a word ("Draft", "Final").
std::vector<std::pair<std::string, std::string>> report_meta(const ReportInfo& info);

/// The commentary and corrective action the dataset records for `o`: at the
/// period it reports, else at the as-at period; null when none is recorded.
const Commentary* commentary_of(const Assessment& a, const Outcome& o);
/// Whether `o` is rated at the worst level of a scale of two or more
/// levels: the rating that calls for corrective action.
bool needs_action(const Assessment& a, const Outcome& o);
/// What a report says of a recorded commentary and action, as plain
/// sentences: "Commentary: ... Corrective action: ... Owner: ... Due: ...";
/// when the action is missing, "No corrective action has been recorded for
/// 2006/07." in its place (only when `needed`). "" when there is nothing to say.
std::string action_text(const Assessment& a, const Outcome& o, const Commentary* c, bool needed);

/// A derived figure (change, trajectory...) as recorded: rounded to 6
/// decimals to drop binary noise (-0.19999999999999996 -> -0.2), never "-0".
double record_value(double x, Rounding rounding);

/// Index of the as-at period, or the last period when there is no cut-off.
std::optional<uint32_t> as_at_index(const Assessment& a);
/// The outcome's observations up to the as-at period: [first, second).
std::pair<uint32_t, uint32_t> observations_upto(const Assessment& a, const Outcome& o, std::optional<uint32_t> as_at);

/// What a report calls a group, theme or indicator: its title, or its id
/// when it has none.
template <class Thing>
const std::string& title_of(const Thing& t) {
    return t.title.empty() ? t.id : t.title;
}
/// What a report calls a pack: its title, or its name when it has none.
inline const std::string& title_of(const Pack& p) {
    return p.title.empty() ? p.name : p.title;
}

/// A column of a summary of counts (HTML summary, XLSX summary sheet): a
/// rating label or an arrow name, and its header.
struct CountColumn {
    bool rating = true;
    std::string key;  ///< level label or arrow name ("none" for no arrow)
    std::string header;
};
/// The count under `col` in `c` (0 when there is none).
int count_of(const Counts& c, const CountColumn& col);

/// The report's grid, shared by every layout (terminal and Markdown tables,
/// HTML, XLSX): each group's outcomes in assessment order, indexed by group.
std::vector<std::vector<const Outcome*>> outcomes_by_group(const Assessment& a);
/// The period columns of a table of `outs`: the dataset periods observed in
/// any of them up to the as-at period, in period order.
std::vector<uint32_t> observed_periods(const Assessment& a, const std::vector<const Outcome*>& outs,
                                       std::optional<uint32_t> as_at);
/// The same over every outcome of the assessment.
std::vector<uint32_t> observed_periods(const Assessment& a, std::optional<uint32_t> as_at);
/// The outcome's observation under each of the period columns `periods`
/// (up to the as-at period), nullopt where it has none.
std::vector<std::optional<uint32_t>> period_cells(const Assessment& a, const Outcome& o,
                                                  const std::vector<uint32_t>& periods, std::optional<uint32_t> as_at);

/// "absolute", "reduce_by", "increase_by", "within", "comparator".
std::string_view to_string(TargetRule::Kind k);

/// The target as printed: "849 by 2007/08", "95% ± 2", "at least the comparator (12.1)".
std::string target_text(const Assessment& a, const Outcome& o);
/// How far from the target: "1,894 to go (53.2%)", "Met (132 better)".
std::string distance_text(const Assessment& a, const Outcome& o);
/// Whether any target of `outs` is the pack's own (set in its rules), not a figure the data gives.
bool targets_set_by_pack(const std::vector<const Outcome*>& outs);
/// Whether the ratings of `outs` are the pack's own: the data publishes no rating for them.
bool ratings_set_by_pack(const Assessment& a, const std::vector<const Outcome*>& outs);
/// The footnote of the \u2020 marks: "\u2020 Targets are set by the rule pack lsp2007, not
/// published in the source."; "" when neither is marked.
std::string set_by_pack_note(const Pack& p, bool targets, bool ratings);

/// Throws Fatal unless the assessment refers to its pack and dataset.
void require_inputs(const Assessment& a);

}  // namespace assay::reporting
