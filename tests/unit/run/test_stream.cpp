// stream_run_jsonl (run/stream.cpp): a run assessed a part of whole series
// at a time writes the same JSON Lines as assess() of the whole dataset,
// whatever the size of the pieces the file is cut into (series cut by a
// piece's end, parts of one series, pieces holding no row start) and the
// number of threads; data it cannot stream is refused with the reason and
// nothing claimed.
#include <assay/error.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <catch2/catch.hpp>

#include "../temp_dir.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

using namespace assay;
using assay::test::TempDir;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

constexpr const char* pack_lua = R"(pack "streamed" { title = "Streamed", version = "1.0.0" }
scale "rag" { { "RED" }, { "AMBER" }, { "GREEN" } }
group "counts" {
  arrow = arrow.last_two { static_within = pct(2) },
  target = { reduce_by = pct(10), from = "2023-01", by = "2024-12" },
  scale = "rag",
  rating = first { { on_track, GREEN }, { improved, AMBER }, { otherwise, RED } },
  indicators = { "burglary", "robbery" },
}
group "rates" {
  arrow = arrow.last_two {},
  scale = "rag",
  rating = first { { improved, GREEN }, { otherwise, AMBER } },
  indicators = { "answered" },
}
)";

/// Rows grouped by series, indicators in the pack's order (one it does not assess between them).
std::string observations() {
    std::string out = "indicator,area,period,value\n";
    const char* indicators[] = {"burglary", "robbery", "other", "answered"};
    unsigned seed = 11;
    for (const char* ind : indicators)
        for (int a = 1; a <= 9; ++a)
            for (int m = 0; m < 18; ++m) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = (seed >> 8) % 100;
                std::string value = std::string(ind) == "answered"
                                        ? std::to_string(60 + r % 30) + "." + std::to_string(r % 10) + "%"
                                    : r < 4 ? std::string("N/A")
                                            : std::to_string(200 - m * 2 + r % 17);
                // Thousands as people write them, and negative figures.
                if (std::string(ind) == "robbery" && r % 5 == 0) value = "\"1," + std::to_string(100 + r) + "\"";
                if (std::string(ind) == "answered" && r % 7 == 0) value = "-" + value;
                // Area 4 has a long first series and a late start elsewhere: series of unequal length.
                if (a == 4 && std::string(ind) != "burglary" && m < 6) continue;
                out += std::string(ind) + ",Area " + std::to_string(a) + "," + std::to_string(2023 + m / 12) + "-" +
                       (m % 12 + 1 < 10 ? "0" : "") + std::to_string(m % 12 + 1) + "," + value + "\n";
            }
    return out;
}

/// The pack and the dataset's indicators in `dir`, with `rows` as observations.csv.
void make_run(const TempDir& dir, const std::string& rows) {
    fs::create_directories(dir.path / "pack");
    fs::create_directories(dir.path / "data");
    write(dir.path / "pack" / "pack.lua", pack_lua);
    write(dir.path / "data" / "indicators.csv",
          "id,title,unit,polarity,decimals\nburglary,Burglary,count,lower_is_better,0\n"
          "robbery,Robbery,count,lower_is_better,0\nother,Other,count,neutral,0\n"
          "answered,Answered,percent,higher_is_better,1\n");
    write(dir.path / "data" / "observations.csv", rows);
}

std::string in_memory(const fs::path& pack, const fs::path& data, const AssessOptions& options) {
    RunInputs run = load_run(pack, data);
    std::string out;
    AssessOptions o = options;
    o.explain = false;
    assess(run, o, [&](const Assessment& a, const Outcome& outcome) { render_jsonl_outcome(a, outcome, out); });
    return out;
}

}  // namespace

TEST_CASE("a streamed run writes the bytes of the run in memory, for any pieces and threads", "[stream]") {
    TempDir dir;
    make_run(dir, observations());
    Pack pack = load_pack(dir.path / "pack");
    for (const char* as_at : {"", "2023-09"}) {
        AssessOptions options;
        options.as_at = as_at;
        const std::string expected = in_memory(dir.path / "pack", dir.path / "data", options);
        REQUIRE(expected.size() > 1000);
        for (size_t piece : {size_t{1}, size_t{7}, size_t{64}, size_t{500}, size_t{4096}, size_t{0}})
            for (unsigned threads : {1u, 2u, 3u}) {
                std::string got;
                StreamOptions how;
                how.threads = threads;
                how.piece_bytes = piece;
                StreamedRun r =
                    stream_run_jsonl(pack, dir.path / "data", options, how, [&](std::string_view t) { got += t; });
                INFO("as at '" << as_at << "', pieces of " << piece << " bytes, " << threads
                               << " thread(s): " << r.why_not);
                REQUIRE(r.streamed);
                CHECK(r.result.errors.empty());
                CHECK(got == expected);
                CHECK(r.outcomes == 27);
                REQUIRE(r.result.groups.size() == 2);
                CHECK(r.result.groups[0].counts.assessed + r.result.groups[1].counts.assessed == 9 * 3);
            }
    }
}

TEST_CASE("a streamed run refuses what a part cannot stand for, saying why", "[stream]") {
    TempDir dir;
    make_run(dir, "");
    Pack pack = load_pack(dir.path / "pack");
    auto refused = [&](const std::string& rows) {
        write(dir.path / "data" / "observations.csv", "indicator,area,period,value\n" + rows);
        StreamOptions how;
        how.threads = 2;
        how.piece_bytes = 16;
        StreamedRun r = stream_run_jsonl(pack, dir.path / "data", {}, how, [](std::string_view) {});
        CHECK_FALSE(r.streamed);
        return r.why_not;
    };
    CHECK(refused("robbery,A,2023-01,4\nrobbery,A,2023-02,5\nburglary,A,2023-01,4\nburglary,A,2023-02,3\n") ==
          "indicator 'burglary' comes before indicators the pack assesses first");
    CHECK(refused("burglary,A,2023-01,4\nburglary,A,2023-02,4\nburglary,B,2023-01,5\nburglary,B,2023-02,5\n"
                  "burglary,A,2023-01,3\n") ==
          "the areas of indicator 'burglary' are not in the order they first appear");
    CHECK(refused("burglary,A,2023-01,4\nrobbery,A,2023-01,5\nburglary,B,2023-01,3\n") ==
          "the rows of indicator 'burglary' are not all together");
    CHECK(refused("burglary,A,2023-01,4\nburglary,A,2023-02,5\nburglary,B,2023-01,3\nburglary,B,2023-03,3\n")
              .find("period '2023-03' first appears after the first part") != std::string::npos);
    CHECK(refused("burglary,A,2023-01,4\nburglary,A,2023-01,5\n").find("the data holds an error") != std::string::npos);
    CHECK(refused("theft,A,2023-01,4\n") == "indicator 'theft' is not declared");
    CHECK(refused("burglary,,2023-01,4\nburglary,A,2023-01,4\n").find("the data holds an error") != std::string::npos);
    fs::remove(dir.path / "data" / "observations.csv");
    write(dir.path / "data" / "observations.csv", "indicator,area,period,value,note\nburglary,A,2023-01,4,x\n");
    StreamedRun r = stream_run_jsonl(pack, dir.path / "data", {}, StreamOptions{}, [](std::string_view) {});
    CHECK(r.why_not ==
          "observations.csv has other columns than indicator, area, period, value, numerator, denominator and sd");
}

TEST_CASE("a streamed shard writes its series' lines with their positions in the whole run", "[stream]") {
    TempDir dir;
    make_run(dir, observations());
    Pack pack = load_pack(dir.path / "pack");
    const std::string whole = in_memory(dir.path / "pack", dir.path / "data", {});
    // The expected shard: the whole run's lines of odd-numbered areas, each after its line number.
    std::string expected;
    size_t line = 0, from = 0;
    for (size_t end; (end = whole.find('\n', from)) != std::string::npos; from = end + 1, ++line) {
        std::string_view l(whole.data() + from, end + 1 - from);
        size_t at = l.find("\"area\":\"Area ");
        REQUIRE(at != std::string_view::npos);
        if ((l[at + 13] - '0') % 2 == 1) expected += std::to_string(line) + "\t" + std::string(l);
    }
    REQUIRE(line == 27);
    for (unsigned threads : {1u, 2u, 3u}) {
        StreamOptions how;
        how.threads = threads;
        how.piece_bytes = 300;
        how.keep = [](std::string_view, std::string_view area) { return (area.back() - '0') % 2 == 1; };
        std::string got;
        StreamedRun r = stream_run_jsonl(pack, dir.path / "data", {}, how, [&](std::string_view t) { got += t; });
        REQUIRE(r.streamed);
        CHECK(r.outcomes == 27);
        CHECK(got == expected);
    }
}

TEST_CASE("a streamed run with counts beside the values writes the bytes of the run in memory", "[stream]") {
    TempDir dir;
    std::string rows = "indicator,area,period,value,numerator,denominator\n";
    unsigned seed = 5;
    for (const char* ind : {"burglary", "robbery", "answered"})
        for (int a = 1; a <= 6; ++a)
            for (int m = 0; m < 18; ++m) {
                seed = seed * 1103515245u + 12345u;
                const unsigned r = (seed >> 8) % 100;
                const std::string period =
                    std::to_string(2023 + m / 12) + "-" + (m % 12 + 1 < 10 ? "0" : "") + std::to_string(m % 12 + 1);
                std::string counts = ",,";
                std::string value = std::to_string(150 + r);
                if (std::string(ind) == "answered") {
                    // 80 of 100 + r answered: the value is the percentage, to 1 place.
                    const double pct = 8000.0 / (100 + r);
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%.1f", pct);
                    value = buf;
                    counts = ",80," + std::to_string(100 + r);
                }
                rows += std::string(ind) + ",Area " + std::to_string(a) + "," + period + "," + value + counts + "\n";
            }
    make_run(dir, rows);
    Pack pack = load_pack(dir.path / "pack");
    const std::string expected = in_memory(dir.path / "pack", dir.path / "data", AssessOptions{});
    REQUIRE(expected.size() > 1000);
    for (size_t piece : {size_t{1}, size_t{13}, size_t{256}, size_t{0}})
        for (unsigned threads : {1u, 2u}) {
            std::string got;
            StreamOptions how;
            how.threads = threads;
            how.piece_bytes = piece;
            StreamedRun r =
                stream_run_jsonl(pack, dir.path / "data", AssessOptions{}, how, [&](std::string_view t) { got += t; });
            INFO("pieces of " << piece << " bytes, " << threads << " thread(s): " << r.why_not);
            REQUIRE(r.streamed);
            CHECK(got == expected);
            CHECK(r.outcomes == 18);
        }
}

TEST_CASE("a later part's rows that need the builder are made by it, as in memory", "[stream]") {
    // Later parts' datasets are made straight from their rows when nothing in
    // them needs the builder; here later series need it: periods out of
    // order, indicators declared in another order than the pack assesses
    // them, and faults the builder names.
    TempDir dir;
    make_run(dir, "");
    Pack pack = load_pack(dir.path / "pack");
    auto series = [](const std::string& ind, const std::string& area, std::vector<int> months) {
        std::string out;
        for (int m : months)
            out += ind + "," + area + ",2023-" + (m < 10 ? "0" : "") + std::to_string(m) + "," +
                   std::to_string(100 + 3 * m) + "\n";
        return out;
    };
    auto rows_with = [&](const std::string& later) {
        std::string rows = "indicator,area,period,value\n";
        for (int a = 1; a <= 6; ++a) rows += series("burglary", "Area " + std::to_string(a), {1, 2, 3, 4});
        return rows + later + series("robbery", "Area 1", {1, 2, 3, 4});
    };
    auto streamed = [&](size_t piece, unsigned threads) {
        std::string got;
        StreamOptions how;
        how.threads = threads;
        how.piece_bytes = piece;
        StreamedRun r = stream_run_jsonl(pack, dir.path / "data", {}, how, [&](std::string_view t) { got += t; });
        return std::pair(r, got);
    };
    SECTION("periods out of order in a later series") {
        write(dir.path / "data" / "observations.csv", rows_with(series("burglary", "Area 7", {3, 1, 4, 2})));
        const std::string expected = in_memory(dir.path / "pack", dir.path / "data", {});
        for (size_t piece : {40, 200})
            for (unsigned threads : {1u, 2u}) {
                auto [r, got] = streamed(piece, threads);
                REQUIRE(r.streamed);
                CHECK(got == expected);
            }
    }
    SECTION("indicators declared in another order than the pack's") {
        write(dir.path / "data" / "indicators.csv",
              "id,title,unit,polarity,decimals\nrobbery,Robbery,count,lower_is_better,0\n"
              "burglary,Burglary,count,lower_is_better,0\nother,Other,count,neutral,0\n"
              "answered,Answered,percent,higher_is_better,1\n");
        std::string rows = "indicator,area,period,value\n";
        for (const char* ind : {"burglary", "robbery"})
            for (int a = 1; a <= 6; ++a) rows += series(ind, "Area " + std::to_string(a), {1, 2, 3, 4});
        write(dir.path / "data" / "observations.csv", rows);
        const std::string expected = in_memory(dir.path / "pack", dir.path / "data", {});
        for (size_t piece : {90, 200, 300, 500})  // a later part holds series of both indicators
            for (unsigned threads : {1u, 2u}) {
                auto [r, got] = streamed(piece, threads);
                INFO(r.why_not);
                REQUIRE(r.streamed);
                CHECK(got == expected);
            }
    }
    SECTION("a fault in a later series") {
        for (const std::string& later : {series("burglary", "Area 7", {1, 2, 2, 3}), series("burglary", " ", {1, 2}),
                                         series("burglary", "Area\x01", {1, 2})}) {
            write(dir.path / "data" / "observations.csv", rows_with(later));
            CHECK_THROWS_AS(load_run(dir.path / "pack", dir.path / "data"), InputError);
            for (unsigned threads : {1u, 2u}) {
                auto [r, got] = streamed(40, threads);
                INFO(later);
                CHECK_FALSE(r.streamed);
                CHECK(r.why_not.find("the data holds an error") != std::string::npos);
            }
        }
    }
}

TEST_CASE("a streamed run rates with Lua functions on each worker's own state, as in memory", "[stream]") {
    // The rating as a Lua function: each worker thread gets the pack loaded
    // again in a Lua state of its own; the lines are those of the run in
    // memory (one state), for any threads. The run's instruction budget
    // holds over the states together: spent across them, the stream gives
    // way to the run in memory, which says what ran out.
    TempDir dir;
    make_run(dir, observations());
    std::string lua = pack_lua;
    const std::string builtin = "rating = first { { on_track, GREEN }, { improved, AMBER }, { otherwise, RED } },";
    REQUIRE(lua.find(builtin) != std::string::npos);
    lua.replace(lua.find(builtin), builtin.size(),
                "rating = function(a)\n    if a:on_track() then return GREEN end\n"
                "    if a:improved() then return AMBER end\n    return RED\n  end,");
    write(dir.path / "pack" / "pack.lua", lua);
    Pack pack = load_pack(dir.path / "pack");
    REQUIRE(pack.host);
    const std::string expected = in_memory(dir.path / "pack", dir.path / "data", {});
    for (size_t piece : {size_t{64}, size_t{500}})
        for (unsigned threads : {1u, 2u, 3u}) {
            std::string got;
            StreamOptions how;
            how.threads = threads;
            how.piece_bytes = piece;
            StreamedRun r = stream_run_jsonl(pack, dir.path / "data", {}, how, [&](std::string_view t) { got += t; });
            INFO(threads << " thread(s), pieces of " << piece << ": " << r.why_not);
            REQUIRE(r.streamed);
            CHECK(got == expected);
        }
    // A run budget the rules' calls fit only a share of: one state runs out (the run in memory has
    // errors), and so the stream, whose states may each stay within it, is not kept.
    const std::string first_line = "rating = function(a)\n";
    lua.replace(lua.find(first_line), first_line.size(),
                first_line + "    local n = 0\n    for i = 1, 5000 do n = n + i end\n");  // some 10,000 instructions
    write(dir.path / "pack" / "pack.lua", lua);
    SandboxLimits tight;
    tight.run_instructions = 100'000;  // the 18 calls need some 180,000
    RunInputs memory = load_run(dir.path / "pack", dir.path / "data", tight);
    REQUIRE_FALSE(assess(memory).errors.empty());
    Pack small = load_pack(dir.path / "pack", tight);
    for (unsigned threads : {2u, 3u}) {
        StreamOptions how;
        how.threads = threads;
        how.piece_bytes = 64;
        StreamedRun r = stream_run_jsonl(small, dir.path / "data", {}, how, [](std::string_view) {});
        INFO(r.why_not);
        CHECK_FALSE(r.streamed);
        CHECK(!r.why_not.empty());
    }
}
