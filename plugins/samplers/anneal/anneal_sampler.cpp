#include "anneal_sampler.hpp"

#include <param_domain.hpp>
#include <trial_ranking.hpp>

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>

namespace hpo::anneal {

namespace {

// Trials that ended (COMPLETE or PRUNED) with the parameter active.
int64_t count_observations(const hpo_study_view &study, int32_t param) {
    int64_t n = 0;
    for (int64_t i = 0; i < study.n_trials; ++i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
        const bool ended = trial.state == HPO_TRIAL_COMPLETE || trial.state == HPO_TRIAL_PRUNED;
        n += ended && !std::isnan(trial.params[param]);
    }
    return n;
}

// A draw on {0, 1, 2, ...} with P(k) = p (1 - p)^k, by inversion.
int64_t geometric(samplers::RandomStream &rng, double p) {
    if (p >= 1.0) return 0;
    const double u = 1.0 - rng.uniform(); // in (0, 1]
    return static_cast<int64_t>(std::floor(std::log(u) / std::log1p(-p)));
}

} // namespace

double AnnealSampler::shrink_factor(int64_t n_observations) const {
    return 1.0 / (1.0 + static_cast<double>(n_observations) * options_.shrink_coef);
}

int64_t AnnealSampler::chosen_trial(const hpo_study_view &study, int64_t trial_index) const {
    auto ranked = samplers::rank_trials(study, trial_index);
    const auto n = static_cast<int64_t>(ranked.size());
    if (n == 0 || n < options_.n_startup_trials) return -1;
    // Hyperopt's rule: the k-th best (0-based), k + 1 geometric with mean avg_best_idx.
    samplers::RandomStream rng = streams_.stream(study, trial_index, samplers::kTrialChoice);
    const int64_t k = std::min(geometric(rng, 1.0 / options_.avg_best_idx), n - 1);
    samplers::partition_best(ranked, static_cast<std::size_t>(k + 1));
    return ranked[static_cast<std::size_t>(k)].index;
}

double AnnealSampler::sample_independent(const hpo_study_view &study, int64_t trial_index,
                                         int32_t param) const {
    return sample_around(study, trial_index, param, chosen_trial(study, trial_index));
}

void AnnealSampler::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                    std::span<const int32_t> subspace,
                                    std::span<double> out) const {
    const int64_t chosen = chosen_trial(study, trial_index);
    for (std::size_t i = 0; i < subspace.size(); ++i)
        out[i] = sample_around(study, trial_index, subspace[i], chosen);
}

double AnnealSampler::sample_around(const hpo_study_view &study, int64_t trial_index,
                                    int32_t param, int64_t chosen) const {
    const hpo_param_info &info = plugin_kit::param_at(study, param);
    const samplers::ParamDomain domain(info);
    samplers::RandomStream rng = streams_.stream(study, trial_index, static_cast<uint64_t>(param));
    const double old = chosen < 0 ? NAN : plugin_kit::trial_at(study, chosen).params[param];
    if (domain.categorical()) {
        if (!std::isnan(old) && rng.uniform() >= shrink_factor(count_observations(study, param)))
            return old;
        return domain.draw_uniform(rng);
    }
    if (std::isnan(old)) return domain.draw_prior(rng);
    const double shrink = shrink_factor(count_observations(study, param));
    const double low = domain.internal_low(), high = domain.internal_high();
    const double centre = std::clamp(domain.to_internal(old), low, high);
    if (info.prior == HPO_PRIOR_NORMAL) {
        const samplers::TruncatedNormal around{centre, info.prior_sigma * shrink, low, high};
        return domain.to_value(around.sample(rng));
    }
    const double half = 0.5 * domain.internal_width() * shrink;
    return domain.to_value(
        rng.uniform(std::max(low, centre - half), std::min(high, centre + half)));
}

} // namespace hpo::anneal
