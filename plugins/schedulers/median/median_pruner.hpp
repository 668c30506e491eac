// The median stopping rule (Golovin et al. 2017, "Google Vizier"), as Optuna's MedianPruner
// applies it: stop a trial whose best intermediate value so far is worse than the median of
// the values that completed trials reported at the same step.
#pragma once

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <cstdint>

namespace hpo::schedulers {

class MedianPruner {
public:
    static constexpr plugin_kit::About about{
        "median",
        "Stops a trial whose best value so far is worse than the median of completed trials at "
        "the same step",
        R"json({
  "n_startup_trials": {"type": "integer", "default": 5, "minimum": 0,
    "description": "no pruning until this many trials have completed"},
  "n_warmup_steps": {"type": "integer", "default": 0, "minimum": 0,
    "description": "no pruning of a trial before this step"},
  "interval_steps": {"type": "integer", "default": 1, "minimum": 1,
    "description": "judge a trial every this many steps after the warm-up"},
  "n_min_trials": {"type": "integer", "default": 1, "minimum": 1,
    "description": "no pruning at a step fewer completed trials have reported"}
})json",
        // It reads everything from the view and keeps nothing between calls.
        HPO_PLUGIN_THREAD_SAFE};

    MedianPruner(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // std::invalid_argument for a study of several objectives.
    [[nodiscard]] bool should_prune(const hpo_study_view &study, int64_t trial_index) const;

private:
    // Whether `step` is the trial's first report at or after the latest check point
    // (warm-up + k * interval): a check point missed by the objective is judged at the next
    // report rather than skipped.
    [[nodiscard]] bool is_check_step(int64_t step, int64_t previous_step) const;

    int64_t n_startup_trials_;
    int64_t n_warmup_steps_;
    int64_t interval_steps_;
    int64_t n_min_trials_;
};

} // namespace hpo::schedulers
