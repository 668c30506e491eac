// The log-form tail functions behind log-EI and log-PI.
#include "normal_tail.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

using namespace hpo::gp;

namespace {

// Direct formulas in long double: 64-bit mantissa and a wider exponent keep them accurate
// down to z = -35, where double's versions underflow or cancel.
long double reference_h(long double z) {
    const long double pdf = std::exp(-0.5L * z * z) / std::sqrt(2.0L * M_PI);
    const long double cdf = 0.5L * std::erfc(-z / std::sqrt(2.0L));
    return pdf + z * cdf;
}

long double reference_cdf(long double z) { return 0.5L * std::erfc(-z / std::sqrt(2.0L)); }

}  // namespace

TEST_CASE("log h and log Phi match direct long double formulas across the tail") {
    for (double z = -35.0; z <= 6.0; z += 0.37) {
        CAPTURE(z);
        CHECK(log_ei_h(z) == doctest::Approx(static_cast<double>(std::log(reference_h(z)))).epsilon(1e-9));
        CHECK(log_normal_cdf(z) ==
              doctest::Approx(static_cast<double>(std::log(reference_cdf(z)))).epsilon(1e-9));
    }
}

TEST_CASE("log EI stays finite, decreasing and smooth for very negative z") {
    double previous = log_ei_h(-1.0);
    for (double z : {-5.0, -9.999, -10.0, -10.001, -40.0, -1e3, -1e6, -1e9}) {
        CAPTURE(z);
        const double value = log_ei_h(z);
        CHECK(std::isfinite(value));
        CHECK(value < previous);
        CHECK(std::isfinite(d_log_ei_h(z)));
        CHECK(d_log_ei_h(z) > 0);
        previous = value;
    }
    // No jump where the asymptotic branch takes over: across it the change is the slope's.
    const double across = log_ei_h(-10.0 + 1e-9) - log_ei_h(-10.0 - 1e-9);
    CHECK(across == doctest::Approx(2e-9 * d_log_ei_h(-10.0)).epsilon(1e-3));
    CHECK(d_log_ei_h(-10.0 + 1e-9) == doctest::Approx(d_log_ei_h(-10.0 - 1e-9)).epsilon(1e-8));
}

TEST_CASE("the derivatives of log h and log Phi match finite differences") {
    for (double z : {-60.0, -12.0, -10.5, -3.0, -0.2, 0.0, 1.5, 4.0}) {
        CAPTURE(z);
        const double step = 1e-6 * std::max(1.0, std::abs(z));
        CHECK(d_log_ei_h(z) ==
              doctest::Approx((log_ei_h(z + step) - log_ei_h(z - step)) / (2 * step)).epsilon(1e-5));
        CHECK(d_log_normal_cdf(z) ==
              doctest::Approx((log_normal_cdf(z + step) - log_normal_cdf(z - step)) / (2 * step))
                  .epsilon(1e-5));
    }
}
