#include "output_transform.hpp"

#include <algorithm>
#include <cmath>

namespace hpo::gp {

namespace {

constexpr double kLambdaLow = -3.0;
constexpr double kLambdaHigh = 3.0;
// Below this distance from 0 (or 2), lambda is taken as exactly 0 (or 2): the general
// formula divides by it.
constexpr double kLambdaEpsilon = 1e-8;

}  // namespace

OutputTransform parse_output_transform(std::string_view name) {
    if (name == "none") return OutputTransform::None;
    if (name == "log") return OutputTransform::Log;
    return OutputTransform::Power;
}

double yeo_johnson(double y, double lambda) {
    if (y >= 0) {
        if (std::abs(lambda) < kLambdaEpsilon) return std::log1p(y);
        return std::expm1(lambda * std::log1p(y)) / lambda;
    }
    const double mirrored = 2.0 - lambda;
    if (std::abs(mirrored) < kLambdaEpsilon) return -std::log1p(-y);
    return -std::expm1(mirrored * std::log1p(-y)) / mirrored;
}

double yeo_johnson_inverse(double t, double lambda) {
    if (t >= 0) {
        if (std::abs(lambda) < kLambdaEpsilon) return std::expm1(t);
        return std::expm1(std::log1p(lambda * t) / lambda);
    }
    const double mirrored = 2.0 - lambda;
    if (std::abs(mirrored) < kLambdaEpsilon) return -std::expm1(-t);
    return -std::expm1(std::log1p(-mirrored * t) / mirrored);
}

double yeo_johnson_log_likelihood(const Eigen::VectorXd &y, double lambda) {
    const Eigen::Index n = y.size();
    const Eigen::VectorXd t = y.unaryExpr([lambda](double v) { return yeo_johnson(v, lambda); });
    const double variance = (t.array() - t.mean()).square().mean();
    // The Jacobian of the transform: (|y| + 1)^(lambda - 1) on the positive side and
    // (|y| + 1)^(1 - lambda) on the negative side.
    double log_jacobian = 0;
    for (const double v : y)
        log_jacobian += (v >= 0 ? 1.0 : -1.0) * std::log1p(std::abs(v));
    return -0.5 * static_cast<double>(n) * std::log(variance) + (lambda - 1.0) * log_jacobian;
}

double fit_yeo_johnson(const Eigen::VectorXd &y) {
    // Golden-section search for the maximum; 60 steps shrink [-3, 3] below 1e-12.
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = kLambdaLow, b = kLambdaHigh;
    double c = b - ratio * (b - a), d = a + ratio * (b - a);
    double fc = yeo_johnson_log_likelihood(y, c), fd = yeo_johnson_log_likelihood(y, d);
    for (int i = 0; i < 60; ++i) {
        if (fc >= fd) {  // the maximum lies in [a, d]: d becomes the upper end, c the inner point
            b = d;
            d = c;
            fd = fc;
            c = b - ratio * (b - a);
            fc = yeo_johnson_log_likelihood(y, c);
        } else {  // in [c, b]
            a = c;
            c = d;
            fc = fd;
            d = a + ratio * (b - a);
            fd = yeo_johnson_log_likelihood(y, d);
        }
    }
    return 0.5 * (a + b);
}

Eigen::VectorXd transform_outputs(const Eigen::VectorXd &y, OutputTransform kind) {
    if (kind == OutputTransform::None || y.size() < 3) return y;
    const double low = y.minCoeff();
    const double sd = std::sqrt((y.array() - y.mean()).square().mean());
    if (!(sd > 1e-12 * std::max(1.0, std::abs(low)))) return y;
    const Eigen::VectorXd u = (y.array() - low) / sd;
    const double lambda = kind == OutputTransform::Log ? 0.0 : fit_yeo_johnson(u);
    return u.unaryExpr([lambda](double v) { return yeo_johnson(v, lambda); });
}

}  // namespace hpo::gp
