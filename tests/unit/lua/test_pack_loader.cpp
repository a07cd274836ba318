// The DSL loader: a full pack becomes the expected plain structs with the
// right file:line on each declaration; every mistake is an InputError that
// names the file and line; Lua rules are called through the ScriptHost.
#include "core/script_host.hpp"

#include <assay/hash.hpp>
#include <assay/pack.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace fs = std::filesystem;
using namespace assay;

namespace {

// A pack folder under the system's temporary folder, removed afterwards.
using Files = std::map<std::string, std::string>;

class TempPack {
public:
    explicit TempPack(const Files& files) {
        std::string pattern = (fs::temp_directory_path() / "assay-lua-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir_ = pattern;
        for (const auto& [name, text] : files) write(name, text);
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

const char* kPackLua = R"(pack "demo" {
  title = "Demo pack",
  version = "2.1.0",
  rounding = "half_even",
}

scale "rag" {
  { "RED", symbol = "●", colour = "#d4351c", meaning = "Static or worse" },
  { "AMBER", symbol = "●", colour = "#f47738" },
  { "GREEN", symbol = "●", colour = "#00703c", meaning = "On track" },
}
scale "five_point" { "RED", "AMBER RED", "AMBER", "AMBER GREEN", "GREEN" }

arrows {
  improved = { "▲", "Performance has improved over the last 2 datasets" },
  static   = { "◀▶", "Performance has remained static", word = "Same" },
  peak     = { symbol = "★", meaning = "At its maximum" },
}

counts = arrow.last_two { static_within = pct(1.5), peak_at = 100 }
yearly = arrow.same_period_last_year { static_within = 0.5 }
)";

const char* kGroupsLua = R"(-- groups of the demo pack
target "bcs" { indicator = "bcs_total", reduce_by = pct(17.5), from = "2003/04", by = "2007/08" }
target "kpi1" { indicator = "dip_kpi1", value = 60 }
target "calls" { indicator = "calls_999", value = 90, within = pct(2) }
target "up" { indicator = "detections", increase_by = 5, from = "2005/06", by = "2007/08" }
target "gap" { indicator = "gap_x", beat = { indicator = "gap_x_national", area = "England" } }

group "psa1" {
  title = "Progress against PSA1 Targets",
  theme = "crime",
  polarity = "lower_is_better",
  arrow = counts,
  target = { reduce_by = pct(17.5), from = "2003/04", by = "2007/08" },
  scale = "rag",
  rating = first {
    { no(has_arrow), unrated "no trend data" },
    { all { on_track, any { improved, static } }, GREEN },
    { distance_within(pct(5)), AMBER },
    { better_than(0), AMBER },
    { otherwise, RED },
  },
  rollup = worst,
  indicators = { "theft_of_vehicle", "bcs_total" },
}

group "scripted" {
  arrow = arrow.periods_back(3, { static_within = 2 }),
  scale = "rag",
  rollup = mean { { 0.8, GREEN }, { 0.6, AMBER_GREEN }, { 0, RED } },
  rollup_scale = "five_point",
  rating = function(a)
    if a.value == nil then return nil, "no value" end
    if a:on_track() then return GREEN end
    if a.arrow == IMPROVED then return AMBER end
    if a.value > 1000 then return nil, "too large to judge" end
    if a.value < 0 then error("negative value " .. a.value) end
    if a.value == 7 then return "PURPLE" end
    if a.value == 8 then while true do end end
    if a.value == 9 then leaked = 1 end
    return RED
  end,
  indicators = { "calls_999" },
}
)";

const char* kThemeLua = R"(theme "crime" {
  title = "Crime",
  scale = "five_point",
  groups = { "scripted" },
  rollup = function(c)
    if c.assessed == 0 then return nil, "nothing assessed" end
    if (c.ratings.RED or 0) > 0 then return AMBER_RED end
    if (c.arrows.improved or 0) > c.unrated then return GREEN end
    return AMBER
  end,
  rollup_text = "RED when any indicator is red",
}
)";

std::map<std::string, std::string> demo_files() {
    return {{"pack.lua", kPackLua}, {"groups.lua", kGroupsLua}, {"theme.lua", kThemeLua}};
}

// The InputError that loading `files` raises.
Error load_error(const std::map<std::string, std::string>& files) {
    TempPack p(files);
    try {
        load_pack(p.dir());
    } catch (const InputError& e) {
        Error err = e.error();
        if (!err.where.file.empty()) err.where.file = fs::path(err.where.file).filename().string();
        return err;
    }
    FAIL("the pack loaded without error");
    return {};
}

// The demo pack with `file` replaced by `text`.
std::map<std::string, std::string> demo_with(const std::string& file, const std::string& text) {
    auto files = demo_files();
    files[file] = text;
    return files;
}

}  // namespace

TEST_CASE("a full pack loads into the expected structs", "[lua][loader]") {
    TempPack dir(demo_files());
    Pack p = load_pack(dir.dir());

    CHECK(p.name == "demo");
    CHECK(p.title == "Demo pack");
    CHECK(p.version == "2.1.0");
    CHECK(p.rounding == Rounding::half_even);
    CHECK(p.dir == dir.dir());

    REQUIRE(p.files.size() == 3);
    CHECK(p.files[0].name == "groups.lua");
    CHECK(p.files[1].name == "pack.lua");
    CHECK(p.files[2].name == "theme.lua");
    CHECK(p.files[1].sha256 == sha256_hex(kPackLua));
    CHECK(p.files[1].bytes == std::string(kPackLua).size());

    REQUIRE(p.scales.size() == 2);
    const Scale& rag = p.scales[0];
    CHECK(rag.name == "rag");
    CHECK(rag.where.file == "pack.lua");
    CHECK(rag.where.line == 7);
    REQUIRE(rag.levels.size() == 3);
    CHECK(rag.levels[0].label == "RED");
    CHECK(rag.levels[0].meaning == "Static or worse");
    CHECK(rag.levels[2].colour == "#00703c");
    CHECK(rag.levels[1].meaning.empty());
    CHECK(p.scales[1].levels[3].label == "AMBER GREEN");

    CHECK(p.arrows[0].symbol == "▲");
    CHECK(p.arrows[0].meaning == "Performance has improved over the last 2 datasets");
    CHECK(p.arrows[1].word == "Same");
    CHECK(p.arrows[2].symbol == "▼");  // not declared: the default
    CHECK(p.arrows[3].symbol == "★");
    CHECK(p.arrows[3].meaning == "At its maximum");

    REQUIRE(p.targets.size() == 5);
    const TargetRule& bcs = p.targets[0];
    CHECK(bcs.kind == TargetRule::Kind::reduce_by);
    CHECK(bcs.id == "bcs");
    CHECK(bcs.indicator == "bcs_total");
    CHECK(bcs.amount == 17.5);
    CHECK(bcs.percent);
    CHECK(bcs.baseline == "2003/04");
    CHECK(bcs.due == "2007/08");
    CHECK(bcs.text == "reduce by 17.5% from 2003/04 by 2007/08");
    CHECK(bcs.where.file == "groups.lua");
    CHECK(bcs.where.line == 2);
    CHECK(p.targets[1].kind == TargetRule::Kind::absolute);
    CHECK(p.targets[1].amount == 60);
    CHECK(p.targets[2].kind == TargetRule::Kind::within);
    CHECK(p.targets[2].tolerance == 2);
    CHECK(p.targets[2].tolerance_percent);
    CHECK(p.targets[3].kind == TargetRule::Kind::increase_by);
    CHECK_FALSE(p.targets[3].percent);
    CHECK(p.targets[4].kind == TargetRule::Kind::comparator);
    CHECK(p.targets[4].comparator_indicator == "gap_x_national");
    CHECK(p.targets[4].comparator_area == "England");

    REQUIRE(p.groups.size() == 2);
    const Group& psa1 = *p.find_group("psa1");
    CHECK(psa1.id == "psa1");
    CHECK(psa1.where.line == 8);
    CHECK(psa1.theme == "crime");
    CHECK(psa1.polarity == Polarity::lower_is_better);
    CHECK(psa1.indicators == std::vector<std::string>{"theft_of_vehicle", "bcs_total"});
    CHECK(psa1.arrow.compare == ArrowRule::Compare::last_two);
    CHECK(psa1.arrow.static_band.kind == Band::Kind::relative);
    CHECK(psa1.arrow.static_band.width == 1.5);
    CHECK(psa1.arrow.peak_at == 100);
    CHECK(psa1.arrow.where.file == "pack.lua");
    CHECK(psa1.arrow.where.line == 20);
    REQUIRE(psa1.target.has_value());
    CHECK(psa1.target->kind == TargetRule::Kind::reduce_by);
    CHECK(psa1.target->indicator.empty());
    CHECK(psa1.scale == "rag");
    CHECK(psa1.scale_rollup == "rag");
    CHECK(psa1.rollup.kind == RollupRule::Kind::worst);

    const RatingRule& r = psa1.rating;
    CHECK(r.kind == RatingRule::Kind::first_match);
    CHECK(r.where.line == 15);
    REQUIRE(r.cases.size() == 5);
    CHECK(r.cases[0].when.kind == Condition::Kind::not_);
    CHECK(r.cases[0].when.children.at(0).kind == Condition::Kind::has_arrow);
    CHECK(r.cases[0].level == -1);
    CHECK(r.cases[0].reason == "no trend data");
    CHECK(r.cases[1].when.kind == Condition::Kind::all);
    CHECK(r.cases[1].when.text == "all { on_track, any { improved, static } }");
    CHECK(r.cases[1].when.children.at(1).children.at(1).kind == Condition::Kind::static_);
    CHECK(r.cases[1].level == 2);
    CHECK(r.cases[2].when.kind == Condition::Kind::distance_within);
    CHECK(r.cases[2].when.band.kind == Band::Kind::relative);
    CHECK(r.cases[2].when.band.width == 5);
    CHECK(r.cases[2].level == 1);
    CHECK(r.cases[3].when.kind == Condition::Kind::better_than);
    CHECK(r.cases[3].when.amount == 0);
    CHECK(r.cases[4].when.kind == Condition::Kind::always);
    CHECK(r.cases[4].level == 0);

    const Group& scripted = *p.find_group("scripted");
    CHECK(scripted.title == "scripted");
    CHECK(scripted.theme == "crime");  // claimed by the theme
    CHECK(scripted.arrow.compare == ArrowRule::Compare::periods_back);
    CHECK(scripted.arrow.span == 3);
    CHECK(scripted.arrow.static_band.kind == Band::Kind::absolute);
    CHECK(scripted.arrow.static_band.width == 2);
    CHECK(scripted.rating.kind == RatingRule::Kind::script);
    CHECK(scripted.rating.where.line == 31);
    CHECK(scripted.rating.script >= 0);
    CHECK(scripted.rollup.kind == RollupRule::Kind::mean);
    CHECK(scripted.scale_rollup == "five_point");
    REQUIRE(scripted.rollup.thresholds.size() == 3);
    CHECK(scripted.rollup.thresholds[1] == std::pair<double, int>{0.6, 3});

    REQUIRE(p.themes.size() == 1);
    const Theme& crime = p.themes[0];
    CHECK(crime.groups == std::vector<std::string>{"scripted", "psa1"});
    CHECK(crime.scale == "five_point");
    CHECK(crime.rollup.kind == RollupRule::Kind::script);
    CHECK(crime.rollup.text == "RED when any indicator is red");
    CHECK(crime.where.file == "theme.lua");
    CHECK(crime.where.line == 1);
    CHECK(p.host != nullptr);
}

TEST_CASE("a pack without Lua functions has no script host", "[lua][loader]") {
    TempPack dir(Files{{"pack.lua", std::string(kPackLua) + "group \"g\" { rating = first { { otherwise, RED } },"
                                                            " indicators = { \"x\" } }"}});
    CHECK_THROWS_AS(load_pack(dir.dir()), InputError);  // two scales and none named
    dir.write("pack.lua", std::string(kPackLua) +
                              "group \"g\" { scale = \"rag\", rating = first { { otherwise, RED } },"
                              " indicators = { \"x\" } }");
    Pack p = load_pack(dir.dir());
    CHECK(p.host == nullptr);
    CHECK(p.groups.at(0).rating.cases.at(0).level == 0);
}

TEST_CASE("every mistake names the file and line", "[lua][loader]") {
    struct Case {
        std::string name, file, text, error_file;
        int line;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"syntax error", "zz.lua", "theme \"x\" {\n  title = \"a\"\n  scale = 1 }", "zz.lua", 3, "'}' expected"},
        {"unknown field", "zz.lua", "group \"g\" {\n indicatrs = { \"a\" } }", "zz.lua", 1,
         "group 'g': unknown field 'indicatrs' (did you mean 'indicators'?)"},
        {"wrong type", "zz.lua", "\ngroup \"g\" { title = 5, indicators = { \"a\" } }", "zz.lua", 2,
         "group 'g': field 'title' must be text in quotes, got the number 5"},
        {"unknown level", "zz.lua",
         "group \"g\" {\n scale = \"rag\",\n rating = first {\n { otherwise, AMBER_GREEN } },\n indicators = { \"a\" } "
         "}",
         "zz.lua", 3, "names level 'AMBER GREEN', which is not in scale 'rag'"},
        {"duplicate group", "zz.lua", "group \"psa1\" { indicators = { \"a\" } }", "zz.lua", 1,
         "group 'psa1' is declared twice (first at groups.lua:8)"},
        {"runtime error", "zz.lua", "local x = 1\ngrup \"g\" { }", "zz.lua", 2,
         "unknown name 'grup' (did you mean 'group'?)"},
        {"unknown scale", "zz.lua", "group \"g\" { scale = \"ragg\", indicators = { \"a\" } }", "zz.lua", 1,
         "scale 'ragg' is not declared (did you mean 'rag'?)"},
        {"unknown theme", "zz.lua", "group \"g\" { theme = \"crim\", indicators = { \"a\" } }", "zz.lua", 1,
         "theme 'crim' is not declared"},
        {"missing table", "zz.lua", "\n\ngroup \"g\"\n", "zz.lua", 3, "group \"g\" is missing its table"},
        {"bad period", "zz.lua",
         "target \"t\" { indicator = \"a\", reduce_by = 5, from = \"2003-4x\", by = \"2007/08\" }", "zz.lua", 1,
         "target 't': from = \"2003-4x\""},
        {"endless loop", "zz.lua", "\nwhile true do end", "zz.lua", 2, "instruction budget"},
        {"error()", "zz.lua", "error('stop here')", "zz.lua", 1, "stop here"},
        {"mis-typed arrow", "zz.lua", "\nlocal a = arrow.last_tow { }", "zz.lua", 2,
         "unknown name 'last_tow' (did you mean 'last_two'?)"},
        {"arrow option", "zz.lua", "local a = arrow.last_two { static = pct(1) }", "zz.lua", 1,
         "arrow.last_two: unknown field 'static' (did you mean 'static_within'?)"},
        {"two target kinds", "zz.lua", "target \"t\" { indicator = \"a\", value = 5, beat = { area = \"E\" } }",
         "zz.lua", 1, "give exactly one of value, values, reduce_by, increase_by or beat"},
        {"within alone", "zz.lua", "target \"t\" { indicator = \"a\", within = 2, beat = { area = \"E\" } }", "zz.lua",
         1, "within goes with value"},
        {"due before baseline", "zz.lua",
         "target \"t\" { indicator = \"a\", reduce_by = 5, from = \"2007/08\", by = \"2003/04\" }", "zz.lua", 1,
         "by = \"2003/04\" must come after from = \"2007/08\""},
        {"second target", "zz.lua", "\ntarget \"t2\" { indicator = \"dip_kpi1\", value = 5 }", "zz.lua", 2,
         "indicator 'dip_kpi1' already has a target (at groups.lua:3)"},
        {"theme conflict", "zz.lua", "theme \"other\" { groups = { \"psa1\" } }", "groups.lua", 8,
         "group 'psa1' names theme 'crime', but theme 'other' lists it"},
        {"theme group missing", "zz.lua", "theme \"other\" { groups = { \"psa2\" } }", "zz.lua", 1,
         "theme 'other': group 'psa2' is not declared (did you mean 'psa1'?)"},
        {"constant clash", "zz.lua", "scale \"x\" { \"Amber Red\", \"Fine\" }", "zz.lua", 1,
         "level 'Amber Red' would define AMBER_RED, which already means \"AMBER RED\""},
        {"scale of one", "zz.lua", "scale \"x\" { \"Only\" }", "zz.lua", 1, "needs at least two levels"},
        {"mean order", "zz.lua", "local m = mean { { 0.2, RED }, { 0.8, GREEN } }", "zz.lua", 1,
         "list thresholds best first"},
        {"declaring in a rule", "zz.lua",
         "group \"g\" { scale = \"rag\", indicators = { \"a\" },\n"
         " rating = function(a) group \"h\" { } end }\nlocal x = pct(\"5\")",
         "zz.lua", 3, "pct(x): x must be a number, got the text \"5\""},
        {"not a condition", "zz.lua", "local r = first { { 5, RED } }", "zz.lua", 1,
         "first: case 1: the first entry must be a condition"},
        {"bad rounding", "pack.lua", "pack \"p\" { rounding = \"half_upp\" }", "pack.lua", 1,
         "did you mean 'half_up'?"},
        {"no pack", "", "", "pack.lua", 0, "pack.lua must declare the pack"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        Error e = load_error(c.file.empty() ? Files{{"pack.lua", "scale \"rag\" { \"RED\", \"GREEN\" }"}}
                                            : demo_with(c.file, c.text));
        INFO(e.to_string());
        CHECK(e.where.file == c.error_file);
        CHECK(e.where.line == c.line);
        CHECK(e.message.find(c.message) != std::string::npos);
    }
}

TEST_CASE("groups can be made in a loop", "[lua][loader]") {
    TempPack dir(demo_with("zz.lua", R"(local gaps = {
  gap_national = { "gap_national_robbery", "gap_national_burglary" },
  gap_deprived = { "gap_deprived_robbery" },
}
local gap_rating = first { { better_than(0), GREEN }, { improved, AMBER }, { otherwise, RED } }
for _, id in ipairs({ "gap_national", "gap_deprived" }) do
  group(id) { arrow = counts, scale = "rag", rating = gap_rating, indicators = gaps[id] }
end
)"));
    Pack p = load_pack(dir.dir());
    const Group* national = p.find_group("gap_national");
    const Group* deprived = p.find_group("gap_deprived");
    REQUIRE(national);
    REQUIRE(deprived);
    CHECK(national->indicators.size() == 2);
    CHECK(deprived->indicators == std::vector<std::string>{"gap_deprived_robbery"});
    CHECK(deprived->where.file == "zz.lua");
    CHECK(deprived->where.line == 7);
    CHECK(deprived->rating.where.line == 5);
    CHECK(deprived->rating.name == "gap_deprived.rating");
    CHECK(deprived->rating.cases.at(0).when.text == "better_than(0)");
}

TEST_CASE("a folder without pack.lua is not a pack", "[lua][loader]") {
    TempPack dir(Files{{"groups.lua", "x = 1"}});
    CHECK_THROWS_WITH(load_pack(dir.dir()), Catch::Contains("pack.lua is missing"));
    CHECK_THROWS_WITH(load_pack(dir.dir() / "nope"), Catch::Contains("expected a folder"));
}

namespace {

// One indicator in one area with two observations, and an outcome for it.
struct Fixture {
    Dataset data;
    Outcome outcome;

    Fixture(const Pack& pack, double value) {
        data.name = "demo";
        Indicator ind;
        ind.id = "calls_999";
        ind.title = "999 calls answered in 10 s";
        ind.polarity = Polarity::higher_is_better;
        data.indicators.push_back(ind);
        data.areas = {"Redcar"};
        data.periods = {parse_period("2005/06").value(), parse_period("2006/07").value()};
        data.series.push_back(Series{0, 0, 0, 2});
        data.obs_period = {0, 1};
        data.obs_value = {80, value};
        outcome.group = static_cast<uint32_t>(pack.find_group("scripted") - pack.groups.data());
        outcome.series = 0;
        outcome.current = Point{1, value};
        outcome.previous = Point{0, 80};
        outcome.change = value - 80;
        outcome.arrow = value > 80 ? Arrow::improved : Arrow::declined;
    }
};

}  // namespace

TEST_CASE("Lua rating functions are called through the ScriptHost", "[lua][host]") {
    TempPack dir(demo_files());
    Pack pack = load_pack(dir.dir());
    REQUIRE(pack.host);
    const int fn = pack.find_group("scripted")->rating.script;

    Fixture improved(pack, 85);
    ScriptResult r = pack.host->rate(fn, pack, improved.data, improved.outcome);
    CHECK(r.ok());
    CHECK(r.level == 1);  // AMBER: improved, no target

    Fixture on_track(pack, 70);
    on_track.outcome.target = TargetOutcome{};
    on_track.outcome.target->on_track = true;
    r = pack.host->rate(fn, pack, on_track.data, on_track.outcome);
    CHECK(r.level == 2);  // GREEN

    Fixture declined(pack, 70);
    r = pack.host->rate(fn, pack, declined.data, declined.outcome);
    CHECK(r.ok());
    CHECK(r.level == 0);  // RED

    Fixture large(pack, 5000);
    large.outcome.arrow = Arrow::declined;
    r = pack.host->rate(fn, pack, large.data, large.outcome);
    CHECK(r.ok());
    CHECK(r.level == -1);
    CHECK(r.reason == "too large to judge");
}

TEST_CASE("a failing rating function gives an error naming the line", "[lua][host]") {
    TempPack dir(demo_files());
    Pack pack = load_pack(dir.dir());
    const int fn = pack.find_group("scripted")->rating.script;

    Fixture negative(pack, -3);
    ScriptResult r = pack.host->rate(fn, pack, negative.data, negative.outcome);
    CHECK_FALSE(r.ok());
    CHECK(r.level == -1);
    CHECK(r.error.find("groups.lua:36: negative value -3") != std::string::npos);

    Fixture purple(pack, 7);
    r = pack.host->rate(fn, pack, purple.data, purple.outcome);
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("returned 'PURPLE', which is not a level of scale 'rag'") != std::string::npos);

    Fixture loop(pack, 8);
    r = pack.host->rate(fn, pack, loop.data, loop.outcome);
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("groups.lua:38: instruction budget") != std::string::npos);

    Fixture leak(pack, 9);
    r = pack.host->rate(fn, pack, leak.data, leak.outcome);
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("cannot assign global 'leaked'") != std::string::npos);

    Fixture fine(pack, 70);  // the state is still usable
    r = pack.host->rate(fn, pack, fine.data, fine.outcome);
    CHECK(r.ok());
    CHECK(r.level == 0);
}

TEST_CASE("a rating function sees the outcome through a", "[lua][host]") {
    TempPack dir(demo_with("zz.lua", R"(group "seen" {
  scale = "rag",
  rating = function(a)
    local t = a.target
    return nil, table.concat({ a.indicator, a.title, a.area, a.group, a.polarity, a.period, tostring(a.value),
      a.previous_period, tostring(a.previous), tostring(a.change), tostring(a.arrow), tostring(a:improved()),
      tostring(a:has_target()), tostring(t.value), tostring(t.distance), tostring(a:met()) }, "|")
  end,
  indicators = { "calls_999" },
}
group "typo" { scale = "rag", rating = function(a) return a.valeu end, indicators = { "calls_999" } }
group "declares" { scale = "rag", rating = function(a) group "h" { indicators = { "x" } } end, indicators = { "x" } }
)"));
    Pack pack = load_pack(dir.dir());
    Fixture f(pack, 85);
    f.outcome.group = static_cast<uint32_t>(pack.find_group("seen") - pack.groups.data());
    f.outcome.target = TargetOutcome{};
    f.outcome.target->target = 90;
    f.outcome.target->distance = 5;
    ScriptResult r = pack.host->rate(pack.find_group("seen")->rating.script, pack, f.data, f.outcome);
    REQUIRE(r.ok());
    CHECK(r.reason ==
          "calls_999|999 calls answered in 10 s|Redcar|seen|higher_is_better|2006/07|85.0|2005/06|80.0|"
          "5.0|improved|true|true|90.0|5.0|false");

    f.outcome.group = static_cast<uint32_t>(pack.find_group("typo") - pack.groups.data());
    r = pack.host->rate(pack.find_group("typo")->rating.script, pack, f.data, f.outcome);
    CHECK(r.error.find("`a` has no field 'valeu' (did you mean 'value'?)") != std::string::npos);

    f.outcome.group = static_cast<uint32_t>(pack.find_group("declares") - pack.groups.data());
    r = pack.host->rate(pack.find_group("declares")->rating.script, pack, f.data, f.outcome);
    CHECK(r.error.find("zz.lua:12: group can only be used while the pack loads") != std::string::npos);
}

TEST_CASE("roll-up functions get the counts", "[lua][host]") {
    TempPack dir(demo_files());
    Pack pack = load_pack(dir.dir());
    const int fn = pack.themes.at(0).rollup.script;

    Counts counts;
    CHECK(pack.host->rollup(fn, pack, counts).reason == "nothing assessed");
    counts.assessed = 3;
    counts.ratings = {{"RED", 1}, {"GREEN", 2}};
    ScriptResult r = pack.host->rollup(fn, pack, counts);
    CHECK(r.ok());
    CHECK(r.level == 1);  // AMBER RED on the five-point scale
    counts.ratings = {{"GREEN", 3}};
    counts.arrows = {{"improved", 2}};
    counts.unrated = 1;
    CHECK(pack.host->rollup(fn, pack, counts).level == 4);
}

TEST_CASE("groups are reported in their themes' order, not the order files load in", "[lua][pack]") {
    TempPack dir({{"pack.lua", kPackLua}, {"groups.lua", kGroupsLua}, {"theme.lua", kThemeLua}});
    Pack p = load_pack(dir.dir());
    REQUIRE(p.groups.size() == 2);
    // theme.lua lists "scripted"; psa1 joins the theme by naming it, after it.
    CHECK(p.groups[0].id == "scripted");
    CHECK(p.groups[1].id == "psa1");
}
