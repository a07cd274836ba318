// A rule pack's own tests (`assay test`), as plain structs: table-driven
// cases over inline series, each assessed with one group of the pack, and
// whole-dataset tests pinning themes, group counts, outcomes and checks.
// The test files are Lua (rules/<pack>/tests/*.lua, docs/rules.md says how
// they are written); loading them is the Lua part's work, running them the
// assessment's.
#pragma once

#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/pack.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace assay {

/// One expected value, as the test wrote it.
struct Expected {
    enum class Kind { text, number, flag, none };
    Kind kind = Kind::none;  ///< none: the test expects no value ("none")
    std::string text;        ///< for text
    double number = 0;       ///< for number
    bool flag = false;       ///< for flag
};

/// What a test expects of one outcome: key -> value, in key order. Keys:
/// arrow, rating, period, value, previous, previous_period, change,
/// change_pct, target, trajectory, distance, distance_pct, on_track, met,
/// will_meet, projection, reason, error, and "arrows.NAME" for the group's
/// arrow of that name (written `arrows = { long = ... }` or `long_arrow = ...`).
struct OutcomeExpectation {
    std::vector<std::pair<std::string, Expected>> values;
    int decimals = -1;  ///< numbers agree when equal at this many decimals; -1: within 1e-6
};

/// A cell of an inline series: a period and the value as people write it.
struct TestCell {
    std::string period;  ///< "2006/07"
    std::string text;    ///< "547", "72%", "N/A"
};

/// A threshold a case gives, as a sheet's column would: its name (target,
/// floor, tolerance, comparator), the figure as people write it ("90",
/// "5%", "N/A" for none) and the period whose row gives it.
struct TestThreshold {
    std::string name;
    std::string text;
    std::string period;  ///< "" = every period of the series that gives no such threshold of its own
};

/// One table-driven case: a one-indicator dataset assessed with one group.
struct PackTestCase {
    std::string name;
    SourceLoc where;               ///< the case's line in the test file
    std::string group;             ///< the pack group it is assessed with
    Indicator indicator;           ///< id (a group indicator), title, unit, polarity, decimals, comparable_from
    std::string area;              ///< the area of the series
    std::string as_at;             ///< assess as of this period; "" = the latest
    std::vector<TestCell> series;  ///< in period order
    /// Thresholds by period, from whole rows (`data = { { "2024 Q3", 91, target = 90 } }`),
    /// and for every period (`target = 90, floor = "85"` in the case or its `cases` block).
    std::vector<TestThreshold> thresholds;
    /// A dataset whose metadata for the indicator fill in what the case, its
    /// `cases` block and the group leave out (polarity, title, unit,
    /// decimals...): `dataset = "../data"`, else the pack's own data/ folder
    /// when it has one. Empty: none.
    std::filesystem::path metadata;
    std::filesystem::path metadata_root;  ///< the folder `metadata` must stay within, links resolved
    bool metadata_required = false;       ///< named by the test: a dataset that lacks the indicator is an error
    /// The indicator fields the case, its block (or, for polarity, the group) gave: the metadata keeps off them.
    std::vector<std::string> given;
    OutcomeExpectation expect;
};

/// `cases "name" { ... }`: cases sharing a group and indicator settings.
struct PackTestCases {
    std::string name;
    SourceLoc where;
    std::vector<PackTestCase> cases;
};

/// What a whole-dataset test expects of one group.
struct GroupExpectation {
    std::string group;
    std::optional<std::string> rating;   ///< the group's roll-up label, "none" for no rating
    std::map<std::string, int> ratings;  ///< indicator ratings by label
    std::map<std::string, int> arrows;   ///< arrows by name
    std::optional<int> assessed;
    std::optional<int> unrated;
};

/// What a whole-dataset test expects of one indicator (in one area).
struct IndicatorExpectation {
    std::string indicator;
    std::string area;  ///< "" = the indicator's only (or first) area
    OutcomeExpectation expect;
};

/// `test "name" { data = ..., expect = { ... } }`: a bundled dataset assessed with the whole pack.
struct DatasetTest {
    std::string name;
    SourceLoc where;
    std::filesystem::path data;  ///< resolved against the test file's folder
    /// The folder `data` must stay within, symbolic links resolved: the
    /// pack's own, or one the user granted. Checked again before reading.
    std::filesystem::path data_root;
    std::string as_at;
    std::vector<std::pair<std::string, std::string>> themes;  ///< theme id -> label ("none": no rating)
    std::vector<GroupExpectation> groups;
    std::vector<IndicatorExpectation> outcomes;
    std::optional<int> checks;  ///< published figures that disagree with the data
    std::optional<int> errors;  ///< rule failures
};

/// Every test of a pack, in file then declaration order.
struct PackTests {
    std::vector<PackTestCases> case_sets;
    std::vector<DatasetTest> dataset_tests;
    std::vector<std::string> files;  ///< the test files read
    /// Number of cases and dataset tests.
    size_t count() const {
        size_t n = dataset_tests.size();
        for (const PackTestCases& s : case_sets) n += s.cases.size();
        return n;
    }
};

/// Loads the tests in `dir` (default: the pack's tests/ folder; every *.lua
/// file, in name order) in a sandbox without io. Checks them against the
/// pack: groups and indicator ids must exist. A whole-dataset test's `data`
/// must be a relative path that stays, with symbolic links resolved, inside
/// the pack's folder or one of `data_roots` (folders the user grants, as
/// `assay test --allow-data`). Throws InputError naming the test file and
/// line when a test cannot be read.
PackTests load_pack_tests(const Pack& pack, const std::filesystem::path& dir = {},
                          const std::vector<std::filesystem::path>& data_roots = {});

/// An expectation that did not hold.
struct TestMismatch {
    std::string key;  ///< "arrow", "themes.crime", "groups.psa1.ratings.GREEN"
    std::string expected;
    std::string actual;
};

/// The result of one case or dataset test.
struct PackTestResult {
    std::string name;  ///< "cases name › case name" or the test's name
    SourceLoc where;
    std::vector<TestMismatch> mismatches;
    std::string error;               ///< the test could not be run (bad data, unknown period)
    std::vector<std::string> trace;  ///< explanation of what was compared
    /// Whether every expectation held.
    bool passed() const { return mismatches.empty() && error.empty(); }
};

/// The results of a test run.
struct PackTestRun {
    std::vector<PackTestResult> results;
    int passed = 0;
    int failed = 0;
};

/// Loads a dataset for a whole-dataset test.
using DatasetLoader = std::function<Dataset(const std::filesystem::path&)>;

/// How to run a pack's tests.
struct PackTestOptions {
    std::string pattern;         ///< only cases and tests whose name contains this; "" = all
    DatasetLoader load_dataset;  ///< needed by whole-dataset tests (the CLI passes assay::load_dataset)
};

/// Runs the tests: each case assesses its own in-memory dataset with the
/// pack restricted to the case's group; each dataset test assesses its
/// dataset with the whole pack. Never throws for a failing test.
PackTestRun run_pack_tests(const Pack& pack, const PackTests& tests, const PackTestOptions& options = {});

}  // namespace assay
