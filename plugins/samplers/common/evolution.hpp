// The part of an evolutionary sampler that genetic and nsga2 share: generations in the study
// (generations.hpp), a child's parents drawn from its generation's parents by tournament or
// linear ranking, and the child made by crossover and mutation (variation.hpp). A sampler
// derives from it and supplies only its survival rule, the order of fitness its population is
// ranked in; the sample and before_trial operations the adapter calls are these.
//
// Generation 0, and any generation with fewer than two parents, draws every parameter from
// its prior. A child's parents and each of its parameters come from streams keyed by its
// trial number, so the same history gives the same child in any process, whether its
// parameters are asked for together (sample_relative) or one at a time.
#pragma once

#include "evolution_options.hpp"
#include "generations.hpp"
#include "sampler_adapter.hpp"
#include "trial_streams.hpp"

#include <hpo/plugin.h>

#include <cstdint>
#include <span>
#include <string>
#include <utility>

namespace hpo::samplers {

class Evolution {
public:
    // `prefix` names the sampler's system attributes ("genetic:").
    Evolution(std::string prefix, EvolutionOptions options, uint64_t seed, Survival survive);

    AttributeUpdate before_trial(const hpo_study_view &study, int64_t trial_index) const;
    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param) const;
    void sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out) const;

    const Generations &generations() const { return generations_; }
    const EvolutionOptions &options() const { return options_; }

private:
    struct Parents {
        int64_t first = -1, second = -1; // indices into the view; -1: no parents (prior draws)
        bool cross = false;
    };
    Parents parents_of(const hpo_study_view &study, int64_t trial_index) const;
    // A draw of a position in a population of n ranked best first.
    int64_t select(RandomStream &rng, int64_t n) const;
    double child_param(const hpo_study_view &study, int64_t trial_index, const Parents &parents,
                       int32_t param) const;

    EvolutionOptions options_;
    TrialStreams streams_;
    Survival survive_;
    Generations generations_;
};

} // namespace hpo::samplers
