// Reading a study view as schedulers need it: a trial's learning curve, the study's single
// direction, which of two values is better.
#pragma once

#include <hpo/plugin.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace hpo::schedulers {

// A trial's reported intermediate values, steps in increasing order.
struct LearningCurve {
    std::span<const int64_t> steps;
    std::span<const double> values;

    [[nodiscard]] bool empty() const { return steps.empty(); }
    [[nodiscard]] int64_t last_step() const { return steps.back(); }
    [[nodiscard]] double last_value() const { return values.back(); }
    // The step reported before the last one; nullopt when there was none.
    [[nodiscard]] std::optional<int64_t> previous_step() const;
    // The value at exactly `step`, if reported.
    [[nodiscard]] std::optional<double> value_at(int64_t step) const;
    // The value at the first reported step at or after `step`: where the trial reached it.
    [[nodiscard]] std::optional<double> value_on_reaching(int64_t step) const;
};

[[nodiscard]] LearningCurve curve_of(const hpo_trial_view &trial);

// The study's one direction; std::invalid_argument naming `scheduler` for several
// objectives, which a scheduler of scalar intermediate values cannot judge.
[[nodiscard]] hpo_direction single_direction(const hpo_study_view &study,
                                             std::string_view scheduler);

// True when a is strictly better than b in `direction`; NaN is never better than anything.
[[nodiscard]] inline bool is_better(double a, double b, hpo_direction direction) {
    return direction == HPO_MAXIMIZE ? a > b : a < b;
}

} // namespace hpo::schedulers
