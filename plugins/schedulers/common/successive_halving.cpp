#include "successive_halving.hpp"

#include "trial_history.hpp"

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace hpo::schedulers {

std::optional<int64_t> Rungs::resource(int64_t rung) const {
    int64_t value = min_resource;
    for (int64_t power = 0; power < rung + early_stopping_rate; ++power) {
        if (value > std::numeric_limits<int64_t>::max() / reduction_factor) return std::nullopt;
        value *= reduction_factor;
    }
    if (max_resource && value >= *max_resource) return std::nullopt;
    return value;
}

bool is_promotable(double value, std::span<const double> others, int64_t reduction_factor,
                   hpo_direction direction) {
    const auto n = static_cast<int64_t>(others.size()) + 1;
    const int64_t promoted = std::max<int64_t>(1, n / reduction_factor);
    const auto better = std::count_if(others.begin(), others.end(), [&](double other) {
        return std::isnan(value) ? !std::isnan(other) : is_better(other, value, direction);
    });
    return better < promoted;
}

namespace {

// What the other competing trials had on reaching the step `resource`.
std::vector<double> rung_values(const hpo_study_view &study, int64_t trial_index,
                                int64_t resource, const CompetesWith &competes) {
    std::vector<double> values;
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &other = plugin_kit::trial_at(study, i);
        if (i == trial_index || other.state == HPO_TRIAL_WAITING || !competes(other)) continue;
        if (const auto reached = curve_of(other).value_on_reaching(resource)) {
            values.push_back(*reached);
        }
    }
    return values;
}

} // namespace

bool SuccessiveHalving::should_prune(const hpo_study_view &study, int64_t trial_index,
                                     hpo_direction direction,
                                     const CompetesWith &competes) const {
    const LearningCurve curve = curve_of(plugin_kit::trial_at(study, trial_index));
    if (curve.empty()) return false;
    const int64_t step = curve.last_step();
    const int64_t before = curve.previous_step().value_or(std::numeric_limits<int64_t>::min());
    const double value = curve.last_value();
    for (int64_t rung = 0;; ++rung) {
        const std::optional<int64_t> resource = rungs.resource(rung);
        if (!resource || *resource > step) return false;
        if (*resource <= before) continue; // judged at an earlier report
        if (std::isnan(value)) return true;
        const std::vector<double> others = rung_values(study, trial_index, *resource, competes);
        if (static_cast<int64_t>(others.size()) + 1 <= bootstrap_count) return true;
        if (!is_promotable(value, others, rungs.reduction_factor, direction)) return true;
    }
}

} // namespace hpo::schedulers
