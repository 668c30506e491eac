#include "hyperband_scheduler.hpp"

#include <hpo_kit/study_view.hpp>
#include <successive_halving.hpp>
#include <trial_history.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace hpo::schedulers {

HyperbandScheduler::HyperbandScheduler(const plugin_kit::Options &options, const plugin_kit::Host &)
    : brackets_(options.integer("min_resource"), options.integer("max_resource"),
                options.integer("reduction_factor")),
      bootstrap_count_(options.integer("bootstrap_count")) {}

int32_t HyperbandScheduler::bracket_of(const hpo_trial_view &trial) const {
    const auto attrs = nlohmann::json::parse(trial.system_attrs_json);
    const auto recorded = attrs.find(bracket_key);
    if (recorded == attrs.end()) return brackets_.bracket_of_number(trial.number);
    if (!recorded->is_number_integer() || recorded->get<int64_t>() < 0 ||
        recorded->get<int64_t>() > brackets_.max_bracket()) {
        throw std::invalid_argument(
            "trial " + std::to_string(trial.number) + " has system attribute \"" + bracket_key +
            "\" = " + recorded->dump() + ", but this hyperband has brackets 0.." +
            std::to_string(brackets_.max_bracket()) +
            " (was the study started with other resources?)");
    }
    return static_cast<int32_t>(recorded->get<int64_t>());
}

std::optional<std::string> HyperbandScheduler::on_trial_start(const hpo_study_view &study,
                                                              int64_t trial_index) const {
    const int32_t bracket = bracket_of(plugin_kit::trial_at(study, trial_index));
    return nlohmann::json{{bracket_key, bracket}}.dump();
}

bool HyperbandScheduler::should_prune(const hpo_study_view &study, int64_t trial_index) const {
    const hpo_direction direction = single_direction(study, about.name);
    const int32_t bracket = bracket_of(plugin_kit::trial_at(study, trial_index));
    const SuccessiveHalving halving{.rungs = brackets_.rungs_of(bracket),
                                    .bootstrap_count = bootstrap_count_};
    return halving.should_prune(study, trial_index, direction,
                                [&](const hpo_trial_view &other) {
                                    return bracket_of(other) == bracket;
                                });
}

} // namespace hpo::schedulers
