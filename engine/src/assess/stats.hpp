// Confidence intervals and significance tests used in public-health
// indicator profiles, computed natively: the methods of the "Technical
// Guide: Confidence Intervals" (APHO / PHE / OHID): Wilson score for
// proportions, Byar's approximation with the exact (chi-squared) method for
// small counts and crude rates, Dobson's method for directly standardised
// rates, normal / t for means; the comparison of two periods (rate ratio,
// Newcombe's difference of proportions), the chi-squared test for trend and
// funnel-plot control limits. The special functions beneath (normal,
// incomplete gamma and beta and their inverses) are our own; docs/statistics.md
// gives each method with its source.
#pragma once

#include <span>
#include <string_view>

namespace assay::stats {

/// A two-sided interval; both ends NaN when it cannot be computed.
struct Interval {
    double lower = 0;
    double upper = 0;
};

/// Levels the profiles name.
inline constexpr double level95 = 0.95;
inline constexpr double level998 = 0.998;

// ---- distributions -------------------------------------------------------

/// Standard normal cumulative distribution.
double normal_cdf(double x);
/// Standard normal quantile (inverse of normal_cdf), 0 < p < 1.
double normal_quantile(double p);
/// The z of a two-sided interval at `level` (0.95 -> 1.959964).
double z_for(double level);
/// Regularised lower incomplete gamma P(a, x); a > 0, x >= 0.
double gamma_p(double a, double x);
/// Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x).
double gamma_q(double a, double x);
/// Chi-squared quantile with `df` degrees of freedom (df > 0), 0 <= p < 1.
double chi2_quantile(double p, double df);
/// Upper tail of the chi-squared distribution: P(X > x).
double chi2_upper(double x, double df);
/// Regularised incomplete beta I_x(a, b).
double beta_inc(double a, double b, double x);
/// Inverse of beta_inc in x: I_x(a, b) = p.
double beta_quantile(double p, double a, double b);
/// Student's t quantile with `df` degrees of freedom.
double t_quantile(double p, double df);

// ---- confidence intervals ------------------------------------------------

/// Wilson score interval of the proportion events / n (0 <= events <= n, n > 0).
Interval wilson(double events, double n, double level);
/// Exact (chi-squared) interval of a Poisson count: lower chi2(a/2, 2O)/2,
/// upper chi2(1 - a/2, 2O + 2)/2; lower is 0 for no events.
Interval poisson_exact(double count, double level);
/// Byar's approximation of the interval of a Poisson count (count > 0).
Interval byar(double count, double level);
/// The interval of a count as the profiles compute it: exact below 10
/// events, Byar's approximation from 10.
Interval poisson_count(double count, double level);
/// Whether poisson_count uses the exact method for this count.
bool poisson_uses_exact(double count);
/// A crude rate per `per` (count / denominator * per) and its interval.
Interval crude_rate(double count, double denominator, double per, double level);
/// Dobson's method for a directly standardised rate: the interval of the
/// total count O (poisson_count) carried over to the rate,
/// DSR + sqrt(var_dsr / O) * (O_limit - O). With var_dsr unknown, pass
/// dsr * dsr / count (every age band at the same rate ratio): the interval
/// is then the count's, scaled.
Interval dobson(double dsr, double count, double var_dsr, double level);
/// Mean +/- t(n - 1) * sd / sqrt(n) (n >= 2).
Interval mean_t(double mean, double sd, double n, double level);

// ---- comparisons ---------------------------------------------------------

/// The rate ratio (count2 / n2) / (count1 / n1) of a later period against
/// an earlier one, with its interval: on the log scale,
/// ln RR +/- z sqrt(1/O1 + 1/O2); when either count is 0, the exact
/// conditional interval (the later count's share of the two, Clopper-Pearson).
struct RateRatio {
    double ratio = 0;
    Interval ci;
    bool exact = false;
};
RateRatio rate_ratio(double count1, double n1, double count2, double n2, double level);

/// Newcombe's hybrid score interval (method 10) of p2 - p1.
struct Difference {
    double difference = 0;
    Interval ci;
};
Difference proportion_difference(double x1, double n1, double x2, double n2, double level);

/// The chi-squared test for trend over consecutive points (scores 1..k).
/// For proportions (Cochran-Armitage): events x_i of n_i; for counts and
/// rates (the score test of a log-linear trend in a Poisson model): events
/// x_i over populations n_i.
struct Trend {
    double chi2 = 0;       ///< the statistic, 1 degree of freedom
    double p_value = 1;    ///< P(chi2_1 > chi2)
    double direction = 0;  ///< sign of the trend: > 0 increasing, < 0 decreasing
};
Trend trend_proportions(std::span<const double> x, std::span<const double> n);
Trend trend_rates(std::span<const double> x, std::span<const double> n);

/// Funnel-plot control limits for an area with denominator `n` around the
/// comparator's value: for a proportion p0 (score-test limits,
/// p0 +/- z sqrt(p0 (1 - p0) / n), clipped to [0, 1]); for a rate r0 per
/// `per`, the exact Poisson limits of the expected count r0 n / per,
/// expressed as a rate.
Interval funnel_proportion(double p0, double n, double level);
Interval funnel_rate(double r0, double n, double per, double level);

}  // namespace assay::stats
