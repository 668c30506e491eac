// The mlp objective library: one plugin, "mlp".
#include "hyperparameters.hpp"
#include "mlp_objective.hpp"

#include <hpo_kit/options.hpp>
#include <hpo_kit/plugin_kit.hpp>

#include <hpo/plugin.h>

namespace {

using hpo::mlp::MlpObjective;
using hpo::plugin_kit::guarded;

struct Instance {
    hpo_host host;
    MlpObjective objective;
};

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    return guarded(host, [&] {
        if (options_json == nullptr || out_self == nullptr) {
            throw std::invalid_argument("create: options_json and out_self must not be NULL");
        }
        const hpo::plugin_kit::Options options(MlpObjective::schema, options_json);
        *out_self = new Instance{hpo::plugin_kit::copy_host(*host),
                                 MlpObjective(options, host->seed)};
        return int32_t{HPO_OK};
    });
}

void destroy(void *self) { delete static_cast<Instance *>(self); }

int32_t describe(void *self, char **out_json) {
    auto &instance = *static_cast<Instance *>(self);
    return guarded(&instance.host, [&] {
        *out_json = hpo::plugin_kit::host_string(instance.host, instance.objective.describe());
        return int32_t{HPO_OK};
    });
}

int32_t evaluate(void *self, const hpo_trial_api *api, hpo_trial_ref *trial, double *out_values,
                 int32_t n_values) {
    auto &instance = *static_cast<Instance *>(self);
    return guarded(&instance.host, [&] {
        try {
            return instance.objective.evaluate(*api, trial, out_values, n_values);
        } catch (const hpo::mlp::TrialApiError &error) {
            return error.status(); // the engine already holds the message
        }
    });
}

constexpr hpo_objective_ops ops{sizeof(hpo_objective_ops), &create, &destroy, &describe,
                                &evaluate};
constexpr hpo_plugin_info info{sizeof(hpo_plugin_info), HPO_PLUGIN_OBJECTIVE, MlpObjective::name,
                               MlpObjective::summary, HPO_PLUGIN_THREAD_SAFE,
                               MlpObjective::schema, &ops};
constexpr hpo_plugin_table table{sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, &info};

} // namespace

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return hpo::plugin_kit::negotiate(offered_abi_version, table);
}
