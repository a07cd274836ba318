// Confidence intervals and tests (stats.hpp). The special functions follow
// the classical algorithms: Acklam's rational approximation of the normal
// quantile refined by one Halley step on erfc; the series and Lentz's
// continued fraction for the incomplete gamma and beta functions; their
// inverses by Newton's method kept inside a bracket (bisection when a step
// leaves it), so they always converge.
#include "assess/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace assay::stats {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double eps = 1e-15;
constexpr double tiny = 1e-300;

Interval none() {
    return {nan, nan};
}

bool valid_level(double level) {
    return level > 0 && level < 1;
}

/// P(a, x) by its series, for x < a + 1.
double gamma_series(double a, double x) {
    double sum = 1 / a, term = sum, ap = a;
    for (int n = 0; n < 1'000'000; ++n) {
        ap += 1;
        term *= x / ap;
        sum += term;
        if (std::abs(term) < std::abs(sum) * eps) break;
    }
    return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

/// Q(a, x) by its continued fraction (Lentz), for x >= a + 1.
double gamma_fraction(double a, double x) {
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 1'000'000; ++i) {
        double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::abs(d) < tiny) d = tiny;
        c = b + an / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (std::abs(del - 1) < eps) break;
    }
    return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

/// The continued fraction of the incomplete beta function (Lentz).
double beta_fraction(double a, double b, double x) {
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (std::abs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m < 1'000'000; ++m) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (std::abs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (std::abs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (std::abs(del - 1) < eps) break;
    }
    return h;
}

/// Solves f(x) = 0 for an increasing f on [lo, hi] (f(lo) <= 0 <= f(hi)) by
/// Newton steps with derivative df, falling back to bisection.
template <typename F, typename D>
double solve_increasing(F f, D df, double lo, double hi, double x) {
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    for (int i = 0; i < 400; ++i) {
        double fx = f(x);
        if (fx == 0) return x;
        if (fx < 0)
            lo = x;
        else
            hi = x;
        double slope = df(x);
        double next = slope > 0 && std::isfinite(slope) ? x - fx / slope : nan;
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        const double tol = 4 * std::numeric_limits<double>::epsilon() * std::max(tiny, std::abs(x));
        if (std::abs(next - x) <= tol || hi - lo <= tol) return next;
        x = next;
    }
    return x;
}

}  // namespace

// ---- distributions -------------------------------------------------------

double normal_cdf(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double normal_quantile(double p) {
    if (!(p > 0 && p < 1)) return p == 0 ? -INFINITY : p == 1 ? INFINITY : nan;
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425;
    double x;
    if (p < low) {
        double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
        double q = p - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    // One Halley step on the exact cdf brings it to full double precision.
    for (int i = 0; i < 2; ++i) {
        double e = normal_cdf(x) - p;
        double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
        x = x - u / (1 + x * u / 2);
    }
    return x;
}

double z_for(double level) {
    return normal_quantile(0.5 + level / 2);
}

double gamma_p(double a, double x) {
    if (!(a > 0) || !(x >= 0)) return nan;
    if (x == 0) return 0;
    return x < a + 1 ? gamma_series(a, x) : 1 - gamma_fraction(a, x);
}

double gamma_q(double a, double x) {
    if (!(a > 0) || !(x >= 0)) return nan;
    if (x == 0) return 1;
    return x < a + 1 ? 1 - gamma_series(a, x) : gamma_fraction(a, x);
}

double chi2_quantile(double p, double df) {
    if (!(df > 0) || !(p >= 0 && p < 1)) return nan;
    if (p == 0) return 0;
    const double a = df / 2;
    if (p <= 0.5) {
        // Far in the lower tail P(a, x) = x^a / Gamma(a + 1) (1 + O(x)), so the
        // quantile is (p Gamma(a + 1))^(1/a) to double precision; for tiny df
        // (the expected count of a very small area) it can underflow, where
        // the root finder would stall at its smallest step.
        double tiny = std::exp((std::log(p) + std::lgamma(a + 1)) / a);
        if (tiny * (1 + 1 / a) < 1e-12) return 2 * tiny;
    }
    // Wilson-Hilferty for the first guess.
    double z = normal_quantile(p), h = 2 / (9 * df);
    double guess = df * std::pow(std::max(1 - h + z * std::sqrt(h), 0.01), 3);
    auto density = [a](double x) { return std::exp((a - 1) * std::log(x) - x - std::lgamma(a)); };
    double hi = std::max(1.0, a);
    while (gamma_p(a, hi) < p) hi *= 2;
    double x;
    if (p <= 0.5) {
        x = solve_increasing([&](double t) { return gamma_p(a, t) - p; }, density, 0, hi, guess / 2);
    } else {
        double q = 1 - p;  // the upper tail keeps its precision near 1
        x = solve_increasing([&](double t) { return q - gamma_q(a, t); }, density, 0, hi, guess / 2);
    }
    return 2 * x;
}

double chi2_upper(double x, double df) {
    return x <= 0 ? 1 : gamma_q(df / 2, x / 2);
}

double beta_inc(double a, double b, double x) {
    if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) return nan;
    if (x == 0 || x == 1) return x;
    double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
    return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

double beta_quantile(double p, double a, double b) {
    if (!(a > 0) || !(b > 0) || !(p >= 0 && p <= 1)) return nan;
    if (p == 0 || p == 1) return p;
    const double lb = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
    auto density = [&](double x) { return std::exp(lb + (a - 1) * std::log(x) + (b - 1) * std::log1p(-x)); };
    return solve_increasing([&](double x) { return beta_inc(a, b, x) - p; }, density, 0, 1, a / (a + b));
}

double t_quantile(double p, double df) {
    if (!(df > 0) || !(p > 0 && p < 1)) return nan;
    if (p == 0.5) return 0;
    // P(|T| > t) = I_{df/(df+t^2)}(df/2, 1/2).
    double tail = 2 * std::min(p, 1 - p);
    double x = beta_quantile(tail, df / 2, 0.5);
    double t;
    if (x > 0.5) {
        // 1 - x directly, as I_{1-x}(1/2, df/2) = 1 - tail: no cancellation.
        double y = beta_quantile(1 - tail, 0.5, df / 2);
        t = std::sqrt(df * y / (1 - y));
    } else {
        t = std::sqrt(df * (1 - x) / x);
    }
    return p < 0.5 ? -t : t;
}

// ---- confidence intervals ------------------------------------------------

Interval wilson(double events, double n, double level) {
    if (!valid_level(level) || !(n > 0) || !(events >= 0) || events > n) return none();
    double z = z_for(level), p = events / n, z2 = z * z;
    double centre = 2 * events + z2;
    double spread = z * std::sqrt(z2 + 4 * events * (1 - p));
    double denom = 2 * (n + z2);
    Interval ci{(centre - spread) / denom, (centre + spread) / denom};
    if (events == 0) ci.lower = 0;
    if (events == n) ci.upper = 1;
    return ci;
}

Interval poisson_exact(double count, double level) {
    if (!valid_level(level) || !(count >= 0)) return none();
    double alpha = 1 - level;
    double lower = count == 0 ? 0 : chi2_quantile(alpha / 2, 2 * count) / 2;
    double upper = chi2_quantile(1 - alpha / 2, 2 * count + 2) / 2;
    return {lower, upper};
}

Interval byar(double count, double level) {
    if (!valid_level(level) || !(count > 0)) return none();
    double z = z_for(level);
    double lower = count * std::pow(1 - 1 / (9 * count) - z / (3 * std::sqrt(count)), 3);
    double c1 = count + 1;
    double upper = c1 * std::pow(1 - 1 / (9 * c1) + z / (3 * std::sqrt(c1)), 3);
    return {std::max(0.0, lower), upper};
}

bool poisson_uses_exact(double count) {
    return count < 10;
}

Interval poisson_count(double count, double level) {
    return poisson_uses_exact(count) ? poisson_exact(count, level) : byar(count, level);
}

Interval crude_rate(double count, double denominator, double per, double level) {
    if (!(denominator > 0)) return none();
    Interval c = poisson_count(count, level);
    return {c.lower / denominator * per, c.upper / denominator * per};
}

Interval dobson(double dsr, double count, double var_dsr, double level) {
    if (!(count > 0) || !(var_dsr >= 0)) {
        if (count == 0) return {0, nan};
        return none();
    }
    Interval c = poisson_count(count, level);
    double k = std::sqrt(var_dsr / count);
    return {dsr + k * (c.lower - count), dsr + k * (c.upper - count)};
}

Interval mean_t(double mean, double sd, double n, double level) {
    if (!valid_level(level) || !(n >= 2) || !(sd >= 0)) return none();
    double t = t_quantile(0.5 + level / 2, n - 1);
    double half = t * sd / std::sqrt(n);
    return {mean - half, mean + half};
}

// ---- comparisons ---------------------------------------------------------

RateRatio rate_ratio(double count1, double n1, double count2, double n2, double level) {
    RateRatio r;
    if (!valid_level(level) || !(n1 > 0) || !(n2 > 0) || !(count1 >= 0) || !(count2 >= 0) || count1 + count2 == 0) {
        r.ratio = nan;
        r.ci = none();
        return r;
    }
    r.ratio = count1 == 0 ? INFINITY : (count2 / n2) / (count1 / n1);
    if (count1 > 0 && count2 > 0) {
        double z = z_for(level), se = std::sqrt(1 / count1 + 1 / count2);
        r.ci = {r.ratio * std::exp(-z * se), r.ratio * std::exp(z * se)};
        return r;
    }
    // Conditional on the total, the later count is binomial with
    // p = n2 RR / (n1 + n2 RR); Clopper-Pearson limits of p give RR.
    r.exact = true;
    double total = count1 + count2, alpha = 1 - level;
    double pl = count2 == 0 ? 0 : beta_quantile(alpha / 2, count2, total - count2 + 1);
    double pu = count2 == total ? 1 : beta_quantile(1 - alpha / 2, count2 + 1, total - count2);
    auto to_ratio = [&](double p) { return p >= 1 ? INFINITY : p / (1 - p) * n1 / n2; };
    r.ci = {to_ratio(pl), to_ratio(pu)};
    return r;
}

Difference proportion_difference(double x1, double n1, double x2, double n2, double level) {
    Difference d;
    Interval w1 = wilson(x1, n1, level), w2 = wilson(x2, n2, level);
    if (std::isnan(w1.lower) || std::isnan(w2.lower)) {
        d.difference = nan;
        d.ci = none();
        return d;
    }
    double p1 = x1 / n1, p2 = x2 / n2;
    d.difference = p2 - p1;
    d.ci.lower = d.difference - std::sqrt((p2 - w2.lower) * (p2 - w2.lower) + (w1.upper - p1) * (w1.upper - p1));
    d.ci.upper = d.difference + std::sqrt((w2.upper - p2) * (w2.upper - p2) + (p1 - w1.lower) * (p1 - w1.lower));
    return d;
}

namespace {

Trend trend_from(double t, double variance) {
    Trend r;
    if (!(variance > 0)) return r;
    r.chi2 = t * t / variance;
    r.p_value = chi2_upper(r.chi2, 1);
    r.direction = t > 0 ? 1 : t < 0 ? -1 : 0;
    return r;
}

}  // namespace

Trend trend_proportions(std::span<const double> x, std::span<const double> n) {
    const size_t k = std::min(x.size(), n.size());
    double big_n = 0, total = 0, st = 0, stt = 0, sxt = 0;
    for (size_t i = 0; i < k; ++i) {
        double t = static_cast<double>(i + 1);
        big_n += n[i];
        total += x[i];
        st += n[i] * t;
        stt += n[i] * t * t;
        sxt += x[i] * t;
    }
    if (!(big_n > 0)) return {};
    double p = total / big_n, tbar = st / big_n;
    double t_stat = sxt - total * tbar;
    return trend_from(t_stat, p * (1 - p) * (stt - big_n * tbar * tbar));
}

Trend trend_rates(std::span<const double> x, std::span<const double> n) {
    const size_t k = std::min(x.size(), n.size());
    double big_n = 0, total = 0, sxt = 0;
    for (size_t i = 0; i < k; ++i) {
        big_n += n[i];
        total += x[i];
        sxt += x[i] * static_cast<double>(i + 1);
    }
    if (!(big_n > 0)) return {};
    double mean_t = 0, mean_tt = 0;
    for (size_t i = 0; i < k; ++i) {
        double w = n[i] / big_n, t = static_cast<double>(i + 1);
        mean_t += w * t;
        mean_tt += w * t * t;
    }
    return trend_from(sxt - total * mean_t, total * (mean_tt - mean_t * mean_t));
}

Interval funnel_proportion(double p0, double n, double level) {
    if (!valid_level(level) || !(n > 0) || !(p0 >= 0 && p0 <= 1)) return none();
    double half = z_for(level) * std::sqrt(p0 * (1 - p0) / n);
    return {std::max(0.0, p0 - half), std::min(1.0, p0 + half)};
}

Interval funnel_rate(double r0, double n, double per, double level) {
    if (!valid_level(level) || !(n > 0) || !(per > 0) || !(r0 >= 0)) return none();
    double expected = r0 * n / per;
    Interval c = poisson_exact(expected, level);
    return {c.lower / n * per, c.upper / n * per};
}

}  // namespace assay::stats
