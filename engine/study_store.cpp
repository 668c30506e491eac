#include "study_store.hpp"

namespace hpo {

std::string budget_spent_message(const std::string &study, int64_t max_trials) {
    return "study \"" + study + "\" holds its budget of " + std::to_string(max_trials) + " trials (max_trials)";
}

std::optional<json> MemoryStore::open_study(const json &record, bool, bool load_only) {
    name_ = record["name"].get<std::string>();
    max_trials_ = record.value("max_trials", int64_t{0});
    if (load_only) {
        fail(HPO_ENOTFOUND, "study \"" + record["name"].get<std::string>() +
                                "\" cannot be loaded from memory:, which keeps nothing between studies");
    }
    return std::nullopt;
}

int64_t MemoryStore::create_trial(const TrialRecord &trial, const Space &) {
    // The study's lock is held: the count cannot change between the check and the append.
    if (max_trials_ > 0 && static_cast<int64_t>(table_.size()) >= max_trials_) {
        fail(HPO_ECANCELLED, budget_spent_message(name_, max_trials_));
    }
    return table_.append(trial);
}

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
