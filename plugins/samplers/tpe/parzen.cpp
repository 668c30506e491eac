#include "parzen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hpo::tpe {

namespace {

// Optuna keeps the newest observations at full weight and ramps the older ones.
constexpr std::size_t kFlatWeights = 25;
// The fewest kernels the magic clip divides the width by, at most.
constexpr double kMaxClipDivisor = 100.0;
constexpr double kMinSigma = 1e-12;

std::vector<double> running_sums(const std::vector<double> &weights) {
    std::vector<double> sums(weights.size());
    std::partial_sum(weights.begin(), weights.end(), sums.begin());
    return sums;
}

// Bandwidth of each observation: the larger distance to its neighbours once the
// observations and the prior's centre are sorted between the two bounds.
std::vector<double> neighbour_gaps(std::span<const double> mus, double prior_mu, double low,
                                   double high, bool consider_endpoints) {
    const std::size_t n = mus.size();
    std::vector<std::size_t> order(n + 1);
    std::iota(order.begin(), order.end(), 0);
    auto centre = [&](std::size_t i) { return i < n ? mus[i] : prior_mu; };
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return centre(a) < centre(b); });
    std::vector<double> edges(n + 3);
    edges.front() = low;
    edges.back() = high;
    for (std::size_t j = 0; j <= n; ++j) edges[j + 1] = centre(order[j]);
    std::vector<double> gaps(n + 1);
    for (std::size_t j = 0; j <= n; ++j) {
        double gap = std::max(edges[j + 1] - edges[j], edges[j + 2] - edges[j + 1]);
        // Without endpoints, the outermost kernels take the gap on their inner side only.
        if (!consider_endpoints && n >= 1 && j == 0) gap = edges[2] - edges[1];
        if (!consider_endpoints && n >= 1 && j == n) gap = edges[n + 1] - edges[n];
        gaps[order[j]] = gap;
    }
    gaps.pop_back(); // the prior's own bandwidth is its sigma, not a gap
    return gaps;
}

} // namespace

std::vector<double> observation_weights(std::size_t n, bool ramp) {
    std::vector<double> weights(n, 1.0);
    if (!ramp || n < kFlatWeights) return weights;
    const std::size_t n_ramp = n - kFlatWeights;
    const double first = 1.0 / static_cast<double>(n);
    for (std::size_t i = 0; i < n_ramp; ++i)
        weights[i] = n_ramp == 1 ? first
                                 : first + (1.0 - first) * static_cast<double>(i) /
                                               static_cast<double>(n_ramp - 1);
    return weights;
}

std::size_t draw_index(const std::vector<double> &cumulative, RandomStream &rng) {
    const double u = rng.uniform() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    return std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

NumericMixture::NumericMixture(std::vector<TruncatedNormal> kernels, std::vector<double> weights)
    : kernels_(std::move(kernels)), weights_(std::move(weights)) {
    const double total = std::accumulate(weights_.begin(), weights_.end(), 0.0);
    for (double &w : weights_) w /= total;
    cumulative_ = running_sums(weights_);
    coef_.resize(kernels_.size());
    curvature_.resize(kernels_.size());
    for (std::size_t i = 0; i < kernels_.size(); ++i) {
        coef_[i] = weights_[i] * std::exp(-kernels_[i].log_normalizer());
        curvature_[i] = -0.5 / (kernels_[i].sigma * kernels_[i].sigma);
    }
}

double NumericMixture::sample(RandomStream &rng) const {
    return kernels_[draw_index(cumulative_, rng)].sample(rng);
}

double NumericMixture::log_pdf(double x) const {
    // Kernels more than ~8.5 sigma away add less than 1e-16 of their peak: skip their exp.
    constexpr double kNegligible = -36.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < kernels_.size(); ++i) {
        const double d = x - kernels_[i].mu;
        const double exponent = curvature_[i] * d * d;
        if (exponent > kNegligible) sum += coef_[i] * std::exp(exponent);
    }
    if (sum > std::numeric_limits<double>::min()) return std::log(sum);
    return log_pdf_in_log_space(x); // every kernel is far: add them without underflow
}

double NumericMixture::log_pdf_in_log_space(double x) const {
    std::vector<double> terms(kernels_.size());
    for (std::size_t i = 0; i < kernels_.size(); ++i) {
        const double d = x - kernels_[i].mu;
        terms[i] = std::log(weights_[i]) + curvature_[i] * d * d - kernels_[i].log_normalizer();
    }
    const double top = *std::max_element(terms.begin(), terms.end());
    double sum = 0.0;
    for (double t : terms) sum += std::exp(t - top);
    return top + std::log(sum);
}

double NumericMixture::log_mass(double a, double b) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < kernels_.size(); ++i) sum += weights_[i] * kernels_[i].mass(a, b);
    return std::log(std::max(sum, std::numeric_limits<double>::denorm_min()));
}

NumericMixture univariate_parzen(const ParamScale &scale, std::span<const double> observations,
                                 const ParzenSettings &settings) {
    const TruncatedNormal prior = scale.prior_kernel();
    const double width = scale.width();
    const double prior_centre = std::clamp(prior.mu, scale.low(), scale.high());
    std::vector<double> sigmas =
        neighbour_gaps(observations, prior_centre, scale.low(), scale.high(),
                       settings.consider_endpoints);
    const double n_kernels = static_cast<double>(observations.size() + 1);
    const double min_sigma =
        settings.magic_clip ? width / std::min(kMaxClipDivisor, 1.0 + n_kernels) : kMinSigma;
    std::vector<TruncatedNormal> kernels;
    kernels.reserve(observations.size() + 1);
    for (std::size_t i = 0; i < observations.size(); ++i)
        kernels.push_back({observations[i], std::clamp(sigmas[i], min_sigma, width), scale.low(),
                           scale.high()});
    kernels.push_back(prior);
    std::vector<double> weights = observation_weights(observations.size(), settings.ramp_weights);
    weights.push_back(settings.prior_weight);
    return NumericMixture(std::move(kernels), std::move(weights));
}

CategoricalParzen::CategoricalParzen(int32_t n_choices, std::span<const double> observations,
                                     const ParzenSettings &settings) {
    const auto c = static_cast<std::size_t>(n_choices);
    std::vector<double> weights = observation_weights(observations.size(), settings.ramp_weights);
    const double total =
        std::accumulate(weights.begin(), weights.end(), 0.0) + settings.prior_weight;
    // Each observation kernel is (one-hot + smoothing) / (1 + n_choices * smoothing).
    const double smoothing = settings.prior_weight / static_cast<double>(observations.size() + 1);
    const double kernel_norm = 1.0 + static_cast<double>(c) * smoothing;
    const double observed_weight = total - settings.prior_weight;
    probabilities_.assign(c, (settings.prior_weight / static_cast<double>(c) +
                              observed_weight * smoothing / kernel_norm) /
                                 total);
    for (std::size_t i = 0; i < observations.size(); ++i)
        probabilities_[static_cast<std::size_t>(observations[i])] +=
            weights[i] / kernel_norm / total;
    cumulative_ = running_sums(probabilities_);
}

int32_t CategoricalParzen::sample(RandomStream &rng) const {
    return static_cast<int32_t>(draw_index(cumulative_, rng));
}

double CategoricalParzen::log_probability(int32_t choice) const {
    return std::log(probabilities_[static_cast<std::size_t>(choice)]);
}

} // namespace hpo::tpe
