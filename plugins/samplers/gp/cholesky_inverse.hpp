// K^{-1} from the lower Cholesky factor L of K: what the hyperparameter gradient needs at
// every step of a fit. Solving K X = I costs about n^3 multiply-adds; using that L^{-1} is
// lower triangular (each block of its columns needs only the trailing part of L) and that
// K^{-1} = L^{-T} L^{-1} is symmetric (a lower half of triangular products) brings it to
// about n^3 / 3, the bulk of a fit's time at a few hundred observations.
#pragma once

#include <Eigen/Core>

namespace hpo::gp {

// Reads only the lower triangle of `lower` (an Eigen LLT's matrixLLT() will do).
Eigen::MatrixXd cholesky_inverse(const Eigen::MatrixXd &lower);

}  // namespace hpo::gp
