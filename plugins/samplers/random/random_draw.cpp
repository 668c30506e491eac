#include "random_draw.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hpo::random_sampler {

namespace {

using plugin_kit::RandomStream;

void validate(const hpo_param_info &p) {
    const std::string where = std::string("parameter '") + (p.name ? p.name : "?") + "'";
    if (p.kind == HPO_PARAM_CATEGORICAL) {
        if (p.n_choices < 1) throw std::invalid_argument(where + " has no choices");
        return;
    }
    if (!std::isfinite(p.low) || !std::isfinite(p.high) || p.low > p.high)
        throw std::invalid_argument(where + " has bounds that are not a finite low <= high");
    if (p.log && p.low <= 0) throw std::invalid_argument(where + " is log-scaled with low <= 0");
    if (p.step < 0 || !std::isfinite(p.step)) throw std::invalid_argument(where + " has a negative step");
    if (p.prior == HPO_PRIOR_NORMAL && !(p.prior_sigma > 0 && std::isfinite(p.prior_mu)))
        throw std::invalid_argument(where + " has a normal prior whose sigma is not positive");
}

// An int moves by at least 1 even when the view says 0.
double effective_step(const hpo_param_info &p) {
    return p.kind == HPO_PARAM_INT ? std::max(p.step, 1.0) : p.step;
}

// Whole steps from low to high: the grid has that many points plus one. The tolerance keeps
// (1 - 0) / 0.1 = 9.999999999999998 from losing its last point.
uint64_t grid_steps(const hpo_param_info &p, double step) {
    return static_cast<uint64_t>(std::floor((p.high - p.low) / step + 1e-9));
}

double grid_point(const hpo_param_info &p, double step, uint64_t k) {
    return std::min(p.low + static_cast<double>(k) * step, p.high);
}

// The nearest value of the domain: on the step grid anchored at low, within the bounds.
double snap(const hpo_param_info &p, double step, double v) {
    if (step <= 0) return std::clamp(v, p.low, p.high);
    const double k = std::clamp(std::round((v - p.low) / step), 0.0,
                                static_cast<double>(grid_steps(p, step)));
    return grid_point(p, step, static_cast<uint64_t>(k));
}

double std_normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// A standard normal truncated to [a, b], by inverting its CDF. The CDF is accurate in
// floating point only in the lower tail, so an interval right of the mode is mirrored.
double truncated_std_normal(RandomStream &stream, double a, double b) {
    if (a > 0) return -truncated_std_normal(stream, -b, -a);
    const double pa = std_normal_cdf(a), pb = std_normal_cdf(b);
    if (!(pb > pa)) {
        // Beyond about 37 sigma the CDF underflows: there the density is close to an
        // exponential of rate |b| falling away from b, which is what it converges to.
        if (b <= a) return a;
        const double exponential = -std::log1p(-stream.uniform());
        return std::max(b - exponential / std::abs(b), a);
    }
    const double p = pa + stream.uniform() * (pb - pa);
    if (p <= 0) return a;
    if (p >= 1) return b;
    return std::clamp(-std::sqrt(2.0) * boost::math::erfc_inv(2 * p), a, b);
}

double draw_normal_prior(const hpo_param_info &p, double step, RandomStream &stream) {
    const double low = p.log ? std::log(p.low) : p.low;
    const double high = p.log ? std::log(p.high) : p.high;
    const double sigma = p.prior_sigma, mu = p.prior_mu;
    const double x = mu + sigma * truncated_std_normal(stream, (low - mu) / sigma, (high - mu) / sigma);
    return snap(p, step, p.log ? std::exp(x) : x);
}

double draw_log_uniform(const hpo_param_info &p, double step, RandomStream &stream) {
    // On a step grid each point owns half a step either side, so the end points are as likely
    // as any other (Optuna draws log-scaled ints so); below zero the lowest keeps its own side.
    const double half = step / 2;
    const double low = std::log(p.low - half > 0 ? p.low - half : p.low);
    const double high = std::log(p.high + half);
    return snap(p, step, std::exp(low + (high - low) * stream.uniform()));
}

}  // namespace

double draw(const hpo_param_info &param, RandomStream &stream) {
    validate(param);
    if (param.kind == HPO_PARAM_CATEGORICAL)
        return static_cast<double>(stream.below(static_cast<uint64_t>(param.n_choices)));
    const double step = effective_step(param);
    if (param.prior == HPO_PRIOR_NORMAL) return draw_normal_prior(param, step, stream);
    if (param.log) return draw_log_uniform(param, step, stream);
    if (step > 0) return grid_point(param, step, stream.below(grid_steps(param, step) + 1));
    return std::min(param.low + (param.high - param.low) * stream.uniform(), param.high);
}

}  // namespace hpo::random_sampler
