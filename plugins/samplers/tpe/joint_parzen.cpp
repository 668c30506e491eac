#include "joint_parzen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace hpo::tpe {

namespace {

constexpr double kScottFactor = 0.2;

} // namespace

JointParzen::JointParzen(std::span<const hpo_param_info *const> params,
                         std::span<const double> observations, const ParzenSettings &settings) {
    const std::size_t d = params.size();
    const std::size_t n = d == 0 ? 0 : observations.size() / d;
    const std::size_t n_kernels = n + 1;
    for (std::size_t k = 0; k < d; ++k) {
        Dimension dim{ParamDomain(*params[k]), {}, {}, {}, 0, 0};
        const ParamDomain &domain = dim.domain;
        if (domain.categorical()) {
            const double smoothing = settings.prior_weight / static_cast<double>(n_kernels);
            const double norm = 1.0 + domain.n_choices() * smoothing;
            dim.log_hit = std::log((1.0 + smoothing) / norm);
            dim.log_miss = std::log(smoothing / norm);
            for (std::size_t i = 0; i < n; ++i)
                dim.choices.push_back(static_cast<int32_t>(observations[i * d + k]));
            dim.choices.push_back(-1);
        } else {
            const double width = domain.internal_width();
            const double min_sigma = min_bandwidth(width, static_cast<double>(n_kernels), settings);
            const double scott = kScottFactor *
                                 std::pow(static_cast<double>(std::max<std::size_t>(n, 1)),
                                          -1.0 / static_cast<double>(d + 4)) *
                                 width;
            const double sigma = std::clamp(scott, min_sigma, width);
            for (std::size_t i = 0; i < n; ++i)
                dim.kernels.push_back(
                    {domain.to_internal(observations[i * d + k]), sigma, domain.internal_low(),
                     domain.internal_high()});
            dim.kernels.push_back(domain.prior_kernel());
            // A discrete dimension divides cell masses by the kernel's mass on the support;
            // a continuous one subtracts the log normalizer of its density (bandwidth-weighted:
            // without its log sigma, as ParzenSettings says).
            for (const auto &kernel : dim.kernels)
                dim.log_normalizers.push_back(
                    domain.discrete()
                        ? std::log(std::max(kernel.untruncated_mass(kernel.low, kernel.high),
                                            std::numeric_limits<double>::min()))
                        : kernel.log_normalizer() -
                              (settings.bandwidth_weighted_scores ? std::log(kernel.sigma) : 0.0));
        }
        dims_.push_back(std::move(dim));
    }
    std::vector<double> weights = observation_weights(n, settings.ramp_weights);
    weights.push_back(settings.prior_weight);
    cumulative_.resize(weights.size());
    std::partial_sum(weights.begin(), weights.end(), cumulative_.begin());
    for (double w : weights) log_weights_.push_back(std::log(w / cumulative_.back()));
}

void JointParzen::sample(RandomStream &rng, std::span<double> out) const {
    const std::size_t component = draw_index(cumulative_, rng);
    for (std::size_t k = 0; k < dims_.size(); ++k) {
        const Dimension &dim = dims_[k];
        if (!dim.domain.categorical()) {
            out[k] = dim.domain.to_value(dim.kernels[component].sample(rng));
            continue;
        }
        // The observed choice with its kernel's extra mass, else any choice uniformly:
        // that mixture is exactly the smoothed one-hot kernel.
        const int32_t observed = dim.choices[component];
        const double p_hit = std::exp(dim.log_hit) - std::exp(dim.log_miss);
        out[k] = observed >= 0 && rng.uniform() < p_hit ? observed : dim.domain.draw_uniform(rng);
    }
}

double JointParzen::log_kernel(const Dimension &dim, std::size_t component, double value) const {
    if (dim.domain.categorical()) {
        const int32_t observed = dim.choices[component];
        if (observed < 0) return -std::log(static_cast<double>(dim.domain.n_choices()));
        return static_cast<int32_t>(value) == observed ? dim.log_hit : dim.log_miss;
    }
    const TruncatedNormal &kernel = dim.kernels[component];
    if (dim.domain.discrete()) {
        const auto [a, b] = dim.domain.cell(value);
        return std::log(std::max(kernel.untruncated_mass(a, b),
                                 std::numeric_limits<double>::denorm_min())) -
               dim.log_normalizers[component];
    }
    const double z = (dim.domain.to_internal(value) - kernel.mu) / kernel.sigma;
    return -0.5 * z * z - dim.log_normalizers[component];
}

double JointParzen::log_density(std::span<const double> point) const {
    double top = -std::numeric_limits<double>::infinity();
    std::vector<double> terms(log_weights_.size());
    for (std::size_t i = 0; i < terms.size(); ++i) {
        double term = log_weights_[i];
        for (std::size_t k = 0; k < dims_.size(); ++k) term += log_kernel(dims_[k], i, point[k]);
        terms[i] = term;
        top = std::max(top, term);
    }
    double sum = 0.0;
    for (double t : terms) sum += std::exp(t - top);
    return top + std::log(sum);
}

} // namespace hpo::tpe
