// Confidence intervals and funnel limits against fixed tables of expected
// values, so that the arithmetic is pinned even where scipy is not
// installed (test_stats.cpp runs scipy itself when it is). Every table was
// computed once with Debian 12's python3-scipy 1.10.1; the Python that
// printed it is in the comment above it (a = 1 - level, z =
// norm.ppf(1 - a / 2)). Edges: 0 events, numerator = denominator,
// denominator 1, very large counts, 99.8 %. Published figures beside them:
// the exact Poisson interval of the horse-kick example (196 deaths in 280
// corps-years: 0.6054271 to 0.8051570, as printed by DescTools' PoissonCI
// documentation) and Newcombe (1998) for Wilson (in test_stats.cpp).
#include "assess/stats.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace assay::stats;

namespace {

/// Equal to 1e-9 of the larger magnitude; values below 1e-300 (a lower
/// limit that underflows) count as 0.
bool near(double got, double want) {
    if (std::abs(want) < 1e-300) return std::abs(got) < 1e-300;
    return std::abs(got - want) <= 1e-9 * std::max(std::abs(got), std::abs(want));
}

struct ProportionRow {
    double events, n, level, lower, upper;
};
struct CountRow {
    double count, level, lower, upper;
};
struct MeanRow {
    double mean, sd, n, level, lower, upper;
};
struct DobsonRow {
    double dsr, count, var, level, lower, upper;
};
struct FunnelPRow {
    double p0, n, level, lower, upper;
};
struct FunnelRRow {
    double r0, n, per, level, lower, upper;
};

}  // namespace

TEST_CASE("Wilson score limits: a table from scipy", "[stats][oracle]") {
    // for x, n in cases: for lv in (0.95, 0.998):
    //     ci = binomtest(x, n).proportion_ci(lv, method='wilson'); print(ci.low, ci.high)
    const ProportionRow rows[] = {
        {0, 20, 0.95, 0.0, 0.16112515805281935},
        {0, 20, 0.998, 0.0, 0.32317041462405505},
        {0, 1, 0.95, 0.0, 0.7934506856227626},
        {0, 1, 0.998, 0.0, 0.9052090984986796},
        {1, 1, 0.95, 0.20654931437723745, 1.0},
        {1, 1, 0.998, 0.09479090150132036, 1.0},
        {20, 20, 0.95, 0.8388748419471808, 1.0},
        {20, 20, 0.998, 0.676829585375945, 1.0},
        {1, 29, 0.95, 0.006113214292762667, 0.17175521879320282},
        {1, 29, 0.998, 0.0030160013587169354, 0.2965864580364214},
        {15, 148, 0.95, 0.06238639953073629, 0.16048724172330803},
        {15, 148, 0.998, 0.047383680506572295, 0.2036455309019902},
        {81, 263, 0.95, 0.2552885198782742, 0.36620957698280004},
        {81, 263, 0.998, 0.22803574024200476, 0.40138942190936955},
        {3, 7, 0.95, 0.1582198552514697, 0.7495416354723428},
        {3, 7, 0.998, 0.09161890874602496, 0.847956435374812},
        {999999, 1000000, 0.95, 0.9999943350881957, 0.9999998234754233},
        {999999, 1000000, 0.998, 0.9999885378171698, 0.999999912757416},
        {123456, 9876543, 0.95, 0.012430820071767166, 0.012569399683414988},
        {123456, 9876543, 0.998, 0.012391143328204676, 0.012609639920532635},
        {5, 100000000, 0.95, 2.135701155882369e-08, 1.1705757133097836e-07},
        {5, 100000000, 0.998, 1.3755960843400507e-08, 1.8173937754853473e-07},
    };
    for (const ProportionRow& r : rows) {
        INFO(r.events << " of " << r.n << " at " << r.level);
        Interval ci = wilson(r.events, r.n, r.level);
        CHECK(near(ci.lower, r.lower));
        CHECK(near(ci.upper, r.upper));
    }
}

TEST_CASE("exact Poisson limits: a table from scipy, and the horse-kick example", "[stats][oracle]") {
    // lower = chi2.ppf(a / 2, 2 * o) / 2 (0 for o = 0); upper = chi2.ppf(1 - a / 2, 2 * o + 2) / 2
    const CountRow rows[] = {
        {0, 0.95, 0.0, 3.6888794541139354},
        {0, 0.998, 0.0, 6.907755278982137},
        {1, 0.95, 0.025317807984289897, 5.571643390938898},
        {1, 0.998, 0.0010005003335835346, 9.233413476451585},
        {2, 0.95, 0.24220927854396507, 7.22468766772396},
        {2, 0.998, 0.045402017769489565, 11.228872242412661},
        {9, 0.95, 4.115373097378334, 17.084803451419166},
        {9, 0.998, 2.452424404363775, 22.65737330906293},
        {10, 0.95, 4.7953886961324335, 18.39035604201778},
        {10, 0.998, 2.96052037274376, 24.13397114541759},
        {196, 0.95, 169.51957948501956, 225.44397277704968},
        {196, 0.998, 155.56883274522943, 243.2369609406559},
        {10634, 0.95, 10432.834803922775, 10838.068992202732},
        {10634, 0.998, 10318.178950040476, 10956.535648134277},
        {2500000, 0.95, 2496901.9721001484, 2503100.9228254724},
        {2500000, 0.998, 2495116.7634133985, 2504889.937253969},
    };
    for (const CountRow& r : rows) {
        INFO(r.count << " events at " << r.level);
        Interval ci = poisson_exact(r.count, r.level);
        CHECK(near(ci.lower, r.lower));
        CHECK(near(ci.upper, r.upper));
        // Below 10 events the profiles use the exact limits.
        if (r.count < 10) {
            CHECK(near(poisson_count(r.count, r.level).upper, r.upper));
            CHECK(poisson_uses_exact(r.count));
        }
    }
    // Published: 196 events over 280 corps-years, 95 %: 0.6054271 to 0.8051570.
    Interval kick = crude_rate(196, 280, 1, level95);
    CHECK(kick.lower == Approx(0.6054271).margin(5e-8));
    CHECK(kick.upper == Approx(0.8051570).margin(5e-8));
}

TEST_CASE("Byar's limits: a table from scipy", "[stats][oracle]") {
    // lower = o * (1 - 1 / (9 * o) - z / (3 * sqrt(o))) ** 3
    // upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * sqrt(o + 1))) ** 3
    const CountRow rows[] = {
        {10, 0.95, 4.787449913967563, 18.391458605756473},
        {10, 0.998, 2.916318374695686, 24.19372492788055},
        {11, 0.95, 5.483690198449974, 19.68323711614639},
        {11, 0.998, 3.4483702384008814, 25.646520516557427},
        {76, 0.95, 59.87713528778346, 95.12657932070287},
        {76, 0.998, 51.85899964095884, 107.00876464711043},
        {389, 0.95, 351.29829160598484, 429.64513922196744},
        {389, 0.998, 330.87952026256363, 453.8968080317306},
        {10797, 0.95, 10594.291510617479, 11002.612206812262},
        {10797, 0.998, 10478.744151209286, 11121.97035003624},
        {2500000, 0.95, 2496901.9720904753, 2503100.9228351153},
        {2500000, 0.998, 2495116.7632949073, 2504889.937372527},
    };
    for (const CountRow& r : rows) {
        INFO(r.count << " events at " << r.level);
        Interval b = byar(r.count, r.level);
        CHECK(near(b.lower, r.lower));
        CHECK(near(b.upper, r.upper));
        // From 10 events the profiles use Byar's.
        CHECK_FALSE(poisson_uses_exact(r.count));
        CHECK(near(poisson_count(r.count, r.level).lower, r.lower));
        // A crude rate per 100,000 over a population of 250,000: the count's limits / 2.5.
        CHECK(near(crude_rate(r.count, 250000, 100000, r.level).upper, r.upper / 2.5));
    }
}

TEST_CASE("t limits of a mean: a table from scipy", "[stats][oracle]") {
    // lo, hi = t.interval(lv, n - 1, loc=m, scale=sd / sqrt(n))
    const MeanRow rows[] = {
        {12.5, 3.2, 2, 0.95, -16.250859303282443, 41.25085930328244},
        {12.5, 3.2, 2, 0.998, -707.7506833865394, 732.7506833865394},
        {12.5, 3.2, 10, 0.95, 10.210857900951769, 14.789142099048231},
        {12.5, 3.2, 10, 0.998, 8.151938381652343, 16.848061618347657},
        {70.1, 11.0, 5000, 0.95, 69.79502731854599, 70.404972681454},
        {70.1, 11.0, 5000, 0.998, 69.61901892592878, 70.5809810740712},
        {0.0, 1.0, 1000000, 0.95, -0.0019599663568164788, 0.0019599663568164788},
        {0.0, 1.0, 1000000, 0.998, -0.0030902404563246696, 0.0030902404563246696},
    };
    for (const MeanRow& r : rows) {
        INFO(r.mean << " sd " << r.sd << " n " << r.n << " at " << r.level);
        Interval ci = mean_t(r.mean, r.sd, r.n, r.level);
        CHECK(near(ci.lower, r.lower));
        CHECK(near(ci.upper, r.upper));
    }
}

TEST_CASE("Dobson's limits of a DSR: a table from scipy", "[stats][oracle]") {
    // o_lo, o_hi = the count's limits (exact below 10, Byar's from 10, as above)
    // lower = dsr + sqrt(var / o) * (o_lo - o); upper = dsr + sqrt(var / o) * (o_hi - o)
    const DobsonRow rows[] = {
        {100, 25, 500, 0.95, 60.5301172989781, 153.2472662369518},
        {100, 25, 500, 0.998, 43.22381590657189, 187.98829183885994},
        {152.0, 76, 304.0, 0.95, 119.75427057556692, 190.25315864140575},
        {152.0, 76, 304.0, 0.998, 103.71799928191768, 214.01752929422085},
        {612.3, 4, 90000.0, 0.95, 175.77980604394872, 1548.538301310554},
        {612.3, 4, 90000.0, 0.998, 76.58286204426338, 2231.422383380582},
        {48.7, 12345, 0.25, 0.95, 47.72428662107725, 49.68877772775425},
        {48.7, 12345, 0.25, 0.998, 47.1676919333648, 50.262519850739565},
    };
    for (const DobsonRow& r : rows) {
        INFO("DSR " << r.dsr << " from " << r.count << " events at " << r.level);
        Interval ci = dobson(r.dsr, r.count, r.var, r.level);
        CHECK(near(ci.lower, r.lower));
        CHECK(near(ci.upper, r.upper));
    }
}

TEST_CASE("funnel limits of a proportion: a table from scipy", "[stats][oracle]") {
    // h = z * sqrt(p0 * (1 - p0) / n); lower = max(0, p0 - h); upper = min(1, p0 + h)
    const FunnelPRow rows[] = {
        {0.2, 400, 0.95, 0.16080072030919892, 0.2391992796908011},
        {0.2, 400, 0.998, 0.13819535387664375, 0.2618046461233563},
        {0.7, 1000, 0.95, 0.6715974234910674, 0.7284025765089325},
        {0.7, 1000, 0.998, 0.6552182794180763, 0.7447817205819236},
        {0.01, 10, 0.95, 0.0, 0.07166882707241305},
        {0.01, 10, 0.998, 0.0, 0.10723188956830167},
        {0.5, 1, 0.95, 0.0, 1.0},
        {0.5, 1, 0.998, 0.0, 1.0},
        {0.999, 50, 0.95, 0.9902391583031384, 1.0},
        {0.999, 50, 0.998, 0.9851869726921452, 1.0},
        {0.15, 10000000, 0.95, 0.14977868890682153, 0.15022131109317846},
        {0.15, 10000000, 0.998, 0.1496510636444098, 0.15034893635559018},
    };
    for (const FunnelPRow& r : rows) {
        INFO(r.p0 << " at n " << r.n << ", " << r.level);
        Interval f = funnel_proportion(r.p0, r.n, r.level);
        CHECK(near(f.lower, r.lower));
        CHECK(near(f.upper, r.upper));
    }
}

TEST_CASE("funnel limits of a rate: a table from scipy", "[stats][oracle]") {
    // e = r0 * n / per; lower = chi2.ppf(a / 2, 2 * e) / 2 / n * per (0 for e = 0);
    // upper = chi2.ppf(1 - a / 2, 2 * e + 2) / 2 / n * per
    const FunnelRRow rows[] = {
        {50, 20000, 100000, 0.95, 23.976943480662168, 91.95178021008888},
        {50, 20000, 100000, 0.998, 14.8026018637188, 120.66985572708796},
        {500, 10000, 100000, 0.95, 371.10963737461867, 659.1876666433682},
        {500, 10000, 100000, 0.998, 309.5896960346831, 759.4189199210048},
        {500, 1, 100000, 0.95, 2.18377015e-316, 369938.8195767982},
        {500, 1, 100000, 0.998, 0.0, 692093.3446872872},
        {0, 5000, 1000, 0.95, 0.0, 0.737775890822787},
        {0, 5000, 1000, 0.998, 0.0, 1.3815510557964272},
        {12.5, 80000000, 1000, 0.95, 12.475512291753672, 12.524523899317902},
        {12.5, 80000000, 1000, 0.998, 12.46140771649769, 12.538676048937127},
        {3, 1000, 1000, 0.95, 0.6186721228956015, 8.767273069742323},
        {3, 1000, 1000, 0.998, 0.19053337756840327, 13.06224077918807},
    };
    for (const FunnelRRow& r : rows) {
        INFO(r.r0 << " per " << r.per << " at n " << r.n << ", " << r.level);
        Interval f = funnel_rate(r.r0, r.n, r.per, r.level);
        CHECK(near(f.lower, r.lower));
        CHECK(near(f.upper, r.upper));
    }
}
