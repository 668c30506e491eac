#include "genetic_sampler.hpp"

#include <trial_ranking.hpp>

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace hpo::genetic {

std::vector<int64_t> fittest(const hpo_study_view &study, const std::vector<int64_t> &candidates,
                             std::size_t keep) {
    if (study.n_objectives != 1)
        throw std::invalid_argument("the genetic sampler optimizes one objective; this study has " +
                                    std::to_string(study.n_objectives) +
                                    " (use the nsga2 sampler)");
    const auto key = [&](int64_t i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, i);
        return std::make_tuple(plugin_kit::constraint_violation(trial),
                               samplers::loss(study, 0, trial.values[0]), trial.number);
    };
    std::vector<int64_t> ranked = candidates;
    std::sort(ranked.begin(), ranked.end(), [&](int64_t a, int64_t b) { return key(a) < key(b); });
    if (ranked.size() > keep) ranked.resize(keep);
    return ranked;
}

GeneticSampler::GeneticSampler(samplers::EvolutionOptions options, uint64_t seed)
    : Evolution("genetic:", std::move(options), seed,
                 [](const hpo_study_view &study, const std::vector<int64_t> &candidates,
                    std::size_t keep, int64_t) { return fittest(study, candidates, keep); }) {}

} // namespace hpo::genetic
