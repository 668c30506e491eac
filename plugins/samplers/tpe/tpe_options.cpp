#include "tpe_options.hpp"

#include <array>

namespace hpo::tpe {

namespace {

const std::array<OptionSpec, 11> &tpe_specs() {
    static const std::array<OptionSpec, 11> specs{{
        {"n_startup_trials", "integer", 10,
         "trials sampled at random before TPE starts (COMPLETE and PRUNED ones count)"},
        {"n_ei_candidates", "integer", 24,
         "candidates drawn from l(x); the one with the largest l(x)/g(x) is proposed"},
        {"gamma", "number", 0.1,
         "fraction of the ranked trials taken as good: min(ceil(gamma * n), gamma_max)"},
        {"gamma_max", "integer", 25, "most trials taken as good"},
        {"prior_weight", "number", 1.0, "weight of the prior kernel in every estimator"},
        {"consider_magic_clip", "boolean", true,
         "floor each bandwidth at width / min(100, 1 + kernels)"},
        {"consider_endpoints", "boolean", false,
         "let the outermost kernels' bandwidths reach the bounds"},
        {"weights", "string", "default",
         "\"default\": observations older than the newest 25 weigh linearly less; "
         "\"uniform\": all weigh the same"},
        {"multivariate", "boolean", false,
         "joint kernels over the parameters every trial has (the relative search space)"},
        {"bandwidth_weighted_scores", "boolean", false,
         "score continuous candidates with each kernel weighted by its bandwidth, favouring "
         "sparse regions (what Optuna 3.1's TPE computes, its truncated-normal log-pdf lacking "
         "the -log(sigma) term)"},
        {"constant_liar", "boolean", false,
         "count RUNNING trials as bad ones so parallel workers spread out"},
    }};
    return specs;
}

} // namespace

std::span<const OptionSpec> TpeOptions::specs() {
    return tpe_specs();
}

TpeOptions TpeOptions::from_json(const char *options_json) {
    const nlohmann::json o = read_options(options_json, specs());
    TpeOptions options;
    options.n_startup_trials = o["n_startup_trials"].get<int64_t>();
    require_option(options.n_startup_trials >= 0, "n_startup_trials", "at least 0",
                   o["n_startup_trials"]);
    options.n_ei_candidates = o["n_ei_candidates"].get<int64_t>();
    require_option(options.n_ei_candidates >= 1, "n_ei_candidates", "at least 1",
                   o["n_ei_candidates"]);
    options.split.gamma = o["gamma"].get<double>();
    require_option(options.split.gamma > 0.0 && options.split.gamma <= 1.0, "gamma", "in (0, 1]",
                   o["gamma"]);
    options.split.gamma_max = o["gamma_max"].get<int64_t>();
    require_option(options.split.gamma_max >= 1, "gamma_max", "at least 1", o["gamma_max"]);
    options.split.constant_liar = o["constant_liar"].get<bool>();
    options.parzen.prior_weight = o["prior_weight"].get<double>();
    require_option(options.parzen.prior_weight > 0.0, "prior_weight", "positive",
                   o["prior_weight"]);
    options.parzen.magic_clip = o["consider_magic_clip"].get<bool>();
    options.parzen.consider_endpoints = o["consider_endpoints"].get<bool>();
    const auto weights = o["weights"].get<std::string>();
    require_option(weights == "default" || weights == "uniform", "weights",
                   "\"default\" or \"uniform\"", o["weights"]);
    options.parzen.ramp_weights = weights == "default";
    options.multivariate = o["multivariate"].get<bool>();
    options.parzen.bandwidth_weighted_scores = o["bandwidth_weighted_scores"].get<bool>();
    return options;
}

} // namespace hpo::tpe
