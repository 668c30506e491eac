// A storage written against the ABI 1.0 headers, as one shipped before 1.1 was: studies and
// trials kept in this process's memory (shared by every instance, so several studies of one
// test share them as workers share a file), with 1.0's rules. It takes its options as 1.0
// was given them (the URL without its query, each name=value of the query beside it), says a
// taken name with HPO_ESTATE, has neither record_heartbeat nor read_changes, and replaces a
// study record's keys whole. The engine's test checks that a 1.1 engine speaks 1.0 to it.
#include <hpo/plugin.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace {

using json = nlohmann::json;

struct StoredStudy {
    json record;
    std::map<int64_t, json> trials;  // by id, each with its "revision"
};

struct Memory {
    std::mutex mutex;
    std::map<int64_t, StoredStudy> studies;
    int64_t next_study = 1, next_trial = 1, revision = 0;
};

Memory &memory() {
    static Memory shared;
    return shared;
}

struct OldStorage {
    const hpo_host *host;
};

char *host_text(const hpo_host *host, const std::string &text) {
    auto *copy = static_cast<char *>(host->alloc(host->engine, text.size() + 1));
    std::memcpy(copy, text.c_str(), text.size() + 1);
    return copy;
}

int32_t fail_with(const hpo_host *host, int32_t status, const std::string &message) {
    host->set_error(host->engine, message.c_str());
    return status;
}

// Runs body under the shared lock; a JSON error is bad input.
template <class Body>
int32_t locked(void *self, Body &&body) {
    const hpo_host *host = static_cast<OldStorage *>(self)->host;
    std::lock_guard lock(memory().mutex);
    try {
        return body(host);
    } catch (const std::exception &error) {
        return fail_with(host, HPO_EINVAL, error.what());
    }
}

int32_t create(const char *options_json, const hpo_host *host, void **out_self) {
    const json options = json::parse(options_json);
    const std::string url = options.at("url");
    // 1.0 storages were given the URL without its query, and the query's options beside it.
    if (url.find('?') != std::string::npos) return fail_with(host, HPO_EINVAL, "old_storage: a query in the url");
    for (const auto &[name, value] : options.items()) {
        if (name != "url" && name != "tag") return fail_with(host, HPO_EINVAL, "old_storage: unknown option " + name);
    }
    *out_self = new OldStorage{host};
    return HPO_OK;
}

void destroy(void *self) { delete static_cast<OldStorage *>(self); }

StoredStudy *find(const std::string &name) {
    for (auto &[id, study] : memory().studies) {
        if (study.record["name"] == name) return &study;
    }
    return nullptr;
}

int32_t create_study(void *self, const char *study_json, int32_t load_if_exists, int64_t *out_id) {
    return locked(self, [&](const hpo_host *host) {
        json record = json::parse(study_json);
        if (StoredStudy *existing = find(record.at("name"))) {
            if (!load_if_exists) return fail_with(host, HPO_ESTATE, "old_storage: the name is taken");
            *out_id = existing->record["id"];
            return int32_t{HPO_OK};
        }
        *out_id = memory().next_study++;
        record["id"] = *out_id;
        memory().studies[*out_id].record = record;
        return int32_t{HPO_OK};
    });
}

int32_t load_study(void *self, const char *name, int64_t *out_id, char **out_json) {
    return locked(self, [&](const hpo_host *host) {
        const StoredStudy *study = find(name);
        if (study == nullptr) return fail_with(host, HPO_ENOTFOUND, std::string("old_storage: no study ") + name);
        *out_id = study->record["id"];
        if (out_json != nullptr) *out_json = host_text(host, study->record.dump());
        return int32_t{HPO_OK};
    });
}

int32_t list_studies(void *self, char **out_json) {
    return locked(self, [&](const hpo_host *host) {
        json list = json::array();
        for (const auto &[id, study] : memory().studies) list.push_back(study.record);
        *out_json = host_text(host, list.dump());
        return int32_t{HPO_OK};
    });
}

int32_t delete_study(void *self, const char *name) {
    return locked(self, [&](const hpo_host *host) {
        const StoredStudy *study = find(name);
        if (study == nullptr) return fail_with(host, HPO_ENOTFOUND, "old_storage: no such study");
        memory().studies.erase(study->record["id"].get<int64_t>());
        return int32_t{HPO_OK};
    });
}

int32_t update_study(void *self, int64_t study_id, const char *study_json) {
    return locked(self, [&](const hpo_host *) {
        // 1.0: every key given replaces the stored one, system_attrs included.
        const json update = json::parse(study_json);
        for (const auto &[key, value] : update.items()) {
            if (key != "id") memory().studies.at(study_id).record[key] = value;
        }
        return int32_t{HPO_OK};
    });
}

int32_t create_trial(void *self, int64_t study_id, const char *trial_json, int64_t *out_id, int64_t *out_number) {
    return locked(self, [&](const hpo_host *host) {
        json trial = json::parse(trial_json);
        if (trial.contains("constraints")) return fail_with(host, HPO_EINVAL, "old_storage: 1.0 knows no constraints");
        StoredStudy &study = memory().studies.at(study_id);
        *out_id = memory().next_trial++;
        trial["id"] = *out_id;
        trial["number"] = static_cast<int64_t>(study.trials.size());
        if (!trial.contains("state")) trial["state"] = "RUNNING";
        trial["revision"] = ++memory().revision;
        if (out_number != nullptr) *out_number = trial["number"];
        study.trials[*out_id] = trial;
        return int32_t{HPO_OK};
    });
}

int32_t claim_waiting_trial(void *self, int64_t study_id, const char *worker, int64_t *out_id) {
    return locked(self, [&](const hpo_host *) {
        *out_id = -1;
        for (auto &[id, trial] : memory().studies.at(study_id).trials) {
            if (trial["state"] != "WAITING") continue;
            trial["state"] = "RUNNING";
            trial["worker"] = worker != nullptr ? json(worker) : json(nullptr);
            trial["revision"] = ++memory().revision;
            *out_id = id;
            break;
        }
        return int32_t{HPO_OK};
    });
}

int32_t update_trial(void *self, int64_t study_id, int64_t trial_id, const char *patch_json) {
    return locked(self, [&](const hpo_host *host) {
        json &trial = memory().studies.at(study_id).trials.at(trial_id);
        const json patch = json::parse(patch_json);
        const bool finished = trial["state"] == "COMPLETE" || trial["state"] == "PRUNED" || trial["state"] == "FAIL";
        if (finished && patch.contains("state")) return fail_with(host, HPO_ESTATE, "old_storage: trial finished");
        for (const auto &[key, value] : patch.items()) {
            if (key == "constraints") return fail_with(host, HPO_EINVAL, "old_storage: 1.0 knows no constraints");
            const bool merges = key == "params" || key == "user_attrs" || key == "system_attrs" ||
                                key == "intermediate_values";
            if (merges && trial.contains(key) && trial[key].is_object()) {
                trial[key].update(value);
            } else {
                trial[key] = value;
            }
        }
        trial["revision"] = ++memory().revision;
        return int32_t{HPO_OK};
    });
}

int32_t read_trials(void *self, int64_t study_id, int64_t since, char **out_json, int64_t *out_revision) {
    return locked(self, [&](const hpo_host *host) {
        std::map<int64_t, json> by_number;
        for (const auto &[id, trial] : memory().studies.at(study_id).trials) {
            if (trial["revision"].get<int64_t>() > since) by_number[trial["number"].get<int64_t>()] = trial;
        }
        json list = json::array();
        for (auto &[number, trial] : by_number) list.push_back(trial);
        *out_json = host_text(host, list.dump());
        *out_revision = memory().revision;
        return int32_t{HPO_OK};
    });
}

const hpo_storage_ops ops = {sizeof(hpo_storage_ops), create,        destroy,       create_study,
                             load_study,              list_studies,  delete_study,  update_study,
                             create_trial,            claim_waiting_trial, update_trial, read_trials,
                             nullptr};

const hpo_plugin_info plugins[] = {
    {sizeof(hpo_plugin_info), HPO_PLUGIN_STORAGE, "old", "a storage of ABI 1.0, in memory", HPO_PLUGIN_THREAD_SAFE,
     R"({"url": {"type": "string"}, "tag": {"type": "string"}})", &ops},
};

const hpo_plugin_table table = {sizeof(hpo_plugin_table), HPO_ABI_VERSION, 1, plugins};

}  // namespace

HPO_PLUGIN_ENTRY const hpo_plugin_table *hpo_plugin_query(uint32_t offered_abi_version) {
    return HPO_ABI_MAJOR_OF(offered_abi_version) == HPO_ABI_VERSION_MAJOR ? &table : nullptr;
}
