// The sqlite storage library: one plugin, "sqlite".
#include "sqlite_storage.hpp"

HPO_PLUGIN_LIBRARY(hpo::storage::StorageAdapter<hpo::storage::SqliteStorage>)
