// The hpo_storage_ops of a storage written in the kit's one plugin shape
// (hpo_kit/plugin_library.hpp):
//
//   class SqliteStorage {
//   public:
//       static constexpr plugin_kit::About about{"sqlite", "...", file_storage_schema, 0};
//       SqliteStorage(const plugin_kit::Options &options, const plugin_kit::Host &host);
//       int64_t create_study(const json &study, bool load_if_exists); // HPO_EEXISTS if taken
//       LoadedStudy load_study(const std::string &name);               // HPO_ENOTFOUND if none
//       json list_studies();
//       void delete_study(const std::string &name);
//       void update_study(int64_t study_id, const json &update);
//       CreatedTrial create_trial(int64_t study_id, const json &checked_trial);
//       int64_t claim_waiting_trial(int64_t study_id, const json &worker); // -1: none waits
//       void update_trial(int64_t study_id, int64_t trial_id, const json &checked_patch);
//       Changes read_changes(int64_t study_id, int64_t since_revision);
//       // Optional:
//       json fail_stale_trials(int64_t study_id, double grace_seconds);  // array of ids
//       void record_heartbeat(int64_t study_id, int64_t trial_id);
//   };
//
// Records are plugin.h's (study_record.hpp, trial_record.hpp). The adapter answers both
// read_trials and read_changes from read_changes, so the study and its trials are always read
// at one revision. The storage's options come from its URL's query: create expands it into
// options beside "url" (storage_url.hpp) and checks them against about.options_schema.
// Operations of one instance run one at a time, so every storage is thread-safe; errors are
// exceptions (plugin_kit::StatusError for a status of its own: HPO_EBUSY, HPO_ESTATE, ...).
#pragma once

#include "storage_url.hpp"
#include "study_record.hpp"
#include "trial_record.hpp"

#include <hpo_kit/plugin_library.hpp>

#include <hpo/plugin.h>

#include <concepts>
#include <mutex>
#include <stdexcept>
#include <string>

namespace hpo::storage {

struct LoadedStudy {
    int64_t id;
    json study; // with its id
};

struct CreatedTrial {
    int64_t id;
    int64_t number;
};

// What changed in a study since a revision.
struct Changes {
    json study;              // its record with its id when it changed (always since 0), else null
    std::string trials_json; // a JSON array of the trial records written since, in order of number
    int64_t revision;        // the study's current revision
};

template <class Storage>
concept FailsStaleTrials = requires(Storage &storage) {
    { storage.fail_stale_trials(int64_t{}, double{}) } -> std::same_as<json>;
};

template <class Storage>
concept RecordsHeartbeats = requires(Storage &storage) { storage.record_heartbeat(int64_t{}, int64_t{}); };

// The storage behind the lock that lets one instance serve several threads.
template <class Storage>
struct Serialized {
    static constexpr plugin_kit::About about{Storage::about.name, Storage::about.summary,
                                             Storage::about.options_schema,
                                             Storage::about.flags | HPO_PLUGIN_THREAD_SAFE};
    Serialized(const plugin_kit::Options &options, const plugin_kit::Host &host) : storage(options, host) {}

    std::mutex mutex;
    Storage storage;
};

template <class Storage>
struct StorageAdapter {
    using Life = plugin_kit::Lifecycle<Serialized<Storage>>;

    static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
        if (host == nullptr || out_self == nullptr) return HPO_EINVAL;
        return plugin_kit::guarded(host, [&] {
            const json options = with_query_options(plugin_kit::parse_options(options_json));
            return Life::make(plugin_kit::Options(Storage::about.options_schema, options.dump()), *host, out_self);
        });
    }

    // body(storage, host) under the instance's lock.
    template <class Body>
    static int32_t call(void *self, Body &&body) noexcept {
        return Life::call(self, [&](Serialized<Storage> &serialized, const plugin_kit::Host &host) {
            const std::lock_guard lock(serialized.mutex);
            body(serialized.storage, host);
            return int32_t{HPO_OK};
        });
    }

    static void require(bool given, const char *what) {
        if (!given) throw std::invalid_argument(std::string(what) + " must not be NULL");
    }

    static int32_t create_study(void *self, const char *study_json, int32_t load_if_exists,
                                int64_t *out_study_id) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &) {
            require(study_json != nullptr && out_study_id != nullptr, "create_study: study_json, out_study_id");
            *out_study_id = storage.create_study(parse_study(study_json), load_if_exists != 0);
        });
    }

    static int32_t load_study(void *self, const char *name, int64_t *out_study_id, char **out_study_json) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &host) {
            require(name != nullptr && out_study_id != nullptr, "load_study: name, out_study_id");
            const LoadedStudy loaded = storage.load_study(name);
            if (out_study_json != nullptr) *out_study_json = host.string(loaded.study.dump());
            *out_study_id = loaded.id;
        });
    }

    static int32_t list_studies(void *self, char **out_json) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &host) {
            require(out_json != nullptr, "list_studies: out_json");
            *out_json = host.string(storage.list_studies().dump());
        });
    }

    static int32_t delete_study(void *self, const char *name) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &) {
            require(name != nullptr, "delete_study: name");
            storage.delete_study(name);
        });
    }

    static int32_t update_study(void *self, int64_t study_id, const char *study_json) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &) {
            require(study_json != nullptr, "update_study: study_json");
            storage.update_study(study_id, parse_object(study_json, "study"));
        });
    }

    static int32_t create_trial(void *self, int64_t study_id, const char *trial_json, int64_t *out_trial_id,
                                int64_t *out_number) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &) {
            require(trial_json != nullptr && out_trial_id != nullptr, "create_trial: trial_json, out_trial_id");
            const json trial = parse_object(trial_json, "trial");
            check_new_trial(trial);
            const CreatedTrial created = storage.create_trial(study_id, trial);
            *out_trial_id = created.id;
            if (out_number != nullptr) *out_number = created.number;
        });
    }

    static int32_t claim_waiting_trial(void *self, int64_t study_id, const char *worker, int64_t *out_trial_id) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &) {
            require(out_trial_id != nullptr, "claim_waiting_trial: out_trial_id");
            *out_trial_id = storage.claim_waiting_trial(study_id, worker != nullptr ? json(worker) : json(nullptr));
        });
    }

    static int32_t update_trial(void *self, int64_t study_id, int64_t trial_id, const char *patch_json) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &) {
            require(patch_json != nullptr, "update_trial: patch_json");
            const json patch = parse_object(patch_json, "trial patch");
            check_trial_patch(patch);
            storage.update_trial(study_id, trial_id, patch);
        });
    }

    static int32_t read_trials(void *self, int64_t study_id, int64_t since_revision, char **out_trials_json,
                               int64_t *out_revision) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &host) {
            require(out_trials_json != nullptr && out_revision != nullptr, "read_trials: out_trials_json, out_revision");
            const Changes changes = storage.read_changes(study_id, since_revision);
            *out_trials_json = host.string(changes.trials_json);
            *out_revision = changes.revision;
        });
    }

    static int32_t read_changes(void *self, int64_t study_id, int64_t since_revision, char **out_json,
                                int64_t *out_revision) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &host) {
            require(out_json != nullptr && out_revision != nullptr, "read_changes: out_json, out_revision");
            const Changes changes = storage.read_changes(study_id, since_revision);
            // The trials as the storage wrote them: no parse and dump of every record again.
            *out_json = host.string(R"({"study":)" + changes.study.dump() + R"(,"trials":)" +
                                    changes.trials_json + "}");
            *out_revision = changes.revision;
        });
    }

    static int32_t fail_stale_trials(void *self, int64_t study_id, double grace_seconds, char **out_trial_ids_json) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &host) {
            const json failed = storage.fail_stale_trials(study_id, grace_seconds);
            if (out_trial_ids_json != nullptr) *out_trial_ids_json = host.string(failed.dump());
        });
    }

    static int32_t record_heartbeat(void *self, int64_t study_id, int64_t trial_id) {
        return call(self, [&](Storage &storage, const plugin_kit::Host &) {
            storage.record_heartbeat(study_id, trial_id);
        });
    }

    static constexpr hpo_storage_ops make_ops() {
        hpo_storage_ops made{};
        made.struct_size = sizeof(hpo_storage_ops);
        made.create = &create;
        made.destroy = &Life::destroy;
        made.create_study = &create_study;
        made.load_study = &load_study;
        made.list_studies = &list_studies;
        made.delete_study = &delete_study;
        made.update_study = &update_study;
        made.create_trial = &create_trial;
        made.claim_waiting_trial = &claim_waiting_trial;
        made.update_trial = &update_trial;
        made.read_trials = &read_trials;
        if constexpr (FailsStaleTrials<Storage>) made.fail_stale_trials = &fail_stale_trials;
        if constexpr (RecordsHeartbeats<Storage>) made.record_heartbeat = &record_heartbeat;
        made.read_changes = &read_changes;
        return made;
    }

    static constexpr hpo_storage_ops ops = make_ops();
    static constexpr hpo_plugin_info info = plugin_kit::plugin_info<Serialized<Storage>>(HPO_PLUGIN_STORAGE, ops);
};

} // namespace hpo::storage
