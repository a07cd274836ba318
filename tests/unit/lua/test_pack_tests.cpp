// load_pack_tests: test files become plain structs with each case's line;
// every mistake in a test file is an InputError naming the file and line,
// with a "did you mean" for names the pack does not have.
#include <assay/pack.hpp>
#include <assay/pack_test.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace assay;

namespace {

const char* kPack = R"(pack "demo" { title = "Demo" }
scale "rag" { "RED", "AMBER", "GREEN" }
group "psa1" {
  polarity = "lower_is_better",
  arrow = arrow.last_two { static_within = pct(1.5) },
  rating = first { { improved, GREEN }, { otherwise, RED } },
  indicators = { "theft", "robbery" },
}
)";

// A pack folder with a tests/ folder, removed afterwards.
class TempPack {
public:
    TempPack() {
        std::string pattern = (fs::temp_directory_path() / "assay-tests-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir_ = pattern;
        fs::create_directories(dir_ / "tests");
        write("pack.lua", kPack);
    }
    TempPack(const TempPack&) = delete;
    TempPack& operator=(const TempPack&) = delete;
    ~TempPack() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }
    const fs::path& dir() const { return dir_; }

private:
    fs::path dir_;
};

// The InputError that loading `test_file` gives, as "file:line: message".
std::string load_error(const std::string& test_file) {
    TempPack t;
    t.write("tests/t.lua", test_file);
    Pack pack = load_pack(t.dir());
    try {
        load_pack_tests(pack);
    } catch (const InputError& e) {
        std::string text = e.what();
        const std::string prefix = (t.dir() / "tests").string() + "/";
        return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
    }
    return "no error";
}

const Expected* find(const OutcomeExpectation& e, const std::string& key) {
    for (const auto& [k, v] : e.values)
        if (k == key) return &v;
    return nullptr;
}

}  // namespace

TEST_CASE("cases become structs: cells in period order, typed expectations, lines", "[pack_tests]") {
    TempPack t;
    t.write("tests/psa1.lua", R"(-- comment
cases "PSA1" {
  group = "psa1",
  area = "Town",
  { "first",
    series = { ["2006/07"] = 547, ["2003/04"] = "1,029", ["2005/06"] = "N/A" },
    expect = { arrow = "improved", rating = "GREEN", change = -93, on_track = false, decimals = 1 } },
  { "second", indicator_id = "robbery", indicator = { polarity = "higher", unit = "percent", decimals = 1 },
    as_at = "2005/06",
    series = { ["2005/06"] = 1 }, expect = { change = "none" } },
}
)");
    Pack pack = load_pack(t.dir());
    PackTests tests = load_pack_tests(pack);
    REQUIRE(tests.case_sets.size() == 1);
    CHECK(tests.count() == 2);
    const PackTestCases& set = tests.case_sets[0];
    CHECK(set.name == "PSA1");
    CHECK(set.where.line == 2);
    REQUIRE(set.cases.size() == 2);

    const PackTestCase& a = set.cases[0];
    CHECK(a.name == "first");
    CHECK(a.where.file == (t.dir() / "tests" / "psa1.lua").string());
    CHECK(a.where.line == 5);
    CHECK(a.group == "psa1");
    CHECK(a.indicator.id == "theft");                          // the group's first indicator
    CHECK(a.indicator.polarity == Polarity::lower_is_better);  // the group's polarity
    CHECK(a.area == "Town");
    REQUIRE(a.series.size() == 3);
    CHECK(a.series[0].period == "2003/04");
    CHECK(a.series[0].text == "1,029");
    CHECK(a.series[1].text == "N/A");
    CHECK(a.series[2].text == "547");
    CHECK(a.expect.decimals == 1);
    REQUIRE(find(a.expect, "change"));
    CHECK(find(a.expect, "change")->kind == Expected::Kind::number);
    CHECK(find(a.expect, "change")->number == -93);
    CHECK(find(a.expect, "on_track")->kind == Expected::Kind::flag);
    CHECK(find(a.expect, "rating")->text == "GREEN");

    const PackTestCase& b = set.cases[1];
    CHECK(b.where.line == 8);
    CHECK(b.indicator.id == "robbery");
    CHECK(b.indicator.polarity == Polarity::higher_is_better);
    CHECK(b.indicator.unit == "percent");
    CHECK(b.indicator.decimals == 1);
    CHECK(b.as_at == "2005/06");
    REQUIRE(find(b.expect, "change"));
    CHECK(find(b.expect, "change")->kind == Expected::Kind::none);
}

TEST_CASE("dataset tests: the data path is relative to the test file", "[pack_tests]") {
    TempPack t;
    t.write("tests/theme.lua", R"(
test "whole" {
  data = "../data",
  as_at = "2005/06",
  expect = {
    groups = { psa1 = { ratings = { GREEN = 5, RED = 1 }, arrows = { improved = 2 }, unrated = 0 } },
    outcomes = { theft = { arrow = "improved", area = "Town" } },
    checks = 1,
  },
}
)");
    PackTests tests = load_pack_tests(load_pack(t.dir()));
    REQUIRE(tests.dataset_tests.size() == 1);
    const DatasetTest& d = tests.dataset_tests[0];
    CHECK(d.name == "whole");
    CHECK(d.where.line == 2);
    CHECK(d.data == (t.dir() / "data").lexically_normal());
    CHECK(d.as_at == "2005/06");
    REQUIRE(d.groups.size() == 1);
    CHECK(d.groups[0].ratings.at("GREEN") == 5);
    CHECK(d.groups[0].arrows.at("improved") == 2);
    CHECK(d.groups[0].unrated == 0);
    REQUIRE(d.outcomes.size() == 1);
    CHECK(d.outcomes[0].area == "Town");
    CHECK(d.checks == 1);
}

TEST_CASE("the bundled LSP pack's tests load", "[pack_tests]") {
    Pack pack = load_pack(fs::path(ASSAY_SOURCE_DIR) / "rules" / "lsp2007");
    // Its dataset tests read datasets/lsp2007, outside the pack: only when granted.
    CHECK_THROWS_WITH(load_pack_tests(pack), Catch::Contains("lies outside the pack's folder"));
    PackTests tests = load_pack_tests(pack, {}, {fs::path(ASSAY_SOURCE_DIR) / "datasets"});
    CHECK(tests.count() >= 40);
    CHECK(tests.dataset_tests.size() == 2);
    CHECK(tests.files.size() == 4);
}

TEST_CASE("mistakes in test files name the file, the line and a suggestion", "[pack_tests]") {
    CHECK(load_error(
              "cases \"x\" {\n  group = \"psa\",\n  { \"a\", series = {}, expect = { arrow = \"none\" } },\n}\n") ==
          "t.lua:1: cases 'x': group 'psa' is not in pack 'demo' (did you mean 'psa1'?)");
    CHECK(load_error("cases \"x\" { group = \"psa1\",\n  { \"a\", series = { [\"2006/07\"] = 1 }, expect = { arow = "
                     "\"none\" } } }\n") ==
          "t.lua:1: cases 'x': case 'a': expect: unknown field 'arow' (did you mean 'arrow'?)");
    CHECK(load_error("cases \"x\" { group = \"psa1\", { \"a\", series = { [\"2006/07\"] = 1 }, expect = { rating = "
                     "\"GREN\" } } }\n")
              .find("'GREN' is not a level of scale 'rag'") != std::string::npos);
    CHECK(load_error("cases \"x\" { group = \"psa1\", { \"a\", series = { [\"2006/7\"] = 1 }, expect = { arrow = "
                     "\"none\" } } }\n")
              .find("period \"2006/7\"") != std::string::npos);
    CHECK(load_error("cases \"x\" { group = \"psa1\", { \"a\", series = { [\"2006/07\"] = \"12x\" }, expect = { "
                     "arrow = \"none\" } } }\n")
              .find("\"12x\"") != std::string::npos);
    CHECK(load_error("cases \"x\" { group = \"psa1\", indicator_id = \"robery\", { \"a\", series = {}, expect = { "
                     "arrow = \"none\" } } }\n") ==
          "t.lua:1: cases 'x': case 'a': indicator 'robery' is not in group 'psa1' (did you mean 'robbery'?)");
    CHECK(load_error("cases \"x\" { group = \"psa1\", { \"a\", series = {}, expect = { arrow = \"up\" } } }\n")
              .find("'up' is not an arrow") != std::string::npos);
    CHECK(load_error("\n\ncases \"x\" { group = \"psa1\", { \"a\" series = {} } }\n").starts_with("t.lua:3:"));
    CHECK(load_error("cases \"x\"\n").find("cases \"x\" is missing its table") != std::string::npos);
    CHECK(load_error("test \"t\" { data = \"x\", expect = { themes = { crime = \"RED\" } } }\n")
              .find("theme 'crime' is not in pack 'demo'") != std::string::npos);
    CHECK(load_error("io.open(\"x\")\n").find("io") != std::string::npos);  // no io in the sandbox
}
