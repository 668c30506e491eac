// The postgres storage library: one storage under both of libpq's URL schemes,
// "postgresql" and "postgres".
#include "postgres_storage.hpp"

HPO_PLUGIN_LIBRARY(hpo::storage::StorageAdapter<hpo::storage::PostgresqlStorage>,
                   hpo::storage::StorageAdapter<hpo::storage::PostgresStorage>)
