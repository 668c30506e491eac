#include "sqlite_schema.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/common.h>

#include <array>
#include <string>

namespace hpo::storage {
namespace {

// Version 1. A study's and a trial's JSON live whole in `record` (their shape is the engine's
// and the common core's); the columns beside them are copies kept for the indexes: a trial's
// state and heartbeat for claims and stale checks, its revision for incremental reads.
void create_version_1(Database &database) {
    database.execute(R"sql(
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            revision INTEGER NOT NULL DEFAULT 0,
            record TEXT NOT NULL);
        CREATE TABLE trials (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id INTEGER NOT NULL REFERENCES studies(id),
            number INTEGER NOT NULL,
            state TEXT NOT NULL,
            heartbeat REAL,
            revision INTEGER NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (study_id, number));
        CREATE INDEX trials_by_revision ON trials (study_id, revision);
        CREATE INDEX trials_by_state ON trials (study_id, state, number);
    )sql");
}

// Version 2: when a study's record last changed, beside the revision every write to the study
// bumps, so that read_changes returns the record only to a reader that has not seen it. A
// record of an older file counts as changed at its study's current revision: a reader that
// saw that revision saw the record too.
void migrate_to_version_2(Database &database) {
    database.execute(R"sql(
        ALTER TABLE studies ADD COLUMN record_revision INTEGER NOT NULL DEFAULT 0;
        UPDATE studies SET record_revision = revision;
    )sql");
}

using Migration = void (*)(Database &);
// migrations[i] turns version i into version i + 1: add one here with each new version.
constexpr std::array<Migration, current_schema_version> migrations{&create_version_1, &migrate_to_version_2};

int schema_version(Database &database) {
    Query query = database.query("PRAGMA user_version");
    query.step();
    return static_cast<int>(query.integer(0));
}

void refuse_newer(const Database &database, int version) {
    if (version > current_schema_version) {
        throw plugin_kit::StatusError(HPO_EIO, database.url() + " has schema version " + std::to_string(version) +
                                        "; this build reads up to " +
                                        std::to_string(current_schema_version));
    }
}

} // namespace

std::string configure_connection(Database &database, bool sync) {
    return database.retrying([&] {
        // FULL by default: in WAL mode NORMAL may lose the last commits on a power cut (never
        // on a crash of the process), and the contract is that a tell is durable on return.
        database.execute(sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        Query query = database.query("PRAGMA journal_mode = WAL");
        query.step();
        return std::string(query.text(0));
    });
}

int readable_schema_version(Database &database) {
    const int version = database.retrying([&] { return schema_version(database); });
    refuse_newer(database, version);
    return version;
}

void migrate_schema(Database &database) {
    if (readable_schema_version(database) == current_schema_version) return;
    database.transaction(Database::Mode::write, [&] {
        int version = schema_version(database); // another process may have migrated meanwhile
        refuse_newer(database, version);
        for (; version < current_schema_version; ++version) migrations[static_cast<size_t>(version)](database);
        database.execute(("PRAGMA user_version = " + std::to_string(current_schema_version)).c_str());
    });
}

} // namespace hpo::storage
