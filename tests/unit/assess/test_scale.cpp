// National scale: 35,000 areas x 14 indicators x 36 months (490,000 series,
// 17.6 M observations), assessed streaming without explanations. Hidden
// ([.]): run it on a Release build with `unit_assess [scale]`.
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>

using namespace assay;
using namespace assay::test;

namespace {

/// A dataset laid out as the loader lays it out, built column by column.
Dataset national(uint32_t areas, uint32_t indicators, uint32_t months) {
    Dataset d;
    d.name = "national";
    for (uint32_t i = 0; i < indicators; ++i) {
        Indicator ind;
        ind.id = "ind" + std::to_string(i);
        ind.polarity = i % 2 ? Polarity::lower_is_better : Polarity::higher_is_better;
        d.indicators.push_back(ind);
    }
    for (uint32_t a = 0; a < areas; ++a) d.areas.push_back("E0100" + std::to_string(a));
    for (uint32_t m = 0; m < months; ++m) {
        Period p;
        p.kind = PeriodKind::month;
        p.first = p.last = 2021 * 12 + static_cast<int32_t>(m);
        p.label = std::to_string(2021 + m / 12) + "-" + (m % 12 < 9 ? "0" : "") + std::to_string(m % 12 + 1);
        d.periods.push_back(p);
    }
    size_t n = size_t{areas} * indicators * months;
    d.obs_period.reserve(n);
    d.obs_value.reserve(n);
    uint32_t seed = 12345;
    for (uint32_t i = 0; i < indicators; ++i) {
        for (uint32_t a = 0; a < areas; ++a) {
            Series s{i, a, static_cast<uint32_t>(d.obs_value.size()), 0};
            for (uint32_t m = 0; m < months; ++m) {
                seed = seed * 1103515245u + 12345u;
                d.obs_period.push_back(m);
                d.obs_value.push_back((seed >> 8) % 1000 == 0 ? std::nan("") : 50 + (seed >> 16) % 100);
            }
            s.end = static_cast<uint32_t>(d.obs_value.size());
            d.series.push_back(s);
        }
    }
    return d;
}

}  // namespace

TEST_CASE("490,000 series assessed streaming", "[.][scale]") {
    Dataset d = national(35000, 14, 36);
    std::vector<std::string> ids;
    for (const Indicator& i : d.indicators) ids.push_back(i.id);
    Group g = make_group("all", ids, last_two(pct(1.5)));
    g.target = progress_target(TargetRule::Kind::reduce_by, 10, true, "2021-01", "2024-12");
    g.rating = lsp_rating();
    g.rollup.kind = RollupRule::Kind::majority;
    Pack pack = make_pack({g});
    AssessOptions opt;
    opt.explain = false;
    size_t seen = 0;
    int green = 0;
    auto start = std::chrono::steady_clock::now();
    Assessment a = assess(pack, prepare(pack, d), opt, [&](const Assessment&, const Outcome& o) {
        ++seen;
        green += o.rating == 2;
    });
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    WARN("assessed " << seen << " series in " << seconds << " s; " << green << " GREEN; " << a.errors.size()
                     << " errors");
    CHECK(seen == 490000);
    CHECK(a.groups[0].counts.assessed + a.groups[0].counts.unrated >= 490000);
}
