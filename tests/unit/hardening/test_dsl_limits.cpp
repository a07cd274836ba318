// A pack cannot use the DSL to make the host allocate what Lua's memory cap
// never sees: every declaration and rule value is copied into C++, so a few
// lines of Lua that reuse one big value many times (or double a condition in
// a loop) would otherwise exhaust the machine's memory or C++ stack.
#include "sandbox_fixture.hpp"

#include <assay/error.hpp>
#include <assay/pack.hpp>

#include <catch2/catch.hpp>

#include <string>

using assay::InputError;
using assay::load_pack;
using assay::SandboxLimits;
using assay::hardening::has;
using assay::hardening::TempDir;

namespace {

const char* kHead = R"(pack "limits" { title = "Limits" }
scale "rag" { "RED", "AMBER", "GREEN" }
)";

// The message load_pack gives for a pack.lua of kHead + `body`, or "loaded".
std::string load_error(const std::string& body, SandboxLimits limits = {}) {
    TempDir dir;
    dir.write("pack.lua", std::string(kHead) + body);
    try {
        load_pack(dir.path(), limits);
        return "loaded";
    } catch (const InputError& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("dsl: a condition doubled in a loop stops early", "[hardening][dsl]") {
    std::string e = load_error("local c = improved\nfor i = 1, 64 do c = all { c, c } end\n");
    CHECK(has(e, "pack.lua:4:"));
    CHECK(has(e, "the condition is too large"));
    e = load_error("local c = improved\nfor i = 1, 64 do c = any { c, c, c } end\n");
    CHECK(has(e, "the condition is too large"));
}

TEST_CASE("dsl: a condition nested deeper than the C++ stack allows is refused", "[hardening][dsl]") {
    std::string e = load_error("local c = improved\nfor i = 1, 100000 do c = no(c) end\n");
    CHECK(has(e, "pack.lua:4:"));
    CHECK(has(e, "levels deep"));
    CHECK(load_error("local c = improved\nfor i = 1, 20 do c = no(c) end\n") == "loaded");
}

TEST_CASE("dsl: a rating rule cannot repeat a big condition without bound", "[hardening][dsl]") {
    std::string e = load_error(
        "local c = improved for i = 1, 8 do c = all { c, c } end\n"
        "local cases = {} for i = 1, 100000 do cases[i] = { c, GREEN } end\n"
        "local r = first(cases)\n");
    CHECK(has(e, "pack.lua:5:"));
    CHECK(has(e, "too large"));
}

TEST_CASE("dsl: declarations cannot copy one big text many times", "[hardening][dsl]") {
    // 2,000 references to one 1 MB text cost Lua 32 KB; copied into C++
    // they would be 2 GB.
    std::string e = load_error(
        "local big = ('x'):rep(1e6)\n"
        "local list = {} for i = 1, 2000 do list[i] = big end\n"
        "group \"g\" { title = \"G\", indicators = list, rating = first { { otherwise, RED } } }\n");
    CHECK(has(e, "pack.lua:5:"));
    CHECK(has(e, "declarations hold more than the memory limit of 64 MiB"));

    // The same through many declarations, each small.
    e = load_error(
        "local big = ('x'):rep(1e6)\n"
        "for i = 1, 2000 do group(\"g\" .. i) { title = big, indicators = { \"a\" } } end\n");
    CHECK(has(e, "declarations hold more than the memory limit"));
}

TEST_CASE("dsl: rule values count against the memory cap", "[hardening][dsl]") {
    // Each value holds a 1 MB text outside Lua; keeping 200 of them would
    // hold 200 MB, past the cap of 16 MiB.
    std::string e = load_error(
        "local big = ('x'):rep(1e6) local keep = {}\n"
        "for i = 1, 200 do keep[i] = unrated(big) end\n",
        SandboxLimits{10'000'000, 16u << 20});
    CHECK(has(e, "memory limit of 16 MiB exceeded"));
}

TEST_CASE("dsl: the bundled packs load within the limits", "[hardening][dsl]") {
    for (const char* name : {"lsp2007", "pcc2024q2"}) {
        INFO(name);
        CHECK_NOTHROW(load_pack(std::string(ASSAY_SOURCE_DIR) + "/rules/" + name));
    }
}

TEST_CASE("dsl: a pack of more files than any pack needs is refused before any runs", "[hardening][dsl]") {
    // Each file loads under its own budget: a million files that each loop
    // to their budget would take days.
    TempDir dir;
    dir.write("pack.lua", kHead);
    for (int i = 0; i < 1000; ++i) dir.write("f" + std::to_string(i) + ".lua", "while true do end\n");
    try {
        load_pack(dir.path());
        FAIL("loaded");
    } catch (const InputError& e) {
        CHECK(has(e.what(), "a rule pack holds at most 1000 .lua files; this one holds 1001"));
    }
}
