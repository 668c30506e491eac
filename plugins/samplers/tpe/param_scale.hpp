// How a sampler sees one numeric parameter: the space its kernels live in (log space for
// a log parameter), the support in that space (widened by half a step on each side for a
// stepped or integer parameter, so that every grid point owns a cell of equal footing), and
// the way back to a value of the parameter's domain.
#pragma once

#include "gauss.hpp"

#include <hpo/plugin.h>

#include <utility>

namespace hpo::tpe {

class ParamScale {
public:
    explicit ParamScale(const hpo_param_info &param);

    double to_internal(double value) const;
    // An internal-space point back into the domain: exp for log, then onto the step grid
    // (or integers), clamped to [low, high].
    double to_value(double internal) const;
    // A domain value onto the grid and into bounds.
    double snap(double value) const;

    bool discrete() const { return step_ > 0.0; }
    // The internal-space interval of the grid cell of a discrete value.
    std::pair<double, double> cell(double value) const;

    double low() const { return low_; } // support, internal space
    double high() const { return high_; }
    double width() const { return high_ - low_; }

    // The parameter's prior as a kernel in internal space: its normal prior when it has
    // one, else centred on the range with the range as sigma (flat over the support).
    TruncatedNormal prior_kernel() const;
    // A draw from the prior itself: uniform over the support, or the truncated normal.
    double sample_prior(RandomStream &rng) const;

private:
    double value_low_, value_high_, step_;
    bool log_;
    bool normal_prior_;
    double prior_mu_, prior_sigma_;
    double low_, high_;
};

} // namespace hpo::tpe
