// check_pack: every finding of a pack written as structs, each with the
// pack file:line and the rule it concerns; a clean pack gives none.
#include "fixtures.hpp"

#include <assay/lint.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace assay;
using namespace assay::test;

namespace {

using K = Condition::Kind;

/// The LSP-like pack: psa1 with a reduction target, rated on_track/improved/otherwise.
Pack clean_pack() {
    Group g = make_group("psa1", {"theft", "robbery"}, last_two(pct(1.5)));
    g.polarity = Polarity::lower_is_better;
    g.target = progress_target(TargetRule::Kind::reduce_by, 17.5, true, "2003/04", "2007/08", "psa1");
    g.rating = lsp_rating();
    Pack p = make_pack({g});
    p.dir = "rules/demo";
    return p;
}

Dataset lsp_data() {
    return DatasetBuilder("lsp")
        .indicator("theft", Polarity::lower_is_better)
        .indicator("robbery", Polarity::lower_is_better)
        .series("theft", "A", {{"2003/04", 1029}, {"2006/07", 547}})
        .series("robbery", "A", {{"2003/04", 77}, {"2006/07", 76}})
        .build();
}

/// The findings whose message contains `text`.
std::vector<Finding> with(const std::vector<Finding>& all, const std::string& text) {
    std::vector<Finding> out;
    for (const Finding& f : all)
        if (f.message.find(text) != std::string::npos) out.push_back(f);
    return out;
}

std::string listing(const std::vector<Finding>& all) {
    std::string s;
    for (const Finding& f : all) s += to_string(f) + "\n";
    return s;
}

Condition distance(double width) {
    Condition c = cond(K::distance_within, "distance_within(pct(" + format_number(width) + "))");
    c.band = pct(width);
    return c;
}

Condition better(double v) {
    return cond(K::better_than, "better_than(" + format_number(v) + ")", v);
}

}  // namespace

TEST_CASE("a clean pack has no findings, with or without its data", "[lint]") {
    Pack p = clean_pack();
    Dataset d = lsp_data();
    CHECK(listing(check_pack(p, nullptr)).empty());
    CHECK(listing(check_pack(p, &d)).empty());
}

TEST_CASE("a case after otherwise is unreachable: a warning at the rule's file:line", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].rating.cases.push_back({cond(K::declined, "declined"), 1, ""});
    auto findings = check_pack(p, nullptr);
    auto hits = with(findings, "case 4 ('declined') can never apply: case 3 ('otherwise') applies first");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == Finding::Severity::warning);
    CHECK(hits[0].rule == "group 'psa1' rating");
    CHECK(hits[0].where.file == "rules/demo/psa1.lua");
    CHECK(hits[0].where.line == 10);
    CHECK(to_string(hits[0]) ==
          "rules/demo/psa1.lua:10: warning: group 'psa1' rating: case 4 ('declined') can never apply: case 3 "
          "('otherwise') applies first (so it never gives 'AMBER')");
}

TEST_CASE("distance bands listed wider first leave the narrower one unreachable: an error", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].rating =
        first_match({{distance(10), 1, ""}, {distance(5), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    auto findings = check_pack(p, nullptr);
    auto hits = with(findings, "case 2 ('distance_within(pct(5))') can never apply");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == Finding::Severity::error);
    CHECK(hits[0].message.find("list the narrower band first") != std::string::npos);
    // The same level of the scale is then never given.
    CHECK(with(findings, "no case gives level 'GREEN'").size() == 1);

    // Narrower first is right.
    p.groups[0].rating =
        first_match({{distance(5), 2, ""}, {distance(10), 1, ""}, {cond(K::always, "otherwise"), 0, ""}});
    CHECK(with(check_pack(p, nullptr), "can never apply").empty());
}

TEST_CASE("better_than bands: the right order depends on the polarity", "[lint]") {
    Pack p = clean_pack();
    // Lower is better: better_than(80) means 80 or less, so better_than(90) must come after it.
    p.groups[0].rating = first_match({{better(90), 1, ""}, {better(80), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    CHECK(with(check_pack(p, nullptr), "case 2 ('better_than(80)') can never apply").size() == 1);

    p.groups[0].polarity = Polarity::higher_is_better;  // now 90 or more, then 80 or more: fine
    CHECK(with(check_pack(p, nullptr), "can never apply").empty());

    // Without a known polarity only the same threshold is sure to be unreachable.
    p.groups[0].polarity.reset();
    CHECK(with(check_pack(p, nullptr), "can never apply").empty());
    Dataset d = lsp_data();  // ... but the data says lower is better
    CHECK(with(check_pack(p, &d), "case 2 ('better_than(80)') can never apply").size() == 1);
}

TEST_CASE("a case repeated within any/all is seen through", "[lint]") {
    Pack p = clean_pack();
    Condition either =
        combine(K::any, {cond(K::on_track, "on_track"), cond(K::improved, "improved")}, "any { on_track, improved }");
    Condition both =
        combine(K::all, {cond(K::improved, "improved"), cond(K::static_, "static")}, "all { improved, static }");
    p.groups[0].rating = first_match({{either, 2, ""}, {both, 1, ""}, {cond(K::always, "otherwise"), 0, ""}});
    auto hits = with(check_pack(p, nullptr), "case 2 ('all { improved, static }') can never apply");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == Finding::Severity::warning);
}

TEST_CASE("levels no case gives, and rules without otherwise, are warnings", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].rating = first_match({{cond(K::on_track, "on_track"), 2, ""}, {cond(K::improved, "improved"), 1, ""}});
    auto findings = check_pack(p, nullptr);
    CHECK(with(findings, "no case gives level 'RED' of scale 'rag'").size() == 1);
    CHECK(with(findings, "end with { otherwise, LEVEL }").size() == 1);
    for (const Finding& f : findings) CHECK(f.severity == Finding::Severity::warning);
}

TEST_CASE("scales: duplicate labels and too few levels are errors", "[lint]") {
    Pack p = clean_pack();
    p.scales.push_back(make_scale("dup", {"RED", "GREEN", "RED"}));
    p.scales.push_back(make_scale("one", {"ONLY"}));
    auto findings = check_pack(p, nullptr);
    auto dup = with(findings, "level 3 repeats the label 'RED' of level 1");
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].rule == "scale 'dup'");
    CHECK(dup[0].where.file == "rules/demo/pack.lua");
    CHECK(with(findings, "at least two levels").size() == 1);
}

TEST_CASE("unknown scales and themes are named with a suggestion", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].scale = "ragg";
    p.groups[0].theme = "crme";
    Theme t;
    t.id = "crime";
    t.where = SourceLoc{"theme.lua", 1, 0};
    t.groups = {"psa1", "psa2"};
    p.themes.push_back(t);
    auto findings = check_pack(p, nullptr);
    CHECK(with(findings, "scale 'ragg' is not declared (did you mean 'rag'?)").size() == 1);
    CHECK(with(findings, "theme 'crme' is not declared (did you mean 'crime'?)").size() == 1);
    CHECK(with(findings, "group 'psa2' is not declared (did you mean 'psa1'?)").size() == 1);
}

TEST_CASE("mean roll-ups: thresholds in the wrong order and gaps", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].rollup.kind = RollupRule::Kind::mean;
    p.groups[0].rollup.thresholds = {{0.8, 1}, {0.5, 2}};  // a lower mean giving a better level
    auto findings = check_pack(p, nullptr);
    auto order = with(findings, "mean thresholds are in the wrong order");
    REQUIRE(order.size() == 1);
    CHECK(order[0].severity == Finding::Severity::error);
    CHECK(with(findings, "a mean below 0.5 gets no rating").size() == 1);

    p.groups[0].rollup.thresholds = {{0.8, 2}, {0.4, 1}, {0, 0}};
    CHECK(listing(check_pack(p, nullptr)).empty());
}

TEST_CASE("conditions that can never hold: no target, no peak, neutral polarity", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].target.reset();
    p.groups[0].rating.cases.insert(p.groups[0].rating.cases.begin(), {cond(K::peak, "peak"), 2, ""});
    auto findings = check_pack(p, nullptr);
    CHECK(with(findings, "condition 'on_track' never holds: no indicator of group 'psa1' has a target").size() == 1);
    CHECK(with(findings, "condition 'peak' never holds").size() == 1);

    // An indicator's own target counts.
    TargetRule own = progress_target(TargetRule::Kind::reduce_by, 10, true, "2003/04", "2007/08", "theft_target");
    own.indicator = "theft";
    p.targets.push_back(own);
    CHECK(with(check_pack(p, nullptr), "condition 'on_track' never holds").empty());

    p.groups[0].polarity = Polarity::neutral;
    CHECK(with(check_pack(p, nullptr), "condition 'improved' never holds: neutral indicators").size() == 1);
}

TEST_CASE("targets: bad periods, reductions of 100% and more, unused targets", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].target->due = "2002/03";  // before the baseline
    TargetRule t = progress_target(TargetRule::Kind::reduce_by, 100, true, "2003/4", "2007/08", "bcs");
    t.indicator = "bcs_comparatr";
    p.targets.push_back(t);
    auto findings = check_pack(p, nullptr);
    CHECK(with(findings, "the due period '2002/03' must come after the baseline '2003/04'").size() == 1);
    CHECK(with(findings, "baseline ('from') period '2003/4'").size() == 1);
    CHECK(with(findings, "reducing by 100% leaves nothing").size() == 1);
    auto unused = with(findings, "no group assesses indicator 'bcs_comparatr'");
    REQUIRE(unused.size() == 1);
    CHECK(unused[0].rule == "target 'bcs'");
    CHECK(unused[0].where.file == "rules/demo/targets.lua");
}

TEST_CASE("with data: unknown indicators and periods the data lacks, with suggestions", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].indicators.push_back("robbry");
    p.groups[0].target->baseline = "2002/03";
    Dataset d = lsp_data();
    auto findings = check_pack(p, &d);
    auto unknown = with(findings, "indicator 'robbry' is not in dataset 'lsp' (did you mean 'robbery'?)");
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].severity == Finding::Severity::error);
    CHECK(unknown[0].where.file == "rules/demo/psa1.lua");
    CHECK(unknown[0].where.line == 12);
    CHECK(with(findings, "baseline ('from') period '2002/03' is not a period of dataset 'lsp'").size() == 1);
    // Without the data neither can be known.
    CHECK(with(check_pack(p, nullptr), "not in dataset").empty());
}

TEST_CASE("with data: derived series count as known indicators", "[lint]") {
    Pack p = clean_pack();
    DerivedSeries gap;
    gap.kind = DerivedSeries::Kind::gap;
    gap.id = "theft_gap";
    gap.inputs = {"theft", "theft_national"};
    gap.where = SourceLoc{"derive.lua", 3, 0};
    p.derived.push_back(gap);
    p.groups[0].indicators.push_back("theft_gap");
    Dataset d = lsp_data();
    auto findings = check_pack(p, &d);
    CHECK(with(findings, "indicator 'theft_gap' is not in dataset").empty());
    auto input = with(findings, "input indicator 'theft_national' is not in dataset 'lsp'");
    REQUIRE(input.size() == 1);
    CHECK(input[0].rule == "derived 'theft_gap'");
}

TEST_CASE("findings come in file and line order", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].rating.cases.push_back({cond(K::improved, "improved"), 1, ""});  // psa1.lua:10
    p.scales.push_back(make_scale("dup", {"A", "A"}));                           // pack.lua:2
    auto findings = check_pack(p, nullptr);
    REQUIRE(findings.size() >= 2);
    CHECK(std::is_sorted(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return a.where.file != b.where.file ? a.where.file < b.where.file : a.where.line < b.where.line;
    }));
}

TEST_CASE("did_you_mean suggests only close names", "[lint]") {
    CHECK(did_you_mean("theft_of_vehicel", {"theft_of_vehicle", "robbery"}) == " (did you mean 'theft_of_vehicle'?)");
    CHECK(did_you_mean("wounding", {"theft_of_vehicle", "robbery"}).empty());
}

TEST_CASE("shadowed cases: a stricter threshold after a looser one, otherwise first, the same condition twice",
          "[lint]") {
    Pack p = clean_pack();
    p.groups[0].polarity = Polarity::higher_is_better;
    // 5 or more holds for every value of 10 or more: better_than(10) is never reached.
    p.groups[0].rating = first_match({{better(5), 1, ""}, {better(10), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    auto findings = check_pack(p, nullptr);
    INFO(listing(findings));
    CHECK(with(findings,
               "case 2 ('better_than(10)') can never apply: anything it matches is matched first by case 1 "
               "('better_than(5)'), so it never gives 'GREEN'; list the stricter band first")
              .size() == 1);
    CHECK(with(findings, "no case gives level 'GREEN'").size() == 1);

    // otherwise first: nothing after it applies.
    p.groups[0].rating = first_match({{cond(K::always, "otherwise"), 0, ""}, {better(5), 2, ""}});
    CHECK(with(check_pack(p, nullptr), "case 2 ('better_than(5)') can never apply: case 1 ('otherwise') applies first")
              .size() == 1);

    // The same condition twice: the second never applies.
    p.groups[0].rating = first_match({{cond(K::improved, "improved"), 2, ""},
                                      {cond(K::improved, "improved"), 1, ""},
                                      {cond(K::always, "otherwise"), 0, ""}});
    CHECK(with(check_pack(p, nullptr),
               "case 2 ('improved') can never apply: case 1 ('improved') already matches everything it matches (so "
               "it never gives 'AMBER')")
              .size() == 1);
}

TEST_CASE("shadowed cases in a group whose indicators differ in polarity name the indicators", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].polarity.reset();
    p.groups[0].indicators = {"up", "down"};
    p.groups[0].target.reset();
    Dataset d = DatasetBuilder("mixed")
                    .indicator("up", Polarity::higher_is_better)
                    .indicator("down", Polarity::lower_is_better)
                    .series("up", "A", {{"2005/06", 4}, {"2006/07", 12}})
                    .series("down", "A", {{"2005/06", 12}, {"2006/07", 4}})
                    .build();
    p.groups[0].rating = first_match({{better(5), 1, ""}, {better(10), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    auto findings = check_pack(p, &d);
    // Higher is better: 10 or more is also 5 or more. Lower is better: 10 or less is not always 5 or less.
    auto hits = with(findings,
                     "case 2 ('better_than(10)', giving 'GREEN') can never apply to indicator 'up' "
                     "(higher is better): case 1 ('better_than(5)')");
    INFO(listing(findings));
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == Finding::Severity::warning);
    CHECK(to_string(hits[0]).rfind("rules/demo/psa1.lua:10: warning: group 'psa1' rating:", 0) == 0);
    CHECK(with(findings, "'down'").empty());
    CHECK(with(findings, "can never apply: ").empty());  // still reachable for 'down'

    // The other order shadows 'down' instead.
    p.groups[0].rating = first_match({{better(10), 1, ""}, {better(5), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    findings = check_pack(p, &d);
    CHECK(with(findings, "can never apply to indicator 'down' (lower is better)").size() == 1);
    CHECK(with(findings, "'up'").empty());
}

TEST_CASE("fixed thresholds far outside the data's values are reported per indicator", "[lint]") {
    Pack p = clean_pack();
    p.groups[0].polarity.reset();
    p.groups[0].target.reset();
    p.groups[0].indicators = {"share", "count"};
    // 'share' is written as a fraction (0.61 to 0.78), 'count' as whole numbers.
    Dataset d = DatasetBuilder("kpis")
                    .indicator("share", Polarity::higher_is_better)
                    .indicator("count", Polarity::lower_is_better)
                    .series("share", "A", {{"2005/06", 0.61}, {"2006/07", 0.78}})
                    .series("count", "A", {{"2005/06", 40}, {"2006/07", 55}})
                    .build();
    // better_than(95): 'share' never reaches 95 (0.78 at best, 94.22 away: more than the values' size).
    p.groups[0].rating = first_match({{better(95), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    auto findings = check_pack(p, &d);
    INFO(listing(findings));
    auto hits = with(findings, "case 1 ('better_than(95)', giving 'GREEN') never applies to indicator 'share'");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].message.find("run from 0.61 to 0.78") != std::string::npos);
    CHECK(hits[0].severity == Finding::Severity::warning);
    // 'count' (lower is better, 40 at best) is at or below 95 already.
    CHECK(with(findings, "indicator 'count'").empty());

    // A target not reached yet but near the data is normal: no finding (a gap of 0 not yet closed).
    p.groups[0].rating = first_match({{better(1), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    CHECK(with(check_pack(p, &d), "never applies").empty());

    // Lower is better: 'count' never gets down to -100 or less.
    p.groups[0].rating = first_match({{better(-100), 2, ""}, {cond(K::always, "otherwise"), 0, ""}});
    CHECK(with(check_pack(p, &d), "never applies to indicator 'count'").size() == 1);

    // Inside all { } one unreachable part is enough; inside any { } every part must be; not { } is never judged.
    Condition both = combine(K::all, {cond(K::improved, "improved"), better(95)}, "all { improved, better_than(95) }");
    Condition either =
        combine(K::any, {cond(K::improved, "improved"), better(95)}, "any { improved, better_than(95) }");
    Condition neither = combine(K::not_, {better(0.5)}, "not(better_than(0.5))");
    p.groups[0].rating =
        first_match({{both, 2, ""}, {either, 1, ""}, {neither, 1, ""}, {cond(K::always, "otherwise"), 0, ""}});
    findings = check_pack(p, &d);
    CHECK(with(findings,
               "case 1 ('all { improved, better_than(95) }', giving 'GREEN') never applies to indicator "
               "'share'")
              .size() == 1);
    CHECK(with(findings, "case 2").empty());
    CHECK(with(findings, "case 3").empty());

    // Without data nothing is said.
    CHECK(with(check_pack(p, nullptr), "never applies").empty());
}
