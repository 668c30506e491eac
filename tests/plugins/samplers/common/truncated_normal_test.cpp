// The standard normal and its truncations: the quantile inverts the CDF, masses of a truncated
// normal add up, and draws stay in their interval with the right mean, however far out in
// the tail (the normal priors' draws are param_domain_test's).
#include <truncated_normal.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

using hpo::samplers::normal_cdf;
using hpo::samplers::normal_pdf;
using hpo::samplers::normal_quantile;
using hpo::samplers::RandomStream;
using hpo::samplers::TruncatedNormal;

TEST_CASE("the normal quantile inverts the CDF from the far lower tail to the upper") {
    for (double z : {-37.0, -20.0, -5.0, -1.0, 0.0, 0.3, 2.0}) {
        CAPTURE(z);
        CHECK(normal_quantile(normal_cdf(z)) == doctest::Approx(z).epsilon(1e-9));
    }
    CHECK(std::isinf(normal_quantile(0.0)));
    CHECK(normal_pdf(0.0) == doctest::Approx(0.3989422804014327));
}

TEST_CASE("a truncated normal's masses add up to one over its interval") {
    const TruncatedNormal kernel{0.3, 0.2, 0.0, 1.0};
    CHECK(kernel.mass(0.0, 1.0) == doctest::Approx(1.0));
    CHECK(kernel.mass(0.0, 0.3) + kernel.mass(0.3, 1.0) == doctest::Approx(1.0));
    CHECK(kernel.mass(0.0, 0.3) == doctest::Approx((0.5 - normal_cdf(-1.5)) / (normal_cdf(3.5) - normal_cdf(-1.5))));
    const TruncatedNormal upper{0.0, 1.0, 3.0, 4.0}; // computed in the lower tail, mirrored
    CHECK(upper.mass(3.0, 3.1) ==
          doctest::Approx((normal_cdf(-3.0) - normal_cdf(-3.1)) / (normal_cdf(-3.0) - normal_cdf(-4.0)))
              .epsilon(1e-12));
}

TEST_CASE("draws of a truncated normal stay in the interval, however far out it lies") {
    struct Case {
        TruncatedNormal normal;
        double mean; // of the truncated distribution
    };
    for (const Case &c : {Case{{0.0, 1.0, -1.0, 1.0}, 0.0}, Case{{0.0, 1.0, 5.0, 6.0}, 5.1831},
                          Case{{0.0, 1.0, -41.0, -40.0}, -40.025}}) {
        CAPTURE(c.normal.low);
        RandomStream rng(3);
        double sum = 0;
        for (int i = 0; i < 10000; ++i) {
            const double x = c.normal.sample(rng);
            REQUIRE(x >= c.normal.low);
            REQUIRE(x <= c.normal.high);
            sum += x;
        }
        CHECK(sum / 10000 == doctest::Approx(c.mean).epsilon(0.01));
    }
}
