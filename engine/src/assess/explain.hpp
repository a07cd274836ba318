// Text for explanation traces, check details and comments: figures rounded
// with the indicator's convention, rule references, band and polarity wording.
// Only called when something is explained or reported, never on the
// per-series fast path.
#pragma once

#include "assess/context.hpp"

#include <assay/assessment.hpp>

#include <string>
#include <string_view>

namespace assay::assess_detail {

/// `x` rounded to `decimals` places by `mode`, in its shortest form ("848.93", "547").
std::string figure(double x, int decimals, Rounding mode);

/// A figure of this series for an explanation (the indicator's decimals + 2).
std::string figure(const SeriesContext& ctx, double x);

/// The arrow rule as written, else its built-in name ("arrow.last_two").
std::string arrow_rule_name(const ArrowRule& r);

/// "name, file:line", "name" or "file:line": a rule reference for parentheses.
std::string rule_ref(std::string_view name, const SourceLoc& where);

/// "name (file:line)", "name" or "file:line": a rule named in running text.
std::string rule_at(std::string_view name, const SourceLoc& where);

/// "1.5%" for a relative band, "0.5" for an absolute one.
std::string band_text(const Band& b);

/// The label of dataset period `p`.
const std::string& period_label(const Dataset& d, uint32_t p);

/// The comment template filled in from the outcome: {indicator} {title}
/// {area} {period} {value} {previous_period} {previous} {change}
/// {change_pct} {arrow} {rating} {target} {distance} {note}, and for a
/// named arrow {arrow.long} {previous.long} {previous_period.long}
/// {change.long} {change_pct.long}; "{{" is "{". Figures use the
/// indicator's decimals and rounding; an unknown name is left as written.
std::string render_comment(std::string_view tmpl, const SeriesContext& ctx, const Outcome& o);

}  // namespace assay::assess_detail
