// `assay explain PACK DATASET INDICATOR`: why one indicator got its arrow
// and rating, in every area (or one with --area): the values and periods
// used, the change and the band, the target and trajectory, and the trace
// of the rules that decided, each with its file:line.
#include <commands.hpp>
#include <common.hpp>

#include <assay/ansi.hpp>
#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/lint.hpp>
#include <assay/number.hpp>
#include <assay/pack.hpp>
#include <assay/run.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace assay::cli {

namespace {

struct ExplainOptions {
    std::string pack;
    std::string dataset;
    std::string indicator;
    std::string area;
    std::string as_at;
    std::string colour = "auto";
};

/// ANSI colour for the explanation, as `assay run` colours its table: a
/// rating by its place in the scale (worst red to best green), an arrow by
/// its direction. The words are always printed; colour only adds to them.
struct Paint {
    bool on = false;
    /// Prints "  <label>" then `text` (its control characters shown, never sent) in colour `code`.
    void line(std::string_view label, std::string_view code, std::string_view text) const {
        say("  {}", label);
        if (on && !code.empty()) std::fputs(fmt::format("\x1b[{}m", code).c_str(), stdout);
        say_text(text);
        if (on && !code.empty()) std::fputs("\x1b[0m", stdout);
        say("\n");
    }
    static std::string_view rating(int level, size_t levels) { return ansi_rating_colour(level, levels); }
    static std::string_view arrow(Arrow a) { return ansi_arrow_colour(a); }
};

/// A figure as explanations print it: two decimals more than the indicator's.
std::string figure(double x, const Indicator& ind, Rounding r) {
    return format_number(round_to(x, ind.decimals + 2, r));
}

/// "2003/04 1029, 2004/05 721, ...": the observations up to the as-at period.
std::string values_line(const Assessment& a, const Outcome& o, const Indicator& ind, Rounding r) {
    const Dataset& d = *a.dataset;
    const Series& s = d.series[o.series];
    auto cutoff = d.find_period(a.as_at);
    std::string out;
    for (uint32_t i = s.begin; i < s.end; ++i) {
        if (cutoff && d.obs_period[i] > *cutoff) break;
        std::string v;
        if (d.has_value(i)) {
            v = format_fixed(round_to(d.obs_value[i], ind.decimals, r), ind.decimals);
        } else {
            auto m = d.missing.find(i);
            v = m == d.missing.end() || m->second.empty() ? "no value" : m->second;
        }
        out += fmt::format("{}{} {}", out.empty() ? "" : ", ", d.periods[d.obs_period[i]].label, v);
    }
    return out.empty() ? "none" : out;
}

std::string target_line(const TargetOutcome& t, const Indicator& ind, Rounding r) {
    std::string out = t.rule && !t.rule->text.empty() ? t.rule->text : "target";
    out += fmt::format(": target {}", figure(t.target, ind, r));
    if (t.trajectory) out += fmt::format(", trajectory now {}", figure(*t.trajectory, ind, r));
    std::string pct = t.distance_pct && !t.met
                          ? fmt::format(" ({}% of the target)", format_number(round_to(*t.distance_pct, 2, r)))
                          : std::string();
    out += t.met ? ", met" : fmt::format(", {} still to go{}", figure(t.distance, ind, r), pct);
    // On track against a trajectory; a target with none (a fixed or yearly one) is met or not.
    if (t.trajectory) out += t.on_track ? ", on track" : ", not on track";
    if (t.projection)
        out += fmt::format(", projected {} ({})", figure(*t.projection, ind, r),
                           t.will_meet ? "will meet" : "will not meet");
    if (t.rule && !t.rule->where.file.empty()) out += " (" + to_string(t.rule->where) + ")";
    return out;
}

void print_outcome(const Assessment& a, const Outcome& o, const Paint& paint) {
    const Pack& p = *a.pack;
    const Dataset& d = *a.dataset;
    const Group& g = p.groups[o.group];
    const Indicator& ind = d.indicators[d.series[o.series].indicator];
    const Rounding r = p.rounding_for(g, ind.id);
    const Polarity polarity = g.polarity.value_or(ind.polarity);

    std::string title = ind.title.empty() ? ind.id : ind.title;
    say("{} ({}) · {} · as at {}\n", title, ind.id, d.areas[d.series[o.series].area], a.as_at);
    say("  group:    {} ({}, {}), {}{}\n", g.title.empty() ? g.id : g.title, g.id, to_string(g.where),
        polarity_words(polarity), g.polarity ? " (the group's)" : " (the indicator's)");
    say("  values:   {}\n", values_line(a, o, ind, r));
    if (o.current) {
        std::string used = d.periods[o.current->period].label;
        if (o.previous) used += " against " + d.periods[o.previous->period].label;
        say("  compared: {}\n", used);
    }
    if (o.change) {
        std::string pct = o.change_pct ? fmt::format(" ({}%)", format_number(round_to(*o.change_pct, 2, r))) : "";
        say("  change:   {}{}\n", figure(*o.change, ind, r), pct);
    }
    std::string arrow(to_string(o.arrow));
    if (o.arrow != Arrow::none) {
        const ArrowStyle& style = p.arrows[static_cast<size_t>(o.arrow)];
        if (!style.symbol.empty()) arrow = style.symbol + " " + arrow;
    } else if (!o.arrow_reason.empty()) {
        arrow += ": " + o.arrow_reason;
    }
    paint.line("arrow:    ", Paint::arrow(o.arrow), arrow);
    for (const OtherArrow& other : o.other_arrows)
        say("  {} arrow: {}{}\n", other.name, to_string(other.arrow), other.reason.empty() ? "" : ": " + other.reason);
    if (o.target) say("  target:   {}\n", target_line(*o.target, ind, r));
    const Scale* scale = p.find_scale(g.scale);
    std::string rating = "none";
    std::string_view code;
    if (o.rating >= 0 && scale && o.rating < static_cast<int>(scale->levels.size())) {
        rating = scale->levels[static_cast<size_t>(o.rating)].label;
        code = Paint::rating(o.rating, scale->levels.size());
    } else if (!o.rating_reason.empty()) {
        rating += ": " + o.rating_reason;
    }
    if (!o.stale.empty()) paint.line("figure:   ", "33", o.stale);
    paint.line("rating:   ", code, rating);
    if (!o.error.empty()) paint.line("error:    ", "31", o.error);
    if (!o.explanation.empty()) {
        say("  how the rules decided:\n");
        for (const std::string& line : o.explanation) say("    {}\n", line);
    }
}

int explain(const ExplainOptions& o) {
    RunInputs inputs = load_run(o.pack, o.dataset);
    const Pack& pack = inputs.pack;
    const Dataset& data = inputs.data.dataset();  // with the pack's derived series
    if (std::string w = period_reading(data, "--as-at", o.as_at); !w.empty()) print_warning(w);

    std::vector<std::string> assessed;
    for (const Group& g : pack.groups) assessed.insert(assessed.end(), g.indicators.begin(), g.indicators.end());
    if (std::find(assessed.begin(), assessed.end(), o.indicator) == assessed.end()) {
        if (data.find_indicator(o.indicator))
            print_error(fmt::format("indicator '{}' is in dataset '{}', but no group of pack '{}' assesses it",
                                    o.indicator, data.name, pack.name));
        else
            print_error(fmt::format("no group of pack '{}' assesses indicator '{}'{}", pack.name, o.indicator,
                                    did_you_mean(o.indicator, assessed)));
        return exit_usage;
    }

    AssessOptions options;
    options.as_at = o.as_at;
    Assessment a = assess(inputs, options);
    const Dataset& d = data;
    if (!o.area.empty() && !d.find_area(o.area)) {
        std::string hint = did_you_mean(o.area, d.areas);
        if (hint.empty() && d.areas.size() <= 12) {
            for (const std::string& name : d.areas) hint += (hint.empty() ? " (its areas: '" : "', '") + name;
            if (!hint.empty()) hint += "')";
        }
        print_error(fmt::format("area '{}' is not in dataset '{}'{}", o.area, d.name, hint));
        return exit_usage;
    }
    int shown = 0;
    bool failed = false;
    for (const Outcome& outcome : a.outcomes) {
        const Series& s = d.series[outcome.series];
        if (d.indicators[s.indicator].id != o.indicator) continue;
        if (!o.area.empty() && d.areas[s.area] != o.area) continue;
        if (shown++) say("\n");
        print_outcome(a, outcome, Paint{use_colour(o.colour)});
        failed = failed || !outcome.error.empty();
    }
    if (shown == 0) {
        print_error(fmt::format("indicator '{}' has no observations{} in dataset '{}'", o.indicator,
                                o.area.empty() ? "" : " in area '" + o.area + "'", d.name));
        return exit_usage;
    }
    std::fflush(stdout);
    return failed ? exit_findings : exit_ok;
}

}  // namespace

Command explain_command() {
    return {
        "explain", "Explain why one indicator got its arrow and rating", [](CLI::App& sub) {
            auto o = std::make_shared<ExplainOptions>();
            sub.add_option("pack", o->pack, "Rule pack folder")->required()->check(CLI::ExistingDirectory);
            sub.add_option("dataset", o->dataset, "Dataset folder or CSV file")->required()->check(CLI::ExistingPath);
            sub.add_option("indicator", o->indicator, "Indicator id, as the pack's groups name it")->required();
            sub.add_option("--area", o->area, "Only this area (default: every area)");
            sub.add_option("--as-at", o->as_at, "Assess as of this period (later data ignored), e.g. 2005/06");
            sub.add_option("--color", o->colour, "always, never or auto (a terminal and NO_COLOR unset)")
                ->check(CLI::IsMember({"always", "never", "auto"}));
            sub.footer(
                "Exit codes: 0 ok, 1 a rule failed for the indicator (it is unrated), 2 usage or input error "
                "(an unknown indicator or area, with the closest name).");
            return [o] { return explain(*o); };
        }};
}

}  // namespace assay::cli
