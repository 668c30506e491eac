// A sampler class as a sampler plugin: the one shape of a plugin (plugin_library.hpp) turned
// into hpo_sampler_ops. A sampler is a class with `about`, a constructor
// (const plugin_kit::Options &, const plugin_kit::Host &) and these operations:
//
//   double sample_independent(const hpo_study_view &, int64_t trial_index, int32_t param_index);
//       Required: one parameter's value.
//   R sample_relative(const hpo_study_view &, int64_t trial_index,
//                     std::span<const int32_t> subspace, std::span<double> out);
//       Optional: values for several parameters at once, NaN for those left to
//       sample_independent. R is void, or bool where false means nothing is left to propose
//       (HPO_DONE, an exhausted grid; the sampler says why through its host first).
//   AttributeUpdate before_trial(const hpo_study_view &, int64_t trial_index);
//   AttributeUpdate after_trial(const hpo_study_view &, int64_t trial_index);
//       Optional: system attributes to merge into the trial's and the study's when a trial
//       starts and after it has ended, where a sampler keeps its state (plugin.h). after_trial
//       fills ABI 1.1's after_trial_v2 slot.
//
// An operation the class lacks leaves its slot NULL (found at compile time). The adapter checks
// every call's arguments before the class sees them: pointers are not NULL, the trial index is
// in the view, each parameter index is one of the study's and a subspace is in increasing
// order. So an operation may read the view without checking what it was handed; an exception
// it throws becomes a status and a message (plugin_kit::guarded).
#pragma once

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>
#include <hpo_kit/study_view.hpp>

#include <nlohmann/json.hpp>

#include <concepts>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>

namespace hpo::samplers {

// System attributes a sampler hands back from before_trial or after_trial, each a JSON object
// merged key by key into the trial's or the study's; nullopt leaves that one as it is.
struct AttributeUpdate {
    std::optional<nlohmann::json> trial;
    std::optional<nlohmann::json> study;
};

template <class P>
concept SamplesIndependently = requires(P &p, const hpo_study_view &study) {
    { p.sample_independent(study, int64_t{}, int32_t{}) } -> std::convertible_to<double>;
};

template <class P>
concept SamplesRelatively = requires(P &p, const hpo_study_view &study,
                                     std::span<const int32_t> subspace, std::span<double> out) {
    p.sample_relative(study, int64_t{}, subspace, out);
};

template <class P>
concept PreparesTrials = requires(P &p, const hpo_study_view &study) {
    { p.before_trial(study, int64_t{}) } -> std::same_as<AttributeUpdate>;
};

template <class P>
concept LearnsFromTrials = requires(P &p, const hpo_study_view &study) {
    { p.after_trial(study, int64_t{}) } -> std::same_as<AttributeUpdate>;
};

template <class P>
concept SamplerClass = plugin_kit::PluginClass<P> && SamplesIndependently<P>;

// The checks every operation shares, and the hand-over of attributes; each throws
// std::invalid_argument with a message that names the operation and what is wrong.
namespace adapter_detail {

void check_trial(const char *operation, const hpo_study_view *study, int64_t trial_index);
void check_param(const char *operation, const hpo_study_view &study, int32_t param_index);
// The subspace as a span, after checking its entries and the output array.
std::span<const int32_t> checked_subspace(const hpo_study_view &study, const int32_t *subspace,
                                          int32_t n_subspace, const double *out_values);
// Sets both outputs to NULL, after checking neither pointer is NULL.
void clear_outputs(const char *operation, char **out_trial_attrs, char **out_study_attrs);
// The update as strings in the engine's memory; nothing is left allocated when it throws.
void hand_over(const plugin_kit::Host &host, const AttributeUpdate &update,
               char **out_trial_attrs, char **out_study_attrs);

} // namespace adapter_detail

template <SamplerClass Plugin>
class SamplerAdapter {
    using Life = plugin_kit::Lifecycle<Plugin>;
    using Host = plugin_kit::Host;

    static int32_t sample_independent(void *self, const hpo_study_view *study, int64_t trial_index,
                                      int32_t param_index, double *out_value) {
        return Life::call(self, [&](Plugin &plugin, const Host &) -> int32_t {
            adapter_detail::check_trial("sample_independent", study, trial_index);
            adapter_detail::check_param("sample_independent", *study, param_index);
            if (out_value == nullptr)
                throw std::invalid_argument("sample_independent: out_value is NULL");
            *out_value = plugin.sample_independent(*study, trial_index, param_index);
            return HPO_OK;
        });
    }

    static int32_t sample_relative(void *self, const hpo_study_view *study, int64_t trial_index,
                                   const int32_t *subspace, int32_t n_subspace,
                                   double *out_values) {
        return Life::call(self, [&](Plugin &plugin, const Host &) -> int32_t {
            adapter_detail::check_trial("sample_relative", study, trial_index);
            const auto params =
                adapter_detail::checked_subspace(*study, subspace, n_subspace, out_values);
            const std::span<double> out(out_values, params.size());
            using Result = decltype(plugin.sample_relative(*study, trial_index, params, out));
            static_assert(std::same_as<Result, void> || std::same_as<Result, bool>,
                          "sample_relative returns void, or bool (false: nothing left)");
            if constexpr (std::same_as<Result, bool>) {
                return plugin.sample_relative(*study, trial_index, params, out) ? HPO_OK : HPO_DONE;
            } else {
                plugin.sample_relative(*study, trial_index, params, out);
                return HPO_OK;
            }
        });
    }

    // before_trial and after_trial: `operation` names the one called, `call(plugin)` calls it.
    template <class Call>
    static int32_t update_attributes(const char *operation, void *self, const hpo_study_view *study,
                                     int64_t trial_index, char **out_trial_attrs,
                                     char **out_study_attrs, Call &&call) {
        return Life::call(self, [&](Plugin &plugin, const Host &host) -> int32_t {
            adapter_detail::clear_outputs(operation, out_trial_attrs, out_study_attrs);
            adapter_detail::check_trial(operation, study, trial_index);
            adapter_detail::hand_over(host, call(plugin), out_trial_attrs, out_study_attrs);
            return HPO_OK;
        });
    }

    static int32_t before_trial(void *self, const hpo_study_view *study, int64_t trial_index,
                                char **out_trial_attrs, char **out_study_attrs) {
        return update_attributes(
            "before_trial", self, study, trial_index, out_trial_attrs, out_study_attrs,
            [&](Plugin &plugin) { return plugin.before_trial(*study, trial_index); });
    }

    static int32_t after_trial(void *self, const hpo_study_view *study, int64_t trial_index,
                               char **out_trial_attrs, char **out_study_attrs) {
        return update_attributes(
            "after_trial", self, study, trial_index, out_trial_attrs, out_study_attrs,
            [&](Plugin &plugin) { return plugin.after_trial(*study, trial_index); });
    }

    static constexpr auto relative_slot() {
        decltype(hpo_sampler_ops::sample_relative) slot = nullptr;
        if constexpr (SamplesRelatively<Plugin>) slot = &sample_relative;
        return slot;
    }
    static constexpr auto before_slot() {
        decltype(hpo_sampler_ops::before_trial) slot = nullptr;
        if constexpr (PreparesTrials<Plugin>) slot = &before_trial;
        return slot;
    }
    static constexpr auto after_slot() {
        decltype(hpo_sampler_ops::after_trial_v2) slot = nullptr;
        if constexpr (LearnsFromTrials<Plugin>) slot = &after_trial;
        return slot;
    }

public:
    // ABI 1.0's after_trial stays NULL: after_trial_v2 replaces it for a 1.1 plugin.
    static constexpr hpo_sampler_ops ops = {
        sizeof(hpo_sampler_ops), &Life::create, &Life::destroy, relative_slot(),
        &sample_independent,     nullptr,       before_slot(),  after_slot(),
    };
    static constexpr hpo_plugin_info info =
        plugin_kit::plugin_info<Plugin>(HPO_PLUGIN_SAMPLER, ops);
};

} // namespace hpo::samplers
