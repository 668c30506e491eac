// The warp of observed values before standardizing: Yeo-Johnson's transform, its inverse,
// the maximum-likelihood lambda, and the sampler-facing transform_outputs.
#include "output_transform.hpp"

#include <hpo_kit/random_stream.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

using namespace hpo::gp;

namespace {

const std::initializer_list<double> kLambdas = {-2.5, -1.0, -1e-10, 0.0, 0.4, 1.0, 2.0, 2.7};

// n draws of yeo_johnson_inverse(N(mean, sd), lambda): values that are Gaussian exactly after
// the transform with `lambda`.
Eigen::VectorXd warped_gaussian(double lambda, double mean, double sd, int n, uint64_t seed) {
    hpo::plugin_kit::RandomStream stream(seed);
    Eigen::VectorXd y(n);
    for (double &v : y)
        v = yeo_johnson_inverse(mean + sd * stream.normal(), lambda);
    return y;
}

}  // namespace

TEST_CASE("Yeo-Johnson is increasing for every lambda, on both sides of zero") {
    for (const double lambda : kLambdas) {
        CAPTURE(lambda);
        double previous = yeo_johnson(-1e3, lambda);
        int decreasing = 0;  // steps that did not increase; one CHECK per lambda
        for (double y = -1e3 + 0.37; y < 1e3; y += y > -2 && y < 2 ? 0.01 : 3.7) {
            const double t = yeo_johnson(y, lambda);
            decreasing += t > previous ? 0 : 1;
            previous = t;
        }
        CHECK(decreasing == 0);
    }
    CHECK(yeo_johnson(0.0, 0.4) == 0.0);
    CHECK(yeo_johnson(5.0, 1.0) == doctest::Approx(5.0));   // lambda 1: the identity
    CHECK(yeo_johnson(-5.0, 1.0) == doctest::Approx(-5.0));
    CHECK(yeo_johnson(std::exp(2.0) - 1.0, 0.0) == doctest::Approx(2.0));  // lambda 0: log(1 + y)
}

TEST_CASE("the inverse undoes the transform") {
    for (const double lambda : kLambdas)
        for (const double y : {-40.0, -3.0, -0.5, -1e-9, 0.0, 1e-9, 0.5, 3.0, 40.0}) {
            CAPTURE(lambda);
            CAPTURE(y);
            CHECK(yeo_johnson_inverse(yeo_johnson(y, lambda), lambda) ==
                  doctest::Approx(y).epsilon(1e-9).scale(1e-9));
        }
}

TEST_CASE("the fitted lambda recovers the one that made the values Gaussian") {
    // (mean, sd) keep the draws inside the inverse's domain: below -1/lambda when lambda < 0.
    struct Case { double lambda, mean, sd; };
    for (const Case c : {Case{-0.5, 0.5, 0.3}, Case{0.0, 1.0, 1.0}, Case{0.5, 1.0, 1.0},
                         Case{1.0, 1.0, 1.0}, Case{1.5, 0.0, 2.0}}) {
        const double lambda = c.lambda;
        CAPTURE(lambda);
        const Eigen::VectorXd y = warped_gaussian(lambda, c.mean, c.sd, 4000, 17);
        CHECK(std::abs(fit_yeo_johnson(y) - lambda) < 0.1);
        CHECK(yeo_johnson_log_likelihood(y, lambda) > yeo_johnson_log_likelihood(y, lambda + 0.5));
        CHECK(yeo_johnson_log_likelihood(y, lambda) > yeo_johnson_log_likelihood(y, lambda - 0.5));
    }
}

TEST_CASE("transform_outputs keeps the order and compresses values spanning decades") {
    Eigen::VectorXd y(40);
    for (Eigen::Index i = 0; i < y.size(); ++i)
        y[i] = 3.0 + std::pow(10.0, 0.15 * static_cast<double>((i * 7) % 40));  // 1 .. 1e6, shuffled
    for (const OutputTransform kind : {OutputTransform::None, OutputTransform::Log, OutputTransform::Power}) {
        const Eigen::VectorXd t = transform_outputs(y, kind);
        REQUIRE(t.size() == y.size());
        int swapped = 0;  // pairs whose order changed
        for (Eigen::Index i = 0; i < y.size(); ++i)
            for (Eigen::Index j = 0; j < y.size(); ++j)
                swapped += (y[i] < y[j]) == (t[i] < t[j]) ? 0 : 1;
        CHECK(swapped == 0);
    }
    // The warped values' spread is no longer one outlier's: the largest sits within a few
    // standard deviations of the mean, where the raw values put it far out (over 4 here).
    auto largest_z = [](const Eigen::VectorXd &v) {
        const double sd = std::sqrt((v.array() - v.mean()).square().mean());
        return (v.maxCoeff() - v.mean()) / sd;
    };
    CHECK(largest_z(y) > 4.0);
    CHECK(largest_z(transform_outputs(y, OutputTransform::Power)) < 2.5);
    CHECK(largest_z(transform_outputs(y, OutputTransform::Log)) < largest_z(y) - 0.5);
    // Log is Yeo-Johnson at lambda 0 on the values shifted to 0 and scaled by their sd.
    const double sd = std::sqrt((y.array() - y.mean()).square().mean());
    CHECK(transform_outputs(y, OutputTransform::Log)[1] ==
          doctest::Approx(std::log1p((y[1] - y.minCoeff()) / sd)));
}

TEST_CASE("transform_outputs leaves too few or equal values as they are") {
    CHECK(transform_outputs(Eigen::Vector2d(1.0, 1e6), OutputTransform::Power) == Eigen::Vector2d(1.0, 1e6));
    const Eigen::VectorXd same = Eigen::VectorXd::Constant(5, 2.5);
    CHECK(transform_outputs(same, OutputTransform::Power) == same);
}

TEST_CASE("the transform is invariant to the objective's offset and units") {
    const Eigen::VectorXd y = warped_gaussian(0.3, 1.0, 1.0, 50, 3).array().exp();
    const Eigen::VectorXd moved = 1e4 + 250.0 * y.array();
    const Eigen::VectorXd a = transform_outputs(y, OutputTransform::Power);
    const Eigen::VectorXd b = transform_outputs(moved, OutputTransform::Power);
    for (Eigen::Index i = 0; i < y.size(); ++i)
        CHECK(b[i] == doctest::Approx(a[i]).epsilon(1e-6));
}
