// The surrogate: posterior, marginal likelihood and its gradient, and the Cholesky factor
// that grows between asks.
#include "cholesky_inverse.hpp"
#include "gp_posterior.hpp"
#include "hyperparameter_fit.hpp"
#include "incremental_cholesky.hpp"
#include "model_cache.hpp"

#include <hpo_kit/random_stream.hpp>

#include <doctest/doctest.h>

#include <Eigen/Cholesky>

#include <cmath>

using namespace hpo::gp;

namespace {

Eigen::MatrixXd random_points(int d, int n, uint64_t seed) {
    hpo::plugin_kit::RandomStream stream(seed);
    Eigen::MatrixXd x(d, n);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = stream.uniform();
    return x;
}

Hyperparameters fixed_hyperparameters(int d, double lengthscale, double noise) {
    return {Eigen::VectorXd::Constant(d, std::log(lengthscale)), 0.0, std::log(noise)};
}

GpPosterior posterior_of(const Eigen::MatrixXd &x, const Eigen::VectorXd &y, const Hyperparameters &h) {
    IncrementalCholesky factor;
    factor.reset(noisy_kernel_matrix(x, h));
    return GpPosterior(x, y, h, std::move(factor));
}

// Eight noiseless samples of a smooth 1-D function on [0.1, 0.8].
struct SineData {
    Eigen::MatrixXd x{1, 8};
    Eigen::VectorXd y{8};
    SineData() {
        for (int i = 0; i < 8; ++i) {
            x(0, i) = 0.1 + 0.1 * i;
            y[i] = std::sin(6.0 * x(0, i));
        }
    }
};

}  // namespace

TEST_CASE("the posterior mean interpolates noiseless data and the variance vanishes there") {
    const SineData data;
    const Hyperparameters h = fixed_hyperparameters(1, 0.3, 1e-8);
    const GpPosterior gp = posterior_of(data.x, data.y, h);
    Eigen::VectorXd mean, variance;
    gp.predict(data.x, mean, variance);
    for (int i = 0; i < 8; ++i) {
        CHECK(mean[i] == doctest::Approx(data.y[i]).epsilon(1e-5));
        CHECK(variance[i] < 1e-6);
    }
}

TEST_CASE("the posterior variance grows away from the data up to the prior variance") {
    const SineData data;
    const GpPosterior gp = posterior_of(data.x, data.y, fixed_hyperparameters(1, 0.3, 1e-8));
    Eigen::MatrixXd z(1, 5);
    z << 0.8, 0.85, 0.9, 1.2, 3.0;  // from the last observation outwards
    Eigen::VectorXd mean, variance;
    gp.predict(z, mean, variance);
    for (int i = 1; i < 5; ++i)
        CHECK(variance[i] > variance[i - 1]);
    CHECK(variance[4] == doctest::Approx(1.0).epsilon(1e-3));
    // Between two observations the variance is positive but small.
    Eigen::MatrixXd mid(1, 1);
    mid << 0.45;
    gp.predict(mid, mean, variance);
    CHECK(variance[0] > 1e-6);
    CHECK(variance[0] < 0.05);
}

TEST_CASE("the posterior's gradients match finite differences") {
    const Eigen::MatrixXd x = random_points(3, 12, 5);
    const Eigen::VectorXd y = x.colwise().squaredNorm().transpose();
    Hyperparameters h = fixed_hyperparameters(3, 0.4, 1e-4);
    h.log_lengthscales[1] = std::log(0.9);
    const GpPosterior gp = posterior_of(x, y, h);
    Eigen::VectorXd z(3);
    z << 0.31, 0.77, 0.12;
    double mean = 0, variance = 0;
    Eigen::VectorXd d_mean, d_variance;
    gp.predict_with_gradient(z, mean, variance, d_mean, d_variance);
    Eigen::VectorXd batch_mean, batch_variance;
    gp.predict(z, batch_mean, batch_variance);
    CHECK(mean == doctest::Approx(batch_mean[0]).epsilon(1e-10));
    CHECK(variance == doctest::Approx(batch_variance[0]).epsilon(1e-8));
    for (int d = 0; d < 3; ++d) {
        const double step = 1e-6;
        Eigen::MatrixXd plus = z, minus = z;
        plus(d, 0) += step;
        minus(d, 0) -= step;
        Eigen::VectorXd mp, vp, mm, vm;
        gp.predict(plus, mp, vp);
        gp.predict(minus, mm, vm);
        CHECK(d_mean[d] == doctest::Approx((mp[0] - mm[0]) / (2 * step)).epsilon(1e-5));
        CHECK(d_variance[d] == doctest::Approx((vp[0] - vm[0]) / (2 * step)).epsilon(1e-5));
    }
}

TEST_CASE("the marginal likelihood and prior gradients match finite differences") {
    const Eigen::MatrixXd x = random_points(3, 15, 11);
    Eigen::VectorXd y(15);
    for (int i = 0; i < 15; ++i)
        y[i] = std::sin(3 * x(0, i)) + x(1, i) * x(2, i);
    Hyperparameters h{Eigen::Vector3d(std::log(0.3), std::log(0.8), std::log(2.0)), std::log(1.3),
                      std::log(0.01)};
    const Eigen::VectorXd theta = h.to_vector();
    Eigen::VectorXd gradient, prior_gradient;
    log_marginal_likelihood(x, y, h, &gradient);
    log_hyperprior(h, &prior_gradient);
    for (Eigen::Index j = 0; j < theta.size(); ++j) {
        CAPTURE(j);
        const double step = 1e-5;
        Eigen::VectorXd plus = theta, minus = theta;
        plus[j] += step;
        minus[j] -= step;
        const auto hp = Hyperparameters::from_vector(plus), hm = Hyperparameters::from_vector(minus);
        const double numeric =
            (log_marginal_likelihood(x, y, hp, nullptr) - log_marginal_likelihood(x, y, hm, nullptr)) / (2 * step);
        CHECK(gradient[j] == doctest::Approx(numeric).epsilon(1e-5));
        const double numeric_prior = (log_hyperprior(hp, nullptr) - log_hyperprior(hm, nullptr)) / (2 * step);
        CHECK(prior_gradient[j] == doctest::Approx(numeric_prior).epsilon(1e-6));
    }
}

TEST_CASE("fitting raises the log posterior and finds the irrelevant input") {
    // y depends on the first input only: its lengthscale should come out much shorter.
    const Eigen::MatrixXd x = random_points(2, 25, 3);
    Eigen::VectorXd y = (4.0 * x.row(0).array()).sin().matrix().transpose();
    y = (y.array() - y.mean()) / std::sqrt((y.array() - y.mean()).square().mean());
    const Hyperparameters start = prior_mode(2);
    const Hyperparameters fitted = fit_hyperparameters(x, y, std::nullopt, 7, FitSettings{});
    auto log_posterior = [&](const Hyperparameters &h) {
        return log_marginal_likelihood(x, y, h, nullptr) + log_hyperprior(h, nullptr);
    };
    CHECK(log_posterior(fitted) > log_posterior(start) + 1.0);
    CHECK(fitted.log_lengthscales[1] > fitted.log_lengthscales[0] + 1.0);
    CHECK(std::exp(fitted.log_noise) < 1e-2);
}

TEST_CASE("a large cold fit races its starts on a subset and ends near the full fit") {
    // Smooth in the first two inputs, flat in the third.
    const Eigen::MatrixXd x = random_points(3, 240, 5);
    Eigen::VectorXd y = ((3.0 * x.row(0).array()).sin() + x.row(1).array().square()).matrix().transpose();
    y = (y.array() - y.mean()) / std::sqrt((y.array() - y.mean()).square().mean());
    auto log_posterior = [&](const Hyperparameters &h) {
        return log_marginal_likelihood(x, y, h, nullptr) + log_hyperprior(h, nullptr);
    };
    FitSettings full, subset;
    full.subset_size = 1000;
    subset.subset_size = 60;
    const Hyperparameters from_all = fit_hyperparameters(x, y, std::nullopt, 3, full);
    const Hyperparameters from_subset = fit_hyperparameters(x, y, std::nullopt, 3, subset);
    CHECK(log_posterior(from_subset) > log_posterior(prior_mode(3)) + 10.0);
    // Fits stop once a step gains less than 1e-4 of the log posterior (1118 here).
    CHECK(log_posterior(from_subset) > log_posterior(from_all) - 2e-3 * std::abs(log_posterior(from_all)));
    CHECK(from_subset.log_lengthscales[2] > from_subset.log_lengthscales[0] + 1.0);
}

TEST_CASE("the inverse from a Cholesky factor equals the matrix inverse, across blocks") {
    for (const int n : {1, 5, 47, 48, 49, 130}) {
        CAPTURE(n);
        const Eigen::MatrixXd k = noisy_kernel_matrix(random_points(3, n, 13), fixed_hyperparameters(3, 0.4, 1e-2));
        const Eigen::LLT<Eigen::MatrixXd> llt(k);
        const Eigen::MatrixXd inverse = cholesky_inverse(llt.matrixLLT());
        const Eigen::MatrixXd expected = llt.solve(Eigen::MatrixXd::Identity(n, n));
        CHECK((inverse - expected).cwiseAbs().maxCoeff() < 1e-8 * expected.cwiseAbs().maxCoeff());
        CHECK((inverse - inverse.transpose()).cwiseAbs().maxCoeff() == 0.0);
    }
}

TEST_CASE("an appended Cholesky factor equals the full factorization") {
    const Eigen::MatrixXd x = random_points(4, 30, 21);
    const Hyperparameters h = fixed_hyperparameters(4, 0.5, 1e-3);
    IncrementalCholesky grown;
    grown.reset(noisy_kernel_matrix(x.leftCols(20), h));
    append_points(grown, x.leftCols(20), x.middleCols(20, 7), h);
    append_points(grown, x.leftCols(27), x.rightCols(3), h);
    const Eigen::MatrixXd full = noisy_kernel_matrix(x, h).llt().matrixL();
    CHECK((grown.lower() - full).cwiseAbs().maxCoeff() < 1e-10);
}

TEST_CASE("the model cache appends new observations and refactors when hyperparameters change") {
    const Eigen::MatrixXd x = random_points(2, 40, 4);
    const Hyperparameters h = fixed_hyperparameters(2, 0.5, 1e-3);
    ModelCache cache;
    cache.factor(x.leftCols(30), h);
    CHECK(cache.full_factorizations() == 1);

    SUBCASE("new observations only: appended, equal to a fresh factor") {
        const IncrementalCholesky f = cache.factor(x, h);
        CHECK(cache.appends() == 1);
        CHECK(cache.full_factorizations() == 1);
        const Eigen::MatrixXd full = noisy_kernel_matrix(x, h).llt().matrixL();
        CHECK((f.lower() - full).cwiseAbs().maxCoeff() < 1e-10);
    }
    SUBCASE("other hyperparameters: factored again") {
        cache.factor(x, fixed_hyperparameters(2, 0.6, 1e-3));
        CHECK(cache.full_factorizations() == 2);
        CHECK(cache.appends() == 0);
    }
    SUBCASE("an observation changed in the middle: factored again") {
        Eigen::MatrixXd changed = x;
        changed(0, 5) += 0.1;
        cache.factor(changed, h);
        CHECK(cache.full_factorizations() == 2);
    }
}

TEST_CASE("the refit schedule fits every ask while small, then every k new observations") {
    const Eigen::MatrixXd x = random_points(2, 40, 8);
    const Eigen::VectorXd y = x.row(0).transpose();
    ModelCache cache;
    const RefitSchedule schedule{5, 20};
    const FitSettings quick{0, 20};
    auto fit_at = [&](Eigen::Index n) {
        return cache.hyperparameters(x.leftCols(n), y.head(n), schedule, 1, quick);
    };
    const Hyperparameters at18 = fit_at(18);
    const Hyperparameters at19 = fit_at(19);
    CHECK_FALSE(at18 == at19);  // below 20: refit at every ask
    CHECK(fit_at(20) == at19);  // from 20 on: only once 5 arrived since the fit at 19
    CHECK(fit_at(23) == at19);
    CHECK_FALSE(fit_at(24) == at19);
}
