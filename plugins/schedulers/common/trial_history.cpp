#include "trial_history.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace hpo::schedulers {

std::optional<int64_t> LearningCurve::previous_step() const {
    if (steps.size() < 2) return std::nullopt;
    return steps[steps.size() - 2];
}

std::optional<double> LearningCurve::value_at(int64_t step) const {
    const auto found = std::lower_bound(steps.begin(), steps.end(), step);
    if (found == steps.end() || *found != step) return std::nullopt;
    return values[static_cast<size_t>(found - steps.begin())];
}

std::optional<double> LearningCurve::value_on_reaching(int64_t step) const {
    const auto found = std::lower_bound(steps.begin(), steps.end(), step);
    if (found == steps.end()) return std::nullopt;
    return values[static_cast<size_t>(found - steps.begin())];
}

LearningCurve curve_of(const hpo_trial_view &trial) {
    const auto n = static_cast<size_t>(std::max<int64_t>(trial.n_intermediate, 0));
    if (n == 0) return {};
    return {{trial.intermediate_steps, n}, {trial.intermediate_values, n}};
}

hpo_direction single_direction(const hpo_study_view &study, std::string_view scheduler) {
    if (study.n_objectives != 1) {
        throw std::invalid_argument("the " + std::string(scheduler) +
                                    " scheduler judges one objective, but the study has " +
                                    std::to_string(study.n_objectives));
    }
    return study.directions[0] == HPO_MAXIMIZE ? HPO_MAXIMIZE : HPO_MINIMIZE;
}

} // namespace hpo::schedulers
