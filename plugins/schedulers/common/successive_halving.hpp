// Successive halving without waiting (ASHA, Li et al. 2020), shared by the asha and
// hyperband schedulers.
//
// Rung k sits at resource min_resource * reduction_factor^(k + early_stopping_rate) (steps
// as the objective reports them: epochs, iterations) and only below max_resource, where
// trials simply finish. When a trial's report first reaches a rung, it goes on only if its
// value there is among the best 1/reduction_factor of the values every competing trial had
// on reaching that rung, itself included; the best one always goes on, so no trial waits
// for a rung to fill. Everything is computed from the intermediate values in the study
// view, so the scheduler keeps no state between calls.
#pragma once

#include <hpo/plugin.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>

namespace hpo::schedulers {

struct Rungs {
    int64_t min_resource = 1;
    int64_t reduction_factor = 3;
    int64_t early_stopping_rate = 0;
    std::optional<int64_t> max_resource; // no rung at or above it

    // The resource of rung k; nullopt when that rung does not exist (at or past
    // max_resource, or beyond int64).
    [[nodiscard]] std::optional<int64_t> resource(int64_t rung) const;
};

// Whether `value` may go past a rung where the other trials had `others`: fewer than
// max(1, floor(n / reduction_factor)) of the n values (itself included) are strictly better.
// NaN values among the others count as the worst.
[[nodiscard]] bool is_promotable(double value, std::span<const double> others,
                                 int64_t reduction_factor, hpo_direction direction);

// Which trials a trial competes with at its rungs (hyperband: those of its bracket).
using CompetesWith = std::function<bool(const hpo_trial_view &)>;

struct SuccessiveHalving {
    Rungs rungs;
    // A rung with this many values or fewer (itself included) promotes nobody: the first
    // trials are stopped until enough have reached it (Optuna's bootstrap_count).
    int64_t bootstrap_count = 0;

    // Whether the trial study.trials[trial_index] should stop after its last report: judged
    // only at the rungs that report reached first, with a NaN value always stopped.
    [[nodiscard]] bool should_prune(const hpo_study_view &study, int64_t trial_index,
                                    hpo_direction direction,
                                    const CompetesWith &competes) const;
};

} // namespace hpo::schedulers
