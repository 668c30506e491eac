#include "trial_split.hpp"

#include <trial_ranking.hpp>

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>

namespace hpo::tpe {

int64_t n_good_trials(int64_t n, double gamma, int64_t gamma_max) {
    const auto n_good = static_cast<int64_t>(std::ceil(gamma * static_cast<double>(n)));
    return std::min(n_good, gamma_max);
}

TrialSplit split_trials(const hpo_study_view &study, int64_t exclude, const SplitRule &rule) {
    auto ranked = samplers::rank_trials(study, exclude);
    TrialSplit split;
    split.n_ranked = static_cast<int64_t>(ranked.size());
    const auto n_below =
        static_cast<std::size_t>(n_good_trials(split.n_ranked, rule.gamma, rule.gamma_max));
    samplers::partition_best(ranked, n_below);
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
