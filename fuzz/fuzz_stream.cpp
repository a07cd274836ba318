// Fuzz target: observations.csv run two ways with a pack of the benchmark's
// shape (an arrow, a reduce-by target, first-match ratings; counts,
// percentages and a neutral indicator, one of them declared with
// numerator and denominator). A run streamed a part at a time
// (stream_run_jsonl, pieces of a size the input picks, 1 or 2 threads)
// must either stand down or write exactly the JSON Lines of the run in
// memory, which must then have loaded without error and run without a
// rule failure. Never a crash, another exception or a hang.
#include "fuzz_support.hpp"

#include <assay/error.hpp>
#include <assay/pack.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

using namespace assay;
using assay::fuzz::check;

namespace {

namespace fs = std::filesystem;

constexpr const char* pack_lua = R"(pack "fuzz" { title = "Fuzz", version = "1.0.0" }
scale "rag" { { "RED" }, { "AMBER" }, { "GREEN" } }
group "counts" {
  arrow = arrow.last_two { static_within = pct(1.5) },
  target = { reduce_by = pct(10), from = "2022-01", by = "2025-12" },
  scale = "rag",
  rating = first { { on_track, GREEN }, { improved, AMBER }, { otherwise, RED } },
  indicators = { "burglary", "answered" },
}
group "money" {
  arrow = arrow.last_two {},
  scale = "rag",
  rating = first { { improved, GREEN }, { static, AMBER }, { otherwise, RED } },
  indicators = { "spend" },
}
)";

constexpr const char* indicators_csv =
    "id,title,unit,polarity,decimals,value_type,per\n"
    "burglary,Burglary,count,lower_is_better,0,count,\n"
    "answered,Answered in 10 s,percent,higher_is_better,1,proportion,100\n"
    "other,Not assessed,count,neutral,0,,\n"
    "spend,Spend,currency,neutral,2,,\n";

const fs::path& folder() {
    static const fs::path dir = [] {
        fs::path d = fuzz::scratch() / "stream";
        fs::create_directories(d / "pack");
        fs::create_directories(d / "data");
        fuzz::write_file(d / "pack" / "pack.lua", pack_lua);
        fuzz::write_file(d / "data" / "indicators.csv", indicators_csv);
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fs::path& dir = folder();
    fuzz::write_file(dir / "data" / "observations.csv", fuzz::text_of(data, size));
    static const Pack pack = load_pack(dir / "pack");

    StreamOptions how;
    how.threads = 1 + size % 2;
    how.piece_bytes = 1 + (size * 7919) % 512;
    std::string streamed;
    StreamedRun s;
    try {
        s = stream_run_jsonl(pack, dir / "data", {}, how, [&](std::string_view t) { streamed += t; });
    } catch (const InputError&) {
        check(false, "a streamed run stands down rather than throwing an input error");
    }
    if (!s.streamed) return 0;

    std::string in_memory;
    try {
        RunInputs run = load_run(dir / "pack", dir / "data", {}, 1);  // the general reader alone
        AssessOptions options;
        options.explain = false;
        Assessment a = assess(run, options, [&](const Assessment& whole, const Outcome& o) {
            render_jsonl_outcome(whole, o, in_memory);
        });
        check(a.errors.empty(), "a run that streamed has no rule failure in memory");
    } catch (const InputError& e) {
        check(false, "a run that streamed loads in memory", e.what());
    }
    check(streamed == in_memory, "a streamed run writes the bytes of the run in memory",
          streamed.substr(0, 400) + "\n---\n" + in_memory.substr(0, 400));
    return 0;
}
