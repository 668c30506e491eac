// The median scheduler library: one plugin, "median".
#include "median_pruner.hpp"

#include <scheduler_plugin.hpp>

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    using Library = hpo::schedulers::SchedulerLibrary<hpo::schedulers::MedianPruner>;
    return hpo::plugin_kit::negotiate(offered_abi_version, Library::table);
}
