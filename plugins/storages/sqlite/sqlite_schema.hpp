// The tables of a study file and how a file of an older version is brought up to date.
//
// The version lives in PRAGMA user_version (0 in a new, empty file). Migration i turns version
// i into version i + 1, inside one write transaction with the check, so two processes opening
// an old file at once migrate it once. Only a connection about to write migrates: reading
// leaves the file as it was. A file of a newer version than this build knows is
// refused rather than misread.
#pragma once

#include "sqlite_database.hpp"

namespace hpo::storage {

inline constexpr int current_schema_version = 2;

// Switches the file to WAL (readers never block the writer, and a commit is one append to the
// log) and, with sync, makes each commit durable before it returns; returns the journal mode
// in effect.
std::string configure_connection(Database &database, bool sync);

// The file's schema version, read without writing anything: 0 while it has no tables (a new,
// empty file). Throws plugin_kit::StatusError(HPO_EIO) for a newer version than this build knows.
int readable_schema_version(Database &database);

// Creates or migrates the schema to current_schema_version; throws
// plugin_kit::StatusError(HPO_EIO) for a file of a newer version. A write: readers use a file
// of any version up to the current one as it is, so every version's tables must answer their
// queries (a reader of a version-1 file reads the study's revision for its record_revision).
void migrate_schema(Database &database);

} // namespace hpo::storage
