#include "parzen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hpo::tpe {

namespace {

// Optuna keeps the newest observations at full weight and ramps the older ones.
constexpr std::size_t kFlatWeights = 25;
// The most kernels the magic clip divides the width by.
constexpr double kMaxClipDivisor = 100.0;
constexpr double kMinSigma = 1e-12;

std::vector<double> running_sums(const std::vector<double> &weights) {
    std::vector<double> sums(weights.size());
    std::partial_sum(weights.begin(), weights.end(), sums.begin());
    return sums;
}

// Kernels narrower than this fraction of the range are looked up by centre.
constexpr double kNarrowFraction = 0.125;
// Beyond this many sigmas a kernel adds less than 1e-16 of its peak (exp(-36)).
constexpr double kReachSigmas = 8.5;

constexpr double kSqrt2Pi = 2.50662827463100050242;

// One kernel's centre and where it came from (an observation's index, or the prior's
// when equal to the number of observations), as sorted for bandwidths: 16 bytes, so that
// sorting a thousand of them stays cheap.
struct Centre {
    double mu;
    uint64_t source;
};

// Bandwidth of each centre (sorted): the larger gap to its neighbours, the bounds at both
// ends; without endpoints the outermost take the gap on their inner side only.
std::vector<double> neighbour_gaps(const std::vector<Centre> &sorted, double low, double high,
                                   bool consider_endpoints) {
    const std::size_t m = sorted.size();
    auto edge = [&](std::size_t j) { // low, the centres, high
        return j == 0 ? low : j == m + 1 ? high : sorted[j - 1].mu;
    };
    std::vector<double> gaps(m);
    for (std::size_t j = 0; j < m; ++j)
        gaps[j] = std::max(edge(j + 1) - edge(j), edge(j + 2) - edge(j + 1));
    if (!consider_endpoints && m >= 2) {
        gaps.front() = edge(2) - edge(1);
        gaps.back() = edge(m) - edge(m - 1);
    }
    return gaps;
}

} // namespace

double min_bandwidth(double width, double n_kernels, const ParzenSettings &settings) {
    return settings.magic_clip ? width / std::min(kMaxClipDivisor, 1.0 + n_kernels) : kMinSigma;
}

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

void NumericMixture::Terms::add(const TruncatedNormal &k, double weight, double inv_mass,
                                std::size_t index) {
    mu.push_back(k.mu);
    curvature.push_back(-0.5 / (k.sigma * k.sigma));
    coef.push_back(weight * inv_mass / (k.sigma * kSqrt2Pi));
    sigma.push_back(k.sigma);
    kernel.push_back(index);
}

NumericMixture::NumericMixture(std::vector<TruncatedNormal> kernels, std::vector<double> weights)
    : kernels_(std::move(kernels)), weights_(std::move(weights)) {
    const double total = std::accumulate(weights_.begin(), weights_.end(), 0.0);
    for (double &w : weights_) w /= total;
    cumulative_ = running_sums(weights_);
    std::vector<std::size_t> order(kernels_.size());
    std::iota(order.begin(), order.end(), 0);
    auto by_centre = [&](std::size_t a, std::size_t b) { return kernels_[a].mu < kernels_[b].mu; };
    if (!std::is_sorted(order.begin(), order.end(), by_centre))
        std::sort(order.begin(), order.end(), by_centre);
    for (std::size_t i : order) {
        const TruncatedNormal &k = kernels_[i];
        inv_mass_.push_back(
            1.0 / std::max(k.untruncated_mass(k.low, k.high), std::numeric_limits<double>::min()));
        const bool narrow = k.sigma <= kNarrowFraction * (k.high - k.low);
        (narrow ? narrow_ : wide_).add(k, weights_[i], inv_mass_.back(), i);
        if (narrow) reach_ = std::max(reach_, kReachSigmas * k.sigma);
    }
    // inv_mass_ was filled in sorted order; put it back in kernel order.
    std::vector<double> by_kernel(inv_mass_.size());
    for (std::size_t j = 0; j < order.size(); ++j) by_kernel[order[j]] = inv_mass_[j];
    inv_mass_.swap(by_kernel);
}

template <class Visit>
void NumericMixture::for_each_near(double a, double b, Visit &&visit) const {
    for (std::size_t j = 0; j < wide_.mu.size(); ++j) visit(wide_, j);
    const auto first = std::lower_bound(narrow_.mu.begin(), narrow_.mu.end(), a - reach_);
    const auto last = std::upper_bound(first, narrow_.mu.end(), b + reach_);
    for (auto it = first; it != last; ++it)
        visit(narrow_, static_cast<std::size_t>(it - narrow_.mu.begin()));
}

double NumericMixture::sample(RandomStream &rng) const {
    return kernels_[draw_index(cumulative_, rng)].sample(rng);
}

double NumericMixture::log_pdf(double x) const {
    return log_sum(x, false);
}

double NumericMixture::log_pdf_bandwidth_weighted(double x) const {
    return log_sum(x, true);
}

double NumericMixture::log_sum(double x, bool bandwidth_weighted) const {
    double sum = 0.0;
    for_each_near(x, x, [&](const Terms &t, std::size_t j) {
        const double d = x - t.mu[j];
        sum +=
            t.coef[j] * (bandwidth_weighted ? t.sigma[j] : 1.0) * std::exp(t.curvature[j] * d * d);
    });
    if (sum > std::numeric_limits<double>::min()) return std::log(sum);
    return log_sum_in_log_space(x, bandwidth_weighted); // every kernel is far: no underflow
}

double NumericMixture::log_sum_in_log_space(double x, bool bandwidth_weighted) const {
    std::vector<double> terms(kernels_.size());
    for (std::size_t i = 0; i < kernels_.size(); ++i) {
        const double d = (x - kernels_[i].mu) / kernels_[i].sigma;
        terms[i] = std::log(weights_[i]) - 0.5 * d * d - kernels_[i].log_normalizer() +
                   (bandwidth_weighted ? std::log(kernels_[i].sigma) : 0.0);
    }
    const double top = *std::max_element(terms.begin(), terms.end());
    double sum = 0.0;
    for (double t : terms) sum += std::exp(t - top);
    return top + std::log(sum);
}

double NumericMixture::log_mass(double a, double b) const {
    double sum = 0.0;
    for_each_near(a, b, [&](const Terms &t, std::size_t j) {
        const std::size_t i = t.kernel[j];
        sum += weights_[i] * kernels_[i].untruncated_mass(a, b) * inv_mass_[i];
    });
    return std::log(std::max(sum, std::numeric_limits<double>::denorm_min()));
}

NumericMixture univariate_parzen(const ParamDomain &domain, std::span<const double> observations,
                                 const ParzenSettings &settings) {
    const TruncatedNormal prior = domain.prior_kernel();
    const double low = domain.internal_low(), high = domain.internal_high(), width = high - low;
    const std::vector<double> weights =
        observation_weights(observations.size(), settings.ramp_weights);
    std::vector<Centre> centres;
    centres.reserve(observations.size() + 1);
    const std::size_t n = observations.size();
    for (std::size_t i = 0; i < n; ++i) centres.push_back({observations[i], i});
    // The prior takes part in the gaps at its centre (clamped: a normal prior may lie out).
    centres.push_back({std::clamp(prior.mu, low, high), n});
    std::sort(centres.begin(), centres.end(),
              [](const Centre &a, const Centre &b) { return a.mu < b.mu; });
    const std::vector<double> gaps = neighbour_gaps(centres, low, high, settings.consider_endpoints);
    const double n_kernels = static_cast<double>(centres.size());
    const double min_sigma = min_bandwidth(width, n_kernels, settings);
    std::vector<TruncatedNormal> kernels;
    std::vector<double> kernel_weights;
    kernels.reserve(centres.size());
    kernel_weights.reserve(centres.size());
    for (std::size_t j = 0; j < centres.size(); ++j) {
        const bool is_prior = centres[j].source == n;
        kernels.push_back(is_prior ? prior
                                   : TruncatedNormal{centres[j].mu,
                                                     std::clamp(gaps[j], min_sigma, width),
                                                     low, high});
        kernel_weights.push_back(is_prior ? settings.prior_weight : weights[centres[j].source]);
    }
    return NumericMixture(std::move(kernels), std::move(kernel_weights));
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
