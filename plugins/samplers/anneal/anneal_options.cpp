#include "anneal_options.hpp"

#include <hpo_kit/options.hpp>

namespace hpo::anneal {

AnnealOptions AnnealOptions::from(const plugin_kit::Options &given) {
    AnnealOptions options;
    options.n_startup_trials = given.integer("n_startup_trials");
    options.avg_best_idx = given.number("avg_best_idx");
    options.shrink_coef = given.number("shrink_coef");
    return options;
}

} // namespace hpo::anneal
