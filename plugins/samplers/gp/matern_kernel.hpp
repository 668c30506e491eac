// The Matérn-5/2 kernel with automatic relevance determination (one lengthscale per input
// column) and its hyperparameters. Points are the columns of D x n matrices.
#pragma once

#include <Eigen/Core>

namespace hpo::gp {

// The kernel's hyperparameters, optimized in log space:
// theta = [log lengthscale_1 .. log lengthscale_D, log signal variance, log noise variance].
struct Hyperparameters {
    Eigen::VectorXd log_lengthscales;
    double log_signal = 0.0;
    double log_noise = 0.0;

    int n_inputs() const { return static_cast<int>(log_lengthscales.size()); }
    Eigen::VectorXd to_vector() const;
    static Hyperparameters from_vector(const Eigen::VectorXd &theta);
    bool operator==(const Hyperparameters &other) const;
};

namespace matern52 {

// k(r) / signal variance, with r the lengthscale-scaled distance.
double shape(double r);
// -(1 / r) dk/dr / signal variance = 5/3 (1 + sqrt(5) r) exp(-sqrt(5) r): finite at r = 0, it
// gives dk/dlog(l_d) = s2 * slope(r) * (dx_d / l_d)^2 and dk/dx_d = -s2 * slope(r) * dx_d / l_d^2.
double slope(double r);

// shape and slope at every entry of a distance matrix, times s2, sharing the exponentials.
void covariance_and_slope(const Eigen::MatrixXd &r, double s2, Eigen::MatrixXd &k,
                          Eigen::MatrixXd &slopes);

// Columns divided by their lengthscales, so distances between scaled points are r.
Eigen::MatrixXd scale(const Eigen::MatrixXd &points, const Hyperparameters &h);
// Distances r between two sets of scaled points.
Eigen::MatrixXd distances(const Eigen::MatrixXd &a_scaled, const Eigen::MatrixXd &b_scaled);
// Covariances between two sets of scaled points (no noise).
Eigen::MatrixXd covariance(const Eigen::MatrixXd &a_scaled, const Eigen::MatrixXd &b_scaled,
                           const Hyperparameters &h);

}  // namespace matern52

}  // namespace hpo::gp
