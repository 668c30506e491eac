// TPE's options, their defaults (Optuna's TPESampler's but two, which README.md explains) and
// their validation.
#pragma once

#include "parzen.hpp"
#include "trial_ranking.hpp"

#include <cstdint>

namespace hpo::tpe {

struct TpeOptions {
    int64_t n_startup_trials = 10; // random proposals until this many trials have ended
    int64_t n_ei_candidates = 24;  // draws from l(x) among which l/g is maximized
    // Univariate proposals share n_ei_candidates among the parameters. Each parameter's
    // argmax over its own draws is greedy, and d independent argmaxes compound: on
    // bench/quality (60 seeds) a share of the draws halved ackley10's regret at 200
    // trials and cut hartmann6's by 60%, with branin (d = 2) unchanged within noise.
    bool share_candidates = true;
    SplitRule split;
    ParzenSettings parzen;
    bool multivariate = false; // joint kernels over the relative search space

    // Draws per parameter in univariate mode, for a study of n_params parameters.
    int64_t univariate_candidates(int32_t n_params) const;

    // Throws plugin_kit::InvalidOption (a std::invalid_argument) naming the option at fault.
    static TpeOptions from_json(const char *options_json);
};

// The options' names, types, bounds, defaults and meanings: what the plugin publishes and
// what from_json checks against.
extern const char *const kTpeOptionsSchema;

} // namespace hpo::tpe
