// Fitting the kernel's hyperparameters: maximum a posteriori, i.e. the log marginal
// likelihood plus log priors, maximized by L-BFGS-B within bounds from several starts.
//
// Priors (inputs in the unit cube, targets standardized):
// - log lengthscale ~ Normal(log(0.5 sqrt(D)), 1): typical distances grow as sqrt(D);
// - log signal variance ~ Normal(0, 1): the targets have unit variance;
// - log noise variance ~ Normal(log 1e-3, 2): nearly noiseless unless the data insist.
// Bounds: lengthscale in [0.005, 50], signal variance in [0.01, 100], noise variance in
// [1e-6, 2] (the floor keeps the kernel matrix well conditioned).
#pragma once

#include "matern_kernel.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <optional>

namespace hpo::gp {

// log p(y | X, h); fills *gradient (d/dtheta, theta as in Hyperparameters) when given.
double log_marginal_likelihood(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets,
                               const Hyperparameters &h, Eigen::VectorXd *gradient);

// log p(h) up to a constant; fills *gradient when given.
double log_hyperprior(const Hyperparameters &h, Eigen::VectorXd *gradient);

// The prior's most likely hyperparameters for D inputs: the default starting point.
Hyperparameters prior_mode(int n_inputs);

struct FitSettings {
    int random_restarts = 2;  // starts drawn from the prior, besides its mode and `previous`
    int max_iterations = 60;
    // With a `previous` of the right dimension, start from it alone: what refits of a large
    // history do, where each step costs O(n^3) and the optimum moves little between fits.
    bool warm_start_only = false;
    // Iterations of a fit from `previous` alone (at most max_iterations): it starts next to
    // the optimum.
    int warm_iterations = 25;
    // A fit without a usable `previous` on more points than this runs its starts on an evenly
    // spaced subset of this many (each step there costs a fraction of one on all points), then
    // refines the best on all points as a warm fit would: the first ask on a large study.
    int subset_size = 64;
};

// The best of the starts (`previous` when given and of the right dimension, then unless
// warm_start_only the prior's mode and random draws from the prior seeded by `seed`), by log
// posterior; see subset_size for a large fit without `previous`.
Hyperparameters fit_hyperparameters(const Eigen::MatrixXd &points, const Eigen::VectorXd &targets,
                                    const std::optional<Hyperparameters> &previous, uint64_t seed,
                                    const FitSettings &settings);

}  // namespace hpo::gp
