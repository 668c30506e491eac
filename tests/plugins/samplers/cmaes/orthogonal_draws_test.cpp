// A generation's draws: orthogonal within each block of n, different across blocks and
// generations, and each one alone a standard normal vector.
#include "orthogonal_draws.hpp"

#include <doctest/doctest.h>

#include <cmath>

using hpo::cmaes::orthogonal_draw;
using hpo::cmaes::orthogonal_draws;
using Eigen::VectorXd;

TEST_CASE("a generation's draws are orthogonal within each block of n and differ across blocks") {
    const Eigen::Index n = 5;
    for (const uint64_t key : {1ull, 2ull, 99ull}) {
        CAPTURE(key);
        for (int64_t block = 0; block < 3; ++block)
            for (int64_t a = 0; a < n; ++a)
                for (int64_t b = a + 1; b < n; ++b) {
                    const VectorXd u = orthogonal_draw(key, n, block * n + a);
                    const VectorXd v = orthogonal_draw(key, n, block * n + b);
                    CHECK(std::abs(u.dot(v)) < 1e-9 * u.norm() * v.norm());
                }
        // Across blocks nothing is kept: the first draws of two blocks are not the same direction.
        const VectorXd first = orthogonal_draw(key, n, 0), next_block = orthogonal_draw(key, n, n);
        CHECK(std::abs(first.normalized().dot(next_block.normalized())) < 0.999);
        CHECK(orthogonal_draw(key, n, 3) == orthogonal_draw(key, n, 3)); // a draw is a function of its key
    }
    CHECK(orthogonal_draw(1, n, 0) != orthogonal_draw(2, n, 0));
}

TEST_CASE("each orthogonal draw alone is a standard normal vector") {
    // Over many generations, a draw's coordinates have mean 0 and variance 1, and its squared
    // length varies as chi-squared with n degrees of freedom does (variance 2n), not fixed at
    // n: what CMA-ES's updates assume of every sample.
    const Eigen::Index n = 4;
    const int generations = 4000;
    double sum = 0, length_sq = 0, length_sq_sq = 0;
    for (int g = 0; g < generations; ++g)
        for (int64_t offset = 0; offset < n; ++offset) {
            const VectorXd z = orthogonal_draw(static_cast<uint64_t>(g) + 1, n, offset);
            sum += z.sum();
            length_sq += z.squaredNorm();
            length_sq_sq += z.squaredNorm() * z.squaredNorm();
        }
    const double draws = static_cast<double>(generations) * static_cast<double>(n);
    const double mean_length_sq = length_sq / draws;
    CHECK(std::abs(sum / (draws * static_cast<double>(n))) < 0.02);
    CHECK(std::abs(mean_length_sq / static_cast<double>(n) - 1) < 0.03);
    CHECK(std::abs((length_sq_sq / draws - mean_length_sq * mean_length_sq) / (2.0 * static_cast<double>(n)) - 1) < 0.15);
}

TEST_CASE("a generation's draws taken at once are the draws taken one by one") {
    const Eigen::Index n = 4;
    const auto all = orthogonal_draws(7, n, 10); // two blocks and a half
    REQUIRE(all.size() == 10);
    for (int64_t offset = 0; offset < 10; ++offset) CHECK(all[static_cast<std::size_t>(offset)] == orthogonal_draw(7, n, offset));
    CHECK(orthogonal_draws(7, n, 0).empty());
}
