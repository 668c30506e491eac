#include "nsga2_sampler.hpp"

#include "reference_points.hpp"

#include <pareto.hpp>
#include <trial_ranking.hpp>

#include <hpo_kit/study_view.hpp>

#include <algorithm>
#include <numeric>
#include <tuple>

namespace hpo::nsga2 {

namespace {

SurvivalOptions survival_from(const plugin_kit::Options &given) {
    SurvivalOptions survival;
    survival.reference_points = given.boolean("reference_points");
    if (given.has("reference_divisions"))
        survival.reference_divisions = static_cast<int>(given.integer("reference_divisions"));
    return survival;
}

} // namespace

Nsga2Sampler::Nsga2Sampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
    : Nsga2Sampler(samplers::EvolutionOptions::from(options), survival_from(options),
                   host.seed()) {}

Nsga2Sampler::Nsga2Sampler(samplers::EvolutionOptions options, SurvivalOptions survival,
                           uint64_t seed)
    : Evolution("nsga2:", std::move(options), seed,
                [this](const hpo_study_view &study, const std::vector<int64_t> &candidates,
                       std::size_t keep, int64_t generation) {
                    return survivors(study, candidates, keep, generation);
                }),
      survival_(survival), seed_(seed) {}

std::vector<int64_t> Nsga2Sampler::survivors(const hpo_study_view &study,
                                             const std::vector<int64_t> &candidates,
                                             std::size_t keep, int64_t generation) const {
    const auto m = static_cast<std::size_t>(study.n_objectives);
    const std::size_t n = candidates.size();
    std::vector<double> losses(n * m), violations;
    bool constrained = false;
    for (std::size_t i = 0; i < n; ++i) {
        const hpo_trial_view &trial = plugin_kit::trial_at(study, candidates[i]);
        for (std::size_t k = 0; k < m; ++k)
            losses[i * m + k] = samplers::loss(study, static_cast<int32_t>(k), trial.values[k]);
        constrained = constrained || !plugin_kit::constraints_of(trial).empty();
    }
    if (constrained)
        for (const int64_t i : candidates)
            violations.push_back(plugin_kit::constraint_violation(plugin_kit::trial_at(study, i)));
    const std::vector<int> fronts = samplers::non_domination_fronts(losses, m, violations);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<int64_t> kept;
    if (n <= keep) keep = n;
    if (survival_.reference_points && m >= 2) {
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return std::tie(fronts[a], candidates[a]) < std::tie(fronts[b], candidates[b]);
        });
        std::vector<std::size_t> chosen, last;
        const int cut = fronts[order[keep - 1]]; // the front that may fit only in part
        for (const std::size_t i : order) {
            if (fronts[i] < cut) chosen.push_back(i);
            else if (fronts[i] == cut) last.push_back(i);
        }
        const int divisions = survival_.reference_divisions > 0
                                  ? survival_.reference_divisions
                                  : divisions_for(m, static_cast<int64_t>(keep));
        samplers::RandomStream rng(plugin_kit::stream_key(
            {seed_, static_cast<uint64_t>(generation), samplers::kNiching}));
        const auto picked = niche_select(losses, m, chosen, last, keep - chosen.size(),
                                         das_dennis_points(m, divisions), rng);
        for (const std::size_t i : chosen) kept.push_back(candidates[i]);
        for (const std::size_t i : picked) kept.push_back(candidates[i]);
        return kept;
    }
    const std::vector<double> crowding = samplers::crowding_distances(losses, m, fronts);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::make_tuple(fronts[a], -crowding[a], candidates[a]) <
               std::make_tuple(fronts[b], -crowding[b], candidates[b]);
    });
    for (std::size_t r = 0; r < keep; ++r) kept.push_back(candidates[order[r]]);
    return kept;
}

} // namespace hpo::nsga2
