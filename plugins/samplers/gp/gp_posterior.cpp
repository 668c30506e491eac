#include "gp_posterior.hpp"

#include <cmath>

namespace hpo::gp {

namespace {

// The smallest latent variance reported, relative to the signal variance: keeps sigma and
// log sigma finite at the training points.
constexpr double kVarianceFloor = 1e-12;

}  // namespace

Eigen::MatrixXd noisy_kernel_matrix(const Eigen::MatrixXd &points, const Hyperparameters &h) {
    const Eigen::MatrixXd scaled = matern52::scale(points, h);
    Eigen::MatrixXd k = matern52::covariance(scaled, scaled, h);
    k.diagonal().array() += std::exp(h.log_noise);
    return k;
}

void append_points(IncrementalCholesky &factor, const Eigen::MatrixXd &points,
                   const Eigen::MatrixXd &added, const Hyperparameters &h) {
    const Eigen::MatrixXd old_scaled = matern52::scale(points, h);
    const Eigen::MatrixXd new_scaled = matern52::scale(added, h);
    Eigen::MatrixXd k22 = matern52::covariance(new_scaled, new_scaled, h);
    k22.diagonal().array() += std::exp(h.log_noise);
    factor.append(matern52::covariance(old_scaled, new_scaled, h), k22);
}

GpPosterior::GpPosterior(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets,
                         Hyperparameters h, IncrementalCholesky factor)
    : scaled_points_(matern52::scale(points, h)),
      h_(std::move(h)),
      inverse_lengthscales_(h_.log_lengthscales.array().exp().inverse()),
      factor_(std::move(factor)),
      alpha_(factor_.solve(targets)),
      signal_(std::exp(h_.log_signal)) {}

void GpPosterior::predict(const Eigen::MatrixXd &z, Eigen::VectorXd &mean,
                          Eigen::VectorXd &variance) const {
    const Eigen::MatrixXd scaled = inverse_lengthscales_.asDiagonal() * z;
    const Eigen::MatrixXd k = matern52::covariance(scaled_points_, scaled, h_);  // n x m
    mean = k.transpose() * alpha_;
    const Eigen::MatrixXd v = factor_.solve_lower(k);
    variance = (signal_ - v.colwise().squaredNorm().array())
                   .max(kVarianceFloor * signal_)
                   .matrix()
                   .transpose();
}

void GpPosterior::predict_with_gradient(const Eigen::VectorXd &z, double &mean, double &variance,
                                        Eigen::VectorXd &d_mean,
                                        Eigen::VectorXd &d_variance) const {
    const Eigen::Index n = scaled_points_.cols();
    const Eigen::VectorXd scaled = inverse_lengthscales_.cwiseProduct(z);
    Eigen::VectorXd k(n);
    // Columns: dk_i/dz = -s2 * slope(r_i) * (z - x_i) / l^2.
    Eigen::MatrixXd dk(z.size(), n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::VectorXd diff = scaled - scaled_points_.col(i);
        const double r = diff.norm();
        k[i] = signal_ * matern52::shape(r);
        dk.col(i) = (-signal_ * matern52::slope(r)) * diff.cwiseProduct(inverse_lengthscales_);
    }
    mean = k.dot(alpha_);
    d_mean = dk * alpha_;
    const Eigen::VectorXd w = factor_.solve(k);  // K^{-1} k
    const double raw = signal_ - k.dot(w);
    if (raw > kVarianceFloor * signal_) {
        variance = raw;
        d_variance = -2.0 * dk * w;
    } else {
        variance = kVarianceFloor * signal_;
        d_variance = Eigen::VectorXd::Zero(z.size());
    }
}

}  // namespace hpo::gp
