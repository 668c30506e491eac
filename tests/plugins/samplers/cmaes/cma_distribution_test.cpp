// CMA-ES's distribution alone: it converges on a sphere in each variant, stalls on a flat
// function, and survives a round trip through JSON unchanged.
#include "cma_distribution.hpp"

#include <trial_streams.hpp>

#include <Eigen/Eigenvalues>
#include <doctest/doctest.h>

#include <cmath>

using hpo::cmaes::CmaDistribution;
using hpo::cmaes::CmaSettings;
using Eigen::VectorXd;

namespace {

// Runs `generations` generations on f and returns the distribution.
template <class F>
CmaDistribution run(F f, const CmaSettings &settings, int n, int generations, uint64_t seed = 1) {
    CmaDistribution d(VectorXd::Constant(n, 0.5), 1.0 / 6, 4 + static_cast<int>(3 * std::log(n)));
    hpo::samplers::RandomStream rng(seed);
    for (int g = 0; g < generations; ++g) {
        std::vector<std::pair<VectorXd, double>> told;
        for (int k = 0; k < d.lambda(); ++k) {
            VectorXd z(n);
            for (int j = 0; j < n; ++j) z(j) = rng.normal();
            const VectorXd x = d.sample(z);
            told.emplace_back(x, f(x));
        }
        d.tell(told, settings);
    }
    return d;
}

double shifted_sphere(const VectorXd &x) { return (x.array() - 0.3).square().sum(); }

} // namespace

TEST_CASE("CMA-ES's mean converges to a sphere's optimum, in every variant") {
    for (const auto &variant : {std::pair{false, false}, {true, false}, {false, true}}) {
        const bool separable = variant.first, lr_adapt = variant.second;
        CAPTURE(separable);
        CAPTURE(lr_adapt);
        CmaSettings settings;
        settings.separable = separable;
        settings.lr_adapt = lr_adapt;
        const CmaDistribution d = run(shifted_sphere, settings, 4, 100);
        CHECK((d.mean().array() - 0.3).abs().maxCoeff() < 1e-3);
        CHECK(d.sigma() < 0.01);
    }
}

TEST_CASE("the separable variant keeps a diagonal covariance") {
    CmaSettings settings;
    settings.separable = true;
    const CmaDistribution d = run([](const VectorXd &x) { return std::pow(x(0) + x(1) - 1, 2); },
                                  settings, 3, 20);
    const Eigen::MatrixXd off = d.covariance() - Eigen::MatrixXd(d.covariance().diagonal().asDiagonal());
    CHECK(off.cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("a flat function stalls the run, a sloped one does not") {
    CHECK(run([](const VectorXd &) { return 1.0; }, CmaSettings{}, 2, 40).stalled());
    CHECK_FALSE(run([](const VectorXd &x) { return x.sum(); }, CmaSettings{}, 2, 10).stalled());
}

TEST_CASE("with a margin a discrete coordinate keeps a chance of leaving the mean's cell") {
    // Coordinate 0 has 3 cells; minimizing the distance to a point of its middle cell would
    // shrink sigma until it never leaves; the margin keeps the mean close enough to the
    // cell's edge (or that coordinate's spread wide enough) to leave it.
    CmaSettings settings;
    settings.cells = {{0.0, 1.0 / 3, 2.0 / 3, 1.0}, {}};
    const auto f = [](const VectorXd &x) {
        return std::pow(std::round(x(0) * 3 - 0.5), 2) + std::pow(x(1) - 0.2, 2);
    };
    const CmaDistribution d = run(f, settings, 2, 120);
    const double spread0 = d.sigma() * std::sqrt(d.covariance()(0, 0));
    CmaDistribution probe = d;
    int left = 0;
    hpo::samplers::RandomStream rng(3);
    for (int k = 0; k < 4000; ++k) {
        VectorXd z(2);
        z << rng.normal(), rng.normal();
        const double x0 = probe.sample(z)(0);
        left += std::floor(x0 * 3) != std::floor(d.mean()(0) * 3);
    }
    CHECK(spread0 > 0);
    CHECK(left > 0); // 1 / (n lambda) = 1 / 14 of the draws, about 280, at the least
}

TEST_CASE("a distribution read back from JSON is the one saved") {
    CmaSettings settings;
    settings.lr_adapt = true;
    const CmaDistribution d = run(shifted_sphere, settings, 3, 7);
    const CmaDistribution back = CmaDistribution::from_json(d.to_json());
    CHECK(back.to_json() == d.to_json());
    CHECK(back.generation() == 7);
    nlohmann::json broken = d.to_json();
    broken["cov"] = {1.0, 2.0};
    CHECK_THROWS_WITH(CmaDistribution::from_json(broken), doctest::Contains("a covariance of 2 entries for 3"));
}

TEST_CASE("the worse half's directions shrink below a direction no sample took (active CMA)") {
    // Better samples along the first axis, worse ones along the second, none along the third:
    // the mean moves along the first axis alone, and positive weights alone would leave the
    // second and third variances equal; negative ones take variance from the second.
    CmaDistribution d(VectorXd::Constant(3, 0.5), 0.1, 4);
    auto at = [](int axis, double sign) {
        VectorXd x = VectorXd::Constant(3, 0.5);
        x(axis) += sign * 0.1;
        return x;
    };
    d.tell({{at(0, 1), 1.0}, {at(0, -1), 1.0}, {at(1, 1), 2.0}, {at(1, -1), 2.0}}, CmaSettings{});
    const Eigen::MatrixXd &c = d.covariance();
    CHECK(c(0, 0) > c(2, 2));
    CHECK(c(1, 1) < c(2, 2) - 1e-3);
    CHECK((d.mean().tail(2).array() - 0.5).abs().maxCoeff() < 1e-12);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(c);
    CHECK(eigen.eigenvalues().minCoeff() > 0);
}
