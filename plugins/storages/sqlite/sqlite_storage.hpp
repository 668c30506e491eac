// The sqlite storage: studies and trials in one SQLite file that many processes share.
// Every operation is one transaction; read-modify-writes (numbering, claims, patches) take
// the write lock up front, so their check and their write are atomic across processes.
//
// Reading never writes: a missing file holds no study and is made by the first study's
// creation; WAL mode and the schema's migration wait for the first write too. A file this
// process may not write (write-protected, or in a directory where no -shm file can be made)
// is still read; writes to it fail naming it.
#pragma once

#include "sqlite_database.hpp"

#include <storage_adapter.hpp>
#include <storage_options.hpp>

#include <optional>
#include <string>

namespace hpo::storage {

class SqliteStorage {
public:
    static constexpr plugin_kit::About about{
        "sqlite", "studies in an SQLite file (WAL), shared by processes; sqlite:///path/to/file.db",
        file_storage_schema, 0};

    SqliteStorage(const plugin_kit::Options &options, const plugin_kit::Host &host);

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
    // Opens the file if it exists (now, when another process has made it since); false if not.
    bool open_existing();
    // The connection for reading, or nullptr while nothing is stored (no file, or no tables).
    Database *reader();
    // The connection for writing: makes the file if needed and readies it (WAL, the current
    // schema) once; throws plugin_kit::StatusError(HPO_EIO) naming the file when it is read-only here.
    Database &writer();
    // writer() for an operation on a study: HPO_ENOTFOUND, and no file made, while nothing
    // is stored.
    Database &writer_of_study(int64_t study_id);

    // The study's next revision, recorded; HPO_ENOTFOUND when there is no such study.
    int64_t bump_revision(Database &database, int64_t study_id);
    // Stores a trial's record with the columns indexed beside it.
    static void write_trial(Database &database, const json &record, int64_t revision);
    // Applies a patch to a trial's record (patch_of(record) gives it), in one transaction.
    template <class PatchOf>
    void patch_trial(int64_t study_id, int64_t trial_id, PatchOf &&patch_of);
    static std::optional<int64_t> find_study(Database &database, const std::string &name);
    [[noreturn]] void study_not_found(int64_t study_id) const;
    [[noreturn]] void study_not_named(const std::string &name) const;

    StorageOptions options_;
    plugin_kit::Host host_;
    std::optional<Database> database_; // none while the file does not exist
    std::string read_only_reason_;      // why this process may not write the file, if it may not
    int schema_version_ = 0;            // of the file as last read; 0: no tables yet
    bool ready_to_write_ = false;       // WAL on and the schema current
};

} // namespace hpo::storage
