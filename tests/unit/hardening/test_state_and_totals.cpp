// Containment of rule state and of work split across calls: no route hands
// rule code the writable table behind a read-only view; nothing a rule does
// survives its call (upvalues, tables made at load time, metatables); the
// "give up" count and the budgets start afresh with each assessment; loads
// and assessments have totals (instructions and time) that work split into
// many files, calls or functions cannot dodge; and one step that no hook
// reaches is ended by the watchdog with a message naming the rule.
#include "locale_fixture.hpp"
#include "sandbox_fixture.hpp"

#include "lua/lua_host.hpp"

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/pack.hpp>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace assay;
using assay::hardening::eval;
using assay::hardening::has;
using assay::hardening::TempDir;
using assay::lua::RunStatus;
using assay::lua::Sandbox;

namespace {

const SandboxLimits kLimits{2'000'000, 16u << 20};

// A dataset of `n` areas of indicator x, two years each; area i's latest value is i.
void write_dataset(const TempDir& dir, int n, bool reversed = false, const std::string& folder = "data") {
    std::string obs = "indicator,area,period,value\n";
    for (int k = 0; k < n; ++k) {
        const int i = reversed ? n - 1 - k : k;
        obs += "x,Area " + std::to_string(i) + ",2005/06,50\nx,Area " + std::to_string(i) + ",2006/07," +
               std::to_string(i) + "\n";
    }
    dir.write(folder + "/indicators.csv", "id,title,unit,polarity,decimals\nx,X,count,higher,0\n");
    dir.write(folder + "/observations.csv", obs);
}

// A pack whose group "g" rates x with `rating` (a Lua expression), after `prelude` (file-level code).
void write_pack(const TempDir& dir, const std::string& prelude, const std::string& rating) {
    dir.write("pack/pack.lua", "pack \"p\" { title = \"P\" }\nscale \"rag\" { \"RED\", \"AMBER\", \"GREEN\" }\n");
    dir.write("pack/groups.lua", prelude + "\ngroup \"g\" {\n  title = \"G\",\n  rating = " + rating +
                                     ",\n  indicators = { \"x\" },\n}\n");
}

// Each area's rating (or error) in an assessment, by area name, as text.
std::map<std::string, std::string> by_area(const Assessment& a) {
    std::map<std::string, std::string> out;
    for (const Outcome& o : a.outcomes) {
        const std::string& area = a.dataset->areas[a.dataset->series[o.series].area];
        out[area] = o.error.empty() ? std::to_string(o.rating) + " " + o.rating_reason : "error: " + o.error;
    }
    return out;
}

int count_with(const std::vector<std::string>& errors, std::string_view text) {
    int n = 0;
    for (const std::string& e : errors) n += has(e, text) ? 1 : 0;
    return n;
}

}  // namespace

// ---- backing tables ----------------------------------------------------------

TEST_CASE("state: no route hands out the writable table behind a read-only view", "[hardening][state]") {
    Sandbox sb(kLimits);
    // pairs returns the view itself as its second value, never what it shows.
    for (const char* lib : {"string", "math", "table", "utf8"}) {
        INFO(lib);
        const std::string l(lib);
        CHECK(eval(sb, "local _, t = pairs(" + l + ") return rawequal(t, " + l + ")") == "true");
        CHECK(has(eval(sb, "local _, t = pairs(" + l + ") t.upper = 1 return 'changed'"),
                  "cannot change library table '" + l + "'"));
        CHECK(has(eval(sb, "local _, t = pairs(" + l + ") table.insert(t, 1) return 'changed'"),
                  "cannot change library table"));
        // next gives keys and values only; what pairs walks is still all there.
        CHECK(eval(sb, "local n = 0 for k in pairs(" + l + ") do n = n + 1 end local k = next(" + l +
                           ") return n > 3 and type(k) == 'string'") == "true");
        CHECK(eval(sb, "return getmetatable(" + l + ")") == "false");
    }
    CHECK(eval(sb, "return string.upper('a')") == "A");  // unchanged
    CHECK(eval(sb, "return getmetatable('')") == "nil");

    // The globals once frozen: pairs(_ENV) gives back _ENV, which refuses assignment.
    REQUIRE(sb.run("helper = { 1, 2 }", "load.lua").ok());
    sb.freeze_env();
    CHECK(eval(sb, "local _, e = pairs(_ENV) return rawequal(e, _ENV)") == "true");
    CHECK(has(eval(sb, "local _, e = pairs(_ENV) e.string = {} return 'changed'"), "cannot assign global 'string'"));
    CHECK(eval(sb, "return getmetatable(_ENV)") == "false");
    CHECK(eval(sb, "return type(string)") == "table");
}

TEST_CASE("state: a rule cannot replace a library function or a global through pairs", "[hardening][state]") {
    TempDir dir;
    write_dataset(dir, 3);
    write_pack(dir, "",
               "function(a)\n"
               "    local _, s = pairs(string)\n"
               "    s.upper = function() return 'RED' end\n"
               "    return ('green'):upper()\n"
               "  end");
    Pack pack = load_pack(dir.path() / "pack", kLimits);
    Assessment a = assess(pack, prepare(pack, load_dataset(dir.path() / "data")), AssessOptions{});
    REQUIRE(a.errors.size() == 3);
    for (const std::string& e : a.errors) CHECK(has(e, "groups.lua:6: cannot change library table 'string'"));

    TempDir dir2;
    write_dataset(dir2, 3);
    write_pack(dir2, "",
               "function(a)\n"
               "    local _, env = pairs(_ENV)\n"
               "    env.GREEN = 'RED'\n"
               "    return GREEN\n"
               "  end");
    Pack pack2 = load_pack(dir2.path() / "pack", kLimits);
    Assessment a2 = assess(pack2, prepare(pack2, load_dataset(dir2.path() / "data")), AssessOptions{});
    REQUIRE(a2.errors.size() == 3);
    for (const std::string& e : a2.errors) CHECK(has(e, "cannot assign global 'GREEN' while assessing"));
}

// ---- state between calls -----------------------------------------------------

TEST_CASE("state: tables made while loading are frozen, and still read as before", "[hardening][state]") {
    TempDir dir;
    write_dataset(dir, 4);
    write_pack(dir,
               "local bands = { 1, 2, 3, names = { low = 'RED' } }\n"
               "levels = { 'RED', 'AMBER', 'GREEN' }\n"
               "local Point = {}\nPoint.__index = Point\n"
               "function Point.new(v) return setmetatable({ v = v }, Point) end\n"
               "function Point:half() return self.v / 2 end\n"
               "local counted = setmetatable({}, { __index = function(t, k) return k end })\n",
               "function(a)\n"
               "    local n = 0\n"
               "    for _, b in ipairs(bands) do n = n + b end\n"
               "    for k in pairs(bands) do n = n + 1 end\n"
               "    assert(n == 10 and #bands == 3 and #levels == 3 and bands.names.low == 'RED', 'reads differ')\n"
               "    assert(counted.abc == 'abc', 'a frozen table keeps its __index')\n"
               "    assert(Point.new(a.value):half() == a.value / 2, 'classes still work')\n"
               "    assert(table.concat(levels, ',') == 'RED,AMBER,GREEN', 'concat')\n"
               "    return levels[1 + math.min(2, a.value)]\n"
               "  end");
    Pack pack = load_pack(dir.path() / "pack", kLimits);
    const Dataset data = load_dataset(dir.path() / "data");
    Assessment a = assess(pack, prepare(pack, data), AssessOptions{});
    INFO((a.errors.empty() ? std::string() : a.errors.front()));
    REQUIRE(a.errors.empty());
    std::map<std::string, std::string> r = by_area(a);
    CHECK(r["Area 0"] == "0 ");
    CHECK(r["Area 1"] == "1 ");
    CHECK(r["Area 3"] == "2 ");

    // Each way of writing to them fails, naming the line.
    for (const char* write : {"bands[4] = 4", "bands.names.low = 'GREEN'", "levels[1] = 'GREEN'",
                              "table.insert(levels, 'X')", "table.sort(levels)", "Point.count = 1"}) {
        INFO(write);
        TempDir d;
        write_dataset(d, 2);
        write_pack(d,
                   "local bands = { 1, 2, 3, names = { low = 'RED' } }\nlevels = { 'RED', 'AMBER', 'GREEN' }\n"
                   "local Point = {}\nPoint.__index = Point\n",
                   std::string("function(a)\n    ") + write + "\n    return GREEN\n  end");
        Pack p = load_pack(d.path() / "pack", kLimits);
        Assessment as = assess(p, prepare(p, load_dataset(d.path() / "data")), AssessOptions{});
        REQUIRE(as.errors.size() == 2);
        CHECK((has(as.errors[0], "a rule must not keep state") || has(as.errors[0], "between indicators")));
    }
}

TEST_CASE("state: a rule that keeps state in an upvalue is reported, and undone", "[hardening][state]") {
    TempDir dir;
    write_dataset(dir, 6);
    write_pack(dir,
               "local n = 0\n"
               "local function bump() n = n + 1 return n end\n",
               "function(a)\n"
               "    if a.value % 2 == 0 then return GREEN end\n"
               "    return bump() > 1 and RED or AMBER\n"
               "  end");
    Pack pack = load_pack(dir.path() / "pack", kLimits);
    const Dataset data = load_dataset(dir.path() / "data");
    Assessment a = assess(pack, prepare(pack, data), AssessOptions{});
    std::map<std::string, std::string> r = by_area(a);
    CHECK(r["Area 0"] == "2 ");  // does not touch n: rated
    CHECK(r["Area 2"] == "2 ");
    for (const char* odd : {"Area 1", "Area 3", "Area 5"}) {
        INFO(odd);
        CHECK(has(r[odd],
                  "the rule keeps state in upvalue 'n' (an outer local used by the function at groups.lua:2) between "
                  "indicators; a rule may depend only on its inputs"));
    }
    // A metatable is checked too.
    TempDir dir2;
    write_dataset(dir2, 3);
    write_pack(dir2, "local mt = { seen = 0 }\nlocal obj = setmetatable({}, mt)\n",
               "function(a)\n"
               "    local m = getmetatable(obj)\n"
               "    m.seen = m.seen + 1\n"
               "    return m.seen == 1 and GREEN or RED\n"
               "  end");
    Pack pack2 = load_pack(dir2.path() / "pack", kLimits);
    Assessment a2 = assess(pack2, prepare(pack2, load_dataset(dir2.path() / "data")), AssessOptions{});
    REQUIRE(a2.errors.size() == 3);
    CHECK(count_with(a2.errors, "keeps state in a metatable (field 'seen')") == 3);
}

TEST_CASE("state: the same pack assessed many times, in any order, gives the same outcomes", "[hardening][state]") {
    TempDir dir;
    write_dataset(dir, 12);
    write_dataset(dir, 12, true, "reversed");
    // A rule that would rate by how many areas it has seen, and one that
    // runs out of budget for every area (so "give up after 10" would stop it
    // for good if its count outlived the assessment).
    write_pack(dir, "local seen = 0\nlocal memo = {}\n",
               "function(a)\n"
               "    if a.value == 11 then while true do end end\n"
               "    if a.value >= 6 then seen = seen + 1 end\n"
               "    if a.value >= 9 then memo[a.area] = true end\n"
               "    if a.value == 3 then return nil, 'three' end\n"
               "    return a.value > 4 and GREEN or RED\n"
               "  end");
    SandboxLimits limits = kLimits;
    limits.instructions = 100'000;
    Pack pack = load_pack(dir.path() / "pack", limits);
    const Dataset forward = load_dataset(dir.path() / "data");
    const Dataset backward = load_dataset(dir.path() / "reversed");
    const std::map<std::string, std::string> first = by_area(assess(pack, prepare(pack, forward), AssessOptions{}));
    CHECK(first.at("Area 0") == "0 ");
    CHECK(first.at("Area 3") == "-1 three");
    CHECK(first.at("Area 5") == "2 ");
    CHECK(has(first.at("Area 6"), "keeps state in upvalue 'seen'"));
    CHECK(has(first.at("Area 9"), "keeps state in upvalue 'seen'"));
    CHECK(has(first.at("Area 11"), "instruction budget of 100000 exceeded"));
    for (int round = 0; round < 12; ++round) {
        INFO(round);
        const Pack copy = pack;  // copies share the host: still nothing carries over
        CHECK(by_area(assess(copy, prepare(copy, round % 2 ? backward : forward), AssessOptions{})) == first);
    }
}

TEST_CASE("state: the give-up count starts afresh with each assessment", "[hardening][state]") {
    TempDir dir;
    write_dataset(dir, 14);
    write_pack(dir, "", "function(a) while true do end end");
    SandboxLimits limits = kLimits;
    limits.instructions = 50'000;
    Pack pack = load_pack(dir.path() / "pack", limits);
    const Dataset data = load_dataset(dir.path() / "data");
    for (int round = 0; round < 3; ++round) {
        INFO(round);
        Assessment a = assess(pack, prepare(pack, data), AssessOptions{});
        REQUIRE(a.errors.size() == 14);
        CHECK(count_with(a.errors, "instruction budget of 50000 exceeded") == 10);
        CHECK(count_with(a.errors,
                         "not run: the rule ran out of its instruction budget or time limit 10 times "
                         "already in this assessment") == 4);
    }
}

// ---- totals per run ----------------------------------------------------------

TEST_CASE("totals: a pack's files share one load budget", "[hardening][totals]") {
    TempDir dir;
    dir.write("pack/pack.lua", "pack \"p\" { title = \"P\" }\nscale \"rag\" { \"RED\", \"GREEN\" }\n");
    // 40 files, each just under the per-file budget.
    for (int i = 0; i < 40; ++i)
        dir.write("pack/f" + std::to_string(100 + i) + ".lua", "local n = 0 for i = 1, 60000 do n = n + i end\n");
    SandboxLimits limits = kLimits;
    limits.instructions = 500'000;
    limits.load_instructions = 3'000'000;
    try {
        load_pack(dir.path() / "pack", limits);
        FAIL("the pack loaded");
    } catch (const InputError& e) {
        CHECK(has(e.what(), "instruction budget of 3000000 for loading the pack exceeded (all calls together)"));
        CHECK(has(e.what(), ".lua"));
    }
    limits.load_instructions = 0;  // no total: each file fits its own budget
    CHECK_NOTHROW(load_pack(dir.path() / "pack", limits));

    limits.load_seconds = 1e-9;  // time too: the first file to run 1,000 instructions passes it
    try {
        load_pack(dir.path() / "pack", limits);
        FAIL("the pack loaded");
    } catch (const InputError& e) {
        CHECK(has(e.what(), "time limit of 1e-09 s for loading the pack exceeded (all calls together)"));
    }
}

TEST_CASE("totals: an assessment's rule calls share one budget", "[hardening][totals]") {
    TempDir dir;
    write_dataset(dir, 60);
    // Just under the per-call budget for every area.
    write_pack(dir, "", "function(a) local n = 0 for i = 1, 40000 do n = n + i end return GREEN end");
    SandboxLimits limits = kLimits;
    limits.instructions = 200'000;
    limits.run_instructions = 2'000'000;
    Pack pack = load_pack(dir.path() / "pack", limits);
    const Dataset data = load_dataset(dir.path() / "data");
    for (int round = 0; round < 2; ++round) {  // and afresh for the next assessment
        INFO(round);
        Assessment a = assess(pack, prepare(pack, data), AssessOptions{});
        int rated = 0;
        for (const Outcome& o : a.outcomes) rated += o.rating == 2 ? 1 : 0;
        CHECK(rated >= 10);  // about 2000000 / 80000 calls fit
        CHECK(rated <= 30);
        CHECK(count_with(a.errors, "instruction budget of 2000000 for one assessment exceeded (all calls together)") ==
              1);
        CHECK(count_with(a.errors,
                         "not run: the rules have used up the instruction budget of 2000000 for one "
                         "assessment") == 60 - rated - 1);
    }
    // Many functions, each with its own give-up count, share it too.
    TempDir many;
    write_dataset(many, 3);
    std::string groups;
    for (int g = 0; g < 40; ++g)
        groups += "group \"g" + std::to_string(g) +
                  "\" { title = \"G\", rating = function(a) while true do end end, indicators = { \"x\" } }\n";
    many.write("pack/pack.lua", "pack \"p\" { title = \"P\" }\nscale \"rag\" { \"RED\", \"AMBER\", \"GREEN\" }\n");
    many.write("pack/groups.lua", groups);
    limits.run_instructions = 1'000'000;
    Pack hostile = load_pack(many.path() / "pack", limits);
    Assessment a = assess(hostile, prepare(hostile, load_dataset(many.path() / "data")), AssessOptions{});
    CHECK(a.errors.size() == 120);
    CHECK(count_with(a.errors, "instruction budget of 200000 exceeded") <= 5);
    CHECK(count_with(a.errors, "not run: the rules have used up the instruction budget of 1000000") >= 110);

    limits.run_instructions = 0;
    limits.run_seconds = 1e-9;  // a time total too
    Pack timed = load_pack(dir.path() / "pack", limits);
    Assessment t = assess(timed, prepare(timed, data), AssessOptions{});
    CHECK(count_with(t.errors, "time limit of 1e-09 s for one assessment exceeded (all calls together)") == 1);
    CHECK(count_with(t.errors, "not run: the rules have used up the time limit of 1e-09 s for one assessment") == 59);
}

// ---- one step no hook reaches ------------------------------------------------

TEST_CASE("time: comparing long texts stops at the time limit, in byte order", "[hardening][time]") {
    SandboxLimits limits{1'000'000'000, 64u << 20, 0.5};
    Sandbox sb(limits);
    // 28 MB of NULs: each comparison reads the whole text, piece by piece.
    RunStatus r = assay::hardening::run_lua(sb,
                                            "local s = string.rep('\\0', 28 * 1024 * 1024)\n"
                                            "local t = s .. ''\n"
                                            "for i = 1, 1e9 do local _ = s < t end")
                      .status;
    CHECK(r.failure == RunStatus::Failure::time);
    CHECK(has(r.message, "time limit of 0.5 s exceeded"));

    // Texts order by their bytes, whatever the process's locale.
    const char* probe =
        "return tostring('a' < 'B') .. tostring('Z' < 'a') .. tostring('a\\0b' < 'a\\0c') .. "
        "tostring('\\xc3\\xa9' > 'z') .. tostring('a\\0' > 'a')";
    Sandbox c(kLimits);
    CHECK(eval(c, probe) == "falsetruetruetruetrue");
    assay::hardening::RestoreCLocale restore;
    if (assay::hardening::switch_locale("de_DE.UTF-8")) {
        Sandbox de(kLimits);
        CHECK(eval(de, probe) == "falsetruetruetruetrue");
    } else {
        WARN("locale de_DE.UTF-8 is not available and cannot be made: the locale half is skipped");
    }
}

TEST_CASE("time: one step no hook reaches ends the process with a message naming the rule", "[hardening][time]") {
    TempDir dir;
    write_dataset(dir, 2);
    write_pack(dir, "",
               "function(a)\n"
               "    local t = setmetatable({}, {})\n"
               "    getmetatable(t).__call = t\n"
               "    return t()\n"
               "  end");
    SandboxLimits limits = kLimits;
    limits.seconds = 0.2;
    Pack pack = load_pack(dir.path() / "pack", limits);
    const Dataset data = load_dataset(dir.path() / "data");
    int err[2];
    REQUIRE(pipe(err) == 0);
    std::fflush(nullptr);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        dup2(err[1], 2);
        close(err[0]);
        alarm(60);  // a hang is a failure, not a stuck test
        (void)assess(pack, prepare(pack, data), AssessOptions{});
        std::_Exit(0);
    }
    close(err[1]);
    std::string text;
    char buf[512];
    for (ssize_t n; (n = read(err[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
    close(err[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    INFO(text);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(has(text, "assay: stopped: rule 'g.rating' (groups.lua:4) ran for"));
    CHECK(has(text, "past its time limit of 0.2 s, inside one step that cannot be interrupted"));
}

// ---- messages ----------------------------------------------------------------

TEST_CASE("messages: NaN and infinity are named as such, with the place", "[hardening][messages]") {
    struct Case {
        const char* code;
        const char* expected;
    };
    for (const Case& c : {
             Case{"local x = pct(0/0)",
                  "groups.lua:1: pct(x): x must be a finite number, got not a number (NaN, as 0/0 gives)"},
             Case{"local x = better_than(1/0)",
                  "groups.lua:1: better_than(v): v must be a finite number, got infinity"},
             Case{"local x = better_than(-1/0)",
                  "groups.lua:1: better_than(v): v must be a finite number, got minus infinity"},
             Case{"local x = arrow.periods_back(2^62, {})",
                  "groups.lua:1: arrow.periods_back(n, { ... }): n must be a whole number of periods from 1 to 1000, "
                  "got "
                  "the number 4.611686018427388e+18"},
         }) {
        INFO(c.code);
        TempDir dir;
        dir.write("pack/pack.lua", "pack \"p\" { title = \"P\" }\nscale \"rag\" { \"RED\", \"GREEN\" }\n");
        dir.write("pack/groups.lua", std::string(c.code) + "\n");
        try {
            load_pack(dir.path() / "pack", kLimits);
            FAIL("the pack loaded");
        } catch (const InputError& e) {
            CHECK(has(std::string(e.what()), c.expected));
        }
    }
    for (const auto& [body, expected] : std::vector<std::pair<std::string, std::string>>{
             {"return nil, 42", "returned nil and the number 42 as the reason: the reason for no rating must be text"},
             {"return 0/0", "returned not a number (NaN, as 0/0 gives), not a level of scale 'rag'"},
             {"return 1/0", "returned infinity (as 1/0 gives), not a level of scale 'rag'"},
         }) {
        INFO(body);
        TempDir dir;
        write_dataset(dir, 1);
        write_pack(dir, "", "function(a) " + body + " end");
        Pack pack = load_pack(dir.path() / "pack", kLimits);
        Assessment a = assess(pack, prepare(pack, load_dataset(dir.path() / "data")), AssessOptions{});
        REQUIRE(a.errors.size() == 1);
        CHECK(has(a.errors[0], "rule 'g.rating' (groups.lua:4)"));
        CHECK(has(a.errors[0], expected));
    }
}
