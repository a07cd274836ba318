// compare_outcomes on small outcome records: what is matched with what, and
// how each difference is named.
#include <assay/error.hpp>
#include <assay/record.hpp>

#include <catch2/catch.hpp>

using namespace assay;

namespace {

std::string doc(const std::string& outcomes,
                const std::string& rest = R"("groups": [], "themes": [], "checks": [], "errors": [])") {
    return R"({"assay": {"version": "0.1.0", "format": 1}, "run": {"as_at": "2006/07"}, "outcomes": [)" + outcomes +
           "], " + rest + "}";
}

const char* robbery = R"({"group": "psa1", "indicator": "robbery", "area": "A", "value": 76, "arrow": "static",
    "rating": "RED", "series": [{"period": "2005/06", "value": 75}, {"period": "2006/07", "value": 76}]})";

}  // namespace

TEST_CASE("identical records compare equal, whatever the engine version", "[audit][compare]") {
    std::string a = doc(robbery);
    std::string b = a;
    b.replace(b.find("0.1.0"), 5, "9.9.9");
    CHECK(compare_outcomes(a, a).empty());
    CHECK(compare_outcomes(a, b).empty());
}

TEST_CASE("differences are named by outcome and field, arrow and rating first", "[audit][compare]") {
    std::string b = robbery;
    b.replace(b.find("\"static\""), 8, "\"declined\"");
    b.replace(b.find("\"value\": 76"), 11, "\"value\": 90");
    b.replace(b.find("\"value\": 76"), 11, "\"value\": 90");
    auto diffs = compare_outcomes(doc(robbery), doc(b));
    REQUIRE(diffs.size() == 3);
    CHECK(diffs[0].field == "arrow");
    CHECK(diffs[0].before == "static");
    CHECK(diffs[0].after == "declined");
    CHECK(diffs[0].indicator == "robbery");
    CHECK(diffs[0].subject == "robbery, A (psa1)");
    CHECK(diffs[1].field == "value");
    CHECK(diffs[2].field == "series[2006/07].value");
    CHECK(diffs[2].before == "76");
    CHECK(diffs[2].after == "90");
}

TEST_CASE("outcomes, checks and errors only in one record are reported whole", "[audit][compare]") {
    std::string other = R"({"group": "psa1", "indicator": "wounding", "area": "A", "arrow": null, "rating": null})";
    std::string checks_b = R"("groups": [], "themes": [], "checks": [{"kind": "published_arrow", "indicator": "robbery",
        "area": "A", "period": "2006/07", "published": "▲", "computed": "static", "detail": ""}], "errors": ["x.lua:3: boom"])";
    auto diffs = compare_outcomes(doc(std::string(robbery) + "," + other), doc(robbery, checks_b));
    REQUIRE(diffs.size() == 3);
    CHECK(diffs[0].indicator == "wounding");
    CHECK(diffs[0].field.empty());
    CHECK(diffs[0].after == "(absent)");
    CHECK(diffs[1].scope == "check");
    CHECK(diffs[1].before == "(absent)");
    CHECK(diffs[1].after == "published ▲, computed static");
    CHECK(diffs[2].scope == "error");
    CHECK(diffs[2].after == "x.lua:3: boom");
}

TEST_CASE("group and theme roll-ups are compared by id", "[audit][compare]") {
    std::string ga = R"("groups": [{"group": "psa1", "rating": null, "counts": {"arrows": {"static": 2}}}],
        "themes": [{"theme": "crime", "rating": "AMBER GREEN"}], "checks": [], "errors": [])";
    std::string gb =
        R"("groups": [{"group": "psa1", "rating": null, "counts": {"arrows": {"static": 1, "declined": 1}}}],
        "themes": [{"theme": "crime", "rating": "AMBER"}], "checks": [], "errors": [])";
    auto diffs = compare_outcomes(doc(robbery, ga), doc(robbery, gb));
    REQUIRE(diffs.size() == 3);
    CHECK(diffs[0].subject == "group psa1");
    CHECK(diffs[0].field == "counts.arrows.static");
    CHECK(diffs[1].field == "counts.arrows.declined");
    CHECK(diffs[1].before == "(absent)");
    CHECK(diffs[2].subject == "theme crime");
    CHECK(diffs[2].before == "AMBER GREEN");
    CHECK(diffs[2].after == "AMBER");
}

TEST_CASE("text that is not an outcome record is an input error", "[audit][compare]") {
    CHECK_THROWS_AS(compare_outcomes("{}", doc(robbery)), InputError);
    CHECK_THROWS_AS(compare_outcomes("not json", doc(robbery)), InputError);
}

TEST_CASE("format_differences groups by item and keeps wording-only changes apart", "[audit][compare]") {
    std::vector<Difference> diffs = {
        {"outcome", "robbery, A (psa1)", "psa1", "robbery", "A", "arrow", "static", "declined", "rules", ""},
        {"outcome", "robbery, A (psa1)", "psa1", "robbery", "A", "rating", "AMBER", "RED", "rules", ""},
        {"outcome", "wounding, A (psa1)", "psa1", "wounding", "A", "explanation[1]", "x", "y", "", ""},
    };
    std::string text = format_differences(diffs);
    CHECK(text ==
          "robbery, A (psa1)\n  arrow: static -> declined  [rules]\n  rating: AMBER -> RED  [rules]\n"
          "explanation wording changed, nothing else (1): wounding, A (psa1)\n");
}
