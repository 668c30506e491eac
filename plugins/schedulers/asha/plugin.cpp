// The asha scheduler library: one plugin, "asha".
#include "asha_scheduler.hpp"

#include <scheduler_plugin.hpp>

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    using Library = hpo::schedulers::SchedulerLibrary<hpo::schedulers::AshaScheduler>;
    return hpo::plugin_kit::negotiate(offered_abi_version, Library::table);
}
