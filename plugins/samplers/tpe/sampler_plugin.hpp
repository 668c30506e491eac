// The C ABI side of a sampler written as a C++ class: create/destroy and the sampling
// operations as plain functions that never let an exception out (each turns it into
// host->set_error and a status, by the kit's guard), and the answer of hpo_plugin_query.
//
// Sampler must be constructible from (const char *options_json, uint64_t seed), throwing
// std::invalid_argument for bad options, and provide
//   static const char *options_schema();   (the kit options schema it publishes)
//   double sample_independent(const hpo_study_view &, int64_t trial_index, int32_t param) const;
// and, optionally, void sample_relative(view, trial_index, span<const int32_t>, span<double>).
#pragma once

#include <hpo/plugin.h>
#include <hpo_kit/plugin_kit.hpp>

#include <span>
#include <stdexcept>

namespace hpo::tpe {

template <class Sampler>
struct SamplerPlugin {
    struct Instance {
        hpo_host host; // a copy: the engine's table need not outlive create()
        Sampler sampler;
    };

    static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
        if (host == nullptr || out_self == nullptr) return HPO_EINVAL;
        return plugin_kit::guarded(host, [&] {
            *out_self =
                new Instance{plugin_kit::copy_host(*host), Sampler(options_json, host->seed)};
            return static_cast<int32_t>(HPO_OK);
        });
    }

    static void destroy(void *self) { delete static_cast<Instance *>(self); }

    static int32_t sample_independent(void *self, const hpo_study_view *study, int64_t trial_index,
                                      int32_t param_index, double *out) {
        auto &instance = *static_cast<Instance *>(self);
        return plugin_kit::guarded(&instance.host, [&] {
            check_call(study, trial_index, out);
            *out = instance.sampler.sample_independent(*study, trial_index, param_index);
            return static_cast<int32_t>(HPO_OK);
        });
    }

    static int32_t sample_relative(void *self, const hpo_study_view *study, int64_t trial_index,
                                   const int32_t *subspace, int32_t n_subspace,
                                   double *out_values) {
        auto &instance = *static_cast<Instance *>(self);
        return plugin_kit::guarded(&instance.host, [&] {
            check_call(study, trial_index, out_values);
            if (n_subspace < 0 || (n_subspace > 0 && subspace == nullptr))
                throw std::invalid_argument("sample_relative: bad subspace");
            const auto n = static_cast<std::size_t>(n_subspace);
            instance.sampler.sample_relative(*study, trial_index,
                                             std::span<const int32_t>(subspace, n),
                                             std::span<double>(out_values, n));
            return static_cast<int32_t>(HPO_OK);
        });
    }

private:
    static void check_call(const hpo_study_view *study, int64_t trial_index, const void *out) {
        if (study == nullptr || out == nullptr)
            throw std::invalid_argument("sampler called with a NULL study or output");
        if (trial_index < 0 || trial_index >= study->n_trials)
            throw std::invalid_argument("trial index is outside the study's trials");
    }
};

template <class Sampler>
concept RelativeSampler = requires(const Sampler &sampler, const hpo_study_view &study) {
    sampler.sample_relative(study, int64_t{0}, std::span<const int32_t>{}, std::span<double>{});
};

// The sample_relative slot: NULL for a sampler that proposes one parameter at a time.
template <class Sampler>
constexpr decltype(hpo_sampler_ops::sample_relative) relative_op() {
    if constexpr (RelativeSampler<Sampler>)
        return &SamplerPlugin<Sampler>::sample_relative;
    else
        return nullptr;
}

// Answers hpo_plugin_query with a table of the one sampler `Sampler`.
template <class Sampler>
const hpo_plugin_table *query_sampler_plugin(uint32_t offered, const char *name,
                                             const char *summary) noexcept {
    using Plugin = SamplerPlugin<Sampler>;
    static const hpo_sampler_ops ops = {
        sizeof(hpo_sampler_ops),
        Plugin::create,
        Plugin::destroy,
        relative_op<Sampler>(),
        Plugin::sample_independent,
        nullptr, // after_trial: nothing to learn between calls
        nullptr,
        nullptr,
    };
    static const hpo_plugin_info info = {
        sizeof(hpo_plugin_info), HPO_PLUGIN_SAMPLER,        name, summary,
        HPO_PLUGIN_THREAD_SAFE,  Sampler::options_schema(), &ops,
    };
    static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, &info};
    return plugin_kit::negotiate(offered, table);
}

} // namespace hpo::tpe
