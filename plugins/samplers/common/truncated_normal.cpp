#include "truncated_normal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpo::samplers {

namespace {

constexpr double kSqrtHalf = 0.70710678118654752440;
constexpr double kSqrt2Pi = 2.50662827463100050242;
// Below this a probability is treated as zero mass (a kernel far outside the range).
constexpr double kTinyMass = 1e-300;
// Beyond this many sigmas on both sides an interval holds all the mass a double can tell.
constexpr double kWholeMass = 8.5;

// Acklam's rational approximation of the normal quantile (relative error about 1e-9),
// polished below by one Halley step against normal_cdf.
double quantile_estimate(double p) {
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                   -2.759285104469687e+02, 1.383577518672690e+02,
                                   -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                   -1.556989798598866e+02, 6.680131188771972e+01,
                                   -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                   -2.400758277161838e+00, -2.549732539343734e+00,
                                   4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                   2.445134137142996e+00, 3.754408661907416e+00};
    constexpr double p_tail = 0.02425;
    auto tail = [&](double q) {
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    };
    if (p < p_tail) return tail(std::sqrt(-2.0 * std::log(p)));
    if (p > 1.0 - p_tail) return -tail(std::sqrt(-2.0 * std::log1p(-p)));
    const double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

// A standard normal truncated to [lo, hi] where the CDF has underflowed at both ends (about
// 37 sigma below the mean): there the density is close to an exponential of rate |hi|
// falling away from hi, which is what it converges to.
double far_tail_draw(RandomStream &rng, double lo, double hi) {
    if (hi <= lo) return lo;
    const double exponential = -std::log1p(-rng.uniform());
    return std::max(hi - exponential / std::abs(hi), lo);
}

} // namespace

double normal_pdf(double z) {
    return std::exp(-0.5 * z * z - kLogSqrt2Pi);
}

double normal_cdf(double z) {
    return 0.5 * std::erfc(-z * kSqrtHalf);
}

double normal_quantile(double p) {
    if (p <= 0.0) return -std::numeric_limits<double>::infinity();
    if (p >= 1.0) return std::numeric_limits<double>::infinity();
    const double x = quantile_estimate(p);
    const double e = normal_cdf(x) - p;
    const double u = e * kSqrt2Pi * std::exp(0.5 * x * x);
    return x - u / (1.0 + 0.5 * x * u);
}

double TruncatedNormal::untruncated_mass(double a, double b) const {
    // Differences of the CDF lose precision in the upper tail; mirror to the lower one.
    const double za = (a - mu) / sigma, zb = (b - mu) / sigma;
    // Shortcuts that spare two erfc for the many kernels far inside or far away.
    if (za < -kWholeMass && zb > kWholeMass) return 1.0;
    if (za > kWholeMass || zb < -kWholeMass) return 0.0;
    const double m = za > 0.0 ? normal_cdf(-za) - normal_cdf(-zb) : normal_cdf(zb) - normal_cdf(za);
    return std::max(m, 0.0);
}

double TruncatedNormal::log_normalizer() const {
    return std::log(std::max(untruncated_mass(low, high), kTinyMass) * sigma * kSqrt2Pi);
}

double TruncatedNormal::mass(double a, double b) const {
    return untruncated_mass(a, b) / std::max(untruncated_mass(low, high), kTinyMass);
}

double TruncatedNormal::sample(RandomStream &rng) const {
    // Draw z from the standard normal truncated to [alpha, beta]; when the whole interval
    // lies above the mean, draw -z from [-beta, -alpha] instead, where the CDF is small.
    const double alpha = (low - mu) / sigma, beta = (high - mu) / sigma;
    const bool mirrored = alpha > 0.0;
    const double lo = mirrored ? -beta : alpha, hi = mirrored ? -alpha : beta;
    const double plo = normal_cdf(lo), phi = normal_cdf(hi);
    const double z = phi > plo
                         ? std::clamp(normal_quantile(plo + (phi - plo) * rng.uniform()), lo, hi)
                         : far_tail_draw(rng, lo, hi);
    return std::clamp(mu + sigma * (mirrored ? -z : z), low, high);
}

} // namespace hpo::samplers
