// The library's one exported symbol: the table holding the `benchmarks` objective.
#include "benchmarks_objective.hpp"

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    // Refuses another major version, and an older minor that may lack what this one reads.
    if (HPO_ABI_MAJOR_OF(offered_abi_version) != HPO_ABI_VERSION_MAJOR ||
        offered_abi_version < HPO_ABI_VERSION)
        return nullptr;
    static const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1,
                                           &hpo::benchmarks::plugin_info()};
    return &table;
}
