#include "anneal_options.hpp"

#include <hpo_kit/options.hpp>

namespace hpo::anneal {

const char *const kAnnealOptionsSchema = R"schema({
  "n_startup_trials": {"type": "integer", "default": 5, "minimum": 0, "description": "trials drawn from the prior before annealing starts (COMPLETE and PRUNED count)"},
  "avg_best_idx": {"type": "number", "default": 2.0, "minimum": 1, "description": "the trial sampled around is the k-th best, k + 1 geometric with this mean"},
  "shrink_coef": {"type": "number", "default": 0.1, "minimum": 0, "description": "the neighbourhood is 1 / (1 + n * shrink_coef) of the range, n the parameter's observations"}
})schema";

AnnealOptions AnnealOptions::from_json(const char *options_json) {
    const plugin_kit::Options given(kAnnealOptionsSchema, options_json);
    AnnealOptions options;
    options.n_startup_trials = given.integer("n_startup_trials");
    options.avg_best_idx = given.number("avg_best_idx");
    options.shrink_coef = given.number("shrink_coef");
    return options;
}

} // namespace hpo::anneal
