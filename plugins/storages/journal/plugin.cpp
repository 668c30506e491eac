// The journal storage library: one plugin, "journal".
#include "journal_storage.hpp"

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    using Library = hpo::storage::StorageLibrary<hpo::storage::JournalStorage>;
    return hpo::plugin_kit::negotiate(offered_abi_version, Library::table);
}
