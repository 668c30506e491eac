#include "study_store.hpp"

namespace hpo {

std::optional<json> MemoryStore::open_study(const json &record, bool, bool load_only) {
    if (load_only) {
        fail(HPO_ENOTFOUND, "study \"" + record["name"].get<std::string>() +
                                "\" cannot be loaded from memory:, which keeps nothing between studies");
    }
    return std::nullopt;
}

int64_t MemoryStore::create_trial(const TrialRecord &trial, const Space &) { return table_.append(trial); }

std::optional<int64_t> MemoryStore::claim_waiting(const std::string &) {
    if (table_.waiting().empty()) return std::nullopt;
    TrialRecord &trial = table_.at(*table_.waiting().begin());
    table_.set_state(trial, HPO_TRIAL_RUNNING);
    trial.started = Clock::now();
    return trial.id;
}

PersistentStore::PersistentStore(const Registry &registry, const std::string &url, uint64_t seed,
                                 std::chrono::duration<double> busy_timeout)
    : client_(registry, url, seed, busy_timeout) {}

std::optional<json> PersistentStore::open_study(const json &record, bool load_if_exists, bool load_only) {
    name_ = record["name"].get<std::string>();
    return load_only ? client_.load_study(name_) : client_.open_study(record, load_if_exists);
}

int64_t PersistentStore::create_trial(const TrialRecord &trial, const Space &space) {
    return client_.create_trial(trial.to_storage_json(space)).first;
}

void PersistentStore::write(const TrialRecord &trial, json patch, const Space &space) {
    if (deferred_params_.erase(trial.number) != 0 && !patch.contains("params")) {
        patch["params"] = trial.to_storage_json(space)["params"];
    }
    client_.update_trial(trial.id, patch);
}

void PersistentStore::record_heartbeat(const TrialRecord &trial, const Space &space) {
    // Deferred values are written at the latest with a heartbeat, so a long trial that reports
    // nothing still shows what it runs.
    if (deferred_params_.count(trial.number) != 0) write(trial, json::object(), space);
    client_.record_heartbeat(trial.id);
}

}  // namespace hpo
