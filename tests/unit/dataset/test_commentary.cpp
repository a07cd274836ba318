// commentary.csv: commentary, corrective action, owner and due date per
// indicator, area and period; every bad row reported at once at its cell.
#include "temp_dir.hpp"

#include <assay/dataset.hpp>

#include <catch2/catch.hpp>

#include <string>

using assay::Dataset;
using assay::load_dataset;
using assay::test::load_error;
using assay::test::TempDir;

namespace {

/// A dataset folder of two indicators: one in two areas, one in one.
void write_data(const TempDir& dir) {
    dir.write("indicators.csv",
              "id,title,unit,polarity\n"
              "burglary,Domestic Burglary,count,lower\n"
              "damage,Criminal Damage,count,lower\n");
    dir.write("observations.csv",
              "indicator,area,period,value\n"
              "burglary,North,2005/06,100\n"
              "burglary,North,2006/07,90\n"
              "burglary,South,2006/07,50\n"
              "damage,North,2005/06,5180\n"
              "damage,North,2006/07,5456\n");
}

const assay::Commentary* commentary_at(const Dataset& d, const std::string& ind, const std::string& area,
                                       const std::string& period) {
    auto s = d.find_series(*d.find_indicator(ind), *d.find_area(area));
    REQUIRE(s);
    return d.find_commentary(*s, *d.find_period(period));
}

}  // namespace

TEST_CASE("commentary.csv gives commentary, action, owner and due per indicator, area and period", "[commentary]") {
    TempDir dir;
    write_data(dir);
    dir.write("commentary.csv",
              "Indicator,Period,Area,Commentary,Action,Owner,Due\n"
              "damage,2006/07,,\"51% of BCS crimes, up again\",Action plan with GONE,SSCP,March 2008\n"
              "burglary,2006/07,South,\"Two lines\nin one cell\",,,\n"
              "burglary,2005/06,North,,Dedicated Burglary Team,Cleveland Police,\n");
    Dataset d = load_dataset(dir.path);
    REQUIRE(d.commentary.size() == 3);
    const assay::Commentary* damage = commentary_at(d, "damage", "North", "2006/07");
    REQUIRE(damage);
    CHECK(damage->commentary == "51% of BCS crimes, up again");
    CHECK(damage->action == "Action plan with GONE");
    CHECK(damage->owner == "SSCP");
    CHECK(damage->due == "March 2008");
    CHECK(damage->where.line == 2);
    const assay::Commentary* south = commentary_at(d, "burglary", "South", "2006/07");
    REQUIRE(south);
    CHECK(south->commentary == "Two lines in one cell");
    CHECK(south->action.empty());
    REQUIRE(commentary_at(d, "burglary", "North", "2005/06"));
    CHECK(commentary_at(d, "burglary", "North", "2005/06")->owner == "Cleveland Police");
    CHECK(commentary_at(d, "burglary", "North", "2006/07") == nullptr);
    CHECK(commentary_at(d, "damage", "North", "2005/06") == nullptr);
    bool pinned = false;
    for (const assay::InputFile& f : d.files) pinned = pinned || f.name == "commentary.csv";
    CHECK(pinned);
}

TEST_CASE("a dataset without commentary.csv has no commentary", "[commentary]") {
    TempDir dir;
    write_data(dir);
    Dataset d = load_dataset(dir.path);
    CHECK(d.commentary.empty());
    CHECK(d.files.size() == 2);
}

TEST_CASE("every bad row of commentary.csv is reported at once, at its cell", "[commentary]") {
    TempDir dir;
    write_data(dir);
    auto file = dir.write("commentary.csv",
                          "indicator,area,period,commentary,action,owner,due\n"
                          "damage,North,2006/07,ok,,,\n"
                          "damgae,North,2006/07,typo,,,\n"
                          "burglary,,2006/07,which area?,,,\n"
                          "burglary,East,2006/07,no such area,,,\n"
                          "damage,North,2003/04,not in the data,,,\n"
                          "damage,North,Someday,not a period,,,\n"
                          "damage,North,2005/06,,,,\n"
                          "damage,North,2005/06,said,,,May\n"
                          "damage,North,2006/07,again,,,\n"
                          "damage,North,2005/06,\"bell\a\",,,\n");
    std::string e = load_error(dir.path);
    const std::string f = file.string();
    CHECK(e.find(f + ":3:1: unknown indicator \"damgae\" (did you mean \"damage\"?)") != std::string::npos);
    CHECK(e.find(f + ":4:10: indicator \"burglary\" has 2 areas") != std::string::npos);
    CHECK(e.find(f + ":5:10: indicator \"burglary\" has no area \"East\"") != std::string::npos);
    CHECK(e.find(f + ":6:14: period \"2003/04\" is not a period of the data") != std::string::npos);
    CHECK(e.find(f + ":7:14: period:") != std::string::npos);
    CHECK(e.find(f + ":8:22: indicator \"damage\", 2005/06: no commentary and no action") != std::string::npos);
    CHECK(e.find(f + ":9:27: indicator \"damage\", 2005/06: a due date without an action") != std::string::npos);
    CHECK(e.find(f +
                 ":10:14: indicator \"damage\" in \"North\", 2006/07: a second row of commentary (first at line 2)") !=
          std::string::npos);
    CHECK(e.find(f + ":11:22: commentary holds the control character U+0007") != std::string::npos);
    CHECK(e.find("9 problems") != std::string::npos);
}

TEST_CASE("commentary.csv without the columns it needs is refused at its header", "[commentary]") {
    TempDir dir;
    write_data(dir);
    auto file = dir.write("commentary.csv", "indicator,area,period,owner\ndamage,North,2006/07,SSCP\n");
    std::string e = load_error(dir.path);
    CHECK(e.find(file.string() + ":1:1: no commentary or action column") != std::string::npos);
    dir.write("commentary.csv", "indicator,area,commentary\ndamage,North,x\n");
    CHECK(load_error(dir.path).find("period") != std::string::npos);
    dir.write("commentary.csv", "");
    CHECK(load_error(dir.path).find("empty file") != std::string::npos);
}

TEST_CASE("the bundled LSP dataset records the seed's corrective actions", "[commentary][seeds]") {
    Dataset d = load_dataset(std::filesystem::path(ASSAY_SOURCE_DIR) / "datasets" / "lsp2007");
    const assay::Commentary* person = commentary_at(d, "theft_from_person", "Redcar & Cleveland", "2006/07");
    REQUIRE(person);
    // Seed 004, "Theft from Person and Robbery", as printed (its stray quote too).
    CHECK(person->action.find("Specific police operations such as 'Operation 'Scrooge' have been implemented "
                              "throughout the year focusing on shoplifting and purse dipping.") == 0);
    const assay::Commentary* damage = commentary_at(d, "criminal_damage", "Redcar & Cleveland", "2006/07");
    REQUIRE(damage);
    CHECK(damage->action.find(
              "The Partnership has worked with GONE to produce an action plan to address this issue.") == 0);
    const assay::Commentary* bcs = commentary_at(d, "bcs_comparator", "Redcar & Cleveland", "2006/07");
    REQUIRE(bcs);
    CHECK(bcs->action.empty());  // the seed records no action for the overall target
}
