// JSON Lines: one compact outcome per line, identical to render_jsonl_outcome.
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace assay;

TEST_CASE("JSON Lines has one parseable compact object per outcome", "[report][jsonl]") {
    report_test::Fixture f;
    std::string text = render(f.a, Format::jsonl);
    std::istringstream in(text);
    std::string line;
    std::string streamed;
    size_t n = 0;
    while (std::getline(in, line)) {
        REQUIRE(n < f.a.outcomes.size());
        nlohmann::ordered_json j = nlohmann::ordered_json::parse(line);
        CHECK(j.is_object());
        CHECK_FALSE(j.contains("series"));
        CHECK_FALSE(j.contains("explanation"));
        CHECK(j["indicator"] == f.data.indicators[f.data.series[f.a.outcomes[n].series].indicator].id);
        CHECK(j.begin().key() == "group");
        CHECK(line.rfind("{\"group\":\"", 0) == 0);  // compact: no space after a colon
        streamed += render_jsonl_outcome(f.a, f.a.outcomes[n]);
        ++n;
    }
    CHECK(n == f.a.outcomes.size());
    CHECK(streamed == text);
    CHECK(std::count(text.begin(), text.end(), '\n') == static_cast<long>(f.a.outcomes.size()));
}

TEST_CASE("JSON Lines keeps the record's figures and nulls", "[report][jsonl]") {
    report_test::Fixture f;
    auto gap = nlohmann::json::parse(render_jsonl_outcome(f.a, f.a.outcomes[4]));
    CHECK(gap["change"].get<double>() == -0.2);
    CHECK(gap["rating"].is_null());
    CHECK(gap["rating_reason"] == "no rating rule");
    auto theft = nlohmann::json::parse(render_jsonl_outcome(f.a, f.a.outcomes[0]));
    CHECK(theft["target"]["due"] == "2007/08");
    auto retained = nlohmann::json::parse(render_jsonl_outcome(f.a, f.a.outcomes[3]));
    CHECK(retained["change_pct"].is_null());
    CHECK(retained.contains("error"));
}
