// The GP posterior: mean and variance of the latent function at new points, with their
// gradients, from training points, their (standardized) targets and a factor of the noisy
// kernel matrix.
#pragma once

#include "incremental_cholesky.hpp"
#include "matern_kernel.hpp"

#include <Eigen/Core>

namespace hpo::gp {

// K(points, points) + noise I: what the factor factors.
Eigen::MatrixXd noisy_kernel_matrix(const Eigen::MatrixXd &points, const Hyperparameters &h);

// Appends `added` to a factor of `points`' noisy kernel matrix.
void append_points(IncrementalCholesky &factor, const Eigen::MatrixXd &points,
                   const Eigen::MatrixXd &added, const Hyperparameters &h);

class GpPosterior {
public:
    GpPosterior(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets, Hyperparameters h,
                IncrementalCholesky factor);

    // Mean and latent variance at each column of z.
    void predict(const Eigen::MatrixXd &z, Eigen::VectorXd &mean, Eigen::VectorXd &variance) const;
    // The same at one point, with gradients with respect to it.
    void predict_with_gradient(const Eigen::VectorXd &z, double &mean, double &variance,
                               Eigen::VectorXd &d_mean, Eigen::VectorXd &d_variance) const;

private:
    Eigen::MatrixXd scaled_points_;
    Hyperparameters h_;
    Eigen::VectorXd inverse_lengthscales_;
    IncrementalCholesky factor_;
    Eigen::VectorXd alpha_;  // K^{-1} y
    double signal_;
};

}  // namespace hpo::gp
