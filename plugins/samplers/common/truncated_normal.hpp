// The standard normal distribution and normals truncated to an interval: what the Parzen
// estimators' kernels, the samplers' normal priors and the acquisitions' tails are made of.
#pragma once

#include <hpo_kit/random_stream.hpp>

namespace hpo::samplers {

using plugin_kit::RandomStream;

inline constexpr double kLogSqrt2Pi = 0.91893853320467274178;

double normal_pdf(double z);
double normal_cdf(double z);
// The inverse of normal_cdf on (0, 1).
double normal_quantile(double p);

// N(mu, sigma) restricted to [low, high] and renormalized.
struct TruncatedNormal {
    double mu, sigma, low, high;

    // log(sigma * sqrt(2 pi) * Z), Z the mass N(mu, sigma) puts on [low, high]: the
    // constant subtracted from -z^2/2 to get the log density.
    double log_normalizer() const;
    // The probability of [a, b] (a subinterval of [low, high]) under this distribution.
    double mass(double a, double b) const;
    // Inverse-CDF draw, done on the side of the mean where the CDF keeps its precision; an
    // interval so far out that the CDF underflows is drawn from the tail's exponential limit.
    double sample(RandomStream &rng) const;
    // The probability of [a, b] under N(mu, sigma) itself, before truncation.
    double untruncated_mass(double a, double b) const;
};

} // namespace hpo::samplers
