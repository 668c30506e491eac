// What readers ask of a study: its description, its trials, its best trial and its Pareto
// front. Each first catches up with what other workers wrote to a shared storage.
#include "study.hpp"

#include <algorithm>
#include <limits>

namespace hpo {
namespace {

// How far a trial is from feasible: the sum of its positive constraint values (Deb's
// constraint violation), 0 for a feasible trial and for one without constraints.
double violation(const TrialRecord &trial) {
    double total = 0;
    for (const double c : trial.constraints) total += std::max(c, 0.0);
    return total;
}

// True when a's values are at least as good as b's everywhere and better somewhere.
bool dominates(const std::vector<double> &a, const std::vector<double> &b, const std::vector<int32_t> &directions) {
    bool better = false;
    for (std::size_t k = 0; k < directions.size(); ++k) {
        const double sign = directions[k] == HPO_MAXIMIZE ? -1.0 : 1.0;
        if (sign * a[k] > sign * b[k]) return false;
        if (sign * a[k] < sign * b[k]) better = true;
    }
    return better;
}

// Deb's constrained domination: a feasible trial dominates an infeasible one, of two
// infeasible ones the less violating dominates, and two feasible ones compare by value.
bool constrained_dominates(const TrialRecord &a, const TrialRecord &b, const std::vector<int32_t> &directions) {
    const double va = violation(a), vb = violation(b);
    if (va != vb) return va < vb;
    return va == 0 && dominates(a.values, b.values, directions);
}

}  // namespace

std::size_t Study::n_trials() {
    std::lock_guard lock(mutex_);
    sync_locked();
    return table_.size();
}

json Study::info_json() {
    std::lock_guard lock(mutex_);
    sync_locked();
    json out = json::object();
    out["name"] = config_.name;
    json directions = json::array();
    for (const int32_t d : config_.directions) directions.push_back(d == HPO_MAXIMIZE ? "maximize" : "minimize");
    out["directions"] = std::move(directions);
    out["space"] = space_->to_json();
    out["sampler"] = {{"name", config_.sampler}, {"options", config_.sampler_options}};
    out["scheduler"] = config_.scheduler.empty()
                           ? json(nullptr)
                           : json{{"name", config_.scheduler}, {"options", config_.scheduler_options}};
    out["storage"] = config_.storage;
    if (!objective_.is_null()) out["objective"] = objective_;
    if (config_.heartbeat_interval > 0) {
        out["heartbeat"] = {{"interval", config_.heartbeat_interval}, {"grace", config_.grace_period},
                            {"retry", config_.retry_failed}};
    }
    out["seed"] = config_.seed;
    out["system_attrs"] = study_attrs_;
    out["n_trials"] = table_.size();
    if (config_.max_trials > 0) out["max_trials"] = config_.max_trials;
    return out;
}

json Study::trials_json() {
    std::lock_guard lock(mutex_);
    sync_locked();
    json out = json::array();
    for (const auto &trial : table_.all()) out.push_back(trial.to_json(*space_));
    return out;
}

int64_t Study::trial_id(int64_t number) {
    std::lock_guard lock(mutex_);
    return trial_at(number).id;
}

json Study::trial_json(int64_t number) {
    std::lock_guard lock(mutex_);
    sync_locked();
    return trial_at(number).to_json(*space_);
}

json Study::best_trial_json() {
    if (n_objectives() != 1) {
        fail(HPO_EINVAL, "best trial: study \"" + name() + "\" has " + std::to_string(n_objectives()) +
                             " objectives; ask for its best trials (the Pareto front)");
    }
    std::lock_guard lock(mutex_);
    sync_locked();
    const double sign = config_.directions[0] == HPO_MAXIMIZE ? -1.0 : 1.0;
    const TrialRecord *best = nullptr;
    double best_violation = std::numeric_limits<double>::infinity();
    for (const auto &trial : table_.all()) {
        if (trial.state != HPO_TRIAL_COMPLETE) continue;
        const double v = violation(trial);
        if (best == nullptr || v < best_violation || (v == best_violation && sign * trial.values[0] < sign * best->values[0])) {
            best = &trial;
            best_violation = v;
        }
    }
    if (best == nullptr) fail(HPO_ENOTFOUND, "best trial: no trial of study \"" + name() + "\" has completed");
    return best->to_json(*space_);
}

json Study::best_trials_json() {
    std::lock_guard lock(mutex_);
    sync_locked();
    std::vector<const TrialRecord *> complete;
    for (const auto &trial : table_.all()) {
        if (trial.state == HPO_TRIAL_COMPLETE) complete.push_back(&trial);
    }
    json out = json::array();
    for (const TrialRecord *candidate : complete) {
        const bool dominated = std::any_of(complete.begin(), complete.end(), [&](const TrialRecord *other) {
            return constrained_dominates(*other, *candidate, config_.directions);
        });
        if (!dominated) out.push_back(candidate->to_json(*space_));
    }
    return out;
}

}  // namespace hpo
