#include "asha_scheduler.hpp"

#include <trial_history.hpp>

namespace hpo::schedulers {

AshaScheduler::AshaScheduler(const plugin_kit::Options &options, const plugin_kit::Host &)
    : halving_{.rungs = {.min_resource = options.integer("min_resource"),
                         .reduction_factor = options.integer("reduction_factor"),
                         .early_stopping_rate = options.integer("min_early_stopping_rate"),
                         .max_resource = options.optional_integer("max_resource")},
               .bootstrap_count = options.integer("bootstrap_count")} {
    if (halving_.rungs.max_resource && *halving_.rungs.max_resource < halving_.rungs.min_resource) {
        throw plugin_kit::InvalidOption("option \"max_resource\" must be at least min_resource (" +
                                        std::to_string(halving_.rungs.min_resource) + "), got " +
                                        std::to_string(*halving_.rungs.max_resource));
    }
}

bool AshaScheduler::should_prune(const hpo_study_view &study, int64_t trial_index) const {
    const hpo_direction direction = single_direction(study, about.name);
    return halving_.should_prune(study, trial_index, direction,
                                 [](const hpo_trial_view &) { return true; });
}

} // namespace hpo::schedulers
