// diff_runs: each change attributed to the rules, the data, or both; with two
// records whose rules and data both changed, by the cross evaluations.
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

using namespace assay;
using namespace assay::test;

namespace {

const Difference* find_diff(const DiffResult& r, const std::string& indicator, const std::string& field) {
    for (const Difference& d : r.differences)
        if (d.scope == "outcome" && d.indicator == indicator && d.field == field) return &d;
    return nullptr;
}

RunSide side_of(const RunRecord& r, bool as_record) {
    RunSide s;
    s.source = r.pack_name;
    s.outcome = r.outcome;
    if (as_record) s.record = r;
    return s;
}

/// The bundled run, the run with the static band at 1 %, the run with theft of
/// vehicle revised to 660 in 2006/07, and the run with both changes.
struct Runs {
    Scratch tmp;
    RunRecord base, rules, data, both;
    Runs() {
        auto pack = tmp.copy("rules/lsp2007", "rules");
        REQUIRE(edit_file(pack / "arrows.lua", "static_within = pct(1.5)", "static_within = pct(1.0)"));
        auto dataset = tmp.copy("datasets/lsp2007", "lsp2007");
        REQUIRE(edit_file(dataset / "observations.csv", "theft_of_vehicle,Redcar & Cleveland,2006/07,547,",
                          "theft_of_vehicle,Redcar & Cleveland,2006/07,660,"));
        base = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
        rules = record_of(pack, source("datasets/lsp2007"));
        data = record_of(source("rules/lsp2007"), dataset);
        both = record_of(pack, dataset);
    }
};

}  // namespace

TEST_CASE("diff of two identical runs finds nothing", "[audit][diff]") {
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    DiffResult d = diff_runs(side_of(r, true), side_of(r, false));
    CHECK(d.differences.empty());
    CHECK_FALSE(d.rules_changed);
    CHECK_FALSE(d.data_changed);
}

TEST_CASE("diff attributes changes to the one input that changed", "[audit][diff]") {
    Runs runs;
    DiffResult by_rules = diff_runs(side_of(runs.base, false), side_of(runs.rules, false));
    CHECK(by_rules.rules_changed);
    CHECK_FALSE(by_rules.data_changed);
    const Difference* robbery = find_diff(by_rules, "robbery", "arrow");
    REQUIRE(robbery);
    CHECK(robbery->cause == "rules");
    CHECK(find_diff(by_rules, "theft_of_vehicle", "arrow") == nullptr);

    DiffResult by_data = diff_runs(side_of(runs.base, false), side_of(runs.data, false));
    CHECK(by_data.data_changed);
    CHECK_FALSE(by_data.rules_changed);
    const Difference* theft = find_diff(by_data, "theft_of_vehicle", "arrow");
    REQUIRE(theft);
    CHECK(theft->before == "improved");
    CHECK(theft->after == "declined");
    CHECK(theft->cause == "data");
    const Difference* value = find_diff(by_data, "theft_of_vehicle", "value");
    REQUIRE(value);
    CHECK(value->cause == "data");
    for (const Difference& d : by_data.differences) CHECK(d.cause == "data");
}

TEST_CASE("diff of records separates rules from data by cross evaluation", "[audit][diff]") {
    Runs runs;
    DiffResult d = diff_runs(side_of(runs.base, true), side_of(runs.both, true));
    CHECK(d.rules_changed);
    CHECK(d.data_changed);
    const Difference* robbery = find_diff(d, "robbery", "arrow");
    REQUIRE(robbery);
    CHECK(robbery->before == "static");
    CHECK(robbery->after == "declined");
    CHECK(robbery->cause == "rules");
    const Difference* theft = find_diff(d, "theft_of_vehicle", "arrow");
    REQUIRE(theft);
    CHECK(theft->cause == "data");
    const Difference* value = find_diff(d, "theft_of_vehicle", "value");
    REQUIRE(value);
    CHECK(value->cause == "data");
    // The arrow counts moved by both: each change alone moves them.
    bool counts_by_both = false;
    for (const Difference& x : d.differences)
        if (x.subject == "group psa1" && x.field == "counts.arrows.declined") {
            CHECK(x.before == "3");
            CHECK(x.after == "5");
            CHECK(x.cause == "rules and data");
            CHECK(x.cause_detail.find("it takes both") != std::string::npos);
            counts_by_both = true;
        }
    CHECK(counts_by_both);
}

TEST_CASE("diff of plain JSON outputs cannot separate two causes and says so", "[audit][diff]") {
    Runs runs;
    DiffResult d = diff_runs(side_of(runs.base, false), side_of(runs.both, true));
    const Difference* robbery = find_diff(d, "robbery", "arrow");
    REQUIRE(robbery);
    CHECK(robbery->cause == "rules and data");
    CHECK(robbery->cause_detail.find("records") != std::string::npos);
}

TEST_CASE("read_run_side tells a record from a JSON output", "[audit][diff]") {
    Scratch tmp;
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    write_record(tmp.path / "r.json", r);
    write_file_atomic(tmp.path / "o.json", r.outcome);
    RunSide rec = read_run_side(tmp.path / "r.json");
    RunSide out = read_run_side(tmp.path / "o.json");
    CHECK(rec.record.has_value());
    CHECK_FALSE(out.record.has_value());
    CHECK(rec.outcome == out.outcome);
}

TEST_CASE("diff attributes a group's totals as precisely as the items under it", "[audit][diff]") {
    Runs runs;
    DiffResult d = diff_runs(side_of(runs.base, true), side_of(runs.both, true));
    // Under psa1, robbery's arrow changed by the rules and theft of vehicle's by the data:
    // every changed count of psa1 is then caused by both, and says so.
    int counts = 0;
    for (const Difference& x : d.differences)
        if (x.subject == "group psa1" && x.field.starts_with("counts.")) {
            ++counts;
            CHECK(x.cause == "rules and data");
            CHECK(x.cause_detail.find("changed under it were changed by data ") != std::string::npos);
            CHECK(x.cause_detail.find(" | rules ") != std::string::npos);
            // Each cause names its items: the revised figure under data, the narrower band's under rules.
            std::size_t data = x.cause_detail.find("data "), rules = x.cause_detail.find(" | rules ");
            std::size_t theft = x.cause_detail.find("theft_of_vehicle, Redcar & Cleveland (arrow)");
            std::size_t robbery = x.cause_detail.find("robbery, ", rules);
            CHECK(theft != std::string::npos);
            CHECK(data < theft);
            CHECK(theft < rules);
            CHECK(robbery != std::string::npos);
        }
    CHECK(counts >= 2);  // declined went up, and what they were before went down
    // With one cause only, the totals keep it.
    DiffResult only_rules = diff_runs(side_of(runs.base, true), side_of(runs.rules, true));
    for (const Difference& x : only_rules.differences)
        if (x.scope == "group") CHECK(x.cause == "rules");
    // With one cause, the totals of psa1 still name the items: the data run revised theft of vehicle only.
    DiffResult only_data = diff_runs(side_of(runs.base, true), side_of(runs.data, true));
    int named = 0;
    for (const Difference& x : only_data.differences)
        if (x.subject == "group psa1" && x.field.starts_with("counts.")) {
            ++named;
            CHECK(x.cause == "data");
            CHECK(x.cause_detail.find("changed by data 1: theft_of_vehicle, Redcar & Cleveland (arrow)") !=
                  std::string::npos);
        }
    CHECK(named >= 2);
}

TEST_CASE("diff attributes a theme's totals as precisely as the items under it", "[audit][diff]") {
    Runs runs;
    // The crime theme holds every group of lsp2007 (rules/lsp2007/theme.lua): robbery's arrow
    // changed by the rules and theft of vehicle's by the data move its counts, so both caused them.
    DiffResult d = diff_runs(side_of(runs.base, true), side_of(runs.both, true));
    int counts = 0;
    for (const Difference& x : d.differences)
        if (x.subject == "theme crime" && x.field.starts_with("counts.")) {
            ++counts;
            CHECK(x.cause == "rules and data");
            std::size_t data = x.cause_detail.find("changed under it were changed by data ");
            std::size_t theft = x.cause_detail.find("theft_of_vehicle, Redcar & Cleveland (arrow)");
            std::size_t rules = x.cause_detail.find(" | rules ");
            CHECK(data != std::string::npos);
            CHECK(data < theft);
            CHECK(theft < rules);
            CHECK(x.cause_detail.find("robbery, ", rules) != std::string::npos);
        }
    CHECK(counts >= 2);

    // One cause: the theme's totals keep it and name the item, from records and from plain JSON alike.
    for (bool as_record : {true, false}) {
        DiffResult only_data = diff_runs(side_of(runs.base, as_record), side_of(runs.data, as_record));
        int named = 0;
        for (const Difference& x : only_data.differences)
            if (x.subject == "theme crime" && x.field.starts_with("counts.")) {
                ++named;
                CHECK(x.cause == "data");
                CHECK(x.cause_detail.find("changed by data 1: theft_of_vehicle, Redcar & Cleveland (arrow)") !=
                      std::string::npos);
            }
        CHECK(named >= 2);
    }
}
