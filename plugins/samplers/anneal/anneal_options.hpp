// Anneal's options, their defaults (Hyperopt's anneal.py's where it has them) and their
// validation.
#pragma once

#include <cstdint>

namespace hpo::anneal {

struct AnnealOptions {
    int64_t n_startup_trials = 5; // prior draws until this many trials have ended
    double avg_best_idx = 2.0;    // how far down the ranking the chosen trial lies, on average
    double shrink_coef = 0.1;     // neighbourhood width: 1 / (1 + observations * shrink_coef)

    // Throws plugin_kit::InvalidOption (a std::invalid_argument) naming the option at fault.
    static AnnealOptions from_json(const char *options_json);
};

// The options' names, types, bounds, defaults and meanings.
extern const char *const kAnnealOptionsSchema;

} // namespace hpo::anneal
