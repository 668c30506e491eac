// The sqlite storage: studies and trials in one SQLite file that many processes share.
// Every operation is one transaction; read-modify-writes (numbering, claims, patches) take
// the write lock up front, so their check and their write are atomic across processes.
#pragma once

#include "sqlite_database.hpp"

#include <storage_plugin.hpp>

namespace hpo::storage {

class SqliteStorage {
public:
    static constexpr const char *scheme = "sqlite";
    static constexpr const char *summary =
        "studies in an SQLite file (WAL), shared by processes; sqlite:///path/to/file.db";

    SqliteStorage(const StorageOptions &options, const hpo_host &host);

    int64_t create_study(const json &study, bool load_if_exists);
    LoadedStudy load_study(const std::string &name);
    json list_studies();
    void delete_study(const std::string &name);
    void update_study(int64_t study_id, const json &update);
    CreatedTrial create_trial(int64_t study_id, const json &trial);
    int64_t claim_waiting_trial(int64_t study_id, const json &worker);
    void update_trial(int64_t study_id, int64_t trial_id, const json &patch);
    TrialsSince read_trials(int64_t study_id, int64_t since_revision);
    json fail_stale_trials(int64_t study_id, double grace_seconds);

private:
    // The study's next revision, recorded; HPO_ENOTFOUND when there is no such study.
    int64_t bump_revision(int64_t study_id);
    // Stores a trial's record with the columns indexed beside it.
    void write_trial(const json &record, int64_t revision);
    [[noreturn]] void study_not_found(int64_t study_id) const;

    Database database_;
};

} // namespace hpo::storage
