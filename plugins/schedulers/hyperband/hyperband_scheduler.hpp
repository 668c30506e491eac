// Hyperband (Li et al. 2017) over asynchronous successive halving: each starting trial is
// dealt a bracket, recorded in its system attributes as {"bracket": s}, and competes at its
// rungs only with trials of the same bracket (Optuna's HyperbandPruner does the same).
#pragma once

#include "brackets.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <cstdint>
#include <optional>
#include <string>

namespace hpo::schedulers {

class HyperbandScheduler {
public:
    static constexpr plugin_kit::About about{
        "hyperband",
        "Hyperband: successive-halving brackets of different aggressiveness, each trial dealt "
        "one",
        R"json({
  "min_resource": {"type": "integer", "default": 1, "minimum": 1,
    "description": "the step of the most aggressive bracket's first rung"},
  "max_resource": {"type": "integer", "required": true, "minimum": 1,
    "description": "the step where trials finish (epochs of a full training)"},
  "reduction_factor": {"type": "integer", "default": 3, "minimum": 2,
    "description": "rungs grow by this factor; the top 1/reduction_factor go on"},
  "bootstrap_count": {"type": "integer", "default": 0, "minimum": 0,
    "description": "a rung promotes nobody until more than this many trials reached it"}
})json",
        // It reads everything from the view and keeps nothing between calls.
        HPO_PLUGIN_THREAD_SAFE};
    // The system attribute holding a trial's bracket.
    static constexpr const char *bracket_key = "bracket";

    HyperbandScheduler(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // {"bracket": s} for the starting trial.
    [[nodiscard]] std::optional<std::string> on_trial_start(const hpo_study_view &study,
                                                            int64_t trial_index) const;
    [[nodiscard]] bool should_prune(const hpo_study_view &study, int64_t trial_index) const;

    // The trial's recorded bracket, or the one its number is dealt when none is recorded;
    // std::invalid_argument when the recorded one does not exist in this configuration.
    [[nodiscard]] int32_t bracket_of(const hpo_trial_view &trial) const;

    [[nodiscard]] const HyperbandBrackets &brackets() const { return brackets_; }

private:
    HyperbandBrackets brackets_;
    int64_t bootstrap_count_;
};

} // namespace hpo::schedulers
