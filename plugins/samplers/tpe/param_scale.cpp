#include "param_scale.hpp"

#include <algorithm>
#include <cmath>

namespace hpo::tpe {

ParamScale::ParamScale(const hpo_param_info &param)
    : value_low_(param.low), value_high_(param.high),
      step_(param.kind == HPO_PARAM_INT ? std::max(param.step, 1.0) : param.step),
      log_(param.log != 0), normal_prior_(param.prior == HPO_PRIOR_NORMAL),
      prior_mu_(param.prior_mu), prior_sigma_(param.prior_sigma) {
    double lo = value_low_, hi = value_high_;
    if (discrete()) {
        // A log grid starting near zero cannot widen below it; half the first value
        // keeps the first cell inside the positive axis.
        lo = log_ ? std::max(lo - 0.5 * step_, 0.5 * lo) : lo - 0.5 * step_;
        hi += 0.5 * step_;
    }
    low_ = to_internal(lo);
    high_ = to_internal(hi);
}

double ParamScale::to_internal(double value) const {
    return log_ ? std::log(value) : value;
}

double ParamScale::snap(double value) const {
    if (discrete()) value = value_low_ + std::round((value - value_low_) / step_) * step_;
    return std::clamp(value, value_low_, value_high_);
}

double ParamScale::to_value(double internal) const {
    return snap(log_ ? std::exp(internal) : internal);
}

std::pair<double, double> ParamScale::cell(double value) const {
    const double half = 0.5 * step_;
    const double a = value - half <= 0.0 && log_ ? low_ : to_internal(value - half);
    return {std::max(a, low_), std::min(to_internal(value + half), high_)};
}

TruncatedNormal ParamScale::prior_kernel() const {
    if (normal_prior_) return {prior_mu_, prior_sigma_, low_, high_};
    return {0.5 * (low_ + high_), width(), low_, high_};
}

double ParamScale::sample_prior(RandomStream &rng) const {
    const double internal = normal_prior_ ? prior_kernel().sample(rng) : rng.uniform(low_, high_);
    return to_value(internal);
}

} // namespace hpo::tpe
