// Asynchronous successive halving (Li et al. 2020, "A System for Massively Parallel
// Hyperparameter Tuning"): one successive-halving ladder over every trial of the study.
#pragma once

#include <hpo_kit/plugin_library.hpp>
#include <successive_halving.hpp>

#include <hpo/plugin.h>

#include <cstdint>

namespace hpo::schedulers {

class AshaScheduler {
public:
    static constexpr plugin_kit::About about{
        "asha",
        "Asynchronous successive halving: a trial goes past a rung only in the top "
        "1/reduction_factor there",
        R"json({
  "min_resource": {"type": "integer", "default": 1, "minimum": 1,
    "description": "the step of the first rung (before min_early_stopping_rate)"},
  "reduction_factor": {"type": "integer", "default": 3, "minimum": 2,
    "description": "rungs grow by this factor; the top 1/reduction_factor go on"},
  "min_early_stopping_rate": {"type": "integer", "default": 0, "minimum": 0,
    "description": "the first rung is at min_resource * reduction_factor^this"},
  "max_resource": {"type": "integer", "minimum": 1,
    "description": "optional: the step where trials finish; no rung at or past it"},
  "bootstrap_count": {"type": "integer", "default": 0, "minimum": 0,
    "description": "a rung promotes nobody until more than this many trials reached it"}
})json",
        // It reads everything from the view and keeps nothing between calls.
        HPO_PLUGIN_THREAD_SAFE};

    AshaScheduler(const plugin_kit::Options &options, const plugin_kit::Host &host);

    [[nodiscard]] bool should_prune(const hpo_study_view &study, int64_t trial_index) const;

private:
    SuccessiveHalving halving_;
};

} // namespace hpo::schedulers
