// The hpo_storage_ops of a storage written as a C++ class:
//
//   struct Sqlite {
//       static constexpr const char *scheme = "sqlite";  // the plugin's name and URL scheme
//       static constexpr const char *summary = "...";
//       Sqlite(const StorageOptions &, const hpo_host &);
//       int64_t create_study(const json &study, bool load_if_exists);
//       LoadedStudy load_study(const std::string &name);          // HPO_ENOTFOUND if none
//       json list_studies();
//       void delete_study(const std::string &name);
//       void update_study(int64_t study_id, const json &update);
//       CreatedTrial create_trial(int64_t study_id, const json &trial);
//       int64_t claim_waiting_trial(int64_t study_id, const json &worker);   // -1: none
//       void update_trial(int64_t study_id, int64_t trial_id, const json &checked_patch);
//       TrialsSince read_trials(int64_t study_id, int64_t since_revision);
//       json fail_stale_trials(int64_t study_id, double grace_seconds);      // array of ids
//   };
//
// storage_ops<Sqlite>() fills the table: each operation parses and checks its JSON input, calls
// the class under the instance's mutex (so instances are thread-safe), turns every exception
// into a status and a message through the host, and returns strings in the host's memory.
#pragma once

#include "storage_error.hpp"
#include "storage_options.hpp"
#include "study_record.hpp"
#include "trial_record.hpp"

#include <hpo_kit/plugin_kit.hpp>

#include <hpo/plugin.h>

#include <mutex>
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

struct TrialsSince {
    std::string trials_json; // a JSON array of trial records, in order of number
    int64_t revision;
};

template <class Storage>
struct StorageInstance {
    hpo_host host;
    Storage storage;
    std::mutex mutex;
};

template <class Storage>
struct StorageAdapter {
    using Instance = StorageInstance<Storage>;

    // Runs body(storage) under the instance's lock, StorageError's status as the result.
    template <class Body>
    static int32_t call(void *self, Body &&body) noexcept {
        auto &instance = *static_cast<Instance *>(self);
        return plugin_kit::guarded(&instance.host, [&]() -> int32_t {
            try {
                const std::lock_guard lock(instance.mutex);
                body(instance.storage);
                return HPO_OK;
            } catch (const StorageError &error) {
                plugin_kit::report_error(&instance.host, error.what());
                return error.status();
            }
        });
    }

    static void require(bool given, const char *what) {
        if (!given) throw std::invalid_argument(std::string(what) + " must not be NULL");
    }

    static char *host_string(void *self, const std::string &text) {
        return plugin_kit::host_string(static_cast<Instance *>(self)->host, text);
    }

    static int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
        return plugin_kit::guarded(host, [&]() -> int32_t {
            require(options_json != nullptr && out_self != nullptr, "create: options_json, out_self");
            const StorageOptions options = parse_storage_options(Storage::scheme, options_json);
            const hpo_host copy = plugin_kit::copy_host(*host);
            try {
                *out_self = new Instance{copy, Storage(options, copy), {}};
            } catch (const StorageError &error) {
                plugin_kit::report_error(host, error.what());
                return error.status();
            }
            return HPO_OK;
        });
    }

    static void destroy(void *self) { delete static_cast<Instance *>(self); }

    static int32_t create_study(void *self, const char *study_json, int32_t load_if_exists,
                                int64_t *out_study_id) {
        return call(self, [&](Storage &storage) {
            require(study_json != nullptr && out_study_id != nullptr,
                    "create_study: study_json, out_study_id");
            *out_study_id = storage.create_study(parse_study(study_json), load_if_exists != 0);
        });
    }

    static int32_t load_study(void *self, const char *name, int64_t *out_study_id,
                              char **out_study_json) {
        return call(self, [&](Storage &storage) {
            require(name != nullptr && out_study_id != nullptr, "load_study: name, out_study_id");
            const LoadedStudy loaded = storage.load_study(name);
            if (out_study_json != nullptr) *out_study_json = host_string(self, loaded.study.dump());
            *out_study_id = loaded.id;
        });
    }

    static int32_t list_studies(void *self, char **out_json) {
        return call(self, [&](Storage &storage) {
            require(out_json != nullptr, "list_studies: out_json");
            *out_json = host_string(self, storage.list_studies().dump());
        });
    }

    static int32_t delete_study(void *self, const char *name) {
        return call(self, [&](Storage &storage) {
            require(name != nullptr, "delete_study: name");
            storage.delete_study(name);
        });
    }

    static int32_t update_study(void *self, int64_t study_id, const char *study_json) {
        return call(self, [&](Storage &storage) {
            require(study_json != nullptr, "update_study: study_json");
            storage.update_study(study_id, parse_object(study_json, "study"));
        });
    }

    static int32_t create_trial(void *self, int64_t study_id, const char *trial_json,
                                int64_t *out_trial_id, int64_t *out_number) {
        return call(self, [&](Storage &storage) {
            require(trial_json != nullptr && out_trial_id != nullptr,
                    "create_trial: trial_json, out_trial_id");
            const json trial = parse_object(trial_json, "trial");
            check_new_trial(trial);
            const CreatedTrial created = storage.create_trial(study_id, trial);
            *out_trial_id = created.id;
            if (out_number != nullptr) *out_number = created.number;
        });
    }

    static int32_t claim_waiting_trial(void *self, int64_t study_id, const char *worker,
                                       int64_t *out_trial_id) {
        return call(self, [&](Storage &storage) {
            require(out_trial_id != nullptr, "claim_waiting_trial: out_trial_id");
            *out_trial_id = storage.claim_waiting_trial(
                study_id, worker != nullptr ? json(worker) : json(nullptr));
        });
    }

    static int32_t update_trial(void *self, int64_t study_id, int64_t trial_id,
                                const char *patch_json) {
        return call(self, [&](Storage &storage) {
            require(patch_json != nullptr, "update_trial: patch_json");
            const json patch = parse_object(patch_json, "trial patch");
            check_trial_patch(patch);
            storage.update_trial(study_id, trial_id, patch);
        });
    }

    static int32_t read_trials(void *self, int64_t study_id, int64_t since_revision,
                               char **out_trials_json, int64_t *out_revision) {
        return call(self, [&](Storage &storage) {
            require(out_trials_json != nullptr && out_revision != nullptr,
                    "read_trials: out_trials_json, out_revision");
            const TrialsSince since = storage.read_trials(study_id, since_revision);
            *out_trials_json = host_string(self, since.trials_json);
            *out_revision = since.revision;
        });
    }

    static int32_t fail_stale_trials(void *self, int64_t study_id, double grace_seconds,
                                     char **out_trial_ids_json) {
        return call(self, [&](Storage &storage) {
            const json failed = storage.fail_stale_trials(study_id, grace_seconds);
            if (out_trial_ids_json != nullptr) *out_trial_ids_json = host_string(self, failed.dump());
        });
    }
};

template <class Storage>
constexpr hpo_storage_ops storage_ops() {
    using Adapter = StorageAdapter<Storage>;
    hpo_storage_ops ops{};
    ops.struct_size = sizeof(hpo_storage_ops);
    ops.create = &Adapter::create;
    ops.destroy = &Adapter::destroy;
    ops.create_study = &Adapter::create_study;
    ops.load_study = &Adapter::load_study;
    ops.list_studies = &Adapter::list_studies;
    ops.delete_study = &Adapter::delete_study;
    ops.update_study = &Adapter::update_study;
    ops.create_trial = &Adapter::create_trial;
    ops.claim_waiting_trial = &Adapter::claim_waiting_trial;
    ops.update_trial = &Adapter::update_trial;
    ops.read_trials = &Adapter::read_trials;
    ops.fail_stale_trials = &Adapter::fail_stale_trials;
    return ops;
}

// The one-entry table a storage library answers hpo_plugin_query with.
template <class Storage>
struct StorageLibrary {
    static constexpr hpo_storage_ops ops = storage_ops<Storage>();
    static constexpr hpo_plugin_info info{sizeof(hpo_plugin_info), HPO_PLUGIN_STORAGE,
                                          Storage::scheme,         Storage::summary,
                                          HPO_PLUGIN_THREAD_SAFE,  storage_options_schema,
                                          &ops};
    static constexpr hpo_plugin_table table{sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, &info};
};

} // namespace hpo::storage
