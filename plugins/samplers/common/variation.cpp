#include "variation.hpp"

#include <algorithm>
#include <cmath>

namespace hpo::samplers {

namespace {

// The spread factor of bounded SBX for a child on one side: `room` is the distance from the
// nearer parent to the bound on that side, `gap` the distance between the parents. The spread
// distribution is cut at the bound so that no child falls outside, and u picks in it.
double sbx_spread(double room, double gap, double eta, double u) {
    const double beta = 1.0 + 2.0 * room / gap;
    const double alpha = 2.0 - std::pow(beta, -(eta + 1.0));
    const double exponent = 1.0 / (eta + 1.0);
    if (u <= 1.0 / alpha) return std::pow(u * alpha, exponent);
    return std::pow(1.0 / (2.0 - u * alpha), exponent);
}

double simulated_binary(double a, double b, double low, double high, double eta,
                        RandomStream &rng) {
    const double y1 = std::min(a, b), y2 = std::max(a, b), gap = y2 - y1;
    if (gap <= 1e-14 * std::max(1.0, std::abs(y1))) return a;
    const double u = rng.uniform();
    if (rng.uniform() < 0.5) return 0.5 * (y1 + y2 - sbx_spread(y1 - low, gap, eta, u) * gap);
    return 0.5 * (y1 + y2 + sbx_spread(high - y2, gap, eta, u) * gap);
}

double polynomial(double x, double low, double high, double eta, RandomStream &rng) {
    const double width = high - low;
    const double u = rng.uniform();
    const double power = 1.0 / (eta + 1.0);
    double shift;
    if (u < 0.5) {
        const double reach = 1.0 - (x - low) / width;
        shift = std::pow(2.0 * u + (1.0 - 2.0 * u) * std::pow(reach, eta + 1.0), power) - 1.0;
    } else {
        const double reach = 1.0 - (high - x) / width;
        shift = 1.0 - std::pow(2.0 * (1.0 - u) + 2.0 * (u - 0.5) * std::pow(reach, eta + 1.0),
                               power);
    }
    return x + shift * width;
}

} // namespace

double cross_internal(const ParamDomain &domain, double a, double b,
                      const VariationOptions &options, RandomStream &rng) {
    const double low = domain.internal_low(), high = domain.internal_high();
    double child = a;
    switch (options.crossover) {
    case CrossoverKind::Uniform:
        child = rng.uniform() < options.swap_prob ? b : a;
        break;
    case CrossoverKind::SimulatedBinary:
        child = simulated_binary(a, b, low, high, options.sbx_eta, rng);
        break;
    case CrossoverKind::BlxAlpha: {
        const double reach = options.blx_alpha * std::abs(a - b);
        child = rng.uniform(std::min(a, b) - reach, std::max(a, b) + reach);
        break;
    }
    }
    return std::clamp(child, low, high);
}

double mutate_internal(const ParamDomain &domain, double x, const VariationOptions &options,
                       RandomStream &rng) {
    const double low = domain.internal_low(), high = domain.internal_high();
    if (!(high > low)) return x; // one point: nowhere to go
    x = std::clamp(x, low, high);
    const double mutant = options.mutation == MutationKind::Polynomial
                              ? polynomial(x, low, high, options.mutation_eta, rng)
                              : x + options.mutation_sigma * (high - low) * rng.normal();
    return std::clamp(mutant, low, high);
}

double child_value(const ParamDomain &domain, double first, double second, const ChildPlan &plan,
                   const VariationOptions &options, RandomStream &rng) {
    if (std::isnan(first) && std::isnan(second)) return domain.draw_prior(rng);
    const bool both = !std::isnan(first) && !std::isnan(second);
    const double inherited = std::isnan(first) ? second : first;
    const bool mutates = rng.uniform() < plan.mutation_rate;
    if (domain.categorical()) {
        if (mutates) return domain.draw_uniform(rng);
        if (both && plan.cross && rng.uniform() < 0.5) return second;
        return inherited;
    }
    double x = domain.to_internal(inherited);
    if (both && plan.cross)
        x = cross_internal(domain, domain.to_internal(first), domain.to_internal(second), options,
                           rng);
    if (mutates) x = mutate_internal(domain, x, options, rng);
    return domain.to_value(x);
}

} // namespace hpo::samplers
