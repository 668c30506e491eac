// The `anneal` sampler plugin: AnnealSampler behind the C ABI.
#include "anneal_sampler.hpp"
#include "sampler_plugin.hpp"

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return hpo::tpe::query_sampler_plugin<hpo::anneal::AnnealSampler>(
        offered_abi_version, "anneal",
        "Simulated annealing (Hyperopt's): samples around a good past trial in a shrinking "
        "neighbourhood");
}
