#include "incremental_cholesky.hpp"

#include <Eigen/Cholesky>

#include <stdexcept>

namespace hpo::gp {

namespace {

// Factors a matrix that rounding may have pushed just past positive definite by adding a
// growing multiple of its mean diagonal, as GP libraries do ("jitter").
Eigen::MatrixXd robust_llt(const Eigen::MatrixXd &a) {
    const double base = a.rows() > 0 ? a.diagonal().mean() : 1.0;
    double jitter = 0.0;
    for (int attempt = 0; attempt < 6; ++attempt) {
        Eigen::MatrixXd shifted = a;
        shifted.diagonal().array() += jitter;
        Eigen::LLT<Eigen::MatrixXd> llt(shifted);
        if (llt.info() == Eigen::Success)
            return llt.matrixL();
        jitter = jitter == 0.0 ? 1e-10 * base : jitter * 100.0;
    }
    throw std::runtime_error("gp: the kernel matrix is not positive definite");
}

}  // namespace

void IncrementalCholesky::reset(const Eigen::MatrixXd &k) { l_ = robust_llt(k); }

void IncrementalCholesky::append(const Eigen::MatrixXd &k12, const Eigen::MatrixXd &k22) {
    const Eigen::Index n = l_.rows(), m = k22.rows();
    // L21 = (L11^{-1} K12)^T, L22 = chol(K22 - L21 L21^T).
    const Eigen::MatrixXd l21t = solve_lower(k12);
    const Eigen::MatrixXd schur = k22 - l21t.transpose() * l21t;
    l_.conservativeResize(n + m, n + m);
    l_.topRightCorner(n, m).setZero();
    l_.bottomLeftCorner(m, n) = l21t.transpose();
    l_.bottomRightCorner(m, m) = robust_llt(schur);
}

Eigen::MatrixXd IncrementalCholesky::solve_lower(const Eigen::MatrixXd &b) const {
    return l_.triangularView<Eigen::Lower>().solve(b);
}

Eigen::MatrixXd IncrementalCholesky::solve(const Eigen::MatrixXd &b) const {
    return l_.triangularView<Eigen::Lower>().transpose().solve(solve_lower(b));
}

}  // namespace hpo::gp
