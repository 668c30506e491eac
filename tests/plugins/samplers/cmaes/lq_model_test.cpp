// The surrogate of lq-CMA-ES: its form grows with the data, it fits a quadratic exactly once
// it has the data for it, and Kendall's tau against hand-counted pairs.
#include "lq_model.hpp"

#include <doctest/doctest.h>

#include <Eigen/Dense>

#include <random>
#include <vector>

using hpo::cmaes::kendall_tau;
using hpo::cmaes::LqModel;
using hpo::cmaes::Observation;
using Eigen::VectorXd;

namespace {

// A rotated, unevenly scaled bowl in 3-D around c, plus 2: every coefficient of the full form,
// cross terms included, is non-zero.
double bowl(const VectorXd &x) {
    Eigen::Matrix3d h;
    h << 4, 1, 0.5, 1, 3, -0.7, 0.5, -0.7, 2;
    const VectorXd d = x - Eigen::Vector3d(0.3, 0.6, 0.45);
    return d.dot(h * d) + 2;
}

std::vector<Observation> samples_of(int count, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<Observation> samples;
    for (int i = 0; i < count; ++i) {
        const VectorXd x = Eigen::Vector3d(unit(rng), unit(rng), unit(rng));
        samples.push_back({x, bowl(x)});
    }
    return samples;
}

} // namespace

TEST_CASE("the model's form grows from affine to diagonal to full with the samples it has") {
    // 3-D: the affine form has 4 coefficients, the diagonal 7, the full 10; a form is taken
    // once 3/4 of the samples number 1.1 times its coefficients (11 for the diagonal, 15 for
    // the full one).
    CHECK_FALSE(LqModel::fit(samples_of(4, 1))); // fewer than n + 2
    CHECK(LqModel::fit(samples_of(5, 1))->form() == LqModel::Form::affine);
    CHECK(LqModel::fit(samples_of(10, 1))->form() == LqModel::Form::affine);
    CHECK(LqModel::fit(samples_of(11, 1))->form() == LqModel::Form::diagonal);
    CHECK(LqModel::fit(samples_of(14, 1))->form() == LqModel::Form::diagonal);
    CHECK(LqModel::fit(samples_of(15, 1))->form() == LqModel::Form::full);
    CHECK(LqModel::capacity(3) == 10);
    CHECK(LqModel::capacity(10) == 66);
}

TEST_CASE("beyond 20 dimensions the model stops at the diagonal form, whatever the data") {
    // A full quadratic in 30-D has 496 coefficients; its fit would cost an ask a tenth of a
    // second, and seconds in 50-D.
    CHECK(LqModel::capacity(20) == 231);
    CHECK(LqModel::capacity(30) == 61);
    std::mt19937_64 rng(6);
    std::normal_distribution<double> normal;
    std::vector<Observation> samples;
    for (int i = 0; i < 1000; ++i) {
        VectorXd x(30);
        for (Eigen::Index j = 0; j < 30; ++j) x(j) = normal(rng);
        samples.push_back({x, x.squaredNorm()});
    }
    const auto model = LqModel::fit(samples);
    REQUIRE(model);
    CHECK(model->form() == LqModel::Form::diagonal);
    const VectorXd probe = VectorXd::Constant(30, 0.3);
    CHECK(model->predict(probe) == doctest::Approx(probe.squaredNorm()).epsilon(1e-6));
}

TEST_CASE("the full form fits a rotated quadratic exactly, its cross terms included") {
    const auto model = LqModel::fit(samples_of(30, 2));
    REQUIRE(model);
    REQUIRE(model->form() == LqModel::Form::full);
    for (const Observation &fresh : samples_of(20, 3)) CHECK(model->predict(fresh.x) == doctest::Approx(fresh.loss).epsilon(1e-6));
    // Far from the samples too: the coefficients are the bowl's, not an interpolation.
    CHECK(model->predict(Eigen::Vector3d(3, -2, 5)) == doctest::Approx(bowl(Eigen::Vector3d(3, -2, 5))).epsilon(1e-6));
}

TEST_CASE("a fit at a tiny scale is as good as one at the unit scale") {
    // A run whose step size has shrunk: the samples span 1e-7 around the optimum.
    std::vector<Observation> samples = samples_of(30, 4);
    const VectorXd optimum = Eigen::Vector3d(0.3, 0.6, 0.45);
    for (Observation &o : samples) {
        o.x = optimum + 1e-7 * (o.x - optimum);
        o.loss = bowl(o.x) - 2;
    }
    const auto model = LqModel::fit(samples);
    REQUIRE(model);
    const VectorXd probe = optimum + 1e-7 * Eigen::Vector3d(0.5, -0.2, 0.1);
    CHECK(model->predict(probe) == doctest::Approx(bowl(probe) - 2).epsilon(1e-4));
    CHECK(model->predict(optimum) < model->predict(probe));
}

TEST_CASE("samples on a lower-dimensional set still give a finite model") {
    // Every sample has x2 = 0.5 (a margin's grid or a bound can do this): x2's coefficients
    // are not determined, and the fit must not blow up.
    std::vector<Observation> samples = samples_of(30, 5);
    for (Observation &o : samples) {
        o.x(2) = 0.5;
        o.loss = bowl(o.x);
    }
    const auto model = LqModel::fit(samples);
    REQUIRE(model);
    const VectorXd probe = Eigen::Vector3d(0.2, 0.4, 0.5);
    CHECK(model->predict(probe) == doctest::Approx(bowl(probe)).epsilon(1e-5));
}

TEST_CASE("Kendall's tau against hand-counted pairs") {
    const std::vector<double> up = {1, 2, 3, 4};
    CHECK(kendall_tau(up, up) == 1);
    CHECK(kendall_tau(up, std::vector<double>{4, 3, 2, 1}) == -1);
    // (1,3) agrees, (1,2) agrees, (3,2) disagrees: 1/3.
    CHECK(kendall_tau(std::vector<double>{1, 2, 3}, std::vector<double>{1, 3, 2}) == doctest::Approx(1.0 / 3));
    // A pair tied in one sequence counts zero: 2 of 3 pairs agree.
    CHECK(kendall_tau(std::vector<double>{1, 1, 2}, std::vector<double>{1, 2, 3}) == doctest::Approx(2.0 / 3));
    CHECK(kendall_tau(std::vector<double>{5}, std::vector<double>{1}) == 0);
    CHECK_THROWS(kendall_tau(up, std::vector<double>{1, 2}));
}
