// The hpo_scheduler_ops of a scheduler written in the kit's one plugin shape
// (hpo_kit/plugin_library.hpp):
//
//   class MedianPruner {
//   public:
//       static constexpr plugin_kit::About about{"median", "...", R"json({...})json",
//                                                HPO_PLUGIN_THREAD_SAFE};
//       MedianPruner(const plugin_kit::Options &options, const plugin_kit::Host &host);
//       // Whether the trial at trial_index (in range: the adapter checks) should stop now.
//       bool should_prune(const hpo_study_view &study, int64_t trial_index) const;
//       // Optional: attributes to record on the starting trial, as a JSON object.
//       std::optional<std::string> on_trial_start(const hpo_study_view &study,
//                                                 int64_t trial_index) const;
//   };
//
// A class without on_trial_start leaves that slot NULL. Errors are exceptions, which the kit
// turns into a status and a message.
#pragma once

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <concepts>
#include <optional>
#include <stdexcept>
#include <string>

namespace hpo::schedulers {

template <class Scheduler>
concept AssignsOnStart = requires(const Scheduler &scheduler, const hpo_study_view &study) {
    { scheduler.on_trial_start(study, int64_t{}) } -> std::same_as<std::optional<std::string>>;
};

// A view and trial index the engine handed over, checked before a scheduler reads them.
inline void check_call(const hpo_study_view *study, int64_t trial_index, const void *out) {
    if (study == nullptr || out == nullptr) {
        throw std::invalid_argument("scheduler called with a NULL study or output");
    }
    if (trial_index < 0 || trial_index >= study->n_trials) {
        throw std::invalid_argument("trial index " + std::to_string(trial_index) +
                                    " is outside the " + std::to_string(study->n_trials) +
                                    " trials of the study view");
    }
}

template <plugin_kit::PluginClass Scheduler>
struct SchedulerAdapter {
    using Life = plugin_kit::Lifecycle<Scheduler>;

    static int32_t should_prune(void *self, const hpo_study_view *study, int64_t trial_index,
                                int32_t *out_prune) {
        return Life::call(self, [&](const Scheduler &scheduler, const plugin_kit::Host &) {
            check_call(study, trial_index, out_prune);
            *out_prune = scheduler.should_prune(*study, trial_index) ? 1 : 0;
            return int32_t{HPO_OK};
        });
    }

    static int32_t on_trial_start(void *self, const hpo_study_view *study, int64_t trial_index,
                                  char **out_attrs_json) {
        return Life::call(self, [&](const Scheduler &scheduler, const plugin_kit::Host &host) {
            check_call(study, trial_index, out_attrs_json);
            const std::optional<std::string> attrs = scheduler.on_trial_start(*study, trial_index);
            *out_attrs_json = attrs ? host.string(*attrs) : nullptr;
            return int32_t{HPO_OK};
        });
    }

    static constexpr hpo_scheduler_ops make_ops() {
        hpo_scheduler_ops made{};
        made.struct_size = sizeof(hpo_scheduler_ops);
        made.create = &Life::create;
        made.destroy = &Life::destroy;
        if constexpr (AssignsOnStart<Scheduler>) made.on_trial_start = &on_trial_start;
        made.should_prune = &should_prune;
        return made;
    }

    static constexpr hpo_scheduler_ops ops = make_ops();
    static constexpr hpo_plugin_info info =
        plugin_kit::plugin_info<Scheduler>(HPO_PLUGIN_SCHEDULER, ops);
};

} // namespace hpo::schedulers
