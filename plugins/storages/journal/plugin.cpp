// The journal storage library: one plugin, "journal".
#include "journal_storage.hpp"

HPO_PLUGIN_LIBRARY(hpo::storage::StorageAdapter<hpo::storage::JournalStorage>)
