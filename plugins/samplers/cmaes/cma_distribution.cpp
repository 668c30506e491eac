#include "cma_distribution.hpp"

#include "margin_correction.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hpo::cmaes {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Learning-rate adaptation's constants (Nomura et al. 2023, section 4).
constexpr double kSnrTarget = 1.4;      // alpha: the signal-to-noise ratio aimed at
constexpr double kMeanSmoothing = 0.1;  // beta_m
constexpr double kCovSmoothing = 0.03;  // beta_Sigma
constexpr double kRateStep = 0.1;       // gamma
// Stopping tests (Hansen's tutorial, appendix B.3), in the unit cube.
constexpr double kTolFun = 1e-12, kTolX = 1e-12, kMaxCondition = 1e14;

std::vector<double> to_vector(const VectorXd &v) { return {v.data(), v.data() + v.size()}; }
VectorXd to_eigen(const nlohmann::json &values) {
    const auto v = values.get<std::vector<double>>();
    return Eigen::Map<const VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

// B D and B D^-1 B^T of a covariance (its square root and its inverse square root).
std::pair<MatrixXd, MatrixXd> square_roots(const MatrixXd &cov) {
    const Eigen::SelfAdjointEigenSolver<MatrixXd> eigen(0.5 * (cov + cov.transpose()));
    const VectorXd d = eigen.eigenvalues().cwiseMax(1e-30).cwiseSqrt();
    const MatrixXd &b = eigen.eigenvectors();
    return {b * d.asDiagonal(), b * d.cwiseInverse().asDiagonal() * b.transpose()};
}

// One step of learning-rate adaptation: the smoothed update `e` and its smoothed squared norm
// `v` give the signal-to-noise ratio, which moves the rate towards the target.
double adapted_rate(double rate, const VectorXd &update, VectorXd &e, double &v, double beta) {
    if (e.size() != update.size()) e = VectorXd::Zero(update.size());
    e = (1 - beta) * e + beta * update;
    v = (1 - beta) * v + beta * update.squaredNorm();
    const double signal = e.squaredNorm();
    const double noise = v - signal;
    if (!(noise > 0)) return rate;
    const double snr = (signal - beta / (2 - beta) * v) / noise;
    const double step = std::min(kRateStep * rate, beta) * std::clamp(snr / kSnrTarget - 1, -1.0, 1.0);
    return std::clamp(rate * std::exp(step), 1e-3, 1.0);
}

// Recombination weights and learning rates for lambda ranked samples (Hansen's tutorial,
// arXiv:1604.00772, eqs. 49-58): positive weights for the better half, summing to 1, and
// negative ones for the worse half, scaled so that C stays positive definite.
struct Weights {
    std::vector<double> weights; // by rank, best first
    double mu_eff, c_sigma, d_sigma, c_c, c_1, c_mu;
};

Weights recombination_weights(std::size_t lambda, double n, bool separable) {
    std::vector<double> raw(lambda);
    for (std::size_t i = 0; i < lambda; ++i)
        raw[i] = std::log((static_cast<double>(lambda) + 1) / 2) - std::log(static_cast<double>(i) + 1);
    double positive = 0, positive_sq = 0, negative = 0, negative_sq = 0;
    for (const double r : raw) {
        (r > 0 ? positive : negative) += r;
        (r > 0 ? positive_sq : negative_sq) += r * r;
    }
    Weights w;
    if (positive <= 0) { // a single sample: it alone moves the mean
        raw.assign(lambda, 0.0);
        raw[0] = positive = positive_sq = 1;
    }
    w.mu_eff = positive * positive / positive_sq;
    w.c_sigma = (w.mu_eff + 2) / (n + w.mu_eff + 5);
    w.d_sigma = 1 + 2 * std::max(0.0, std::sqrt((w.mu_eff - 1) / (n + 1)) - 1) + w.c_sigma;
    w.c_c = (4 + w.mu_eff / n) / (n + 4 + 2 * w.mu_eff / n);
    w.c_1 = 2 / ((n + 1.3) * (n + 1.3) + w.mu_eff);
    w.c_mu = std::min(1 - w.c_1, 2 * (w.mu_eff - 2 + 1 / w.mu_eff) / ((n + 2) * (n + 2) + w.mu_eff));
    if (separable) {
        w.c_1 = std::min(1.0, w.c_1 * (n + 2) / 3);
        w.c_mu = std::min(1 - w.c_1, w.c_mu * (n + 2) / 3);
    }
    double negative_scale = 0;
    if (negative < 0 && w.c_mu > 0) {
        const double mu_eff_minus = negative * negative / negative_sq;
        negative_scale = std::min({1 + w.c_1 / w.c_mu, 1 + 2 * mu_eff_minus / (w.mu_eff + 2),
                                   (1 - w.c_1 - w.c_mu) / (n * w.c_mu)}) /
                         -negative;
    }
    for (const double r : raw) w.weights.push_back(r > 0 ? r / positive : r * std::max(0.0, negative_scale));
    return w;
}

} // namespace

CmaDistribution::CmaDistribution(VectorXd mean, double sigma, int lambda)
    : mean_(std::move(mean)), sigma_(sigma), lambda_(lambda),
      cov_(MatrixXd::Identity(mean_.size(), mean_.size())),
      path_sigma_(VectorXd::Zero(mean_.size())), path_c_(VectorXd::Zero(mean_.size())),
      margin_(VectorXd::Ones(mean_.size())) {}

VectorXd CmaDistribution::sample(const VectorXd &z) const { return sample(std::vector{z}).front(); }

std::vector<VectorXd> CmaDistribution::sample(const std::vector<VectorXd> &draws) const {
    const MatrixXd root = square_roots(cov_).first;
    std::vector<VectorXd> points;
    for (const VectorXd &z : draws) {
        const VectorXd x = mean_ + sigma_ * margin_.cwiseProduct(root * z);
        points.push_back(x.cwiseMax(0.0).cwiseMin(1.0));
    }
    return points;
}

void CmaDistribution::tell(const std::vector<std::pair<VectorXd, double>> &ranked_input,
                           const CmaSettings &settings) {
    if (ranked_input.empty()) throw std::logic_error("CMA-ES: a generation without samples");
    auto ranked = ranked_input;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &a, const auto &b) { return a.second < b.second; });
    const auto n = static_cast<double>(dimension());
    const Weights w = recombination_weights(ranked.size(), n, settings.separable);
    const double chi_n = std::sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));

    // Steps of the samples in the distribution's coordinates (before margin and step size).
    std::vector<VectorXd> steps;
    VectorXd step_w = VectorXd::Zero(mean_.size());
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        steps.push_back((ranked[i].first - mean_).cwiseQuotient(margin_) / sigma_);
        if (w.weights[i] > 0) step_w += w.weights[i] * steps.back();
    }
    const MatrixXd inverse_root = square_roots(cov_).second;
    VectorXd new_mean = mean_ + sigma_ * margin_.cwiseProduct(step_w);
    path_sigma_ = (1 - w.c_sigma) * path_sigma_ +
                  std::sqrt(w.c_sigma * (2 - w.c_sigma) * w.mu_eff) * inverse_root * step_w;
    const double decay = 1 - std::pow(1 - w.c_sigma, 2.0 * static_cast<double>(generation_ + 1));
    const bool h_sigma = path_sigma_.norm() / std::sqrt(decay) < (1.4 + 2 / (n + 1)) * chi_n;
    path_c_ = (1 - w.c_c) * path_c_ + (h_sigma ? std::sqrt(w.c_c * (2 - w.c_c) * w.mu_eff) : 0.0) * step_w;
    // Rank-mu update over every sample: the better half pulls C towards its steps, the worse
    // half pushes it away from theirs (active CMA), each negative step rescaled to the length
    // n has in C's own metric so that an outlier cannot make C indefinite.
    MatrixXd rank_mu = MatrixXd::Zero(cov_.rows(), cov_.cols());
    double weight_sum = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        double weight = w.weights[i];
        weight_sum += weight;
        if (weight < 0) {
            const double metric = (inverse_root * steps[i]).squaredNorm();
            weight *= metric > 0 ? n / metric : 0.0;
        }
        rank_mu += weight * steps[i] * steps[i].transpose();
    }
    const double lost = h_sigma ? 0.0 : w.c_1 * w.c_c * (2 - w.c_c);
    MatrixXd new_cov = (1 - w.c_1 - w.c_mu * weight_sum + lost) * cov_ +
                       w.c_1 * path_c_ * path_c_.transpose() + w.c_mu * rank_mu;
    if (settings.separable) new_cov = MatrixXd(new_cov.diagonal().asDiagonal());
    const double new_sigma =
        sigma_ * std::exp(std::min(1.0, w.c_sigma / w.d_sigma * (path_sigma_.norm() / chi_n - 1)));

    if (settings.lr_adapt) {
        // The updates of the mean and of Sigma = sigma^2 C, seen in the old distribution's
        // coordinates, set the rates at which they are applied.
        const MatrixXd local = inverse_root / sigma_;
        const VectorXd mean_step = new_mean - mean_;
        const MatrixXd old_sigma_cov = sigma_ * sigma_ * cov_;
        const MatrixXd cov_step = new_sigma * new_sigma * new_cov - old_sigma_cov;
        const MatrixXd local_cov = local * cov_step * local;
        eta_mean_ = adapted_rate(eta_mean_, local * mean_step, snr_mean_e_, snr_mean_v_, kMeanSmoothing);
        eta_cov_ = adapted_rate(eta_cov_, local_cov.reshaped(), snr_cov_e_, snr_cov_v_, kCovSmoothing);
        new_mean = mean_ + eta_mean_ * mean_step;
        new_cov = (old_sigma_cov + eta_cov_ * cov_step) / (new_sigma * new_sigma);
        new_cov = 0.5 * (new_cov + new_cov.transpose());
    }

    double best = ranked.front().second, worst = ranked.back().second;
    best_history_.push_back(best);
    // Only the stall test's window is kept: the state is written on every generation.
    if (best_history_.size() > stall_window()) best_history_.erase(best_history_.begin());
    last_range_ = worst - best;
    mean_ = new_mean.cwiseMax(0.0).cwiseMin(1.0);
    cov_ = new_cov;
    sigma_ = new_sigma;
    ++generation_;
    correct_margin(settings);
}

void CmaDistribution::correct_margin(const CmaSettings &settings) {
    if (settings.cells.empty()) return;
    const double alpha = 1.0 / (static_cast<double>(dimension()) * lambda_);
    for (Eigen::Index j = 0; j < mean_.size(); ++j) {
        const auto &edges = settings.cells[static_cast<std::size_t>(j)];
        const double spread = sigma_ * std::sqrt(cov_(j, j));
        if (edges.size() < 3 || !(spread > 0)) continue;  // continuous, or a single cell: nowhere to go
        const MarginedCoordinate corrected = corrected_margin(edges, {mean_(j), margin_(j)}, spread, alpha);
        mean_(j) = corrected.mean;
        margin_(j) = corrected.scaling;
    }
}

std::size_t CmaDistribution::stall_window() const {
    const auto n = static_cast<std::size_t>(dimension());
    const auto lambda = static_cast<std::size_t>(lambda_);
    return 10 + (30 * n + lambda - 1) / lambda;
}

bool CmaDistribution::stalled() const {
    if (!mean_.allFinite() || !cov_.allFinite() || !std::isfinite(sigma_)) return true;
    const std::size_t window = stall_window();
    if (best_history_.size() >= window && last_range_ < kTolFun) {
        const auto recent = best_history_.end() - static_cast<std::ptrdiff_t>(window);
        const auto [low, high] = std::minmax_element(recent, best_history_.end());
        if (*high - *low < kTolFun) return true;
    }
    const double widest = (cov_.diagonal().cwiseSqrt().cwiseProduct(margin_)).maxCoeff();
    if (sigma_ * std::max(widest, path_c_.cwiseAbs().maxCoeff()) < kTolX) return true;
    const Eigen::SelfAdjointEigenSolver<MatrixXd> eigen(cov_, Eigen::EigenvaluesOnly);
    const VectorXd values = eigen.eigenvalues();
    return !(values.minCoeff() > 0) || values.maxCoeff() / values.minCoeff() > kMaxCondition;
}

void CmaDistribution::set_shape(double sigma, const MatrixXd &cov) {
    sigma_ = sigma;
    cov_ = cov;
}

nlohmann::json CmaDistribution::to_json() const {
    const Eigen::VectorXd flat_cov = cov_.reshaped();
    return {{"mean", to_vector(mean_)},
            {"sigma", sigma_},
            {"lambda", lambda_},
            {"generation", generation_},
            {"cov", to_vector(flat_cov)},
            {"path_sigma", to_vector(path_sigma_)},
            {"path_c", to_vector(path_c_)},
            {"margin", to_vector(margin_)},
            {"best_history", best_history_},
            {"last_range", last_range_},
            {"eta_mean", eta_mean_},
            {"eta_cov", eta_cov_},
            {"snr_mean_e", to_vector(snr_mean_e_)},
            {"snr_cov_e", to_vector(snr_cov_e_)},
            {"snr_mean_v", snr_mean_v_},
            {"snr_cov_v", snr_cov_v_}};
}

CmaDistribution CmaDistribution::from_json(const nlohmann::json &state) {
    CmaDistribution d(to_eigen(state.at("mean")), state.at("sigma").get<double>(),
                      state.at("lambda").get<int>());
    const auto n = d.mean_.size();
    const VectorXd flat_cov = to_eigen(state.at("cov"));
    if (flat_cov.size() != n * n)
        throw std::runtime_error("CMA-ES state: a covariance of " + std::to_string(flat_cov.size()) +
                                 " entries for " + std::to_string(n) + " dimensions");
    d.cov_ = flat_cov.reshaped(n, n);
    d.generation_ = state.at("generation").get<int64_t>();
    d.path_sigma_ = to_eigen(state.at("path_sigma"));
    d.path_c_ = to_eigen(state.at("path_c"));
    d.margin_ = to_eigen(state.at("margin"));
    d.best_history_ = state.at("best_history").get<std::vector<double>>();
    d.last_range_ = state.at("last_range").get<double>();
    d.eta_mean_ = state.at("eta_mean").get<double>();
    d.eta_cov_ = state.at("eta_cov").get<double>();
    d.snr_mean_e_ = to_eigen(state.at("snr_mean_e"));
    d.snr_cov_e_ = to_eigen(state.at("snr_cov_e"));
    d.snr_mean_v_ = state.at("snr_mean_v").get<double>();
    d.snr_cov_v_ = state.at("snr_cov_v").get<double>();
    return d;
}

} // namespace hpo::cmaes
