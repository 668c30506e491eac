// The journal storage: studies and trials as an append-only log of operations in one file,
// shared by processes (Optuna's JournalFileStorage design). Each handle keeps the state the
// log adds up to and reads only the log's new tail before answering; a write takes the file's
// lock, catches up, decides against the current state, appends and syncs.
//
// Reading never creates the file (a missing one holds no study); creating a study does. A
// file this process may not write is still read; writes to it fail naming it.
//
// A damaged record (one that does not parse, or does not fit the state before it) is skipped
// and logged at warning level with the file and its byte offset, each time a handle reads it:
// it costs what it held (a trial's creation costs that trial, an update that update), and
// numbering goes on past the highest number seen, so no later trial takes a lost one's place.
// The study JSON carries no note of it: that JSON is the engine's and goes back into the file
// on update_study, and a record too damaged to parse cannot be told apart as any study's.
#pragma once

#include "journal_file.hpp"
#include "journal_state.hpp"

#include <storage_adapter.hpp>
#include <storage_options.hpp>

#include <vector>

namespace hpo::storage {

class JournalStorage {
public:
    static constexpr plugin_kit::About about{
        "journal", "studies in an append-only operation log, shared by processes; journal:///path/to/file.log",
        file_storage_schema, 0};

    JournalStorage(const plugin_kit::Options &options, const plugin_kit::Host &host);

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
    // Applies the operations other handles appended since the last look.
    void catch_up();
    // Whether a write is on the disk when it returns, or may wait for the next one that is.
    enum class Durability { now, deferred };
    // Under the file's lock and on the current state: decide() returns the operations to
    // append (none: nothing to write), which are then appended and applied. decide() may run
    // twice (once before the file exists), so it sets its results rather than adding to them.
    template <class Decide>
    void write(Decide &&decide, Durability durability = Durability::now);
    // An update_trial operation of the patch patch_of(record) gives, decided under the lock.
    template <class PatchOf>
    void patch_trial(int64_t study_id, int64_t trial_id, PatchOf &&patch_of, Durability durability);
    [[nodiscard]] int64_t existing_study_id(const std::string &name) const;
    void warn(const std::string &message) const;

    // Past this many damaged records in one read, the rest are counted in one warning.
    static constexpr int max_damage_warnings = 10;

    plugin_kit::Host host_;
    JournalFile file_;
    JournalState state_;
};

} // namespace hpo::storage
