// The library's one exported symbol: the table holding the `benchmarks` objective.
#include "benchmarks_objective.hpp"

#include <hpo_kit/plugin_kit.hpp>

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1,
                                           &hpo::benchmarks::plugin_info()};
    return hpo::plugin_kit::negotiate(offered_abi_version, table);
}
