// Since the last report: the terminal, Markdown and HTML summaries count
// each rating now and in an earlier run, worst first, and list the
// indicators rated at the worst level before the other changes. The
// earlier run is written out here by hand, so each expected count is
// worked out from the fixture's ratings (psa1: theft GREEN, BCS AMBER;
// drugs: treatment GREEN, retained not rated).
#include "fixture.hpp"

#include <assay/report.hpp>

#include <catch2/catch.hpp>

using namespace assay;

namespace {

const std::string area = "Redcar & Cleveland";

PreviousRun earlier() {
    PreviousRun run;
    run.as_at = "2005/06";
    run.outcomes[PreviousRun::outcome_key("psa1", "theft_of_vehicle", area)] = {"RED", "declined"};
    run.outcomes[PreviousRun::outcome_key("psa1", "bcs_comparator", area)] = {"AMBER", "improved"};
    run.outcomes[PreviousRun::outcome_key("drugs", "retained_12wk", area)] = {"AMBER", "static"};
    // in_treatment was not in the earlier report.
    return run;
}

std::string render_since(const Assessment& a, Format format, const PreviousRun& run) {
    RenderOptions options;
    options.previous = &run;
    options.width = 200;
    return render(a, format, options);
}

}  // namespace

TEST_CASE("the summary counts each rating against the last report, worst first", "[report][since]") {
    report_test::Fixture f;
    const PreviousRun run = earlier();
    // Now RED 0, AMBER 1 (BCS), GREEN 2 (theft, treatment), not rated 1 (retained);
    // then RED 1 (theft), AMBER 2 (BCS, retained), GREEN 0, not rated 0.
    const std::string counts = "Ratings: RED 0 (was 1), AMBER 1 (was 2), GREEN 2 (was 0), Not rated 1 (was 0)";
    const std::string md = render_since(f.a, Format::markdown, run);
    CHECK(md.find("\n## Since the last report (as at 2005/06)\n\n" + counts +
                  "\n\n"
                  "- Theft of Vehicle (Progress against PSA1 Targets): GREEN, was RED\n"
                  "- The total number of people in drug treatment (Progress against Drugs Targets): GREEN, "
                  "not in the earlier report\n"
                  "- The percentage retained in treatment for 12 weeks or more (Progress against Drugs Targets): "
                  "not rated, was AMBER\n") != std::string::npos);
    CHECK(md.find("Since the last report") < md.find("### Progress against PSA1 Targets"));
    CHECK(md.find("Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08 (Progress") == std::string::npos);

    const std::string text = render_since(f.a, Format::terminal, run);
    CHECK(text.find("Since the last report (as at 2005/06)\n-------------------------------------\n" + counts) !=
          std::string::npos);
    CHECK(text.find("- Theft of Vehicle (Progress against PSA1 Targets): GREEN, was RED") != std::string::npos);

    const std::string html = render_since(f.a, Format::html, run);
    CHECK(html.find("RED 0 (was 1), AMBER 1 (was 2), GREEN 2 (was 0), Not rated 1 (was 0)") != std::string::npos);

    // Without an earlier run there is no such section.
    CHECK(render(f.a, Format::markdown).find("Since the last report") == std::string::npos);
}

TEST_CASE("the reds come first, even when unchanged and later in the report", "[report][since]") {
    report_test::Fixture f;
    PreviousRun run = earlier();
    f.a.outcomes[1].rating = 0;  // BCS is RED now, as it is said to have been
    run.outcomes[PreviousRun::outcome_key("psa1", "bcs_comparator", area)] = {"RED", "declined"};
    const std::string md = render_since(f.a, Format::markdown, run);
    // RED 1 now (BCS), 2 before (theft, BCS); AMBER none now, retained before.
    CHECK(md.find("Ratings: RED 1 (was 2), AMBER 0 (was 1), GREEN 2 (was 0), Not rated 1 (was 0)\n\n"
                  "- Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08 (Progress against PSA1 "
                  "Targets): RED, as before\n"
                  "- Theft of Vehicle (Progress against PSA1 Targets): GREEN, was RED\n") != std::string::npos);
    const std::string html = render_since(f.a, Format::html, run);
    CHECK(html.find("Rated at the worst level now:") != std::string::npos);
    CHECK(html.find("Reduce 10 BCS comparator crime indicators by 17.5% by 2007/08</a> (Progress against PSA1 "
                    "Targets): RED, as in 2005/06") != std::string::npos);
}
