// Presentation conventions: each expected string is a figure as a seed
// document prints it (PCC Q2 2024/25 tables, LSP 2007 tables, the 2016/17
// budget results, the hotspot patrols summary).
#include <assay/presentation.hpp>

#include <catch2/catch.hpp>

using namespace assay;

namespace {

Indicator unit(const char* u, int decimals) {
    Indicator ind;
    ind.id = "x";
    ind.unit = u;
    ind.decimals = decimals;
    return ind;
}

Style with(const Presentation& p) {
    return resolve(p);
}

}  // namespace

TEST_CASE("presentation: default style keeps separators from 10,000 and signs only points") {
    Style s;
    CHECK(format_value(unit("count", 0), 9932, Rounding::half_up, s) == "9932");
    CHECK(format_value(unit("count", 0), 10202, Rounding::half_up, s) == "10,202");
    CHECK(format_value(unit("points", 1), 0.4, Rounding::half_up, s) == "+0.4");
    CHECK(format_value(unit("percent", 0), 72, Rounding::half_up, s) == "72%");
    CHECK(format_value(unit("rate", 1), 0.4, Rounding::half_up, s) == "0.4");
    CHECK(s.changes.empty());
}

TEST_CASE("presentation: thousands always, never and from N") {
    Presentation p;
    p.thousands = 0;
    CHECK(format_value(unit("count", 0), 3497, Rounding::half_up, with(p)) == "3,497");  // PCC "3,497"
    CHECK(format_value(unit("count", 0), 857, Rounding::half_up, with(p)) == "857");
    CHECK(format_value(unit("count", 0), 113266, Rounding::half_up, with(p)) == "113,266");
    p.thousands = -1;
    CHECK(format_value(unit("count", 0), 10202, Rounding::half_up, with(p)) == "10202");  // LSP "10202"
    p.thousands = 100000;
    CHECK(format_value(unit("count", 0), 82023, Rounding::half_up, with(p)) == "82023");
    CHECK(format_value(unit("count", 0), 113266, Rounding::half_up, with(p)) == "113,266");
}

TEST_CASE("presentation: signed gaps, as LSP 2007 prints them") {
    Presentation p;
    p.sign_values = true;
    p.thousands = -1;
    Indicator gap = unit("rate", 1);
    CHECK(format_value(gap, 0.4, Rounding::half_up, with(p)) == "+0.4");
    CHECK(format_value(gap, 2.0, Rounding::half_up, with(p)) == "+2.0");
    CHECK(format_value(gap, -16.5, Rounding::half_up, with(p)) == "-16.5");
    CHECK(format_value(gap, 0.0, Rounding::half_up, with(p)) == "0.0");
    CHECK(format_value(gap, -0.04, Rounding::half_up, with(p)) == "0.0");  // never "-0.0"
}

TEST_CASE("presentation: accountants' brackets, as the budget results print them") {
    Presentation p;
    p.thousands = 0;
    p.brackets = true;
    p.unit_header = "£000s";
    Style s = with(p);
    CHECK(format_value(unit("currency", 0), -83500, Rounding::half_up, s) == "(83,500)");
    CHECK(format_value(unit("currency", 0), -800, Rounding::half_up, s) == "(800)");
    CHECK(format_value(unit("currency", 0), 66740, Rounding::half_up, s) == "66,740");
    CHECK(format_change(unit("currency", 0), -167, Rounding::half_up, s) == "(167)");
    CHECK(s.unit_header == "£000s");
}

TEST_CASE("presentation: durations as h:mm:ss, as the patrols summary prints them") {
    Presentation p;
    p.hms = true;
    Indicator hours = unit("duration", 0);
    CHECK(format_value(hours, 373 + 26.0 / 60, Rounding::half_up, with(p)) == "373:26:00");
    CHECK(format_value(hours, 1060 + 26.0 / 60, Rounding::half_up, with(p)) == "1060:26:00");
    CHECK(format_value(hours, 0.5 + 1.0 / 3600, Rounding::half_up, with(p)) == "0:30:01");
    // Without the convention a duration is a plain number of hours.
    CHECK(format_value(hours, 373 + 26.0 / 60, Rounding::half_up, Style{}) == "373");
}

TEST_CASE("presentation: PCC change columns, rates in points with no relative %") {
    Presentation p;
    p.thousands = 0;
    p.points = true;
    p.not_applicable = "-";
    p.changes = {ChangeColumn::volume, ChangeColumn::pct};
    Style s = with(p);
    Indicator calls = unit("count", 0), rate = unit("percent", 1);
    CHECK(format_change(calls, -8486, Rounding::truncate, s) == "-8,486");
    CHECK(format_change(calls, 25, Rounding::truncate, s) == "25");  // NHS sharps: no "+"
    // 999 calls: -8486 / 121752 = -6.97%, printed truncated as -6.9%.
    CHECK(format_change_pct(calls, -8486.0 / 121752 * 100, Rounding::truncate, s) == "-6.9%");
    CHECK(format_change(rate, 89.2 - 87.7, Rounding::truncate, s) == "+1.5pts");
    CHECK(format_change(rate, 44.1 - 46.0, Rounding::truncate, s) == "-1.9pts");
    CHECK(format_change_pct(rate, 1.71, Rounding::truncate, s) == "-");
    CHECK(change_in_points(rate, s));
    CHECK_FALSE(change_in_points(calls, s));
    CHECK(s.shows(ChangeColumn::pct));
    CHECK_FALSE(s.shows(ChangeColumn::pts));
}

TEST_CASE("presentation: sign on changes") {
    Presentation p;
    p.sign_changes = true;
    Style s = with(p);
    CHECK(format_change(unit("count", 0), 25, Rounding::half_up, s) == "+25");
    CHECK(format_change(unit("count", 0), 0, Rounding::half_up, s) == "0");
    CHECK(format_change_pct(unit("count", 0), 38.46, Rounding::truncate, s) == "+38.4%");
    CHECK(format_change_pts(unit("percent", 1), 16.7, Rounding::half_up, s) == "+16.7pts");
    CHECK(format_change_pts(unit("count", 0), 16.7, Rounding::half_up, s).empty());
}

TEST_CASE("presentation: more specific levels win field by field") {
    Presentation pack, group, indicator;
    pack.thousands = 0;
    pack.sign_changes = true;
    group.sign_changes = false;
    indicator.hms = true;
    Style s = resolve(pack.merged(group).merged(indicator));
    CHECK(s.thousands == 0);
    CHECK_FALSE(s.sign_changes);
    CHECK(s.hms);
    CHECK_FALSE(s.brackets);
}
