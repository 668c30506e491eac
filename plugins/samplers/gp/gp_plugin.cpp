// The ABI side of the gp sampler: C entry points that catch everything, and the library's one
// exported symbol. Not declared thread-safe: the model cache is shared between asks, so the
// engine serializes calls; each ask parallelizes inside itself with oneTBB.
#include "gp_options.hpp"
#include "gp_sampler.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/plugin.h>

#include <stdexcept>

namespace {

using hpo::gp::GpSampler;

struct Instance {
    const hpo_host *host;
    GpSampler sampler;
};

using hpo::plugin_kit::guarded;

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    if (host == nullptr || out_self == nullptr)
        return HPO_EINVAL;
    return guarded(host, [&] {
        *out_self = new Instance{host, GpSampler(hpo::gp::parse_options(options_json), host->seed)};
        return HPO_OK;
    });
}

void destroy(void *self) { delete static_cast<Instance *>(self); }

int32_t sample_relative(void *self, const hpo_study_view *study, int64_t trial_index,
                        const int32_t *subspace, int32_t n_subspace, double *out_values) {
    auto *instance = static_cast<Instance *>(self);
    return guarded(instance->host, [&] {
        if (study == nullptr || (n_subspace > 0 && (subspace == nullptr || out_values == nullptr)))
            throw std::invalid_argument("gp: sample_relative got a NULL argument");
        instance->sampler.sample_relative(*study, trial_index, {subspace, static_cast<size_t>(n_subspace)},
                                          {out_values, static_cast<size_t>(n_subspace)});
        return HPO_OK;
    });
}

int32_t sample_independent(void *self, const hpo_study_view *study, int64_t trial_index,
                           int32_t param_index, double *out_value) {
    auto *instance = static_cast<Instance *>(self);
    return guarded(instance->host, [&] {
        if (study == nullptr || out_value == nullptr)
            throw std::invalid_argument("gp: sample_independent got a NULL argument");
        *out_value = instance->sampler.sample_independent(*study, trial_index, param_index);
        return HPO_OK;
    });
}

const hpo_sampler_ops kOps = {
    sizeof(hpo_sampler_ops), create, destroy, sample_relative, sample_independent, nullptr, nullptr, nullptr,
};

const hpo_plugin_info kInfo = {
    sizeof(hpo_plugin_info),
    HPO_PLUGIN_SAMPLER,
    "gp",
    "Gaussian-process Bayesian optimization (Matern-5/2 ARD, log-EI/PI/LCB, constant liar)",
    0,
    hpo::gp::kOptionsSchema,
    &kOps,
};

}  // namespace

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, &kInfo};
    return hpo::plugin_kit::negotiate(offered_abi_version, table);
}
