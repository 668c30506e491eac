// TPE's options, their defaults (Optuna's TPESampler's) and their validation.
#pragma once

#include "parzen.hpp"
#include "trial_ranking.hpp"

#include <cstdint>

namespace hpo::tpe {

struct TpeOptions {
    int64_t n_startup_trials = 10; // random proposals until this many trials have ended
    int64_t n_ei_candidates = 24;  // draws from l(x) among which l/g is maximized
    SplitRule split;
    ParzenSettings parzen;
    bool multivariate = false; // joint kernels over the relative search space

    // Throws plugin_kit::InvalidOption (a std::invalid_argument) naming the option at fault.
    static TpeOptions from_json(const char *options_json);
};

// The options' names, types, bounds, defaults and meanings: what the plugin publishes and
// what from_json checks against.
extern const char *const kTpeOptionsSchema;

} // namespace hpo::tpe
