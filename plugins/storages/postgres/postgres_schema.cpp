#include "postgres_schema.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/common.h>

#include <array>

namespace hpo::storage {
namespace {

// Any constant of the schema's own: the advisory lock that makes migrations one at a time.
constexpr const char *migration_lock = "SELECT pg_advisory_xact_lock(7283019467)";

// Version 1. A study's and a trial's JSON live whole in `record` (their shape is the engine's
// and the common core's); the columns beside them serve the queries: a study's revision
// (bumped by every write to it, under its row lock, so revisions commit in order), when its
// record last changed, and the count of its trials that numbers the next; a trial's state
// and heartbeat for claims and stale checks, its revision for incremental reads. hpo_writes
// holds each write's token and result, for a retry after a lost acknowledgement.
void create_version_1(Connection &connection) {
    connection.run_script(R"sql(
        CREATE TABLE hpo_studies (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            revision BIGINT NOT NULL DEFAULT 0,
            record_revision BIGINT NOT NULL DEFAULT 0,
            trial_count BIGINT NOT NULL DEFAULT 0,
            record TEXT NOT NULL);
        CREATE TABLE hpo_trials (
            id BIGSERIAL PRIMARY KEY,
            study_id BIGINT NOT NULL REFERENCES hpo_studies(id) ON DELETE CASCADE,
            number BIGINT NOT NULL,
            state TEXT NOT NULL,
            heartbeat DOUBLE PRECISION,
            revision BIGINT NOT NULL,
            record TEXT NOT NULL,
            UNIQUE (study_id, number));
        CREATE INDEX hpo_trials_by_revision ON hpo_trials (study_id, revision);
        CREATE INDEX hpo_trials_by_state ON hpo_trials (study_id, state, number);
        CREATE TABLE hpo_writes (
            token TEXT PRIMARY KEY,
            result TEXT NOT NULL,
            written_at TIMESTAMPTZ NOT NULL DEFAULT now());
        CREATE INDEX hpo_writes_by_age ON hpo_writes (written_at);
    )sql");
}

using Migration = void (*)(Connection &);
// migrations[i] turns version i into version i + 1: add one here with each new version.
constexpr std::array<Migration, current_postgres_schema_version> migrations{&create_version_1};

void refuse_newer(const Connection &connection, int version) {
    if (version > current_postgres_schema_version) {
        throw plugin_kit::StatusError(HPO_EIO, connection.shown_url() + " has schema version " +
                                                   std::to_string(version) + "; this build reads up to " +
                                                   std::to_string(current_postgres_schema_version));
    }
}

} // namespace

int postgres_schema_version(Connection &connection) {
    const Rows table = connection.run("SELECT to_regclass('hpo_schema') IS NOT NULL");
    if (table.text(0, 0) != "t") return 0;
    const Rows version = connection.run("SELECT max(version) FROM hpo_schema");
    return version.is_null(0, 0) ? 0 : static_cast<int>(version.integer(0, 0));
}

void migrate_postgres_schema(Connection &connection) {
    int version = postgres_schema_version(connection);
    refuse_newer(connection, version);
    if (version == current_postgres_schema_version) return;
    connection.run(migration_lock);
    version = postgres_schema_version(connection); // another worker may have migrated meanwhile
    refuse_newer(connection, version);
    if (version == current_postgres_schema_version) return;
    connection.run("CREATE TABLE IF NOT EXISTS hpo_schema (version INTEGER NOT NULL)");
    for (; version < current_postgres_schema_version; ++version) migrations[static_cast<size_t>(version)](connection);
    connection.run("DELETE FROM hpo_schema");
    connection.run("INSERT INTO hpo_schema (version) VALUES ($1)", {int64_t{current_postgres_schema_version}});
}

} // namespace hpo::storage
