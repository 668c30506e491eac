#include "trial_table.hpp"

#include <limits>

namespace hpo {

int64_t TrialTable::append(TrialRecord trial) {
    trial.number = trial.id = static_cast<int64_t>(trials_.size());
    index(trial.number, std::nullopt, trial.state);
    number_of_id_[trial.id] = trial.number;
    trials_.push_back(std::move(trial));
    changed(trials_.back());
    return trials_.back().number;
}

void TrialTable::pop_last() {
    const TrialRecord &last = trials_.back();
    index(last.number, last.state, std::nullopt);
    number_of_id_.erase(last.id);
    trials_.pop_back();
}

TrialRecord &TrialTable::put(TrialRecord trial, const std::string &lost_message) {
    const auto number = static_cast<std::size_t>(trial.number);
    while (trials_.size() <= number) {
        TrialRecord lost;
        lost.state = HPO_TRIAL_FAIL;
        lost.number = static_cast<int64_t>(trials_.size());
        lost.id = -1;
        lost.message = lost_message;
        trials_.push_back(std::move(lost));
    }
    TrialRecord &kept = trials_[number];
    index(trial.number, kept.state, trial.state);
    number_of_id_[trial.id] = trial.number;
    kept = std::move(trial);
    changed(kept);
    return kept;
}

void TrialTable::set_state(TrialRecord &trial, hpo_trial_state state) {
    index(trial.number, trial.state, state);
    trial.state = state;
    changed(trial);
}

void TrialTable::widen(std::size_t n_params) {
    for (TrialRecord &trial : trials_) trial.params.resize(n_params, std::numeric_limits<double>::quiet_NaN());
    views_.changed_all();
}

std::optional<int64_t> TrialTable::number_of_id(int64_t id) const {
    const auto found = number_of_id_.find(id);
    if (found == number_of_id_.end()) return std::nullopt;
    return found->second;
}

void TrialTable::index(int64_t number, std::optional<hpo_trial_state> before, std::optional<hpo_trial_state> after) {
    if (before == after) return;
    if (before == HPO_TRIAL_WAITING) waiting_.erase(number);
    if (before == HPO_TRIAL_RUNNING) running_.erase(number);
    if (after == HPO_TRIAL_WAITING) waiting_.insert(number);
    if (after == HPO_TRIAL_RUNNING) running_.insert(number);
}

}  // namespace hpo
