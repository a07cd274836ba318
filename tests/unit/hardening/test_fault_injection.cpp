// Fault injection: the Lua allocator refuses its Nth allocation, and the
// output's Nth write, sync, close or rename fails, for N = 1, 2, ... until
// the run gets through. Each time the run ends with a clear error (or a
// rule failure on the outcomes), the output is the old file or none, never
// half a file, and no temporary file is left. Under ASan a leak on any of
// these paths fails the suite.
#include "sandbox_fixture.hpp"

#include "core/io_faults.hpp"

#include <assay/assessment.hpp>
#include <assay/dataset.hpp>
#include <assay/error.hpp>
#include <assay/io.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace assay;
using assay::hardening::has;
using assay::hardening::TempDir;

namespace {

// A small pack with a rating written as a Lua function, so that rule calls
// allocate after loading as well.
const std::map<std::string, std::string> kPack = {
    {"pack.lua", R"(pack "faults" { title = "Faults" }
scale "rag" { "RED", "AMBER", "GREEN" }
)"},
    {"groups.lua", R"(group "g" {
  title = "G",
  arrow = arrow.last_two { static_within = pct(1) },
  rating = function(a)
    local words = {}
    for i = 1, 20 do words[#words + 1] = tostring(i) .. a.indicator end
    if a.arrow == IMPROVED then return GREEN end
    return table.concat(words):len() > 0 and AMBER or RED
  end,
  indicators = { "x", "y" },
}
)"},
};

const std::map<std::string, std::string> kData = {
    {"indicators.csv", "id,title,unit,polarity,decimals\nx,X,count,lower,0\ny,Y,count,higher,0\n"},
    {"observations.csv", "indicator,area,period,value\nx,A,2005/06,10\nx,A,2006/07,8\ny,A,2005/06,3\ny,A,2006/07,3\n"},
};

// Whether `message` is a clear memory error.
bool says_memory(const std::string& message) {
    return has(message, "memory limit") || has(message, "not enough memory") || has(message, "Lua state");
}

// Files in `dir` whose names end in ".tmp" (a temporary left behind).
int temporaries(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".tmp") != std::string::npos) ++n;
    return n;
}

// Loads and assesses with the Nth Lua allocation failing; returns "ok",
// the errors of the run, or the error that stopped it.
std::string run_with_allocation_failure(const fs::path& pack_dir, const Dataset& data, uint64_t n, bool& complete) {
    SandboxLimits limits;
    limits.fail_allocation_at = n;
    complete = false;
    try {
        Pack pack = load_pack(pack_dir, limits);
        Assessment a = assess(pack, prepare(pack, data), AssessOptions{});
        std::string json = render(a, Format::json, RenderOptions{});
        REQUIRE(!json.empty());
        if (a.errors.empty()) {
            complete = true;
            return "ok";
        }
        for (const std::string& e : a.errors)
            if (!says_memory(e)) return "unclear rule error: " + e;
        return a.errors.front();
    } catch (const InputError& e) {
        return e.what();
    } catch (const Fatal& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("faults: every failing Lua allocation ends the run with a clear error", "[hardening][faults]") {
    TempDir packs, data_dir;
    packs.write_all(kPack);
    data_dir.write_all(kData);
    const Dataset data = load_dataset(data_dir.path());
    bool complete = false;
    uint64_t n = 1;
    for (; n < 200'000 && !complete; ++n) {
        std::string outcome = run_with_allocation_failure(packs.path(), data, n, complete);
        INFO("allocation " << n << ": " << outcome);
        REQUIRE((complete || says_memory(outcome)));
    }
    CHECK(complete);
    CHECK(n > 100);  // the sweep went through set-up, loading and rule calls
}

TEST_CASE("faults: every failing Lua allocation in a bundled pack's run", "[hardening][faults]") {
    const fs::path root(ASSAY_SOURCE_DIR);
    const Dataset data = load_dataset(root / "datasets" / "lsp2007");
    bool complete = false;
    uint64_t n = 1;
    for (; n < 200'000 && !complete; ++n) {
        std::string outcome = run_with_allocation_failure(root / "rules" / "lsp2007", data, n, complete);
        INFO("allocation " << n << ": " << outcome);
        REQUIRE((complete || says_memory(outcome)));
    }
    CHECK(complete);
}

TEST_CASE("faults: every failing write, sync, close or rename leaves the old file", "[hardening][faults]") {
    TempDir dir;
    const fs::path out = dir.path() / "report.json";
    const std::string old_text = "the previous report\n";
    const std::string new_text(3 << 20, 'n');  // several 1 MiB pieces through AtomicWriter
    bool done = false;
    for (uint64_t n = 1; n < 100 && !done; ++n) {
        dir.write("report.json", old_text);
        io_faults::fail_at(n);
        std::string error;
        try {
            write_file_atomic(out, new_text);
            done = true;
        } catch (const Fatal& e) {
            error = e.what();
        }
        io_faults::fail_at(0);
        INFO("operation " << n << ": " << error);
        CHECK(temporaries(dir.path()) == 0);
        if (!done) {
            CHECK(has(error, out.string()));
            CHECK(read_file(out) == old_text);
        }
    }
    REQUIRE(done);
    CHECK(read_file(out) == new_text);
}

TEST_CASE("faults: a streamed output that fails is never half written", "[hardening][faults]") {
    TempDir dir;
    const fs::path out = dir.path() / "outcomes.jsonl";
    const std::string line(100'000, 'x');
    bool done = false;
    for (uint64_t n = 1; n < 100 && !done; ++n) {
        std::error_code ec;
        fs::remove(out, ec);
        io_faults::fail_at(n);
        std::string error;
        try {
            AtomicWriter w(out);
            for (int i = 0; i < 40; ++i) w.write(line + "\n");  // 4 MB: several flushes
            w.commit();
            done = true;
        } catch (const Fatal& e) {
            error = e.what();
        }
        io_faults::fail_at(0);
        INFO("operation " << n << ": " << error);
        CHECK(temporaries(dir.path()) == 0);
        if (!done) {
            CHECK(has(error, out.string()));
            CHECK_FALSE(fs::exists(out));
        }
    }
    REQUIRE(done);
    CHECK(fs::file_size(out) == 40 * (line.size() + 1));
}

TEST_CASE("faults: a large output synced as it grows fails whole when a sync behind it fails", "[hardening][faults]") {
    TempDir dir;
    const fs::path out = dir.path() / "outcomes.jsonl";
    const std::string old_text = "the previous outcomes\n";
    const std::string line(1 << 20, 'x');  // 1 MiB lines: 80 of them pass the syncer's step twice
    for (bool fail : {true, false}) {
        dir.write("outcomes.jsonl", old_text);
        io_faults::fail_background_syncs(fail);
        std::string error;
        try {
            AtomicWriter w(out);
            for (int i = 0; i < 80; ++i) w.write(line);
            w.commit();
        } catch (const Fatal& e) {
            error = e.what();
        }
        io_faults::fail_background_syncs(false);
        INFO("background syncs fail: " << fail << "; " << error);
        CHECK(temporaries(dir.path()) == 0);
        if (fail) {
            CHECK(has(error, out.string()));
            CHECK(has(error, "sync failed"));
            CHECK(read_file(out) == old_text);
        } else {
            CHECK(error.empty());
            CHECK(fs::file_size(out) == 80 * line.size());
        }
    }
}

TEST_CASE("faults: a large output abandoned while its syncer runs leaves the old file", "[hardening][faults]") {
    TempDir dir;
    const fs::path out = dir.path() / "outcomes.jsonl";
    dir.write("outcomes.jsonl", "kept\n");
    {
        AtomicWriter w(out);
        const std::string line(1 << 20, 'y');
        for (int i = 0; i < 70; ++i) w.write(line);
    }  // destroyed uncommitted: the syncer stops, the temporary file goes
    CHECK(temporaries(dir.path()) == 0);
    CHECK(read_file(out) == "kept\n");
}

TEST_CASE("faults: a whole run whose output fails leaves no report", "[hardening][faults]") {
    const fs::path root(ASSAY_SOURCE_DIR);
    Pack pack = load_pack(root / "rules" / "lsp2007");
    Dataset data = load_dataset(root / "datasets" / "lsp2007");
    const std::string json = render(assess(pack, prepare(pack, data), AssessOptions{}), Format::json, RenderOptions{});
    TempDir dir;
    const fs::path out = dir.path() / "lsp2007.json";
    bool done = false;
    for (uint64_t n = 1; n < 50 && !done; ++n) {
        io_faults::fail_at(n);
        try {
            write_file_atomic(out, json);
            done = true;
        } catch (const Fatal& e) {
            INFO(e.what());
            CHECK(has(e.what(), "cannot write"));
            CHECK_FALSE(fs::exists(out));
        }
        io_faults::fail_at(0);
        CHECK(temporaries(dir.path()) == 0);
    }
    REQUIRE(done);
    CHECK(read_file(out) == json);
}
