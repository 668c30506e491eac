// Acquisition functions and their maximization.
#include "acquisition.hpp"
#include "acquisition_optimizer.hpp"
#include "gp_posterior.hpp"

#include <hpo_test/fake_study.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace hpo::gp;

namespace {

double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI); }
double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

AcquisitionSettings settings_of(AcquisitionKind kind) {
    AcquisitionSettings s;
    s.kind = kind;
    s.xi = 0.0;
    return s;
}

}  // namespace

TEST_CASE("EI is the textbook formula, non-negative and at least the mean's improvement") {
    const AcquisitionSettings ei = settings_of(AcquisitionKind::ExpectedImprovement);
    const double best = 0.0;
    for (double mean : {-2.0, -0.5, 0.0, 0.3, 2.0, 8.0}) {
        for (double sd : {0.01, 0.3, 1.0, 3.0}) {
            CAPTURE(mean);
            CAPTURE(sd);
            const double z = (best - mean) / sd;
            const double textbook = (best - mean) * normal_cdf(z) + sd * normal_pdf(z);
            const double value = std::exp(acquisition_score(ei, best, mean, sd, nullptr, nullptr));
            CHECK(value >= 0.0);
            CHECK(value >= std::max(best - mean, 0.0));
            if (textbook > 1e-300)
                CHECK(value == doctest::Approx(textbook).epsilon(1e-8));
        }
    }
}

TEST_CASE("every acquisition prefers a lower mean and, except PI below the best, a larger sd") {
    for (AcquisitionKind kind : {AcquisitionKind::ExpectedImprovement, AcquisitionKind::ProbabilityOfImprovement,
                                 AcquisitionKind::LowerConfidenceBound}) {
        const AcquisitionSettings s = settings_of(kind);
        CHECK(acquisition_score(s, 0.0, -0.5, 1.0, nullptr, nullptr) >
              acquisition_score(s, 0.0, 0.5, 1.0, nullptr, nullptr));
        CHECK(acquisition_score(s, 0.0, 0.5, 2.0, nullptr, nullptr) >
              acquisition_score(s, 0.0, 0.5, 1.0, nullptr, nullptr));
    }
}

TEST_CASE("acquisition derivatives match finite differences") {
    for (AcquisitionKind kind : {AcquisitionKind::ExpectedImprovement, AcquisitionKind::ProbabilityOfImprovement,
                                 AcquisitionKind::LowerConfidenceBound}) {
        const AcquisitionSettings s = settings_of(kind);
        for (double mean : {-1.0, 0.2, 30.0}) {
            const double sd = 0.7, step = 1e-6;
            double d_mean = 0, d_sd = 0;
            acquisition_score(s, 0.1, mean, sd, &d_mean, &d_sd);
            auto f = [&](double m, double v) { return acquisition_score(s, 0.1, m, v, nullptr, nullptr); };
            CHECK(d_mean == doctest::Approx((f(mean + step, sd) - f(mean - step, sd)) / (2 * step)).epsilon(1e-5));
            CHECK(d_sd == doctest::Approx((f(mean, sd + step) - f(mean, sd - step)) / (2 * step)).epsilon(1e-5));
        }
    }
}

TEST_CASE("EI over a fitted 1-D GP peaks near the data's minimum, not far from it") {
    // Observations of (x - 0.3)^2, dense enough that exploring elsewhere does not pay.
    Eigen::MatrixXd x(1, 9);
    Eigen::VectorXd y(9);
    for (int i = 0; i < 9; ++i) {
        x(0, i) = 0.05 + 0.11 * i;
        y[i] = (x(0, i) - 0.3) * (x(0, i) - 0.3);
    }
    y = (y.array() - y.mean()) / std::sqrt((y.array() - y.mean()).square().mean());
    const Hyperparameters h{Eigen::VectorXd::Constant(1, std::log(0.3)), 0.0, std::log(1e-6)};
    IncrementalCholesky factor;
    factor.reset(noisy_kernel_matrix(x, h));
    const GpPosterior gp(x, y, h, std::move(factor));
    const GpAcquisition ei(gp, settings_of(AcquisitionKind::ExpectedImprovement), y.minCoeff());
    Eigen::MatrixXd grid(1, 201);
    for (int i = 0; i <= 200; ++i)
        grid(0, i) = i / 200.0;
    const Eigen::VectorXd scores = ei.scores(grid);
    Eigen::Index best = 0;
    scores.maxCoeff(&best);
    CHECK(std::abs(grid(0, best) - 0.3) < 0.1);

    SUBCASE("and its gradient matches finite differences") {
        Eigen::VectorXd z(1), g;
        z << 0.42;
        ei.score_with_gradient(z, g);
        const double step = 1e-6;
        Eigen::MatrixXd pm(1, 2);
        pm << 0.42 + step, 0.42 - step;
        const Eigen::VectorXd s = ei.scores(pm);
        CHECK(g[0] == doctest::Approx((s[0] - s[1]) / (2 * step)).epsilon(1e-4));
    }
}

namespace {

// A known function over a mixed space, maximal at a = 0.37, b = 0.81 (in the encoded unit
// scale), n = 7 and choice 2.
class KnownSurface final : public AcquisitionSurface {
public:
    Eigen::VectorXd scores(const Eigen::MatrixXd &points) const override {
        Eigen::VectorXd out(points.cols());
        Eigen::VectorXd unused;
        for (Eigen::Index i = 0; i < points.cols(); ++i)
            out[i] = score_with_gradient(points.col(i), unused);
        return out;
    }
    double score_with_gradient(const Eigen::VectorXd &x, Eigen::VectorXd &gradient) const override {
        gradient = Eigen::VectorXd::Zero(x.size());
        gradient[0] = -2 * (x[0] - 0.37);
        gradient[1] = -2 * (x[1] - 0.81);
        // A narrow local maximum near a = 0.9, lower than the one at 0.37, so that a purely
        // local search can be fooled.
        const double bump = 0.1 * std::exp(-2000 * (x[0] - 0.9) * (x[0] - 0.9));
        gradient[0] += bump * -4000 * (x[0] - 0.9);
        return -(x[0] - 0.37) * (x[0] - 0.37) - (x[1] - 0.81) * (x[1] - 0.81) + bump -
               std::abs(x[2] - 0.7) + 0.5 * x[5];
    }
};

}  // namespace

TEST_CASE("the acquisition optimizer finds the maximum of a known function on a mixed space") {
    hpo::test::FakeStudy study;
    study.add_float("a", 0, 1);
    study.add_float("b", 1e-3, 1, true);
    study.add_int("n", 0, 10);
    study.add_categorical("k", 3);
    const int32_t subspace[] = {0, 1, 2, 3};
    const SpaceEncoding encoding(study.view(), subspace, {});
    OptimizerSettings settings;
    settings.n_random = 64;
    settings.n_sobol = 64;
    const AcquisitionMaximum found = maximize_acquisition(KnownSurface(), encoding, settings, 3);
    const std::vector<double> values = encoding.decode(found.point);
    CHECK(values[0] == doctest::Approx(0.37).epsilon(1e-4));
    CHECK(std::log(values[1]) == doctest::Approx(std::log(1e-3) * (1 - 0.81)).epsilon(1e-4));
    CHECK(values[2] == 7.0);
    CHECK(values[3] == 2.0);

    SUBCASE("and finds the same point with the same seed") {
        const AcquisitionMaximum again = maximize_acquisition(KnownSurface(), encoding, settings, 3);
        CHECK(again.point == found.point);
    }
}
