// Confidence intervals and tests against independent oracles: Debian's
// python3-scipy (normal, chi-squared, beta and t quantiles; Wilson and
// Clopper-Pearson intervals of scipy.stats.binomtest), run by the test; and
// figures printed in published sources: Newcombe (1998) for Wilson and the
// difference of proportions, the exact Poisson limits for 0 events (Daly
// 1992, as epitools prints them), and the technical guide's statement that
// Byar's method is within 0.2 % of the exact limits from 10 events at 95 %.
#include "assess/stats.hpp"

#include "../skip.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace assay::stats;

namespace {

std::string fmt_double(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return buf;
}

/// Runs a Python program under an interpreter that has scipy and returns
/// its standard output; skips the test when there is none.
std::string run_scipy(const std::string& program) {
    static const char* candidates[] = {"python3", "/usr/bin/python3"};
    for (const char* py : candidates) {
        std::string probe = std::string(py) + " -c 'import scipy.stats' >/dev/null 2>&1";
        if (std::system(probe.c_str()) != 0) continue;
        std::string path = "stats_oracle_" + std::to_string(std::hash<std::string>{}(program)) + ".py";
        if (FILE* f = std::fopen(path.c_str(), "w")) {
            std::fputs(program.c_str(), f);
            std::fclose(f);
        }
        std::string out;
        if (FILE* p = popen((std::string(py) + " " + path).c_str(), "r")) {
            char buf[4096];
            size_t n;
            while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
            int rc = pclose(p);
            std::remove(path.c_str());
            REQUIRE(rc == 0);
            return out;
        }
    }
    assay::testing::skip_test("python3 with scipy (Debian python3-scipy) is not installed");
}

std::vector<double> numbers(const std::string& text) {
    std::istringstream in(text);
    std::vector<double> out;
    std::string word;
    while (in >> word) out.push_back(word == "inf" ? INFINITY : std::stod(word));
    return out;
}

/// Relative closeness, for values that may be large or small.
bool close(double got, double want, double rel = 1e-9) {
    if (std::isinf(want)) return got == want;
    return std::abs(got - want) <= rel * std::max(1e-300, std::abs(want)) || std::abs(got - want) < 1e-300;
}

const std::vector<double> probabilities = {1e-10, 0.0005, 0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999, 0.9995};
const std::vector<double> dfs = {0.5, 1, 2, 3.5, 20, 41, 200, 2000, 200000, 2000000};

std::string py_list(const std::vector<double>& v) {
    std::string s = "[";
    for (double x : v) s += fmt_double(x) + ",";
    return s + "]";
}

}  // namespace

TEST_CASE("normal quantile matches scipy.stats.norm.ppf", "[stats]") {
    std::string out = run_scipy("from scipy.stats import norm\nfor p in " + py_list(probabilities) +
                                ":\n    print(repr(float(norm.ppf(p))))\n");
    std::vector<double> want = numbers(out);
    REQUIRE(want.size() == probabilities.size());
    for (size_t i = 0; i < want.size(); ++i) {
        INFO("p = " << probabilities[i]);
        CHECK(close(normal_quantile(probabilities[i]), want[i], 1e-12));
    }
    CHECK(z_for(level95) == Approx(1.959963984540054).epsilon(1e-14));
    CHECK(z_for(level998) == Approx(3.090232306167813).epsilon(1e-13));
}

TEST_CASE("chi-squared quantiles match scipy.stats.chi2.ppf, small to very large df", "[stats]") {
    std::string out = run_scipy("from scipy.stats import chi2\nfor df in " + py_list(dfs) + ":\n    for p in " +
                                py_list(probabilities) + ":\n        print(repr(float(chi2.ppf(p, df))))\n");
    std::vector<double> want = numbers(out);
    REQUIRE(want.size() == dfs.size() * probabilities.size());
    size_t k = 0;
    for (double df : dfs)
        for (double p : probabilities) {
            INFO("df = " << df << ", p = " << p);
            CHECK(close(chi2_quantile(p, df), want[k++], 1e-9));
        }
}

TEST_CASE("t and beta quantiles match scipy", "[stats]") {
    const std::vector<double> tdf = {1, 2, 4, 9, 29, 99, 9999};
    const std::vector<double> tp = {0.001, 0.025, 0.1, 0.9, 0.975, 0.999};
    std::string out =
        run_scipy("from scipy.stats import t, beta\nfor df in " + py_list(tdf) + ":\n    for p in " + py_list(tp) +
                  ":\n        print(repr(float(t.ppf(p, df))))\n"
                  "for a, b in [(1, 29), (0.5, 0.5), (81, 183), (3, 1), (1000, 5000)]:\n"
                  "    for p in " +
                  py_list(tp) + ":\n        print(repr(float(beta.ppf(p, a, b))))\n");
    std::vector<double> want = numbers(out);
    REQUIRE(want.size() == tdf.size() * tp.size() + 5 * tp.size());
    size_t k = 0;
    for (double df : tdf)
        for (double p : tp) {
            INFO("t, df = " << df << ", p = " << p);
            // scipy's t.ppf is good to about 5e-9 here (its own cdf shows
            // it); the cdf check below pins the quantile tighter.
            CHECK(close(t_quantile(p, df), want[k++], 1e-8));
        }
    const std::pair<double, double> ab[] = {{1, 29}, {0.5, 0.5}, {81, 183}, {3, 1}, {1000, 5000}};
    for (auto [a, b] : ab)
        for (double p : tp) {
            INFO("beta, a = " << a << ", b = " << b << ", p = " << p);
            CHECK(close(beta_quantile(p, a, b), want[k++], 1e-9));
        }
}

TEST_CASE("t quantiles: scipy's t cdf at our quantile gives back p", "[stats]") {
    const std::vector<double> tdf = {1, 2, 4, 9, 29, 99, 9999};
    const std::vector<double> tp = {0.001, 0.025, 0.1, 0.9, 0.975, 0.999};
    std::string program = "from scipy.special import stdtr\n";
    for (double df : tdf)
        for (double p : tp)
            program += "print(repr(float(stdtr(" + fmt_double(df) + ", " + fmt_double(t_quantile(p, df)) + "))))\n";
    std::vector<double> got = numbers(run_scipy(program));
    REQUIRE(got.size() == tdf.size() * tp.size());
    size_t k = 0;
    for (double df : tdf)
        for (double p : tp) {
            INFO("df = " << df << ", p = " << p);
            CHECK(close(got[k++], p, 1e-11));
        }
}

TEST_CASE("Wilson score intervals match scipy's binomtest, 95 % and 99.8 %, with the edges", "[stats]") {
    // events, n: 0 events, numerator = denominator, denominator 1, very large.
    const std::vector<std::pair<double, double>> cases = {{0, 20}, {1, 29}, {15, 148}, {81, 263},        {20, 20},
                                                          {0, 1},  {1, 1},  {3, 7},    {123456, 9876543}};
    std::string program = "from scipy.stats import binomtest\n";
    for (auto [x, n] : cases)
        for (double level : {level95, level998})
            program += "ci = binomtest(" + std::to_string(static_cast<long>(x)) + ", " +
                       std::to_string(static_cast<long>(n)) + ").proportion_ci(" + fmt_double(level) +
                       ", method='wilson')\nprint(repr(float(ci.low)), repr(float(ci.high)))\n";
    std::vector<double> want = numbers(run_scipy(program));
    REQUIRE(want.size() == cases.size() * 4);
    size_t k = 0;
    for (auto [x, n] : cases)
        for (double level : {level95, level998}) {
            INFO(x << " of " << n << " at " << level);
            Interval ci = wilson(x, n, level);
            CHECK(std::abs(ci.lower - want[k++]) < 1e-12);
            CHECK(std::abs(ci.upper - want[k++]) < 1e-12);
        }
}

TEST_CASE("Wilson score intervals: Newcombe's published examples", "[stats]") {
    // Newcombe RG (1998), Statistics in Medicine 17:857-872, Table II, method 3.
    auto check = [](double x, double n, double lo, double hi) {
        Interval ci = wilson(x, n, level95);
        CHECK(ci.lower == Approx(lo).margin(0.00005));
        CHECK(ci.upper == Approx(hi).margin(0.00005));
    };
    check(81, 263, 0.2553, 0.3662);
    check(15, 148, 0.0624, 0.1605);
    check(0, 20, 0.0000, 0.1611);
    check(1, 29, 0.0061, 0.1718);
}

TEST_CASE("exact Poisson limits match scipy's chi-squared quantiles; Byar's within 0.2 % from 10 events", "[stats]") {
    const std::vector<double> counts = {0, 1, 2, 5, 9, 10, 11, 50, 389, 10634, 10797, 2500000};
    std::string program = "from scipy.stats import chi2\n";
    for (double c : counts)
        for (double level : {level95, level998}) {
            std::string a = fmt_double(1 - level);
            std::string cs = fmt_double(c);
            program += "print(repr(float(chi2.ppf(" + a + "/2, 2*" + cs + ")/2)) if " + cs + " > 0 else 0.0, " +
                       "repr(float(chi2.ppf(1-" + a + "/2, 2*" + cs + "+2)/2)))\n";
        }
    std::vector<double> want = numbers(run_scipy(program));
    REQUIRE(want.size() == counts.size() * 4);
    size_t k = 0;
    for (double c : counts)
        for (double level : {level95, level998}) {
            INFO(c << " events at " << level);
            Interval ci = poisson_exact(c, level);
            CHECK(close(ci.lower, want[k++], 1e-9));
            CHECK(close(ci.upper, want[k++], 1e-9));
            if (c >= 10 && level == level95) {
                Interval b = byar(c, level);
                CHECK(std::abs(b.lower / ci.lower - 1) < 0.002);
                CHECK(std::abs(b.upper / ci.upper - 1) < 0.002);
            }
        }
    // Daly (1992): 0 events, 95 %: 0 to 3.689.
    CHECK(poisson_exact(0, level95).lower == 0);
    CHECK(poisson_exact(0, level95).upper == Approx(3.689).margin(0.0005));
    // The profiles' rule: exact below 10 events, Byar's from 10.
    CHECK(poisson_count(9, level95).upper == poisson_exact(9, level95).upper);
    CHECK(poisson_count(10, level95).upper == byar(10, level95).upper);
}

TEST_CASE("Byar's formula as the guide writes it, with z from scipy", "[stats]") {
    std::string program =
        "from scipy.stats import norm\nimport math\n"
        "for o in [10, 76, 10634]:\n"
        "    for lv in [0.95, 0.998]:\n"
        "        z = norm.ppf(0.5 + lv/2)\n"
        "        print(repr(o*(1-1/(9*o)-z/(3*math.sqrt(o)))**3), "
        "repr((o+1)*(1-1/(9*(o+1))+z/(3*math.sqrt(o+1)))**3))\n";
    std::vector<double> want = numbers(run_scipy(program));
    REQUIRE(want.size() == 12);
    size_t k = 0;
    for (double o : {10.0, 76.0, 10634.0})
        for (double level : {level95, level998}) {
            Interval b = byar(o, level);
            CHECK(close(b.lower, want[k++], 1e-12));
            CHECK(close(b.upper, want[k++], 1e-12));
        }
    // A crude rate per 100,000 is the count's interval over the population.
    Interval r = crude_rate(76, 250000, 100000, level95);
    CHECK(r.lower == Approx(byar(76, level95).lower / 2.5).epsilon(1e-12));
}

TEST_CASE("t interval of a mean matches scipy.stats.t.interval", "[stats]") {
    std::string out = run_scipy(
        "from scipy.stats import t\nimport math\n"
        "for m, sd, n in [(12.5, 3.2, 2), (12.5, 3.2, 10), (70.1, 11.0, 5000)]:\n"
        "    for lv in [0.95, 0.998]:\n"
        "        lo, hi = t.interval(lv, n - 1, loc=m, scale=sd/math.sqrt(n))\n"
        "        print(repr(float(lo)), repr(float(hi)))\n");
    std::vector<double> want = numbers(out);
    REQUIRE(want.size() == 12);
    size_t k = 0;
    for (auto [m, sd, n] : {std::tuple{12.5, 3.2, 2.0}, std::tuple{12.5, 3.2, 10.0}, std::tuple{70.1, 11.0, 5000.0}})
        for (double level : {level95, level998}) {
            Interval ci = mean_t(m, sd, n, level);
            CHECK(close(ci.lower, want[k++], 1e-10));
            CHECK(close(ci.upper, want[k++], 1e-10));
        }
    CHECK(std::isnan(mean_t(1, 1, 1, level95).lower));  // one observation: no interval
}

TEST_CASE("Dobson's method carries the count's interval to the rate", "[stats]") {
    // With var(DSR) = DSR^2 / O the interval is the count's, scaled.
    Interval c = poisson_count(76, level95);
    Interval d = dobson(152.0, 76, 152.0 * 152.0 / 76, level95);
    CHECK(d.lower == Approx(c.lower * 2).epsilon(1e-12));
    CHECK(d.upper == Approx(c.upper * 2).epsilon(1e-12));
    // Worked by hand from the formula: DSR 100, O 25, var(DSR) 500.
    Interval b = byar(25, level95);
    Interval w = dobson(100, 25, 500, level95);
    CHECK(w.lower == Approx(100 + std::sqrt(20.0) * (b.lower - 25)).epsilon(1e-12));
    CHECK(w.upper == Approx(100 + std::sqrt(20.0) * (b.upper - 25)).epsilon(1e-12));
}

TEST_CASE("rate ratio of two periods: log method, exact when a count is 0", "[stats]") {
    // 75 -> 76 on the same base: 95 % CI 0.74 to 1.39, includes 1.
    RateRatio r = rate_ratio(75, 1, 76, 1, level95);
    CHECK(r.ratio == Approx(76.0 / 75));
    CHECK(r.ci.lower == Approx(0.7366).margin(0.00005));
    CHECK(r.ci.upper == Approx(1.3941).margin(0.00005));
    CHECK_FALSE(r.exact);
    // 0 -> 4: exact conditional limits from scipy's Clopper-Pearson interval.
    std::string out = run_scipy(
        "from scipy.stats import binomtest\n"
        "for k, n in [(4, 4), (0, 6)]:\n"
        "    ci = binomtest(k, n).proportion_ci(0.95, method='exact')\n"
        "    print(repr(float(ci.low)), repr(float(ci.high)))\n");
    std::vector<double> want = numbers(out);
    REQUIRE(want.size() == 4);
    RateRatio up = rate_ratio(0, 1000, 4, 1000, level95);
    CHECK(up.exact);
    CHECK(close(up.ci.lower, want[0] / (1 - want[0]), 1e-9));
    CHECK(std::isinf(up.ci.upper));
    RateRatio down = rate_ratio(6, 1000, 0, 2000, level95);
    CHECK(down.ci.lower == 0);
    CHECK(close(down.ci.upper, want[3] / (1 - want[3]) * 1000 / 2000, 1e-9));
    CHECK(std::isnan(rate_ratio(0, 1, 0, 1, level95).ratio));
}

TEST_CASE("difference of proportions: Newcombe's published examples", "[stats]") {
    // Newcombe RG (1998), Statistics in Medicine 17:873-890, Table II, method 10.
    Difference a = proportion_difference(48, 80, 56, 70, level95);
    CHECK(a.difference == Approx(0.2));
    CHECK(a.ci.lower == Approx(0.0524).margin(0.00005));
    CHECK(a.ci.upper == Approx(0.3339).margin(0.00005));
    Difference b = proportion_difference(3, 10, 9, 10, level95);
    CHECK(b.ci.lower == Approx(0.1705).margin(0.00005));
    CHECK(b.ci.upper == Approx(0.8090).margin(0.00005));
}

TEST_CASE("chi-squared test for trend equals N r^2 over the individual records", "[stats]") {
    // The Cochran-Armitage statistic is N times the squared correlation of
    // score and outcome over all N individuals: an independent route via scipy.
    const std::vector<double> x = {12, 15, 19, 24, 30}, n = {100, 110, 105, 120, 115};
    std::string out = run_scipy(
        "from scipy.stats import pearsonr, chi2\n"
        "x = [12, 15, 19, 24, 30]\nn = [100, 110, 105, 120, 115]\n"
        "s, y = [], []\n"
        "for i in range(5):\n"
        "    s += [i + 1] * n[i]\n    y += [1] * x[i] + [0] * (n[i] - x[i])\n"
        "r = pearsonr(s, y)[0]\nstat = len(s) * r * r\n"
        "print(repr(float(stat)), repr(float(chi2.sf(stat, 1))))\n");
    std::vector<double> want = numbers(out);
    REQUIRE(want.size() == 2);
    Trend t = trend_proportions(x, n);
    CHECK(close(t.chi2, want[0], 1e-9));
    CHECK(close(t.p_value, want[1], 1e-7));
    CHECK(t.direction > 0);
    // Flat proportions: no trend.
    const std::vector<double> flat = {10, 10, 10}, base = {100, 100, 100};
    CHECK(trend_proportions(flat, base).chi2 == Approx(0).margin(1e-12));
}

TEST_CASE("test for trend in rates: two points reduce to the conditional binomial score test", "[stats]") {
    // With two periods, O2 given O1 + O2 is binomial with p = n2 / (n1 + n2):
    // the score statistic is (O2 - T p)^2 / (T p (1 - p)).
    const std::vector<double> x = {40, 65}, n = {1000, 1100};
    double total = 105, p = 1100.0 / 2100;
    double want = (65 - total * p) * (65 - total * p) / (total * p * (1 - p));
    Trend t = trend_rates(x, n);
    CHECK(t.chi2 == Approx(want).epsilon(1e-12));
    CHECK(t.direction > 0);
    std::string out =
        run_scipy("from scipy.stats import chi2\nprint(repr(float(chi2.sf(" + fmt_double(want) + ", 1))))\n");
    CHECK(close(t.p_value, numbers(out).at(0), 1e-7));
}

TEST_CASE("funnel-plot limits", "[stats]") {
    // Proportions: the score test's acceptance region around p0.
    Interval f = funnel_proportion(0.2, 400, level95);
    CHECK(f.lower == Approx(0.2 - 1.959963984540054 * 0.02).epsilon(1e-12));
    CHECK(f.upper == Approx(0.2 + 1.959963984540054 * 0.02).epsilon(1e-12));
    CHECK(funnel_proportion(0.01, 10, level998).lower == 0);
    // Rates: the exact Poisson limits of the expected count.
    Interval r = funnel_rate(50, 20000, 100000, level998);  // expected 10 events
    Interval c = poisson_exact(10, level998);
    CHECK(r.lower == Approx(c.lower * 5).epsilon(1e-12));
    CHECK(r.upper == Approx(c.upper * 5).epsilon(1e-12));
    // Wider at 99.8 % than at 95 %, and narrower for bigger areas.
    CHECK(funnel_rate(50, 20000, 100000, level95).upper < r.upper);
    CHECK(funnel_rate(50, 2000000, 100000, level998).upper < r.upper);
}

TEST_CASE("inputs with no interval give NaN, never a number", "[stats]") {
    CHECK(std::isnan(wilson(5, 4, level95).lower));   // numerator > denominator
    CHECK(std::isnan(wilson(1, 0, level95).lower));   // zero denominator
    CHECK(std::isnan(wilson(-1, 4, level95).lower));  // negative count
    CHECK(std::isnan(poisson_exact(-1, level95).upper));
    CHECK(std::isnan(crude_rate(5, 0, 1000, level95).lower));
    CHECK(std::isnan(wilson(1, 4, 1.5).lower));  // level out of range
}
