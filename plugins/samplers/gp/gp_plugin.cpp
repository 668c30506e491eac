// The ABI side of the gp sampler: C entry points that catch everything, and the library's one
// exported symbol. Not declared thread-safe: the model cache is shared between asks, so the
// engine serializes calls; each ask parallelizes inside itself with oneTBB.
#include "gp_options.hpp"
#include "gp_sampler.hpp"

#include <hpo/plugin.h>

#include <exception>
#include <new>
#include <stdexcept>

namespace {

using hpo::gp::GpSampler;

struct Instance {
    const hpo_host *host;
    GpSampler sampler;
};

// Runs `body`, turning any exception into a status and the host's error message.
template <typename Body>
int32_t guarded(const hpo_host *host, Body &&body) {
    try {
        body();
        return HPO_OK;
    } catch (const std::invalid_argument &e) {
        host->set_error(host->engine, e.what());
        return HPO_EINVAL;
    } catch (const std::out_of_range &e) {
        host->set_error(host->engine, e.what());
        return HPO_EINVAL;
    } catch (const std::bad_alloc &) {
        host->set_error(host->engine, "gp: out of memory");
        return HPO_ENOMEM;
    } catch (const std::exception &e) {
        host->set_error(host->engine, e.what());
        return HPO_ERROR;
    } catch (...) {
        host->set_error(host->engine, "gp: unknown error");
        return HPO_ERROR;
    }
}

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    if (host == nullptr || out_self == nullptr)
        return HPO_EINVAL;
    return guarded(host, [&] {
        *out_self = new Instance{host, GpSampler(hpo::gp::parse_options(options_json), host->seed)};
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
    });
}

int32_t sample_independent(void *self, const hpo_study_view *study, int64_t trial_index,
                           int32_t param_index, double *out_value) {
    auto *instance = static_cast<Instance *>(self);
    return guarded(instance->host, [&] {
        if (study == nullptr || out_value == nullptr)
            throw std::invalid_argument("gp: sample_independent got a NULL argument");
        *out_value = instance->sampler.sample_independent(*study, trial_index, param_index);
    });
}

const hpo_sampler_ops kOps = {
    sizeof(hpo_sampler_ops), create, destroy, sample_relative, sample_independent, nullptr,
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
    if (HPO_ABI_MAJOR_OF(offered_abi_version) != HPO_ABI_VERSION_MAJOR ||
        offered_abi_version < HPO_ABI_VERSION)
        return nullptr;
    static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, &kInfo};
    return &table;
}
