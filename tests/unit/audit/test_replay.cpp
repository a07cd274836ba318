// replay: bundled runs replay identical byte for byte; with today's rules or
// data the differences are exactly the effects of the change; another engine
// version is replayed with a note; crafted records cannot escape their folder.
#include "audit/json_text.hpp"
#include "fixture.hpp"

#include <assay/hash.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

using namespace assay;
using namespace assay::test;

namespace {

bool any_note(const ReplayResult& r, const std::string& text) {
    for (const std::string& n : r.notes)
        if (n.find(text) != std::string::npos) return true;
    return false;
}

/// Indicators whose outcome differs in anything but the wording of its explanation.
std::set<std::string> changed_indicators(const std::vector<Difference>& diffs) {
    std::set<std::string> out;
    for (const Difference& d : diffs)
        if (d.scope == "outcome" && !d.field.starts_with("explanation")) out.insert(d.indicator);
    return out;
}

const Difference* find_diff(const std::vector<Difference>& diffs, const std::string& indicator,
                            const std::string& field) {
    for (const Difference& d : diffs)
        if (d.scope == "outcome" && d.indicator == indicator && d.field == field) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("every bundled pack's run replays identical, byte for byte", "[audit][replay]") {
    int packs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(source("rules"))) {
        std::string name = entry.path().filename().string();
        if (!std::filesystem::exists(entry.path() / "pack.lua") || !std::filesystem::exists(source("datasets/" + name)))
            continue;
        INFO("pack " << name);
        RunRecord r = record_of(entry.path(), source("datasets/" + name));
        ReplayResult res = replay(parse_record(record_text(r), name + ".json"));
        CHECK(res.identical);
        CHECK(res.differences.empty());
        CHECK(res.outcome == r.outcome);
        CHECK(res.notes.empty());
        ++packs;
    }
    CHECK(packs == 4);  // every bundled pack has its bundled dataset
}

TEST_CASE("a run as at an earlier period replays identical", "[audit][replay]") {
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"), "2005/06");
    CHECK(r.as_at == "2005/06");
    CHECK(r.outcome.find("\"rating\": \"AMBER RED\"") != std::string::npos);
    ReplayResult res = replay(r);
    CHECK(res.identical);
    CHECK(res.outcome == r.outcome);
}

TEST_CASE("replay uses the record's copies of the inputs, not the files on disk", "[audit][replay]") {
    Scratch tmp;
    auto pack = tmp.copy("rules/lsp2007", "pack");
    auto data = tmp.copy("datasets/lsp2007", "lsp2007");
    RunRecord r = record_of(pack, data);
    std::filesystem::remove_all(pack);
    REQUIRE(edit_file(data / "observations.csv", "robbery,Redcar & Cleveland,2006/07,76,",
                      "robbery,Redcar & Cleveland,2006/07,99,"));
    ReplayResult res = replay(r);
    CHECK(res.identical);
}

TEST_CASE("replay with today's rules shows exactly the effects of the edited rule", "[audit][replay]") {
    Scratch tmp;
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    auto rules = tmp.copy("rules/lsp2007", "rules");
    REQUIRE(edit_file(rules / "arrows.lua", "static_within = pct(1.5)", "static_within = pct(1.0)"));
    ReplayOptions options;
    options.with_rules = rules;
    ReplayResult res = replay(r, options);
    CHECK_FALSE(res.identical);
    CHECK(any_note(res, "rules from"));

    // Expected from the record alone: the static arrows whose change lies
    // outside 1 % but inside 1.5 % move; nothing else does.
    nlohmann::json outcome = audit::parse_json(r.outcome, "record");
    std::map<std::string, std::string> expected;  // indicator -> new arrow
    for (const auto& o : outcome["outcomes"]) {
        if (o["arrow"] != "static" || o["change_pct"].is_null()) continue;
        double pct = o["change_pct"].get<double>();
        if (std::fabs(pct) <= 1.0) continue;
        bool up_is_good = o["polarity"] == "higher_is_better";
        expected[o["indicator"].get<std::string>()] = (pct > 0) == up_is_good ? "improved" : "declined";
    }
    REQUIRE_FALSE(expected.empty());
    CHECK(expected.count("robbery"));  // 75 -> 76, +1.33 %
    std::set<std::string> expected_names;
    for (const auto& [indicator, arrow] : expected) {
        expected_names.insert(indicator);
        const Difference* d = find_diff(res.differences, indicator, "arrow");
        REQUIRE(d);
        CHECK(d->before == "static");
        CHECK(d->after == arrow);
    }
    CHECK(changed_indicators(res.differences) == expected_names);
    for (const Difference& d : res.differences) {
        if (d.scope != "outcome") continue;
        INFO(d.subject << " " << d.field);
        // Figures and data do not move when only a rule changed.
        CHECK(d.field != "value");
        CHECK(d.field != "change");
        CHECK_FALSE(d.field.starts_with("series"));
    }
}

TEST_CASE("replay with revised data shows the revised figure's effects", "[audit][replay]") {
    Scratch tmp;
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    auto data = tmp.copy("datasets/lsp2007", "lsp2007");
    REQUIRE(edit_file(data / "observations.csv", "robbery,Redcar & Cleveland,2006/07,76,",
                      "robbery,Redcar & Cleveland,2006/07,90,"));
    ReplayOptions options;
    options.with_data = data;
    ReplayResult res = replay(r, options);
    CHECK(any_note(res, "data from"));
    CHECK(changed_indicators(res.differences) == std::set<std::string>{"robbery"});
    const Difference* value = find_diff(res.differences, "robbery", "value");
    REQUIRE(value);
    CHECK(value->before == "76");
    CHECK(value->after == "90");
    const Difference* change = find_diff(res.differences, "robbery", "change");
    REQUIRE(change);
    CHECK(change->after == "15");
    const Difference* arrow = find_diff(res.differences, "robbery", "arrow");
    REQUIRE(arrow);
    CHECK(arrow->before == "static");
    CHECK(arrow->after == "declined");
}

TEST_CASE("a record from another engine version is replayed with a note", "[audit][replay]") {
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    std::string current(engine_version());
    std::string header = "\"version\": \"" + current + "\"";
    size_t at = r.outcome.find(header);
    REQUIRE(at != std::string::npos);
    r.outcome.replace(at, header.size(), "\"version\": \"0.0.9\"");
    r.outcome_sha256 = sha256_hex(r.outcome);
    r.engine_version = "0.0.9";
    RunRecord old = parse_record(record_text(r), "old.json");  // a consistent record of 0.0.9
    ReplayResult res = replay(old);
    CHECK(any_note(res, "recorded with assay 0.0.9, replaying with assay " + current));
    CHECK(res.identical);  // same content; the version header is not compared
    CHECK(res.outcome != old.outcome);
}

TEST_CASE("a replay that gives another outcome is not identical", "[audit][replay]") {
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    size_t at = r.outcome.find("\"rating\": \"AMBER GREEN\"");
    REQUIRE(at != std::string::npos);
    r.outcome.replace(at, 23, "\"rating\": \"GREEN\"");
    ReplayResult res = replay(r);
    CHECK_FALSE(res.identical);
    REQUIRE(res.differences.size() == 1);
    CHECK(res.differences[0].subject == "theme crime");
    CHECK(res.differences[0].field == "rating");
    CHECK(res.differences[0].before == "GREEN");
    CHECK(res.differences[0].after == "AMBER GREEN");
}

TEST_CASE("a crafted record cannot write outside its temporary folder", "[audit][replay]") {
    RunRecord r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    r.pack_files[0].name = "../escaped.lua";
    CHECK_THROWS_WITH(replay(r), Catch::Contains("not a plain file name"));
    r = record_of(source("rules/lsp2007"), source("datasets/lsp2007"));
    r.dataset_name = "..";
    CHECK_THROWS_WITH(replay(r), Catch::Contains("not a plain file name"));
}
