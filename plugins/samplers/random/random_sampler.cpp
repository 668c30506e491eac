#include "random_sampler.hpp"

#include "random_draw.hpp"

#include <hpo_kit/options.hpp>
#include <hpo_kit/plugin_kit.hpp>
#include <hpo_kit/random_stream.hpp>

#include <stdexcept>
#include <string>

namespace hpo::random_sampler {

namespace {

using plugin_kit::guarded;

// random takes no options: its schema is empty, so any option given is refused by name.
const char *const options_schema = "{}";

struct Sampler {
    const hpo_host *host;
};

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    return guarded(host, [&] {
        (void)plugin_kit::Options(options_schema, options_json);
        *out_self = new Sampler{host};
        return HPO_OK;
    });
}

void destroy(void *self) { delete static_cast<Sampler *>(self); }

// Draws parameter `param_index` of trial `trial_index`, after checking both exist.
int32_t draw_checked(const Sampler &sampler, const hpo_study_view *study, int64_t trial_index,
                     int32_t param_index, double *out) {
    return guarded(sampler.host, [&] {
        if (trial_index < 0 || trial_index >= study->n_trials)
            throw std::invalid_argument("trial index " + std::to_string(trial_index) + " is not in the study");
        if (param_index < 0 || param_index >= study->n_params)
            throw std::invalid_argument("parameter index " + std::to_string(param_index) + " is not in the study");
        plugin_kit::RandomStream stream(sampler.host->seed,
                                        static_cast<uint64_t>(study->trials[trial_index].number),
                                        static_cast<uint64_t>(param_index));
        *out = draw(study->params[param_index], stream);
        return HPO_OK;
    });
}

int32_t sample_independent(void *self, const hpo_study_view *study, int64_t trial_index,
                           int32_t param_index, double *out_value) {
    return draw_checked(*static_cast<Sampler *>(self), study, trial_index, param_index, out_value);
}

// Every listed parameter independently, from the same stream sample_independent would use, so a
// declared space and define-by-run give a trial the same values.
int32_t sample_relative(void *self, const hpo_study_view *study, int64_t trial_index,
                        const int32_t *subspace, int32_t n_subspace, double *out_values) {
    for (int32_t i = 0; i < n_subspace; ++i) {
        const int32_t status = draw_checked(*static_cast<Sampler *>(self), study, trial_index,
                                            subspace[i], &out_values[i]);
        if (status != HPO_OK) return status;
    }
    return HPO_OK;
}

const hpo_sampler_ops ops = {
    sizeof(hpo_sampler_ops), create, destroy, sample_relative, sample_independent, nullptr, nullptr, nullptr,
};

}  // namespace

const hpo_plugin_info &plugin_info() {
    static const hpo_plugin_info info = {
        sizeof(hpo_plugin_info),
        HPO_PLUGIN_SAMPLER,
        "random",
        "Independent draws from each parameter's prior; reproducible per (seed, trial, parameter)",
        HPO_PLUGIN_THREAD_SAFE,
        options_schema,
        &ops,
    };
    return info;
}

}  // namespace hpo::random_sampler
