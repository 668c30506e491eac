#include "median_pruner.hpp"

#include <trial_history.hpp>

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace hpo::schedulers {
namespace {

double median_of(std::vector<double> values) {
    const size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<ptrdiff_t>(middle),
                     values.end());
    const double upper = values[middle];
    if (values.size() % 2 == 1) return upper;
    const double lower = *std::max_element(values.begin(),
                                           values.begin() + static_cast<ptrdiff_t>(middle));
    return (lower + upper) / 2;
}

// The trial's best value over all its reports; NaN when every one is NaN.
double best_so_far(const LearningCurve &curve, hpo_direction direction) {
    double best = std::numeric_limits<double>::quiet_NaN();
    for (const double value : curve.values) {
        if (std::isnan(best) || is_better(value, best, direction)) best = value;
    }
    return best;
}

} // namespace

MedianPruner::MedianPruner(const plugin_kit::Options &options, const plugin_kit::Host &)
    : n_startup_trials_(options.integer("n_startup_trials")),
      n_warmup_steps_(options.integer("n_warmup_steps")),
      interval_steps_(options.integer("interval_steps")),
      n_min_trials_(options.integer("n_min_trials")) {}

bool MedianPruner::is_check_step(int64_t step, int64_t previous_step) const {
    const int64_t check_point =
        (step - n_warmup_steps_) / interval_steps_ * interval_steps_ + n_warmup_steps_;
    return previous_step < check_point;
}

bool MedianPruner::should_prune(const hpo_study_view &study, int64_t trial_index) const {
    const hpo_direction direction = single_direction(study, about.name);
    const LearningCurve curve = curve_of(plugin_kit::trial_at(study, trial_index));
    if (curve.empty()) return false;
    const int64_t step = curve.last_step();
    if (step < n_warmup_steps_) return false;
    if (!is_check_step(step, curve.previous_step().value_or(-1))) return false;

    int64_t n_completed = 0;
    int64_t n_at_step = 0;
    std::vector<double> at_step; // the completed trials' values at `step`, NaN left out
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &other = plugin_kit::trial_at(study, i);
        if (i == trial_index || other.state != HPO_TRIAL_COMPLETE) continue;
        ++n_completed;
        if (const auto value = curve_of(other).value_at(step)) {
            ++n_at_step;
            if (!std::isnan(*value)) at_step.push_back(*value);
        }
    }
    if (n_completed == 0 || n_completed < n_startup_trials_) return false;

    const double best = best_so_far(curve, direction);
    if (std::isnan(best)) return true;
    if (n_at_step < n_min_trials_ || at_step.empty()) return false;
    return is_better(median_of(std::move(at_step)), best, direction);
}

} // namespace hpo::schedulers
