// The hpo_objective_ops of an objective written in the kit's one plugin shape
// (hpo_kit/plugin_library.hpp):
//
//   class Benchmarks {
//   public:
//       static constexpr plugin_kit::About about{"benchmarks", "...", R"json({...})json",
//                                                HPO_PLUGIN_THREAD_SAFE};
//       Benchmarks(const plugin_kit::Options &options, const plugin_kit::Host &host);
//       // Evaluates one trial, reading its parameters through the trial API, and writes one
//       // value per objective: HPO_OK, or HPO_PRUNED when it stopped on the scheduler's word.
//       int32_t evaluate(const hpo_trial_api &api, hpo_trial_ref *trial,
//                        std::span<double> values) const;
//       // Optional: {"space": ..., "directions": [...], ...} as JSON text.
//       std::string describe() const;
//   };
//
// A class without describe leaves that slot NULL. An exception fails the trial with its
// message, except TrialApiError (trial_api_error.hpp), whose message the engine already has.
#pragma once

#include "trial_api_error.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <concepts>
#include <span>
#include <stdexcept>
#include <string>

namespace hpo::objectives {

template <class Objective>
concept Describes = requires(const Objective &objective) {
    { objective.describe() } -> std::convertible_to<std::string>;
};

template <plugin_kit::PluginClass Objective>
struct ObjectiveAdapter {
    using Life = plugin_kit::Lifecycle<Objective>;

    static int32_t describe(void *self, char **out_json) {
        return Life::call(self, [&](const Objective &objective, const plugin_kit::Host &host) {
            if (out_json == nullptr) throw std::invalid_argument("describe: out_json must not be NULL");
            *out_json = host.string(objective.describe());
            return int32_t{HPO_OK};
        });
    }

    static int32_t evaluate(void *self, const hpo_trial_api *api, hpo_trial_ref *trial,
                            double *out_values, int32_t n_values) {
        return Life::call(self, [&](const Objective &objective, const plugin_kit::Host &) {
            if (api == nullptr || n_values < 0 || (n_values > 0 && out_values == nullptr)) {
                throw std::invalid_argument("evaluate: a trial API and room for the values are required");
            }
            try {
                return objective.evaluate(*api, trial,
                                          std::span<double>(out_values, static_cast<size_t>(n_values)));
            } catch (const TrialApiError &error) {
                return error.status();
            }
        });
    }

    static constexpr hpo_objective_ops make_ops() {
        hpo_objective_ops made{};
        made.struct_size = sizeof(hpo_objective_ops);
        made.create = &Life::create;
        made.destroy = &Life::destroy;
        if constexpr (Describes<Objective>) made.describe = &describe;
        made.evaluate = &evaluate;
        return made;
    }

    static constexpr hpo_objective_ops ops = make_ops();
    static constexpr hpo_plugin_info info = plugin_kit::plugin_info<Objective>(HPO_PLUGIN_OBJECTIVE, ops);
};

} // namespace hpo::objectives
