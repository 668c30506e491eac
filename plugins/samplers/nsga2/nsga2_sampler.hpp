// NSGA-II (Deb et al. 2002) for several objectives, on the evolutionary core the genetic
// sampler shares (evolution.hpp: generations in the study, selection, crossover, mutation).
// Survival keeps whole non-dominated fronts, under Deb's constrained domination when trials
// carry constraint values (pareto.hpp), and fills the rest from the first front that does not
// fit whole by crowding distance or, with reference_points, by NSGA-III's reference-point
// niching (reference_points.hpp). The population is ranked by front, then by crowding
// distance (or the niching's order), which is what a tournament compares.
#pragma once

#include <evolution.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <vector>

namespace hpo::nsga2 {

inline constexpr auto kNsga2OptionsSchema = samplers::join_schema("{", samplers::kEvolutionSchemaEntries, R"schema(,
  "reference_points": {"type": "boolean", "default": false, "description": "NSGA-III: fill the last front by reference-point niching instead of crowding distance (for three or more objectives)"},
  "reference_divisions": {"type": "integer", "minimum": 1, "description": "NSGA-III: divisions per axis of the Das-Dennis reference points; default the fewest giving at least population_size points"}
})schema");

struct SurvivalOptions {
    bool reference_points = false;
    int reference_divisions = 0; // 0: divisions_for(objectives, population)
};

class Nsga2Sampler : public samplers::Evolution {
public:
    static constexpr plugin_kit::About about{
        "nsga2",
        "NSGA-II for several objectives (NSGA-III's reference points by option): fronts, "
        "crowding, constrained domination; generations kept in the study",
        kNsga2OptionsSchema.data(), HPO_PLUGIN_THREAD_SAFE};

    Nsga2Sampler(const plugin_kit::Options &options, const plugin_kit::Host &host);
    Nsga2Sampler(samplers::EvolutionOptions options, SurvivalOptions survival, uint64_t seed);
    // Its survival rule points back at it: a copy would survive by the original's options.
    Nsga2Sampler(const Nsga2Sampler &) = delete;
    Nsga2Sampler &operator=(const Nsga2Sampler &) = delete;

    // The survivors of `candidates` (indices into the view, each COMPLETE), best first.
    std::vector<int64_t> survivors(const hpo_study_view &study,
                                   const std::vector<int64_t> &candidates, std::size_t keep,
                                   int64_t generation) const;

private:
    SurvivalOptions survival_;
    uint64_t seed_;
};

} // namespace hpo::nsga2
