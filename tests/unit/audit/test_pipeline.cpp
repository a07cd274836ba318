// The one run pipeline (assay/run.hpp): load_run -> assess -> render. No
// state outlives an assessment: the bundled packs assessed many times in
// one process, in any order, with pack tests and earlier as-at runs in
// between, give byte-identical records each time, and the same as a pack
// loaded afresh.
#include <assay/assessment.hpp>
#include <assay/pack_test.hpp>
#include <assay/report.hpp>
#include <assay/run.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace assay;

namespace {

std::filesystem::path source(const std::string& rel) {
    return std::filesystem::path(ASSAY_SOURCE_DIR) / rel;
}

const std::vector<std::string> bundled = {"budget2017", "hotspots2024", "lsp2007", "pcc2024q2"};

RunInputs load_bundled(const std::string& name) {
    return load_run(source("rules/" + name), source("datasets/" + name));
}

std::string record_of(const RunInputs& run, const std::string& as_at = "") {
    AssessOptions options;
    options.as_at = as_at;
    return render(assess(run, options), Format::json);
}

}  // namespace

TEST_CASE("every bundled pack gives identical records however often and in whatever order it runs",
          "[pipeline][determinism]") {
    std::map<std::string, RunInputs> runs;
    std::map<std::string, std::string> first;
    for (const std::string& name : bundled) {
        runs.emplace(name, load_bundled(name));
        first[name] = record_of(runs.at(name));
        REQUIRE(first[name].find("\"outcomes\"") != std::string::npos);
    }
    std::vector<std::string> order = bundled;
    int rounds = 0;
    do {
        for (const std::string& name : order) {
            INFO("pack " << name << " in round " << rounds);
            const RunInputs& run = runs.at(name);
            // Something else first with the same loaded pack: an earlier period, and its own tests.
            const Dataset& data = run.data.dataset();
            if (data.periods.size() > 1) (void)record_of(run, data.periods.front().label);
            PackTestOptions options;
            options.load_dataset = [](const std::filesystem::path& p) { return load_dataset(p); };
            PackTestRun tests = run_pack_tests(run.pack, load_pack_tests(run.pack, {}, {source("datasets")}), options);
            CHECK(tests.failed == 0);
            CHECK(record_of(run) == first[name]);
        }
        ++rounds;
    } while (std::next_permutation(order.begin(), order.end()) && rounds < 6);
    CHECK(rounds == 6);
    // A pack loaded afresh agrees with the one that has run all along.
    for (const std::string& name : bundled) CHECK(record_of(load_bundled(name)) == first[name]);
}

TEST_CASE("a prepared dataset is shared, never copied into each assessment", "[pipeline]") {
    RunInputs run = load_bundled("lsp2007");
    Assessment a = assess(run);
    Assessment b = assess(run);
    CHECK(a.dataset == run.data.get());
    CHECK(b.dataset == run.data.get());
}
