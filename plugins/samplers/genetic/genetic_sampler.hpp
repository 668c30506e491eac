// A genetic algorithm for one objective, over every kind of parameter (float with log or
// step, int, categorical, conditional): generations of population_size trials kept in the
// study (generations.hpp), parents by tournament or linear ranking, children by crossover and
// mutation per parameter kind (variation.hpp), elitism by survival of the best of the parents
// and their children. Enqueued trials join the generation they start in.
//
// Survival ranks completed trials by constraint violation (feasible ones first: Deb's rule for
// one objective) and then by value, ties going to the older trial.
#pragma once

#include <evolution.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <vector>

namespace hpo::genetic {

inline constexpr auto kGeneticOptionsSchema =
    samplers::join_schema("{", samplers::kEvolutionSchemaEntries, "\n}");

class GeneticSampler : public samplers::Evolution {
public:
    static constexpr plugin_kit::About about{
        "genetic",
        "Genetic algorithm for one objective: tournament or rank selection, crossover and "
        "mutation per parameter kind, elitism; generations kept in the study",
        kGeneticOptionsSchema.data(), HPO_PLUGIN_THREAD_SAFE};

    GeneticSampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
        : GeneticSampler(samplers::EvolutionOptions::from(options), host.seed()) {}
    GeneticSampler(samplers::EvolutionOptions options, uint64_t seed);
};

// The best `keep` of the candidates (indices into the view, each COMPLETE), best first.
std::vector<int64_t> fittest(const hpo_study_view &study, const std::vector<int64_t> &candidates,
                             std::size_t keep);

} // namespace hpo::genetic
