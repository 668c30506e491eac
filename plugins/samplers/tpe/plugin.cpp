// The `tpe` sampler plugin: TpeSampler behind the C ABI.
#include "sampler_plugin.hpp"
#include "tpe_sampler.hpp"

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return hpo::tpe::query_sampler_plugin<hpo::tpe::TpeSampler>(
        offered_abi_version, "tpe",
        "Tree-structured Parzen estimator: univariate or multivariate, several objectives, "
        "constant liar");
}
