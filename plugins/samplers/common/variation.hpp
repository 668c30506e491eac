// How an evolutionary sampler makes a child from two parents, one parameter at a time:
// crossover, then mutation, both in the parameter's internal space (log space for a log
// parameter) on its support, then back onto its domain (ParamDomain::to_value clamps and snaps
// onto the step grid or the integers). Shared by the genetic and nsga2 samplers.
//
// - Numbers cross by uniform choice of a parent, simulated binary crossover (Deb and Agrawal
//   1995, in its bounded form) or BLX-alpha (Eshelman and Schaffer 1993), and mutate by
//   polynomial mutation (Deb's bounded form) or a Gaussian step.
// - A categorical child takes one parent's choice; its mutation resamples it uniformly.
// - A parameter a parent lacks (NaN: inactive there) is inherited from the other parent only;
//   one that neither parent has is drawn from its prior.
#pragma once

#include "param_domain.hpp"
#include "trial_streams.hpp"

namespace hpo::samplers {

enum class CrossoverKind { Uniform, SimulatedBinary, BlxAlpha };
enum class MutationKind { Polynomial, Gaussian };

struct VariationOptions {
    CrossoverKind crossover = CrossoverKind::SimulatedBinary;
    double swap_prob = 0.5;      // uniform: the chance of the second parent's value
    double sbx_eta = 15.0;       // simulated binary: larger keeps children nearer the parents
    double blx_alpha = 0.5;      // BLX: how far past the parents' interval, in its widths
    MutationKind mutation = MutationKind::Polynomial;
    double mutation_eta = 20.0;  // polynomial: larger keeps the mutant nearer
    double mutation_sigma = 0.1; // Gaussian: the step's sigma, in widths of the support
};

// A child of internal values a and b, inside the support [low, high] of `domain`.
double cross_internal(const ParamDomain &domain, double a, double b,
                      const VariationOptions &options, RandomStream &rng);

// Internal value x mutated, inside the support.
double mutate_internal(const ParamDomain &domain, double x, const VariationOptions &options,
                       RandomStream &rng);

// What a child is given for one parameter.
struct ChildPlan {
    bool cross = true;          // false: the first active parent's value, uncrossed
    double mutation_rate = 0.0; // the chance this parameter mutates
};

// The child's value from the parents' values `first` and `second` (NaN where inactive), as a
// value of the domain.
double child_value(const ParamDomain &domain, double first, double second, const ChildPlan &plan,
                   const VariationOptions &options, RandomStream &rng);

} // namespace hpo::samplers
