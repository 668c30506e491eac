#include "cholesky_inverse.hpp"

#include <algorithm>

namespace hpo::gp {

namespace {
// Columns per block: wide enough for Eigen's blocked kernels, narrow enough that the zeros
// above each block's diagonal are rarely computed.
constexpr Eigen::Index kBlock = 48;
}  // namespace

Eigen::MatrixXd cholesky_inverse(const Eigen::MatrixXd &lower) {
    const Eigen::Index n = lower.rows();
    // X = L^{-1}, block column by block column: rows above the block are zero, so
    // L[j:, j:] X[j:, block] = I[j:, block].
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index j = 0; j < n; j += kBlock) {
        const Eigen::Index m = n - j, w = std::min(kBlock, m);
        auto block = x.block(j, j, m, w);
        block.setIdentity();
        lower.bottomRightCorner(m, m).triangularView<Eigen::Lower>().solveInPlace(block);
    }
    // K^{-1} = X^T X; in block column J, rows from j on: X[j:, j:]^T X[j:, J], whose left
    // factor is upper triangular (the rows of X above j add nothing: they are zero there).
    Eigen::MatrixXd inverse(n, n);
    for (Eigen::Index j = 0; j < n; j += kBlock) {
        const Eigen::Index m = n - j, w = std::min(kBlock, m);
        inverse.block(j, j, m, w).noalias() =
            x.bottomRightCorner(m, m).transpose().triangularView<Eigen::Upper>() * x.block(j, j, m, w);
    }
    // The strictly upper part, mirrored from the lower one computed above.
    for (Eigen::Index k = 0; k + 1 < n; ++k)
        inverse.row(k).tail(n - k - 1) = inverse.col(k).tail(n - k - 1).transpose();
    return inverse;
}

}  // namespace hpo::gp
