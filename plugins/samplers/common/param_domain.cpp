#include "param_domain.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hpo::samplers {

namespace {

// The parameter, after checking that it describes a domain. The message is built only on
// failure: a domain is made on every ask, for every parameter.
const hpo_param_info &checked(const hpo_param_info &p) {
    const auto fail = [&](const char *what) {
        throw std::invalid_argument(std::string("parameter '") + (p.name ? p.name : "?") + "' " +
                                    what);
    };
    if (p.kind == HPO_PARAM_CATEGORICAL) {
        if (p.n_choices < 1) fail("has no choices");
        return p;
    }
    if (!std::isfinite(p.low) || !std::isfinite(p.high) || p.low > p.high)
        fail("has bounds that are not a finite low <= high");
    if (p.log && !(p.low > 0)) fail("is log-scaled with low <= 0");
    if (!(p.step >= 0) || !std::isfinite(p.step)) fail("has a negative step");
    if (p.prior == HPO_PRIOR_NORMAL && !(p.prior_sigma > 0 && std::isfinite(p.prior_mu)))
        fail("has a normal prior whose sigma is not positive");
    return p;
}

// An int moves by at least 1 even when the view says 0.
double step_of(const hpo_param_info &p) {
    if (p.kind == HPO_PARAM_CATEGORICAL) return 0.0;
    return p.kind == HPO_PARAM_INT ? std::max(p.step, 1.0) : p.step;
}

// Whole steps from low to within high, counting a last step rounding left just short.
int64_t whole_steps(double low, double high, double step) {
    const double steps = (high - low) / step;
    const double nearest = std::round(steps);
    return static_cast<int64_t>(nearly_equal(steps, nearest) ? nearest : std::floor(steps));
}

} // namespace

bool nearly_equal(double a, double b) {
    return std::abs(a - b) <= kGridTolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

ParamDomain::ParamDomain(const hpo_param_info &param)
    : categorical_(checked(param).kind == HPO_PARAM_CATEGORICAL),
      n_choices_(categorical_ ? param.n_choices : 0), log_(!categorical_ && param.log != 0),
      low_(param.low), high_(param.high), step_(step_of(param)),
      normal_prior_(!categorical_ && param.prior == HPO_PRIOR_NORMAL),
      prior_mu_(param.prior_mu), prior_sigma_(param.prior_sigma) {
    if (categorical_) return;
    double lo = low_, hi = high_;
    if (discrete()) {
        n_points_ = whole_steps(low_, high_, step_) + 1;
        lo = log_ ? std::max(lo - 0.5 * step_, 0.5 * lo) : lo - 0.5 * step_;
        hi = point(n_points_ - 1) + 0.5 * step_;
    }
    internal_low_ = to_internal(lo);
    internal_high_ = to_internal(hi);
}

double ParamDomain::point(int64_t k) const {
    return std::min(low_ + static_cast<double>(k) * step_, high_);
}

std::vector<double> ParamDomain::points() const {
    std::vector<double> values;
    for (int64_t k = 0; k < n_points_; ++k) values.push_back(point(k));
    return values;
}

bool ParamDomain::on_grid(double value) const {
    const double k = (value - low_) / step_;
    return nearly_equal(k, std::round(k));
}

double ParamDomain::snap(double value) const {
    if (categorical_)
        return std::clamp(std::round(value), 0.0, static_cast<double>(n_choices_ - 1));
    if (!discrete()) return std::clamp(value, low_, high_);
    const double k = std::clamp(std::round((value - low_) / step_), 0.0,
                                static_cast<double>(n_points_ - 1));
    return point(static_cast<int64_t>(k));
}

double ParamDomain::to_internal(double value) const { return log_ ? std::log(value) : value; }

double ParamDomain::to_value(double internal) const {
    return snap(log_ ? std::exp(internal) : internal);
}

std::pair<double, double> ParamDomain::cell(double value) const {
    const double half = 0.5 * step_;
    const double a = value - half <= 0.0 && log_ ? internal_low_ : to_internal(value - half);
    return {std::max(a, internal_low_), std::min(to_internal(value + half), internal_high_)};
}

TruncatedNormal ParamDomain::prior_kernel() const {
    if (normal_prior_) return {prior_mu_, prior_sigma_, internal_low_, internal_high_};
    return {0.5 * (internal_low_ + internal_high_), internal_width(), internal_low_,
            internal_high_};
}

double ParamDomain::draw_uniform(RandomStream &rng) const {
    if (categorical_) return static_cast<double>(rng.below(static_cast<uint64_t>(n_choices_)));
    if (discrete() && !log_)
        return point(static_cast<int64_t>(rng.below(static_cast<uint64_t>(n_points_))));
    return to_value(rng.uniform(internal_low_, internal_high_));
}

double ParamDomain::draw_prior(RandomStream &rng) const {
    return normal_prior_ ? to_value(prior_kernel().sample(rng)) : draw_uniform(rng);
}

} // namespace hpo::samplers
