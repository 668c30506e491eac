// TPE's options, their defaults (Optuna's TPESampler's but two, which README.md explains) and
// their validation.
#pragma once

#include "parzen.hpp"
#include "trial_split.hpp"

#include <hpo_kit/options.hpp>

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

    // From options checked against kTpeOptionsSchema; throws plugin_kit::InvalidOption (a
    // std::invalid_argument) naming an option whose bound the schema cannot say.
    static TpeOptions from(const plugin_kit::Options &given);
};

// The options' names, types, bounds, defaults and meanings: what the plugin publishes and
// what its options are checked against.
inline constexpr const char kTpeOptionsSchema[] = R"schema({
  "n_startup_trials": {"type": "integer", "default": 10, "minimum": 0, "description": "trials sampled at random before TPE starts (COMPLETE and PRUNED ones count)"},
  "n_ei_candidates": {"type": "integer", "default": 24, "minimum": 1, "description": "candidates drawn from l(x); the one with the largest l(x)/g(x) is proposed"},
  "candidate_budget": {"type": "string", "enum": ["per_trial", "per_parameter"], "default": "per_trial", "description": "per_trial: in univariate mode the study's d parameters share the n_ei_candidates draws, each proposal being the best of max(2, round(n_ei_candidates / d)), as a multivariate proposal is the best of n_ei_candidates joint draws; per_parameter: each parameter takes n_ei_candidates draws (Optuna's and Hyperopt's choice)"},
  "gamma": {"type": "number", "default": 0.1, "minimum": 0, "maximum": 1, "description": "fraction of the ranked trials taken as good, above 0: min(ceil(gamma * n), gamma_max)"},
  "gamma_max": {"type": "integer", "default": 25, "minimum": 1, "description": "most trials taken as good"},
  "prior_weight": {"type": "number", "default": 1.0, "minimum": 0, "description": "weight of the prior kernel in every estimator, above 0"},
  "consider_magic_clip": {"type": "boolean", "default": true, "description": "floor each bandwidth at width / min(100, 1 + kernels)"},
  "consider_endpoints": {"type": "boolean", "default": false, "description": "let the outermost kernels' bandwidths reach the bounds"},
  "weights": {"type": "string", "enum": ["default", "uniform"], "default": "default", "description": "\"default\": observations older than the newest 25 weigh linearly less; \"uniform\": all weigh the same"},
  "multivariate": {"type": "boolean", "default": false, "description": "joint kernels over the parameters every trial has (the relative search space)"},
  "bandwidth_weighted_scores": {"type": "boolean", "default": true, "description": "score continuous candidates with each kernel weighted by its bandwidth (every kernel peaks at its weight), which favours the sparse regions wide kernels cover over the peaks of crowded narrow ones; false scores by the normalized densities l(x)/g(x). Optuna 3.1 scores as true does"},
  "constant_liar": {"type": "boolean", "default": false, "description": "count RUNNING trials as bad ones so parallel workers spread out"}
})schema";

} // namespace hpo::tpe
