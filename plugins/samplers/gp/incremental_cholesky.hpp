// A lower Cholesky factor L (K = L L^T) that grows by blocks: appending m points to an n-point
// factor costs O(n^2 m) instead of the O((n + m)^3) of factoring again. The sampler keeps one
// between asks and appends the trials completed since, while the kernel hyperparameters stay
// the same; pending points are appended to a copy.
#pragma once

#include <Eigen/Core>

namespace hpo::gp {

class IncrementalCholesky {
public:
    // Factors a symmetric positive definite matrix from scratch.
    void reset(const Eigen::MatrixXd &k);
    // Grows the factor of K to that of [[K, k12], [k12^T, k22]].
    void append(const Eigen::MatrixXd &k12, const Eigen::MatrixXd &k22);

    Eigen::Index size() const { return l_.rows(); }
    const Eigen::MatrixXd &lower() const { return l_; }
    // L^{-1} b
    Eigen::MatrixXd solve_lower(const Eigen::MatrixXd &b) const;
    // K^{-1} b
    Eigen::MatrixXd solve(const Eigen::MatrixXd &b) const;

private:
    Eigen::MatrixXd l_;
};

}  // namespace hpo::gp
