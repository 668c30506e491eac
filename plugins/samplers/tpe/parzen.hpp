// Parzen estimators, the densities TPE compares: l(x) over the good trials, g(x) over the
// rest. Each is a weighted mixture of one kernel per observation plus one prior kernel,
// the prior keeping the estimate honest where observations are few.
#pragma once

#include <param_domain.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hpo::tpe {

// The samplers' shared pieces the estimators are made of.
using samplers::ParamDomain;
using samplers::RandomStream;
using samplers::TruncatedNormal;

struct ParzenSettings {
    double prior_weight = 1.0;
    // Floor the bandwidths at width / min(100, 1 + kernels) (Hyperopt's "magic clip").
    bool magic_clip = true;
    // Let the outermost kernels' bandwidths reach the bounds (else they copy the inner gap).
    bool consider_endpoints = false;
    // Optuna's default weights: older observations beyond the newest 25 fade linearly.
    bool ramp_weights = true;
    // Score continuous candidates with bandwidth-weighted kernels (see NumericMixture): a
    // ratio of normalized densities rewards the tall peaks of crowded narrow kernels and
    // so exploits too early; weighting by bandwidth lowered the median regret on every
    // problem of bench/quality (60 seeds, univariate and multivariate).
    bool bandwidth_weighted_scores = true;
};

// The narrowest bandwidth a kernel of a mixture of n_kernels on an interval of this width
// may have: the magic clip's floor, or a tiny positive one without it.
double min_bandwidth(double width, double n_kernels, const ParzenSettings &settings);

// Weights of n observations in chronological order (oldest first), before the prior's.
std::vector<double> observation_weights(std::size_t n, bool ramp);

// A weighted mixture of truncated normals on one interval, in a parameter's internal space.
//
// Densities are sums over the kernels near the point: the narrow kernels are kept sorted by
// centre and only those within reach (where exp could still matter) are evaluated, the few
// wide ones (the prior, isolated observations) always are. That keeps an evaluation far
// below O(kernels) once a history has hundreds of trials.
class NumericMixture {
public:
    NumericMixture(std::vector<TruncatedNormal> kernels, std::vector<double> weights);

    double sample(RandomStream &rng) const;
    double log_pdf(double x) const;
    // The log of the mixture with each kernel's weight multiplied by its bandwidth, up to a
    // constant: a density that favours the sparse regions the wide kernels cover.
    double log_pdf_bandwidth_weighted(double x) const;
    // The log probability of [a, b], for the cells of a discrete parameter.
    double log_mass(double a, double b) const;

    std::size_t size() const { return kernels_.size(); }
    const TruncatedNormal &kernel(std::size_t i) const { return kernels_[i]; }
    double weight(std::size_t i) const { return weights_[i]; }

private:
    // Kernels as the density needs them: pdf = sum coef * exp(curvature * (x - mu)^2).
    struct Terms {
        std::vector<double> mu, curvature, coef, sigma;
        std::vector<std::size_t> kernel; // index into kernels_
        void add(const TruncatedNormal &k, double weight, double inv_mass, std::size_t index);
    };
    template <class Visit>
    void for_each_near(double a, double b, Visit &&visit) const;
    double log_sum(double x, bool bandwidth_weighted) const;
    double log_sum_in_log_space(double x, bool bandwidth_weighted) const;

    std::vector<TruncatedNormal> kernels_;
    std::vector<double> weights_;    // normalized
    std::vector<double> cumulative_; // running sums of weights_, for drawing a kernel
    std::vector<double> inv_mass_;   // 1 / the mass of each kernel before truncation
    Terms narrow_, wide_;            // narrow_ sorted by mu
    double reach_ = 0.0;             // beyond it from x, a narrow kernel adds nothing
};

// The univariate estimator: a kernel at each observation (internal-space values, oldest
// first) whose bandwidth is the larger gap to its sorted neighbours, clipped, and the
// parameter's prior kernel.
NumericMixture univariate_parzen(const ParamDomain &domain, std::span<const double> observations,
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
