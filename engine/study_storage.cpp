// How a study keeps its records: in memory alone, or written through to a TrialStore and
// read back from it by revision, with heartbeats for the trials this process runs.
#include "study.hpp"

#include <unistd.h>

#include <cmath>
#include <limits>
#include <random>

namespace hpo {
namespace {

double epoch_seconds() {
    return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

json direction_names(const std::vector<int32_t> &directions) {
    json names = json::array();
    for (const int32_t d : directions) names.push_back(d == HPO_MAXIMIZE ? "maximize" : "minimize");
    return names;
}

}  // namespace

std::string worker_name() {
    char host[256] = "host";
    gethostname(host, sizeof host - 1);
    std::random_device device;
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(device() % 100000);
}

json Study::study_record_locked() const {
    json declared = json::array();
    for (std::size_t i = 0; i < space_->size(); ++i) {
        if (declared_[i]) declared.push_back((*space_)[i].name);
    }
    json record = {{"name", config_.name},   {"directions", direction_names(config_.directions)},
                   {"space", space_->to_json()}, {"declared", std::move(declared)},
                   {"seed", config_.seed},       {"sampler", {{"name", config_.sampler}, {"options", config_.sampler_options}}}};
    if (!config_.scheduler.empty()) {
        record["scheduler"] = {{"name", config_.scheduler}, {"options", config_.scheduler_options}};
    }
    if (!objective_.is_null()) record["objective"] = objective_;
    return record;
}

void Study::adopt_stored_study(const json &stored) {
    if (!config_.directions_given && stored.contains("directions")) {
        config_.directions.clear();
        for (const auto &name : stored["directions"]) config_.directions.push_back(name == "maximize" ? HPO_MAXIMIZE : HPO_MINIMIZE);
    }
    if (stored.contains("directions") && stored["directions"] != direction_names(config_.directions)) {
        fail(HPO_EINVAL, "study \"" + config_.name + "\" in " + config_.storage + " has directions " +
                             stored["directions"].dump() + ", not " + direction_names(config_.directions).dump());
    }
    if (!config_.seed_given && stored.contains("seed")) config_.seed = stored["seed"].get<uint64_t>();
    // A study reopened without naming its sampler goes on with the one it was made with.
    if (!config_.sampler_given && stored.contains("sampler")) {
        config_.sampler = stored["sampler"].at("name").get<std::string>();
        config_.sampler_options = stored["sampler"].value("options", json::object());
    }
    if (!config_.scheduler_given && stored.contains("scheduler")) {
        config_.scheduler = stored["scheduler"].at("name").get<std::string>();
        config_.scheduler_options = stored["scheduler"].value("options", json::object());
    }
    if (objective_.is_null() && stored.contains("objective")) objective_ = stored["objective"];
    if (!stored.contains("space")) return;
    const Space stored_space = Space::from_json(stored["space"]);
    const json declared = stored.value("declared", json::array());
    for (std::size_t i = 0; i < stored_space.size(); ++i) {
        const int given = space_->index_of(stored_space[i].name);
        if (given >= 0 && !(*space_)[static_cast<std::size_t>(given)].same_distribution(stored_space[i])) {
            fail(HPO_EINVAL, "study \"" + config_.name + "\" in " + config_.storage + " defines parameter \"" +
                                 stored_space[i].name + "\" as " + stored_space[i].to_json().dump() +
                                 "; the space given now has " + (*space_)[static_cast<std::size_t>(given)].to_json().dump());
        }
        add_param_locked(stored_space[i]);
        const bool is_declared = std::find(declared.begin(), declared.end(), stored_space[i].name) != declared.end();
        if (is_declared) declared_[static_cast<std::size_t>(space_->index_of(stored_space[i].name))] = true;
    }
}

void Study::sync_locked(bool judge_stale) {
    if (!store_) return;
    // Looking for stale trials takes the storage's write lock: once per heartbeat interval
    // is as often as a verdict can change.
    const auto now = std::chrono::steady_clock::now();
    if (judge_stale && config_.grace_period > 0 && now - last_stale_check_ >= std::chrono::duration<double>(config_.heartbeat_interval)) {
        last_stale_check_ = now;
        const auto failed = store_->fail_stale(config_.grace_period);
        merge_locked(store_->read_changes());
        for (const int64_t id : failed) {
            const auto found = number_of_id_.find(id);
            if (found == number_of_id_.end()) continue;
            // Its objective may still run here (a stalled worker): it must not record anything.
            stopped_.insert(found->second);
            if (!config_.retry_failed) continue;
            const TrialRecord &lost = trials_[static_cast<std::size_t>(found->second)];
            TrialRecord retry;
            retry.state = HPO_TRIAL_WAITING;
            retry.params = lost.params;
            retry.fixed_params = lost.fixed_params;
            retry.set_system_attrs({{"retry_of", lost.number}});
            create_locked(std::move(retry));
        }
        return;
    }
    merge_locked(store_->read_changes());
}

void Study::merge_locked(const json &records) {
    for (const auto &record : records) {
        std::vector<std::string> unknown;
        TrialRecord trial = TrialRecord::from_storage_json(record, *space_, unknown);
        if (!unknown.empty()) {
            // Another worker's define-by-run space grew: take the stored space, then read again.
            adopt_stored_study(store_->load_study(config_.name));
            unknown.clear();
            trial = TrialRecord::from_storage_json(record, *space_, unknown);
        }
        const auto number = static_cast<std::size_t>(trial.number);
        // A number the storage skipped (a damaged record lost its trial) stays a FAIL
        // that says so: trials are kept by number, and no sampler may take it as pending.
        while (trials_.size() <= number) {
            TrialRecord lost;
            lost.state = HPO_TRIAL_FAIL;
            lost.number = static_cast<int64_t>(trials_.size());
            lost.id = -1;
            lost.message = "no record of this trial could be read from " + config_.storage;
            trials_.push_back(std::move(lost));
        }
        TrialRecord &kept = trials_[number];
        // A record read back may predate values this process chose and has not written yet.
        if (unsaved_params_.count(kept.number) != 0) {
            for (std::size_t i = 0; i < trial.params.size() && i < kept.params.size(); ++i) {
                if (std::isnan(trial.params[i])) trial.params[i] = kept.params[i];
            }
        }
        index_state_locked(kept.number, kept.state, trial.state);
        number_of_id_[trial.id] = trial.number;
        kept = std::move(trial);
        changed_locked(kept);
    }
}

void Study::persist_locked(const TrialRecord &trial, std::initializer_list<const char *> fields) {
    if (!store_) return;
    const json record = trial.to_storage_json(*space_);
    json patch = json::object();
    for (const char *field : fields) patch[field] = record[field];
    persist_patch_locked(trial, patch);
}

void Study::persist_patch_locked(const TrialRecord &trial, json patch) {
    if (!store_) return;
    // Define-by-run values ride on the trial's next write rather than costing one each.
    if (unsaved_params_.erase(trial.number) != 0 && !patch.contains("params")) {
        patch["params"] = trial.to_storage_json(*space_)["params"];
    }
    store_->update_trial(trial.id, patch);
}

int64_t Study::create_locked(TrialRecord trial) {
    if (trial.state == HPO_TRIAL_RUNNING) trial.started = Clock::now();
    if (!store_) {
        trial.number = trial.id = static_cast<int64_t>(trials_.size());
        index_state_locked(trial.number, std::nullopt, trial.state);
        trials_.push_back(std::move(trial));
        changed_locked(trials_.back());
        return trials_.back().number;
    }
    if (trial.state == HPO_TRIAL_RUNNING) {
        trial.worker = worker_;
        trial.heartbeat = epoch_seconds();
    }
    const auto [id, number] = store_->create_trial(trial.to_storage_json(*space_));
    merge_locked(store_->read_changes());
    if (static_cast<int64_t>(trials_.size()) <= number || trials_[static_cast<std::size_t>(number)].id != id) {
        fail(HPO_EIO, "storage \"" + config_.storage + "\" did not read back trial " + std::to_string(number));
    }
    return number;
}

std::optional<int64_t> Study::claim_waiting_locked() {
    if (waiting_.empty()) return std::nullopt;  // as of the last read: spares a write lock per ask
    if (store_) {
        const auto id = store_->claim_waiting(worker_);
        if (!id) return std::nullopt;
        merge_locked(store_->read_changes());
        const auto found = number_of_id_.find(*id);
        if (found != number_of_id_.end()) return found->second;
        fail(HPO_EIO, "storage \"" + config_.storage + "\" did not read back claimed trial id " + std::to_string(*id));
    }
    TrialRecord &trial = trials_[static_cast<std::size_t>(*waiting_.begin())];
    set_state_locked(trial, HPO_TRIAL_RUNNING);
    trial.started = Clock::now();
    return trial.number;
}

void Study::beat_heart() {
    const auto interval = std::chrono::duration<double>(config_.heartbeat_interval);
    std::unique_lock wait_lock(heartbeat_mutex_);
    while (!heartbeat_wake_.wait_for(wait_lock, interval, [this] { return closing_; })) {
        std::lock_guard lock(mutex_);
        const double now = epoch_seconds();
        for (const int64_t number : running_) {
            TrialRecord &trial = trials_[static_cast<std::size_t>(number)];
            if (trial.worker != worker_) continue;
            trial.heartbeat = now;
            try {
                persist_patch_locked(trial, {{"heartbeat", now}});
            } catch (const Error &) {
                // The trial was ended elsewhere; the next read brings its stored state.
            }
        }
    }
}

}  // namespace hpo
