// The postgres storage: studies and trials on a PostgreSQL server, shared by workers on many
// machines. Every operation is one transaction (postgres_connection.hpp: retried across a
// lost connection, writes applied once); a write to a study locks its row, which numbers its
// trials and orders its revisions; claims skip trials other workers hold (FOR UPDATE SKIP
// LOCKED); heartbeats and stale checks read the server's clock, never the worker's.
#pragma once

#include "postgres_connection.hpp"

#include <storage_adapter.hpp>

#include <string>

namespace hpo::storage {

class PostgresStorageBase {
public:
    PostgresStorageBase(const plugin_kit::Options &options, const plugin_kit::Host &host);

    int64_t create_study(const json &study, bool load_if_exists);
    LoadedStudy load_study(const std::string &name);
    json list_studies();
    void delete_study(const std::string &name);
    void update_study(int64_t study_id, const json &update);
    CreatedTrial create_trial(int64_t study_id, const json &trial);
    int64_t claim_waiting_trial(int64_t study_id, const json &worker);
    void update_trial(int64_t study_id, int64_t trial_id, const json &patch);
    Changes read_changes(int64_t study_id, int64_t since_revision);
    json fail_stale_trials(int64_t study_id, double grace_seconds);
    void record_heartbeat(int64_t study_id, int64_t trial_id);

private:
    // The study's next revision, its row locked until the transaction ends, and the server's
    // clock; HPO_ENOTFOUND when there is no such study.
    struct Bumped {
        int64_t revision;
        double now;
    };
    Bumped bump_revision(int64_t study_id);
    void write_trial(const json &record, int64_t revision);
    // Applies patch_of(record, server's now) to a trial, in one idempotent write.
    template <class PatchOf>
    void patch_trial(int64_t study_id, int64_t trial_id, PatchOf &&patch_of);
    void require_study(int64_t study_id);
    [[noreturn]] void study_not_found(int64_t study_id) const;
    [[noreturn]] void study_not_named(const std::string &name) const;

    Connection connection_;
};

inline constexpr const char *postgres_summary =
    "studies on a PostgreSQL server, shared by workers on many machines; postgresql://user@host:port/db?timeout=60";

// The storage under each scheme libpq takes.
struct PostgresqlStorage : PostgresStorageBase {
    static constexpr plugin_kit::About about{"postgresql", postgres_summary, postgres_storage_schema, 0};
    using PostgresStorageBase::PostgresStorageBase;
};

struct PostgresStorage : PostgresStorageBase {
    static constexpr plugin_kit::About about{"postgres", postgres_summary, postgres_storage_schema, 0};
    using PostgresStorageBase::PostgresStorageBase;
};

} // namespace hpo::storage
