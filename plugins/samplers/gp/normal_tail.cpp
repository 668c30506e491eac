#include "normal_tail.hpp"

#include <truncated_normal.hpp>

#include <cmath>

namespace hpo::gp {

namespace {

using samplers::kLogSqrt2Pi;
using samplers::normal_cdf;
using samplers::normal_pdf;

// Below this z the direct formulas lose more than two digits to cancellation, and the
// asymptotic series below converge to full precision before they start to diverge.
constexpr double kTail = -10.0;

// sum_n (-1)^n c_n / t^(2n) with c_0 = 1 and c_n = c_(n-1) * (2n + offset): offset -1 gives
// Phi(-t) = phi(t) / t * S, offset +1 gives h(-t) = phi(t) / t^2 * S.
double tail_series(double t, int offset) {
    const double inv_t2 = 1.0 / (t * t);
    double term = 1.0, sum = 1.0;
    for (int n = 1; n < 60; ++n) {
        term *= -(2.0 * n + offset) * inv_t2;
        sum += term;
        if (std::abs(term) < 1e-17 * std::abs(sum))
            break;
    }
    return sum;
}

}  // namespace

double log_normal_cdf(double z) {
    if (z > 0)
        return std::log1p(-normal_cdf(-z));
    if (z > kTail)
        return std::log(normal_cdf(z));
    const double t = -z;
    return -0.5 * t * t - kLogSqrt2Pi - std::log(t) + std::log(tail_series(t, -1));
}

double d_log_normal_cdf(double z) {
    if (z > kTail)
        return normal_pdf(z) / normal_cdf(z);
    const double t = -z;
    return t / tail_series(t, -1);
}

double log_ei_h(double z) {
    if (z > kTail)
        return std::log(normal_pdf(z) + z * normal_cdf(z));
    const double t = -z;
    return -0.5 * t * t - kLogSqrt2Pi - 2.0 * std::log(t) + std::log(tail_series(t, 1));
}

double d_log_ei_h(double z) {
    if (z > kTail)
        return normal_cdf(z) / (normal_pdf(z) + z * normal_cdf(z));
    const double t = -z;
    return t * tail_series(t, -1) / tail_series(t, 1);
}

}  // namespace hpo::gp
