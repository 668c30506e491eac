// The study record a store keeps (name, directions, space, plugins, objective), adopting what
// a stored study says, and keeping the trial table in step with the store: reading other
// workers' changes back, writing this process's through.
#include "study.hpp"

#include <hpo_kit/shown_url.hpp>

#include <algorithm>

namespace hpo {
namespace {

json direction_names(const std::vector<int32_t> &directions) {
    json names = json::array();
    for (const int32_t d : directions) names.push_back(d == HPO_MAXIMIZE ? "maximize" : "minimize");
    return names;
}

// A stored study's directions, which its writer checked: anything else is a damaged record,
// and guessing (an unknown name read as "minimize", no objective at all) would turn the
// study's values around or leave it nothing to compare.
std::vector<int32_t> stored_directions(const json &names, const std::string &where) {
    const bool readable = names.is_array() && !names.empty() && std::all_of(names.begin(), names.end(), [](const json &name) {
        return name == "minimize" || name == "maximize";
    });
    if (!readable) {
        fail(HPO_EIO, where + " has directions " + names.dump() +
                          ": a damaged record (a stored study has one \"minimize\" or \"maximize\" per objective)");
    }
    std::vector<int32_t> directions;
    for (const auto &name : names) directions.push_back(name == "maximize" ? HPO_MAXIMIZE : HPO_MINIMIZE);
    return directions;
}

}  // namespace

json Study::study_record_locked() const {
    json declared = json::array();
    for (std::size_t i = 0; i < space_->size(); ++i) {
        if (declared_[i]) declared.push_back((*space_)[i].name);
    }
    // No "system_attrs": those are merged key by key on their own, never rewritten whole.
    json record = {{"name", config_.name},   {"directions", direction_names(config_.directions)},
                   {"space", space_->to_json()}, {"declared", std::move(declared)},
                   {"seed", config_.seed},       {"sampler", {{"name", config_.sampler}, {"options", config_.sampler_options}}}};
    if (!config_.scheduler.empty()) {
        record["scheduler"] = {{"name", config_.scheduler}, {"options", config_.scheduler_options}};
    }
    if (!objective_.is_null()) record["objective"] = objective_;
    if (config_.max_trials > 0) record["max_trials"] = config_.max_trials;
    return record;
}

void Study::adopt_stored_identity(const json &stored) {
    if (stored.contains("directions")) {
        const auto directions = stored_directions(
            stored["directions"], "study \"" + config_.name + "\" in " + plugin_kit::shown_url(config_.storage));
        if (!config_.directions_given) config_.directions = directions;
    }
    if (stored.contains("directions") && stored["directions"] != direction_names(config_.directions)) {
        fail(HPO_EINVAL, "study \"" + config_.name + "\" in " + plugin_kit::shown_url(config_.storage) + " has directions " +
                             stored["directions"].dump() + ", not " + direction_names(config_.directions).dump());
    }
    adopt_stored_budget(stored);
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
    adopt_stored_contents(stored);
}

void Study::adopt_stored_budget(const json &stored) {
    // The budget is the study's, fixed when it is created: a worker naming another would
    // have each worker stop at a different count, so it is refused rather than obeyed.
    const json budget = stored.value("max_trials", json(nullptr));
    const int64_t stored_budget = budget.is_number_integer() ? budget.get<int64_t>() : 0;
    if (!config_.max_trials_given) {
        config_.max_trials = stored_budget;
    } else if (config_.max_trials != stored_budget) {
        fail(HPO_EINVAL, "study \"" + config_.name + "\" in " + plugin_kit::shown_url(config_.storage) + " has " +
                             (stored_budget > 0 ? "a budget of " + std::to_string(stored_budget) + " trials" : "no trial budget") +
                             ", not max_trials " + std::to_string(config_.max_trials) +
                             " (a study's budget is fixed when it is created)");
    }
}

void Study::adopt_stored_contents(const json &stored) {
    if (objective_.is_null() && stored.contains("objective")) objective_ = stored["objective"];
    if (stored.contains("system_attrs") && stored["system_attrs"].is_object()) {
        adopt_study_attrs_locked(stored["system_attrs"]);
    }
    if (!stored.contains("space")) return;
    const Space stored_space = Space::from_json(stored["space"]);
    const json declared = stored.value("declared", json::array());
    for (std::size_t i = 0; i < stored_space.size(); ++i) {
        const int given = space_->index_of(stored_space[i].name);
        if (given >= 0 && !(*space_)[static_cast<std::size_t>(given)].same_distribution(stored_space[i])) {
            fail(HPO_EINVAL, "study \"" + config_.name + "\" in " + plugin_kit::shown_url(config_.storage) + " defines parameter \"" +
                                 stored_space[i].name + "\" as " + stored_space[i].to_json().dump() +
                                 "; the space given now has " + (*space_)[static_cast<std::size_t>(given)].to_json().dump());
        }
        add_param_locked(stored_space[i]);
        const bool is_declared = std::find(declared.begin(), declared.end(), stored_space[i].name) != declared.end();
        if (is_declared) declared_[static_cast<std::size_t>(space_->index_of(stored_space[i].name))] = true;
    }
}

void Study::sync_locked(bool judge_stale) {
    // Looking for stale trials takes the storage's write lock: once per heartbeat interval
    // is as often as a verdict can change.
    const auto now = std::chrono::steady_clock::now();
    std::vector<int64_t> lost;
    if (judge_stale && config_.grace_period > 0 &&
        now - last_stale_check_ >= std::chrono::duration<double>(config_.heartbeat_interval)) {
        last_stale_check_ = now;
        lost = store_->fail_stale(config_.grace_period);
    }
    StoredChanges changes = store_->read_changes();
    if (changes.study) adopt_stored_contents(*changes.study);
    merge_locked(changes.trials);
    if (!lost.empty()) take_lost_trials_locked(lost);
}

void Study::merge_locked(const json &records) {
    for (const auto &record : records) {
        std::vector<std::string> unknown;
        TrialRecord trial = TrialRecord::from_storage_json(record, *space_, unknown);
        if (!unknown.empty()) {
            // Another worker's define-by-run space grew: take the stored space, then read again.
            if (const auto stored = store_->reload_study()) adopt_stored_contents(*stored);
            unknown.clear();
            trial = TrialRecord::from_storage_json(record, *space_, unknown);
        }
        // A record read back may predate values this process chose and has not written yet.
        if (store_->has_deferred_params(trial.number) && table_.contains(trial.number)) {
            const TrialRecord &kept = table_.at(trial.number);
            for (std::size_t i = 0; i < trial.params.size() && i < kept.params.size(); ++i) {
                if (std::isnan(trial.params[i])) trial.params[i] = kept.params[i];
            }
        }
        fail_damaged_complete_locked(trial);
        table_.put(std::move(trial), "no record of this trial could be read from " + plugin_kit::shown_url(config_.storage));
    }
}

void Study::fail_damaged_complete_locked(TrialRecord &trial) const {
    // tell takes exactly one value per objective, and samplers, pruners and the best trial
    // read that many: a stored COMPLETE trial with another count (a damaged record, a foreign
    // writer) would send them past its values. It counts as failed, which nothing reads.
    const std::size_t n_objectives = config_.directions.size();
    if (trial.state != HPO_TRIAL_COMPLETE || trial.values.size() == n_objectives) return;
    trial.state = HPO_TRIAL_FAIL;
    trial.message = "stored as COMPLETE with " + std::to_string(trial.values.size()) + " values in " +
                    plugin_kit::shown_url(config_.storage) + ", but the study has " + std::to_string(n_objectives) +
                    (n_objectives == 1 ? " objective" : " objectives") + ": read as failed";
    trial.values.clear();
}

void Study::persist_locked(const TrialRecord &trial, std::initializer_list<const char *> fields) {
    if (!store_->shared()) return;  // the table is the record: no need to build a patch
    const json record = trial.to_storage_json(*space_);
    json patch = json::object();
    for (const char *field : fields) patch[field] = record.contains(field) ? record[field] : json(nullptr);
    persist_patch_locked(trial, std::move(patch));
}

void Study::persist_patch_locked(const TrialRecord &trial, json patch) {
    store_->write(trial, std::move(patch), *space_);
}

}  // namespace hpo
