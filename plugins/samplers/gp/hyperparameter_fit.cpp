#include "hyperparameter_fit.hpp"

#include "bounded_minimize.hpp"
#include "cholesky_inverse.hpp"

#include <hpo_kit/random_stream.hpp>

#include <Eigen/Cholesky>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace hpo::gp {

namespace {

constexpr double kLengthscaleSd = 1.0;
constexpr double kSignalSd = 1.0;
const double kNoiseMean = std::log(1e-3);
constexpr double kNoiseSd = 2.0;
// A fit stops once a step gains less than this fraction of the log posterior (1e-2 nats at
// 100): the hyperparameters hardly move after that, and each step costs O(n^3). Refits from
// the previous optimum mostly ran out their 25 iterations on such crumbs.
constexpr double kStall = 1e-4;

double lengthscale_mean(int n_inputs) { return std::log(0.5 * std::sqrt(std::max(n_inputs, 1))); }

// log N(x; mean, sd) up to a constant, and its derivative.
double log_normal_density(double x, double mean, double sd, double &derivative) {
    const double z = (x - mean) / sd;
    derivative = -z / sd;
    return -0.5 * z * z;
}

void bounds(int n_inputs, Eigen::VectorXd &lower, Eigen::VectorXd &upper) {
    lower.resize(n_inputs + 2);
    upper.resize(n_inputs + 2);
    lower.head(n_inputs).setConstant(std::log(0.005));
    upper.head(n_inputs).setConstant(std::log(50.0));
    lower[n_inputs] = std::log(0.01);
    upper[n_inputs] = std::log(100.0);
    lower[n_inputs + 1] = std::log(1e-6);
    upper[n_inputs + 1] = std::log(2.0);
}

// The negative log posterior in L-BFGS++'s calling convention.
struct NegativeLogPosterior {
    const Eigen::MatrixXd &points;
    const Eigen::VectorXd &targets;

    double operator()(const Eigen::VectorXd &theta, Eigen::VectorXd &gradient) const {
        const Hyperparameters h = Hyperparameters::from_vector(theta);
        Eigen::VectorXd g_likelihood, g_prior;
        const double value = log_marginal_likelihood(points, targets, h, &g_likelihood) +
                             log_hyperprior(h, &g_prior);
        gradient = -(g_likelihood + g_prior);
        // An impossible factorization scores worst rather than NaN.
        return std::isfinite(value) ? -value : std::numeric_limits<double>::max();
    }
};

}  // namespace

double log_marginal_likelihood(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets,
                               const Hyperparameters &h, Eigen::VectorXd *gradient) {
    const Eigen::Index n = points.cols();
    const int d = h.n_inputs();
    const Eigen::MatrixXd scaled = matern52::scale(points, h);
    const Eigen::MatrixXd r = matern52::distances(scaled, scaled);
    const double signal = std::exp(h.log_signal);
    const double noise = std::exp(h.log_noise);
    Eigen::MatrixXd k, slopes;
    matern52::covariance_and_slope(r, signal, k, slopes);
    // Factored in place: no further n x n copy; its lower triangle holds L afterwards.
    Eigen::MatrixXd factor = k;
    factor.diagonal().array() += noise;
    const Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(factor);
    if (llt.info() != Eigen::Success) {
        if (gradient)
            *gradient = Eigen::VectorXd::Zero(d + 2);
        return -std::numeric_limits<double>::infinity();
    }
    const Eigen::VectorXd alpha = llt.solve(targets);
    const double log_det = 2.0 * llt.matrixLLT().diagonal().array().log().sum();
    const double value =
        -0.5 * targets.dot(alpha) - 0.5 * log_det - 0.5 * n * std::log(2.0 * M_PI);
    if (!gradient)
        return value;

    // d/dtheta_j = 1/2 tr(W dK/dtheta_j) with W = alpha alpha^T - K^{-1}.
    Eigen::MatrixXd w = cholesky_inverse(factor);
    w = -w;
    w.noalias() += alpha * alpha.transpose();
    gradient->resize(d + 2);
    // Lengthscales: dK_ik/dlog l_d = s2 slope(r_ik) (x_di - x_dk)^2 in scaled units, so with
    // M = W o s2 slope(R) (symmetric), 1/2 sum_ik M_ik (x_di - x_dk)^2
    //   = sum_i x_di^2 (M 1)_i - x_d^T M x_d: two matrix products instead of a loop over pairs.
    // Differences do not see a shift, and centered points keep the two terms small.
    const Eigen::MatrixXd centered = scaled.colwise() - scaled.rowwise().mean();
    Eigen::MatrixXd &m = slopes;  // in place: the slopes are not needed again
    m.array() *= w.array();
    const Eigen::VectorXd row_sums = m.rowwise().sum();
    gradient->head(d) = centered.cwiseAbs2() * row_sums -
                        (centered * m).cwiseProduct(centered).rowwise().sum();
    // Signal variance: dK/dlog s2 = K (without noise); noise: dK/dlog noise = noise I.
    (*gradient)[d] = 0.5 * (w.array() * k.array()).sum();
    (*gradient)[d + 1] = 0.5 * noise * w.trace();
    return value;
}

double log_hyperprior(const Hyperparameters &h, Eigen::VectorXd *gradient) {
    const int d = h.n_inputs();
    if (gradient)
        gradient->resize(d + 2);
    double value = 0, derivative = 0;
    const double mean = lengthscale_mean(d);
    for (int i = 0; i < d; ++i) {
        value += log_normal_density(h.log_lengthscales[i], mean, kLengthscaleSd, derivative);
        if (gradient)
            (*gradient)[i] = derivative;
    }
    value += log_normal_density(h.log_signal, 0.0, kSignalSd, derivative);
    if (gradient)
        (*gradient)[d] = derivative;
    value += log_normal_density(h.log_noise, kNoiseMean, kNoiseSd, derivative);
    if (gradient)
        (*gradient)[d + 1] = derivative;
    return value;
}

Hyperparameters prior_mode(int n_inputs) {
    return {Eigen::VectorXd::Constant(n_inputs, lengthscale_mean(n_inputs)), 0.0, kNoiseMean};
}

namespace {

// Starts on every (n / size)-th point, a subset spread over the whole history; then the best
// refined on all points.
Hyperparameters fit_from_subset(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets,
                                uint64_t seed, const FitSettings &settings) {
    const Eigen::Index n = points.cols(), size = settings.subset_size;
    Eigen::MatrixXd sub_points(points.rows(), size);
    Eigen::VectorXd sub_targets(size);
    for (Eigen::Index i = 0; i < size; ++i) {
        const Eigen::Index j = i * n / size;
        sub_points.col(i) = points.col(j);
        sub_targets[i] = targets[j];
    }
    const Hyperparameters start = fit_hyperparameters(sub_points, sub_targets, std::nullopt, seed, settings);
    FitSettings refine = settings;
    refine.warm_start_only = true;
    return fit_hyperparameters(points, targets, start, seed, refine);
}

}  // namespace

Hyperparameters fit_hyperparameters(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets,
                                    const std::optional<Hyperparameters> &previous, uint64_t seed,
                                    const FitSettings &settings) {
    const int d = static_cast<int>(points.rows());
    const bool warm = previous && previous->n_inputs() == d;
    if (!warm && points.cols() > std::max(settings.subset_size, 1))
        return fit_from_subset(points, targets, seed, settings);
    std::vector<Eigen::VectorXd> starts;
    if (warm)
        starts.push_back(previous->to_vector());
    const bool warm_only = warm && settings.warm_start_only;
    const int random_restarts = warm_only ? -1 : settings.random_restarts;
    const int iterations =
        warm_only ? std::min(settings.max_iterations, settings.warm_iterations) : settings.max_iterations;
    if (random_restarts >= 0)
        starts.push_back(prior_mode(d).to_vector());
    plugin_kit::RandomStream stream(seed);
    for (int i = 0; i < random_restarts; ++i) {
        Hyperparameters h = prior_mode(d);
        for (int j = 0; j < d; ++j)
            h.log_lengthscales[j] += kLengthscaleSd * stream.normal();
        h.log_signal += kSignalSd * stream.normal();
        h.log_noise += kNoiseSd * stream.normal();
        starts.push_back(h.to_vector());
    }

    Eigen::VectorXd lower, upper;
    bounds(d, lower, upper);
    NegativeLogPosterior f{points, targets};
    std::vector<BoundedMinimum> results(starts.size());
    // Each start writes its own slot and the best is taken in index order: the same result
    // whatever the threads do.
    tbb::parallel_for(size_t{0}, starts.size(), [&](size_t i) {
        results[i] = minimize_bounded(f, starts[i], lower, upper, iterations, 1e-5, kStall);
    });
    size_t best = 0;
    for (size_t i = 1; i < results.size(); ++i)
        if (results[i].value < results[best].value)
            best = i;
    return Hyperparameters::from_vector(results[best].x);
}

}  // namespace hpo::gp
