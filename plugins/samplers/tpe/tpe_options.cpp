#include "tpe_options.hpp"

#include <hpo_kit/options.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace hpo::tpe {

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

TpeOptions TpeOptions::from(const plugin_kit::Options &given) {
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
