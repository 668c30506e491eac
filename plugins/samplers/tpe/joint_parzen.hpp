// The multivariate estimator: one kernel per observed configuration, a product of
// per-dimension kernels (truncated normals, cells of them for discrete parameters,
// smoothed one-hot for categorical ones), so that l(x) and g(x) see how parameters go
// together. Bandwidths follow Scott's rule over the dimension count, as Optuna's
// multivariate TPE does; the prior kernel is the product of the parameters' priors.
#pragma once

#include "parzen.hpp"

#include <span>
#include <vector>

namespace hpo::tpe {

class JointParzen {
public:
    // params: the dimensions; observations: n configurations of params.size() values each
    // (domain values: numbers as the parameter takes them, categorical choice indices),
    // oldest first.
    JointParzen(std::span<const hpo_param_info *const> params, std::span<const double> observations,
                const ParzenSettings &settings);

    // A configuration of domain values.
    void sample(RandomStream &rng, std::span<double> out) const;
    double log_density(std::span<const double> point) const;

private:
    struct Dimension {
        ParamDomain domain;
        std::vector<TruncatedNormal> kernels; // numeric: one per component
        std::vector<double> log_normalizers;  // numeric: per component (see the constructor)
        std::vector<int32_t> choices;         // categorical: observed choice, -1 for the prior
        double log_hit = 0, log_miss = 0;     // categorical: log kernel probabilities
    };
    double log_kernel(const Dimension &dim, std::size_t component, double value) const;

    std::vector<Dimension> dims_;
    std::vector<double> log_weights_;
    std::vector<double> cumulative_;
};

} // namespace hpo::tpe
