// Anneal's options and their defaults (Hyperopt's anneal.py's where it has them).
#pragma once

#include <hpo_kit/options.hpp>

#include <cstdint>

namespace hpo::anneal {

struct AnnealOptions {
    int64_t n_startup_trials = 5; // prior draws until this many trials have ended
    double avg_best_idx = 2.0;    // how far down the ranking the chosen trial lies, on average
    double shrink_coef = 0.1;     // neighbourhood width: 1 / (1 + observations * shrink_coef)

    // From options checked against kAnnealOptionsSchema.
    static AnnealOptions from(const plugin_kit::Options &given);
};

// The options' names, types, bounds, defaults and meanings.
inline constexpr const char kAnnealOptionsSchema[] = R"schema({
  "n_startup_trials": {"type": "integer", "default": 5, "minimum": 0, "description": "trials drawn from the prior before annealing starts (COMPLETE and PRUNED count)"},
  "avg_best_idx": {"type": "number", "default": 2.0, "minimum": 1, "description": "the trial sampled around is the k-th best, k + 1 geometric with this mean"},
  "shrink_coef": {"type": "number", "default": 0.1, "minimum": 0, "description": "the neighbourhood is 1 / (1 + n * shrink_coef) of the range, n the parameter's observations"}
})schema";

} // namespace hpo::anneal
