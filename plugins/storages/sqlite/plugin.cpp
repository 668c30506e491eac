// The sqlite storage library: one plugin, "sqlite".
#include "sqlite_storage.hpp"

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    using Library = hpo::storage::StorageLibrary<hpo::storage::SqliteStorage>;
    return hpo::plugin_kit::negotiate(offered_abi_version, Library::table);
}
