#include "trial_ranking.hpp"
#include "pareto.hpp"

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace hpo::tpe {

namespace {

double signed_value(const hpo_study_view &study, int32_t objective, double value) {
    return study.directions[objective] == HPO_MAXIMIZE ? -value : value;
}

bool finite_values(const hpo_study_view &study, const hpo_trial_view &trial) {
    if (trial.values == nullptr) return false;
    for (int32_t k = 0; k < study.n_objectives; ++k)
        if (std::isnan(trial.values[k])) return false;
    return true;
}

RankedTrial rank_pruned(const hpo_study_view &study, const hpo_trial_view &trial, int64_t index) {
    if (trial.n_intermediate == 0) return {2, 0.0, 0.0, index};
    const int64_t last = trial.n_intermediate - 1;
    const double value = trial.intermediate_values[last];
    return {1, -static_cast<double>(trial.intermediate_steps[last]),
            std::isnan(value) ? std::numeric_limits<double>::infinity()
                              : signed_value(study, 0, value),
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
            losses[i * m + k] = signed_value(study, static_cast<int32_t>(k), trial.values[k]);
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

std::vector<RankedTrial> rank_trials(const hpo_study_view &study, int64_t exclude) {
    std::vector<RankedTrial> complete, pruned;
    complete.reserve(static_cast<std::size_t>(study.n_trials));
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
        if (i == exclude) continue;
        if (trial.state == HPO_TRIAL_COMPLETE && finite_values(study, trial))
            complete.push_back(
                {0, study.n_objectives == 1 ? signed_value(study, 0, trial.values[0]) : 0.0, 0.0,
                 i});
        else if (trial.state == HPO_TRIAL_PRUNED)
            pruned.push_back(rank_pruned(study, trial, i));
    }
    if (study.n_objectives > 1) rank_by_fronts(study, complete);
    complete.insert(complete.end(), pruned.begin(), pruned.end());
    return complete;
}

void partition_best(std::vector<RankedTrial> &ranked, std::size_t k) {
    if (k == 0 || k >= ranked.size()) return;
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k - 1),
                     ranked.end());
}

int64_t n_good_trials(int64_t n, double gamma, int64_t gamma_max) {
    const auto n_good = static_cast<int64_t>(std::ceil(gamma * static_cast<double>(n)));
    return std::min(n_good, gamma_max);
}

TrialSplit split_trials(const hpo_study_view &study, int64_t exclude, const SplitRule &rule) {
    auto ranked = rank_trials(study, exclude);
    TrialSplit split;
    split.n_ranked = static_cast<int64_t>(ranked.size());
    const auto n_below =
        static_cast<std::size_t>(n_good_trials(split.n_ranked, rule.gamma, rule.gamma_max));
    partition_best(ranked, n_below);
    for (std::size_t i = 0; i < ranked.size(); ++i)
        (i < n_below ? split.below : split.above).push_back(ranked[i].index);
    if (rule.constant_liar)
        for (int64_t i = 0; i < study.n_trials; ++i)
            if (i != exclude && plugin_kit::trial_at(study, i).state == HPO_TRIAL_RUNNING)
                split.above.push_back(i);
    std::sort(split.below.begin(), split.below.end());
    std::sort(split.above.begin(), split.above.end());
    return split;
}

} // namespace hpo::tpe
