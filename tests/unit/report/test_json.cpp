// The JSON run record: shape, key order, types, nulls, digests, number
// formatting, determinism and locale independence.
#include "fixture.hpp"

#include <assay/hash.hpp>
#include <assay/report.hpp>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include "../hardening/locale_fixture.hpp"
#include "../skip.hpp"

#include <locale.h>
#include <clocale>
#include <cstdio>
#include <locale>
#include <regex>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
// glibc's newlocale and setlocale keep a small allocation for good, which
// LeakSanitizer would report; the test's own objects are still checked.
#define LOCALE_LEAKS_BEGIN __lsan_disable()
#define LOCALE_LEAKS_END __lsan_enable()
#else
#define LOCALE_LEAKS_BEGIN (void)0
#define LOCALE_LEAKS_END (void)0
#endif

using namespace assay;
using ojson = nlohmann::ordered_json;

namespace {

std::vector<std::string> keys(const ojson& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
}

std::string digest(const std::vector<InputFile>& files) {
    std::string joined;
    for (const InputFile& f : files) joined += f.name + std::string(1, '\0') + f.sha256 + "\n";
    return sha256_hex(joined);
}

}  // namespace

TEST_CASE("JSON record has the format-1 shape in a fixed key order", "[report][json]") {
    report_test::Fixture f;
    std::string text = render(f.a, Format::json);
    ojson j = ojson::parse(text);

    CHECK(keys(j) == std::vector<std::string>{"assay", "run", "outcomes", "groups", "themes", "checks", "errors"});
    CHECK(j["assay"]["version"] == std::string(engine_version()));
    CHECK(j["assay"]["format"] == 1);
    CHECK(keys(j["run"]) == std::vector<std::string>{"pack", "datasets", "as_at"});
    CHECK(keys(j["run"]["pack"]) == std::vector<std::string>{"name", "title", "version", "sha256"});
    CHECK(j["run"]["pack"]["name"] == "lsp2007");
    CHECK(j["run"]["pack"]["sha256"] == digest(f.pack.files));
    CHECK(j["run"]["as_at"] == "2006/07");
    REQUIRE(j["run"]["datasets"].size() == 1);
    const ojson& d = j["run"]["datasets"][0];
    CHECK(keys(d) == std::vector<std::string>{"name", "sha256", "files"});
    CHECK(d["sha256"] == digest(f.data.files));
    CHECK(d["sha256"] != j["run"]["pack"]["sha256"]);
    REQUIRE(d["files"].size() == 2);
    CHECK(d["files"][1]["name"] == "observations.csv");
    CHECK(d["files"][1]["bytes"].is_number_integer());
    CHECK(d["files"][1]["bytes"] == 4096);

    REQUIRE(j["outcomes"].size() == f.a.outcomes.size());
    CHECK(keys(j["outcomes"][0]) == std::vector<std::string>{"group", "indicator", "area", "title", "unit", "polarity",
                                                             "period", "value", "previous", "change", "change_pct",
                                                             "arrow", "rating", "target", "series", "comment",
                                                             "explanation"});
    CHECK(j["groups"].size() == 3);
    CHECK(j["themes"].size() == 1);
    CHECK(j["checks"].size() == 1);
    CHECK(j["errors"].size() == 1);
}

TEST_CASE("JSON outcome carries values, target and series up to the as-at period", "[report][json]") {
    report_test::Fixture f;
    ojson j = ojson::parse(render(f.a, Format::json));
    const ojson& o = j["outcomes"][0];
    CHECK(o["group"] == "psa1");
    CHECK(o["indicator"] == "theft_of_vehicle");
    CHECK(o["area"] == "Redcar & Cleveland");
    CHECK(o["polarity"] == "lower_is_better");
    CHECK(o["period"] == "2006/07");
    CHECK(o["value"] == 547);
    CHECK(o["previous"] == ojson{{"period", "2005/06"}, {"value", 640}});
    CHECK(o["change"] == -93);
    CHECK(o["change_pct"].get<double>() == -14.53125);
    CHECK(o["arrow"] == "improved");
    CHECK_FALSE(o.contains("arrow_reason"));
    CHECK(o["rating"] == "GREEN");
    CHECK_FALSE(o.contains("rating_reason"));
    CHECK_FALSE(o.contains("error"));

    const ojson& t = o["target"];
    CHECK(keys(t) == std::vector<std::string>{"kind", "text", "baseline", "target", "due", "trajectory", "on_track",
                                              "met", "distance", "distance_pct", "projection", "will_meet"});
    CHECK(t["kind"] == "reduce_by");
    CHECK(t["baseline"] == ojson{{"period", "2003/04"}, {"value", 1029}});
    CHECK(t["target"].get<double>() == 848.925);
    CHECK(t["due"] == "2007/08");
    CHECK(t["on_track"] == true);
    CHECK(t["projection"] == 454);

    // 2007/08 lies after the as-at period and is not part of the record.
    REQUIRE(o["series"].size() == 4);
    CHECK(o["series"][0] == ojson{{"period", "2003/04"}, {"value", 1029}});
    CHECK(o["series"][3]["period"] == "2006/07");
    CHECK(o["explanation"].size() == 2);
    CHECK(j["outcomes"][1]["target"]["projection"].is_null());
}

TEST_CASE("JSON writes null with a reason where nothing could be assessed", "[report][json]") {
    report_test::Fixture f;
    ojson j = ojson::parse(render(f.a, Format::json));
    const ojson& o = j["outcomes"][3];
    CHECK(o["arrow"].is_null());
    CHECK(o["arrow_reason"] == "measurement changed in 2006/07: no comparison possible");
    CHECK(o["rating"].is_null());
    CHECK(o["rating_reason"].is_string());
    CHECK(o["previous"].is_null());
    CHECK(o["change"].is_null());
    CHECK(o["change_pct"].is_null());  // NaN in the outcome
    CHECK(o["target"].is_null());
    CHECK(o["error"].get<std::string>().find("drugs.lua:12") != std::string::npos);
    CHECK(keys(o).back() == "error");

    // The latest observation is missing: the series records why.
    const ojson& gap = j["outcomes"][4];
    CHECK(gap["period"] == "2005/06");
    CHECK(gap["series"][3] == ojson{{"period", "2006/07"}, {"value", nullptr}, {"missing", "N/A"}});
    CHECK(gap["comment"].get<std::string>().find("\"marginally\"") != std::string::npos);

    CHECK(j["groups"][1]["rating"].is_null());
    CHECK(j["groups"][0]["rating"] == "AMBER");
    CHECK(j["groups"][0]["counts"] ==
          ojson::parse(R"({"ratings":{"AMBER":1,"GREEN":1},"arrows":{"improved":1,"static":1},)"
                       R"("assessed":2,"unrated":0})"));
    CHECK(j["themes"][0]["rating"] == "AMBER GREEN");
    CHECK(j["themes"][0]["theme"] == "crime");
    CHECK(keys(j["checks"][0]) ==
          std::vector<std::string>{"kind", "indicator", "area", "period", "published", "computed", "detail"});
    CHECK(j["checks"][0]["published"] == "▼");
}

TEST_CASE("JSON numbers are fixed text without binary noise, NaN or exponents", "[report][json]") {
    report_test::Fixture f;
    std::string text = render(f.a, Format::json);
    CHECK(text.find("\"change\": -0.2,") != std::string::npos);  // 1.8 - 2.0
    CHECK(text.find("\"change_pct\": -10,") != std::string::npos);
    CHECK(text.find("\"target\": 848.925,") != std::string::npos);  // 1029 * 0.825
    CHECK(text.find("\"value\": 0.4") != std::string::npos);
    CHECK(text.find("99999") == std::string::npos);
    CHECK(text.find("00000000") == std::string::npos);
    CHECK_FALSE(std::regex_search(text, std::regex(R"([:\[,]\s*-?(nan|NaN|inf|Infinity))")));
    CHECK_FALSE(std::regex_search(text, std::regex(R"(:\s*-?[0-9.]+[eE])")));
}

TEST_CASE("JSON is indented by two spaces and ends with a newline", "[report][json]") {
    report_test::Fixture f;
    std::string text = render(f.a, Format::json);
    CHECK(text.rfind("{\n  \"assay\": {\n    \"version\": \"", 0) == 0);
    CHECK(text.size() > 2);
    CHECK(text.substr(text.size() - 2) == "}\n");
    CHECK(text.find('\t') == std::string::npos);
    CHECK(text.find("\"ratings\": {}") != std::string::npos);  // an empty object stays on one line
}

TEST_CASE("JSON is byte-identical across renders and locales", "[report][json]") {
    report_test::Fixture f;
    std::string first = render(f.a, Format::json);
    CHECK(render(f.a, Format::json) == first);

    report_test::Fixture g;  // a second, separately built copy
    CHECK(render(g.a, Format::json) == first);

    // newlocale/uselocale switch the C library's locale for this thread (what
    // snprintf and strtod would follow); std::locale::global switches the C++
    // one (iostreams, and fmt's 'L' formats).
    const char* tried = nullptr;
    locale_t german = nullptr;
    auto find_locale = [&] {
        LOCALE_LEAKS_BEGIN;
        for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8"})
            if ((german = newlocale(LC_ALL_MASK, name, nullptr))) {
                tried = name;
                break;
            }
        LOCALE_LEAKS_END;
    };
    find_locale();
    bool made = false;  // compiled with localedef into a temporary folder, found through LOCPATH
    if (!tried) {
        assay::hardening::RestoreCLocale restore;
        if (assay::hardening::switch_locale("de_DE.UTF-8")) {
            ::setenv("LOCPATH", (std::filesystem::temp_directory_path() / "assay-test-locales").c_str(), 1);
            made = true;
            find_locale();
        }
    }
    if (!tried) {
        assay::testing::skip_test(
            "no German or French locale installed (Debian's 'locales' package): "
            "locale independence not exercised");
    }
    locale_t previous_c = uselocale(german);
    std::locale previous = std::locale::classic();
    LOCALE_LEAKS_BEGIN;
    try {
        previous = std::locale::global(std::locale(tried));
    } catch (const std::runtime_error&) {
        assay::testing::skip_test(std::string("C++ locale ") + tried + " unavailable");
    }
    LOCALE_LEAKS_END;
    char decimal[16];
    std::snprintf(decimal, sizeof decimal, "%.1f", 0.5);
    std::string localised = render(f.a, Format::json);
    std::string csv = render(f.a, Format::csv);
    std::string terminal = render(f.a, Format::terminal);
    LOCALE_LEAKS_BEGIN;
    std::locale::global(previous);
    LOCALE_LEAKS_END;
    uselocale(previous_c);
    freelocale(german);
    if (made) ::unsetenv("LOCPATH");
    INFO("locale " << tried << " prints 0.5 as " << decimal);
    CHECK(localised == first);
    CHECK(csv == render(f.a, Format::csv));
    CHECK(terminal == render(f.a, Format::terminal));
}

TEST_CASE("JSON escapes control characters and repairs invalid UTF-8", "[report][json]") {
    report_test::Fixture f;
    f.a.outcomes[0].comment = "line one\nline\ttwo \x01 \"q\" back\\slash bad \xff byte";
    std::string text = render(f.a, Format::json);
    ojson j = ojson::parse(text);
    std::string comment = j["outcomes"][0]["comment"];
    CHECK(comment.rfind("line one\nline\ttwo \x01 \"q\" back\\slash bad ", 0) == 0);
    CHECK(comment.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
}
