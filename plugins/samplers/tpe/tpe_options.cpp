#include "tpe_options.hpp"

#include <hpo_kit/options.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace hpo::tpe {

const char *const kTpeOptionsSchema = R"schema({
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

namespace {

// The bounds the schema cannot say: a minimum it excludes.
double positive(const plugin_kit::Options &given, const char *name) {
    const double value = given.number(name);
    if (!(value > 0.0))
        throw plugin_kit::InvalidOption(std::string("option \"") + name +
                                        "\" must be above 0, got " + std::to_string(value));
    return value;
}

} // namespace

int64_t TpeOptions::univariate_candidates(int32_t n_params) const {
    if (!share_candidates || n_params <= 1) return n_ei_candidates;
    const auto share = std::llround(static_cast<double>(n_ei_candidates) / n_params);
    return std::max<int64_t>(share, std::min<int64_t>(n_ei_candidates, 2));
}

TpeOptions TpeOptions::from_json(const char *options_json) {
    const plugin_kit::Options given(kTpeOptionsSchema, options_json);
    TpeOptions options;
    options.n_startup_trials = given.integer("n_startup_trials");
    options.n_ei_candidates = given.integer("n_ei_candidates");
    options.share_candidates = given.string("candidate_budget") == "per_trial";
    options.split.gamma = positive(given, "gamma");
    options.split.gamma_max = given.integer("gamma_max");
    options.split.constant_liar = given.boolean("constant_liar");
    options.parzen.prior_weight = positive(given, "prior_weight");
    options.parzen.magic_clip = given.boolean("consider_magic_clip");
    options.parzen.consider_endpoints = given.boolean("consider_endpoints");
    options.parzen.ramp_weights = given.string("weights") == "default";
    options.multivariate = given.boolean("multivariate");
    options.parzen.bandwidth_weighted_scores = given.boolean("bandwidth_weighted_scores");
    return options;
}

} // namespace hpo::tpe
