#include "evolution.hpp"

#include "param_domain.hpp"
#include "variation.hpp"

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <cmath>

namespace hpo::samplers {

Evolution::Evolution(std::string prefix, EvolutionOptions options, uint64_t seed,
                     Survival survive)
    : options_(std::move(options)), streams_(seed), survive_(std::move(survive)),
      generations_(std::move(prefix), options_.population_size) {}

AttributeUpdate Evolution::before_trial(const hpo_study_view &study, int64_t trial_index) const {
    return generations_.assign(study, trial_index, survive_);
}

int64_t Evolution::select(RandomStream &rng, int64_t n) const {
    const auto count = static_cast<uint64_t>(n);
    if (options_.selection == SelectionKind::Tournament) {
        auto best = static_cast<int64_t>(rng.below(count));
        for (int64_t k = 1; k < options_.tournament_size; ++k)
            best = std::min(best, static_cast<int64_t>(rng.below(count)));
        return best;
    }
    // Linear ranking: weight n - i for position i, drawn by inverting the cumulative weights.
    const double total = 0.5 * static_cast<double>(n) * static_cast<double>(n + 1);
    double u = rng.uniform() * total;
    for (int64_t i = 0; i < n; ++i) {
        u -= static_cast<double>(n - i);
        if (u < 0) return i;
    }
    return n - 1;
}

Evolution::Parents Evolution::parents_of(const hpo_study_view &study, int64_t trial_index) const {
    const hpo_trial_view &trial = plugin_kit::trial_at(study, trial_index);
    const auto population = generations_.parents(study, generations_.generation_of(trial).value_or(0));
    const auto n = static_cast<int64_t>(population.size());
    if (n < 2) return {};
    RandomStream rng = streams_.stream(trial.number, kParentChoice);
    const int64_t first = select(rng, n);
    int64_t second = select(rng, n);
    // Two different parents when the draws allow it: a child of one parent twice only mutates.
    for (int tries = 0; second == first && tries < 8; ++tries) second = select(rng, n);
    const bool cross = rng.uniform() < options_.crossover_prob;
    return {population[static_cast<std::size_t>(first)],
            population[static_cast<std::size_t>(second)], cross};
}

double Evolution::child_param(const hpo_study_view &study, int64_t trial_index,
                              const Parents &parents, int32_t param) const {
    const hpo_param_info &info = plugin_kit::param_at(study, param);
    const ParamDomain domain(info);
    RandomStream rng = streams_.stream(study, trial_index, static_cast<uint64_t>(param));
    if (parents.first < 0) return domain.draw_prior(rng);
    ChildPlan plan;
    plan.cross = parents.cross;
    plan.mutation_rate = options_.mutation_prob.value_or(1.0 / static_cast<double>(study.n_params));
    if (const auto rate = options_.mutation_rates.find(info.name);
        rate != options_.mutation_rates.end())
        plan.mutation_rate = rate->second;
    const double first = plugin_kit::trial_at(study, parents.first).params[param];
    const double second = plugin_kit::trial_at(study, parents.second).params[param];
    return child_value(domain, first, second, plan, options_.variation, rng);
}

double Evolution::sample_independent(const hpo_study_view &study, int64_t trial_index,
                                     int32_t param) const {
    return child_param(study, trial_index, parents_of(study, trial_index), param);
}

void Evolution::sample_relative(const hpo_study_view &study, int64_t trial_index,
                                std::span<const int32_t> subspace, std::span<double> out) const {
    const Parents parents = parents_of(study, trial_index);
    for (std::size_t i = 0; i < subspace.size(); ++i)
        out[i] = child_param(study, trial_index, parents, subspace[i]);
}

} // namespace hpo::samplers
