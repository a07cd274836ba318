// The published-figure audit of every bundled dataset finds exactly the
// errors in the source that its README lists, and keeps rounding apart;
// synthetic edits show each kind of check catching what it should.
#include "fixture.hpp"

#include <assay/audit.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <optional>
#include <vector>

using namespace assay;
using namespace assay::test;

namespace {

/// "verdict check indicator | area | period | published -> computed", one per finding.
std::vector<std::string> summary(const AuditReport& r, bool errors) {
    std::vector<std::string> out;
    for (const AuditFinding& f : r.findings)
        if (f.error() == errors)
            out.push_back(fmt::format("{} {} {} | {} | {} | {} -> {}", to_string(f.verdict), f.check, f.indicator,
                                      f.area, f.period, f.published, f.computed));
    return out;
}

AuditReport audit_bundled(const std::string& name, std::optional<Rounding> rounding = std::nullopt,
                          const Pack* pack = nullptr) {
    Dataset data = load_dataset(source("datasets/" + name));
    AuditOptions options;
    options.rounding = rounding;
    options.pack = pack;
    return audit_dataset(data, source("datasets/" + name), options);
}

bool has_pack(const std::string& name) {
    return std::filesystem::exists(source("rules/" + name + "/pack.lua"));
}

const std::vector<std::string> pcc_sign_errors = {
    "wrong sign change asb_incidents_police | Cleveland | 12 months to Sept 2024 | 1,047 -> -1,047",
    "wrong sign change domestic_abuse_crimes | Cleveland | 12 months to Sept 2024 | 1133 -> -1133",
    "wrong sign change_pct nhs_sharps_admissions_under_25 | Cleveland | 12 months to June 2024 | 25% -> -25%",
    "wrong sign change_pct serious_violence_all_ages | Cleveland | 12 months to Sept 2024 | 8.8% -> -8.8%",
};

}  // namespace

TEST_CASE("pcc2024q2 truncated: the four sign errors and nothing else", "[audit][datasets]") {
    AuditReport r = audit_bundled("pcc2024q2", Rounding::truncate);
    CHECK(summary(r, true) == pcc_sign_errors);
    CHECK(summary(r, false).empty());
    CHECK(r.unchecked.empty());
    CHECK(r.checked > 30);
    REQUIRE(r.findings.size() == 4);
    CHECK(r.findings[0].where.file.ends_with("observations.csv"));
    CHECK(r.findings[0].where.line == 38);
    CHECK(r.findings[1].where.line == 42);
    CHECK(r.findings[2].where.line == 64);
    CHECK(r.findings[3].where.line == 67);
}

TEST_CASE("pcc2024q2 rounded half up: the truncated % changes are rounding, not errors", "[audit][datasets]") {
    AuditReport r = audit_bundled("pcc2024q2");
    CHECK(summary(r, true) == pcc_sign_errors);
    CHECK(
        summary(r, false) ==
        std::vector<std::string>{
            "rounding change_pct calls_999_received | Cleveland | 12 months to Sept 2024 | -6.9% -> -7.0%",
            "rounding change_pct theft_from_person | Cleveland | 12 months to Sept 2024 | -38.1% -> -38.2%",
            "rounding change_pct residential_burglary | Cleveland | 12 months to Sept 2024 | -22.6% -> -22.7%",
            "rounding change_pct vehicle_crime | Cleveland | 12 months to Sept 2024 | -5.9% -> -6.0%",
            "rounding change_pct robbery | Cleveland | 12 months to Sept 2024 | -9.1% -> -9.2%",
            "rounding change_pct total_neighbourhood_crime | Cleveland | 12 months to Sept 2024 | -14.5% -> -14.6%",
            "rounding change_pct asb_incidents_police | Cleveland | 12 months to Sept 2024 | -5.7% -> -5.8%",
            "rounding change_pct rape_offences | Cleveland | 12 months to Sept 2024 | -8.4% -> -8.5%",
            "rounding change_pct nhs_sharps_admissions_all_ages | Cleveland | 12 months to June 2024 | 38.4 -> 38.5",
            "rounding change_pct serious_violence_youth | Cleveland | 12 months to Sept 2024 | -19.5% -> -19.6%",
            "rounding change_pct knife_serious_violence_all_ages | Cleveland | 12 months to Sept 2024 | -8.4% -> -8.5%",
            "rounding change_pct knife_serious_violence_youth | Cleveland | 12 months to Sept 2024 | -24.8% -> -24.9%",
        });
    for (const AuditFinding& f : r.findings)
        if (!f.error()) CHECK(f.detail.find("truncating gives the published figure") != std::string::npos);
    CHECK(r.rounding.starts_with("half_up"));
}

TEST_CASE("pcc2024q2 with its pack takes the pack's truncation", "[audit][datasets]") {
    REQUIRE(has_pack("pcc2024q2"));
    Pack pack = load_pack(source("rules/pcc2024q2"));
    AuditReport r = audit_bundled("pcc2024q2", std::nullopt, &pack);
    CHECK(summary(r, true) == pcc_sign_errors);
    CHECK(summary(r, false).empty());
}

TEST_CASE("lsp2007: the BCS comparator total of 2003/04, and with the pack the vehicle interference arrow",
          "[audit][datasets]") {
    std::string bcs = "wrong figure total bcs_comparator | Redcar & Cleveland | 2003/04 | 10,202 -> 10,203";
    AuditReport r = audit_bundled("lsp2007");
    CHECK(summary(r, true) == std::vector<std::string>{bcs});
    CHECK(summary(r, false).empty());
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].where.file.ends_with("observations.csv"));
    CHECK(r.findings[0].where.line == 54);

    Pack pack = load_pack(source("rules/lsp2007"));
    AuditReport with_rules = audit_bundled("lsp2007", std::nullopt, &pack);
    CHECK(summary(with_rules, true) ==
          std::vector<std::string>{bcs,
                                   "wrong figure published_arrow gap_deprived_vehicle_interference | Redcar & "
                                   "Cleveland | 2006/07 | ▲ -> declined"});
    CHECK(summary(with_rules, false).empty());
    CHECK(with_rules.findings[1].where.line == 104);
}

TEST_CASE("budget2017: each cell rounded on its own, so the variances and a total are rounding", "[audit][datasets]") {
    AuditReport r = audit_bundled("budget2017");
    CHECK(summary(r, true).empty());
    CHECK(summary(r, false) == std::vector<std::string>{
                                   "rounding change funding_partnership_income | Forecast | 2017/18 | (0) -> -1",
                                   "rounding change funding_total | Forecast | 2017/18 | (0) -> -1",
                                   "rounding change opcc_non_pay | Forecast | 2017/18 | 0 -> 1",
                                   "rounding change opcc_total | Forecast | 2017/18 | 0 -> 1",
                                   "rounding change corporate_non_pay | Forecast | 2017/18 | 0 -> 1",
                                   "rounding change corporate_total | Forecast | 2017/18 | (100) -> -99",
                                   "rounding total net_surplus_deficit | Forecast | 2017/18 | 0 -> 1",
                               });
    CHECK(r.unchecked.empty());
    REQUIRE(has_pack("budget2017"));
    Pack pack = load_pack(source("rules/budget2017"));
    CHECK(audit_bundled("budget2017", std::nullopt, &pack).errors() == 0);
}

TEST_CASE("hotspots2024: everything adds up, durations included; truncation would not", "[audit][datasets]") {
    AuditReport r = audit_bundled("hotspots2024");
    CHECK(r.findings.empty());
    CHECK(r.unchecked.empty());
    AuditReport truncated = audit_bundled("hotspots2024", Rounding::truncate);
    CHECK(truncated.errors() == 0);
    CHECK(truncated.roundings() > 0);  // the seed rounds half up (-54.50% printed -55%)
    REQUIRE(has_pack("hotspots2024"));
    Pack pack = load_pack(source("rules/hotspots2024"));
    CHECK(audit_bundled("hotspots2024", std::nullopt, &pack).errors() == 0);
}

TEST_CASE("a wrong total in published_totals.csv is found with its line", "[audit][totals]") {
    Scratch tmp;
    auto data = tmp.copy("datasets/hotspots2024", "hotspots2024");
    REQUIRE(edit_file(data / "published_totals.csv", "1060:26:00", "1060:27:00"));
    REQUIRE(edit_file(data / "published_totals.csv", ",1066,", ",1067,"));
    AuditReport r = audit_dataset(load_dataset(data), data);
    CHECK(summary(r, true) ==
          std::vector<std::string>{
              "wrong figure total patrol_hours | Totals | Aug 2023 - Jun 2024 | 1060:27:00 -> 1060:26:00",
              "wrong figure total patrols | Totals | Aug 2023 - Jun 2024 | 1067 -> 1066",
          });
    REQUIRE(r.findings.size() == 2);
    CHECK(r.findings[0].where.file.ends_with("published_totals.csv"));
    CHECK(r.findings[0].where.line == 2);
    CHECK(r.findings[1].where.line == 3);
}

TEST_CASE("published_totals.csv naming an unknown area is an input error", "[audit][totals]") {
    Scratch tmp;
    auto data = tmp.copy("datasets/hotspots2024", "hotspots2024");
    REQUIRE(edit_file(data / "published_totals.csv", "patrols,Totals,Aug 2023 - Jun 2024,1066,Billingham Central",
                      "patrols,Totals,Aug 2023 - Jun 2024,1066,Billingham Centre"));
    CHECK_THROWS_WITH(audit_dataset(load_dataset(data), data), Catch::Contains("unknown area \"Billingham Centre\"") &&
                                                                   Catch::Contains("published_totals.csv:3"));
}

TEST_CASE("a change with no earlier value to compare is listed as not checked", "[audit][changes]") {
    Scratch tmp;
    auto dir = tmp.path / "tiny";
    std::filesystem::create_directories(dir);
    write_file_atomic(dir / "indicators.csv",
                      "id,title,unit,polarity,decimals,sum_of\n"
                      "a,A,count,lower,0,\nb,B,count,lower,0,\nt,T,count,lower,0,a + b\n");
    write_file_atomic(dir / "observations.csv",
                      "indicator,area,period,value,published_change,published_change_pct\n"
                      "a,X,2005/06,N/A,,\na,X,2006/07,10,+2,25%\n"
                      "b,X,2005/06,4,,\nb,X,2006/07,5,1,-20%\n"
                      "t,X,2005/06,9,,\nt,X,2006/07,16,,\n");
    AuditReport r = audit_dataset(load_dataset(dir), dir);
    // a: the previous value is N/A; t 2005/06: its part a has no value.
    REQUIRE(r.unchecked.size() == 3);
    CHECK(r.unchecked[0].find("2005/06 has no value") != std::string::npos);
    CHECK(r.unchecked[2].find("its part a has no value") != std::string::npos);
    // b: +1 right, -20% wrong sign (4 -> 5 is +25%)... and t 2006/07 = 15, not 16.
    CHECK(summary(r, true) == std::vector<std::string>{
                                  "wrong figure change_pct b | X | 2006/07 | -20% -> 25%",
                                  "wrong figure total t | X | 2006/07 | 16 -> 15",
                              });
    CHECK(r.findings[1].where.line == 7);
}
