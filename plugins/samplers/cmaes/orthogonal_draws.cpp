#include "orthogonal_draws.hpp"

#include <hpo_kit/random_stream.hpp>

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hpo::cmaes {

namespace {

// The vectors of block `block`, from its column `first` through `last`.
void draw_block(uint64_t key, Eigen::Index n, int64_t block, Eigen::Index first, Eigen::Index last,
                std::vector<Eigen::VectorXd> &out) {
    plugin_kit::RandomStream draws(plugin_kit::stream_key({key, static_cast<uint64_t>(block)}));
    Eigen::MatrixXd gaussian(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i) gaussian(i, j) = draws.normal();
    // Q of a Gaussian matrix, its columns' signs fixed by R's diagonal, is uniform over the
    // orthogonal matrices (Mezzadri 2007); the plain Householder Q is not.
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian);
    const Eigen::MatrixXd q = qr.householderQ();
    // Each column's length is that of an independent N(0, I) vector: chi with n degrees of
    // freedom, column c's from the stream's c-th n normals after the matrix.
    for (Eigen::Index column = 0; column <= last; ++column) {
        double squared_length = 0;
        for (Eigen::Index k = 0; k < n; ++k) {
            const double x = draws.normal();
            squared_length += x * x;
        }
        if (column < first) continue;
        const double sign = qr.matrixQR()(column, column) < 0 ? -1.0 : 1.0;
        out.push_back(sign * std::sqrt(squared_length) * q.col(column));
    }
}

} // namespace

Eigen::VectorXd orthogonal_draw(uint64_t key, Eigen::Index n, int64_t offset) {
    if (offset < 0 || n < 1) throw std::invalid_argument("orthogonal_draw: a negative offset or no dimension");
    const auto column = static_cast<Eigen::Index>(offset % n);
    std::vector<Eigen::VectorXd> one;
    draw_block(key, n, offset / n, column, column, one);
    return one.front();
}

std::vector<Eigen::VectorXd> orthogonal_draws(uint64_t key, Eigen::Index n, int64_t count) {
    if (count < 0 || n < 1) throw std::invalid_argument("orthogonal_draws: a negative count or no dimension");
    std::vector<Eigen::VectorXd> all;
    for (int64_t block = 0; block * n < count; ++block)
        draw_block(key, n, block, 0, std::min<Eigen::Index>(n, count - block * n) - 1, all);
    return all;
}

} // namespace hpo::cmaes
