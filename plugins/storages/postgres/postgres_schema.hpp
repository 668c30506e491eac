// The tables of the study database and how a database of an older version is brought up to
// date.
//
// The version is the one row of hpo_schema (no such table: a database never used, version 0).
// Migration i turns version i into version i + 1, all of them in one transaction under an
// advisory lock, so that workers starting together against an old (or empty) database migrate
// it once. A database of a newer version than this build knows is refused rather than misread.
#pragma once

#include "postgres_connection.hpp"

namespace hpo::storage {

inline constexpr int current_postgres_schema_version = 1;

// The database's schema version, as stored; 0 while it has none.
int postgres_schema_version(Connection &connection);

// Creates or migrates the schema to current_postgres_schema_version, inside a transaction the
// caller has begun; throws plugin_kit::StatusError(HPO_EIO) naming both versions for a
// database of a newer one.
void migrate_postgres_schema(Connection &connection);

} // namespace hpo::storage
