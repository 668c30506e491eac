#include "trial_ranking.hpp"

#include "pareto.hpp"

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace hpo::samplers {

namespace {

bool finite_values(const hpo_study_view &study, const hpo_trial_view &trial) {
    if (trial.values == nullptr) return false;
    for (int32_t k = 0; k < study.n_objectives; ++k)
        if (std::isnan(trial.values[k])) return false;
    return true;
}

RankedTrial rank_pruned(const hpo_study_view &study, const hpo_trial_view &trial, int64_t index) {
    if (trial.n_intermediate == 0) return {kPrunedSilent, 0.0, 0.0, index};
    const int64_t last = trial.n_intermediate - 1;
    const double value = trial.intermediate_values[last];
    return {kPrunedWithValues, -static_cast<double>(trial.intermediate_steps[last]),
            std::isnan(value) ? std::numeric_limits<double>::infinity() : loss(study, 0, value),
            index};
}

// With several objectives the complete trials' primary key is their front and the
// secondary key their crowding distance within it, larger first.
void rank_by_fronts(const hpo_study_view &study, std::vector<RankedTrial> &complete) {
    const auto m = static_cast<std::size_t>(study.n_objectives);
    std::vector<double> losses(complete.size() * m);
    for (std::size_t i = 0; i < complete.size(); ++i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, complete[i].index);
        for (std::size_t k = 0; k < m; ++k)
            losses[i * m + k] = loss(study, static_cast<int32_t>(k), trial.values[k]);
    }
    const auto fronts = non_domination_fronts(losses, m);
    const auto crowding = crowding_distances(losses, m, fronts);
    for (std::size_t i = 0; i < complete.size(); ++i) {
        complete[i].primary = static_cast<double>(fronts[i]);
        complete[i].secondary = -crowding[i];
    }
}

} // namespace

bool RankedTrial::operator<(const RankedTrial &other) const {
    return std::tie(group, primary, secondary, index) <
           std::tie(other.group, other.primary, other.secondary, other.index);
}

double loss(const hpo_study_view &study, int32_t k, double value) {
    return study.directions[k] == HPO_MAXIMIZE ? -value : value;
}

std::vector<RankedTrial> rank_trials(const hpo_study_view &study, int64_t exclude) {
    std::vector<RankedTrial> complete, others;
    complete.reserve(static_cast<std::size_t>(study.n_trials));
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
        if (i == exclude) continue;
        const bool complete_trial =
            trial.state == HPO_TRIAL_COMPLETE && finite_values(study, trial);
        if (!complete_trial && trial.state != HPO_TRIAL_PRUNED) continue;
        if (const double violation = plugin_kit::constraint_violation(trial); violation > 0)
            others.push_back({kInfeasible, violation, 0.0, i});
        else if (complete_trial)
            complete.push_back({kComplete,
                                study.n_objectives == 1 ? loss(study, 0, trial.values[0]) : 0.0,
                                0.0, i});
        else
            others.push_back(rank_pruned(study, trial, i));
    }
    if (study.n_objectives > 1) rank_by_fronts(study, complete);
    complete.insert(complete.end(), others.begin(), others.end());
    return complete;
}

void partition_best(std::vector<RankedTrial> &ranked, std::size_t k) {
    if (k == 0 || k >= ranked.size()) return;
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k - 1),
                     ranked.end());
}

} // namespace hpo::samplers
