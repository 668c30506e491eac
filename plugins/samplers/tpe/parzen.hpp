// Parzen estimators, the densities TPE compares: l(x) over the good trials, g(x) over the
// rest. Each is a weighted mixture of one kernel per observation plus one prior kernel,
// the prior keeping the estimate honest where observations are few.
#pragma once

#include "param_scale.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hpo::tpe {

struct ParzenSettings {
    double prior_weight = 1.0;
    // Floor the bandwidths at width / min(100, 1 + kernels) (Hyperopt's "magic clip").
    bool magic_clip = true;
    // Let the outermost kernels' bandwidths reach the bounds (else they copy the inner gap).
    bool consider_endpoints = false;
    // Optuna's default weights: older observations beyond the newest 25 fade linearly.
    bool ramp_weights = true;
};

// Weights of n observations in chronological order (oldest first), before the prior's.
std::vector<double> observation_weights(std::size_t n, bool ramp);

// A weighted mixture of truncated normals on one interval, in a parameter's internal space.
class NumericMixture {
public:
    NumericMixture(std::vector<TruncatedNormal> kernels, std::vector<double> weights);

    double sample(RandomStream &rng) const;
    double log_pdf(double x) const;
    // The log probability of [a, b], for the cells of a discrete parameter.
    double log_mass(double a, double b) const;

    std::size_t size() const { return kernels_.size(); }
    const TruncatedNormal &kernel(std::size_t i) const { return kernels_[i]; }
    double weight(std::size_t i) const { return weights_[i]; }

private:
    double log_pdf_in_log_space(double x) const;

    std::vector<TruncatedNormal> kernels_;
    std::vector<double> weights_;    // normalized
    std::vector<double> cumulative_; // running sums of weights_, for drawing a kernel
    // weight * density at the mode, and -1/(2 sigma^2): the pdf is sum coef * exp(c d^2).
    std::vector<double> coef_, curvature_;
};

// The univariate estimator: a kernel at each observation (internal-space values, oldest
// first) whose bandwidth is the larger gap to its sorted neighbours, clipped, and the
// parameter's prior kernel.
NumericMixture univariate_parzen(const ParamScale &scale, std::span<const double> observations,
                                 const ParzenSettings &settings);

// Categorical kernels: each observation puts its weight on the observed choice, smoothed by
// prior_weight / kernels over every choice; the prior kernel is uniform. The mixture then
// reduces to one probability per choice.
class CategoricalParzen {
public:
    CategoricalParzen(int32_t n_choices, std::span<const double> observations,
                      const ParzenSettings &settings);

    int32_t sample(RandomStream &rng) const;
    double log_probability(int32_t choice) const;
    const std::vector<double> &probabilities() const { return probabilities_; }

private:
    std::vector<double> probabilities_;
    std::vector<double> cumulative_;
};

// Index of the entry whose running-sum interval contains u * total (a weighted draw).
std::size_t draw_index(const std::vector<double> &cumulative, RandomStream &rng);

} // namespace hpo::tpe
