// The C row of bench/scaling: the ask / suggest_float x10 / tell loop over hpo.h, timed in
// windows as the history grows, as scaling_loop.py times it from Python.
#pragma once

#include <hpo/hpo.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hpo::bench {

// One row's figures, whichever language ran it.
struct Scaling {
    std::map<int, double> us_per_trial; // by history size; NaN: not reached within the budget
    int64_t trials = 0;                 // trials run in all
    double bytes_per_trial = 0;         // resident memory gained since the study was created
};

struct LoopPlan {
    std::vector<int> sizes; // history sizes after which a window is timed, ascending
    int window = 1000;      // trials timed at each size
    double budget_s = 180;  // wall seconds for the whole row; later sizes are not reached
};

// Runs the loop on a fresh random-sampler study in `storage_url` ("memory:",
// "sqlite:///path?sync=false", ...). Times are the process's CPU time per trial, in
// microseconds; the history before each window is filled by the same loop, untimed.
Scaling run_trial_loop(hpo_engine *engine, const std::string &storage_url, const LoopPlan &plan);

} // namespace hpo::bench
