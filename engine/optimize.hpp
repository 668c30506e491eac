// The optimization loop: ask, evaluate, tell, on the caller's thread or through a runner
// plugin, until the budget is spent, the sampler is done, or a stop is requested.
#pragma once

#include "live_trial.hpp"
#include "study.hpp"

#include <functional>
#include <optional>

namespace hpo {

// Evaluates one trial: HPO_OK with values written, HPO_PRUNED, or an error status (the
// trial fails with hpo_trial::failure, or the status's text).
using Objective = std::function<int32_t(hpo_trial *trial, double *values, std::size_t n_values)>;

struct OptimizeOptions {
    std::optional<int64_t> n_trials;
    std::optional<double> timeout;        // seconds for the whole run: no trial starts after it
    std::optional<double> trial_timeout;  // seconds for one trial (see TrialWatchdog)
    int32_t n_jobs = 1;
    std::string runner;  // "" : the caller's thread when n_jobs is 1, else "threads"
    json runner_options = json::object();
    bool catch_failures = true;

    static OptimizeOptions from_json(const json &options);
};

// Runs the loop; throws the first error that stopped it (a sampler's, a runner's, or with
// catch_failures false a failed trial's as HPO_EUSER).
void optimize(const std::shared_ptr<Study> &study, const Objective &objective, const OptimizeOptions &options);

// The same with an objective plugin, {"name": ..., "options": {...}}: its declared space is
// added to the study's first.
void optimize_plugin(const std::shared_ptr<Study> &study, const json &objective, const OptimizeOptions &options);

}  // namespace hpo
