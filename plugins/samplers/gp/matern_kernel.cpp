#include "matern_kernel.hpp"

#include <cmath>

namespace hpo::gp {

Eigen::VectorXd Hyperparameters::to_vector() const {
    Eigen::VectorXd theta(n_inputs() + 2);
    theta << log_lengthscales, log_signal, log_noise;
    return theta;
}

Hyperparameters Hyperparameters::from_vector(const Eigen::VectorXd &theta) {
    const Eigen::Index d = theta.size() - 2;
    return {theta.head(d), theta[d], theta[d + 1]};
}

bool Hyperparameters::operator==(const Hyperparameters &other) const {
    return log_lengthscales.size() == other.log_lengthscales.size() &&
           log_lengthscales == other.log_lengthscales && log_signal == other.log_signal &&
           log_noise == other.log_noise;
}

namespace matern52 {

namespace {
const double kSqrt5 = std::sqrt(5.0);
}

double shape(double r) { return (1.0 + kSqrt5 * r + 5.0 / 3.0 * r * r) * std::exp(-kSqrt5 * r); }

double slope(double r) { return 5.0 / 3.0 * (1.0 + kSqrt5 * r) * std::exp(-kSqrt5 * r); }

void covariance_and_slope(const Eigen::MatrixXd &r, double s2, Eigen::MatrixXd &k,
                          Eigen::MatrixXd &slopes) {
    // Straight into the outputs, no n x n temporaries (this runs at every step of a fit):
    // k holds s2 exp(-sqrt5 r) first, which both results are multiples of.
    const auto &x = r.array();
    k = (s2 * (-kSqrt5 * x).exp()).matrix();
    slopes = (5.0 / 3.0 * k.array() * (1.0 + kSqrt5 * x)).matrix();
    k.array() *= 1.0 + kSqrt5 * x + 5.0 / 3.0 * x.square();
}

Eigen::MatrixXd scale(const Eigen::MatrixXd &points, const Hyperparameters &h) {
    return h.log_lengthscales.array().exp().inverse().matrix().asDiagonal() * points;
}

Eigen::MatrixXd distances(const Eigen::MatrixXd &a_scaled, const Eigen::MatrixXd &b_scaled) {
    // r^2 = |a|^2 + |b|^2 - 2 a.b: one matrix product instead of a loop over dimensions.
    Eigen::MatrixXd r2 = -2.0 * a_scaled.transpose() * b_scaled;
    r2.colwise() += a_scaled.colwise().squaredNorm().transpose();
    r2.rowwise() += b_scaled.colwise().squaredNorm();
    return r2.array().max(0.0).sqrt().matrix();
}

Eigen::MatrixXd covariance(const Eigen::MatrixXd &a_scaled, const Eigen::MatrixXd &b_scaled,
                           const Hyperparameters &h) {
    const double s2 = std::exp(h.log_signal);
    return distances(a_scaled, b_scaled).unaryExpr([s2](double r) { return s2 * shape(r); });
}

}  // namespace matern52

}  // namespace hpo::gp
