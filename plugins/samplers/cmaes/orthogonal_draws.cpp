#include "orthogonal_draws.hpp"

#include <hpo_kit/random_stream.hpp>

#include <Eigen/QR>

#include <cmath>
#include <stdexcept>

namespace hpo::cmaes {

Eigen::VectorXd orthogonal_draw(uint64_t key, Eigen::Index n, int64_t offset) {
    if (offset < 0 || n < 1) throw std::invalid_argument("orthogonal_draw: a negative offset or no dimension");
    const int64_t block = offset / n;
    const auto column = static_cast<Eigen::Index>(offset % n);
    plugin_kit::RandomStream draws(plugin_kit::stream_key({key, static_cast<uint64_t>(block)}));
    Eigen::MatrixXd gaussian(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i) gaussian(i, j) = draws.normal();
    // Q of a Gaussian matrix, its columns' signs fixed by R's diagonal, is uniform over the
    // orthogonal matrices (Mezzadri 2007); the plain Householder Q is not.
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian);
    const Eigen::MatrixXd q = qr.householderQ();
    const double sign = qr.matrixQR()(column, column) < 0 ? -1.0 : 1.0;
    // The length of an independent N(0, I) vector: chi with n degrees of freedom.
    double squared_length = 0;
    for (Eigen::Index k = 0; k < n * (column + 1); ++k) {
        const double x = draws.normal();
        if (k >= n * column) squared_length += x * x;
    }
    return sign * std::sqrt(squared_length) * q.col(column);
}

} // namespace hpo::cmaes
