#include "study_snapshot.hpp"

#include <limits>

namespace hpo {

StudySnapshot::StudySnapshot(std::shared_ptr<const Space> space, const std::vector<int32_t> &directions,
                             const std::vector<TrialRecord> &trials, uint64_t seed,
                             const TrialRecord *extra)
    : space_(std::move(space)), directions_(directions) {
    const std::size_t n_params = space_->size();
    const std::size_t n_trials = trials.size() + (extra ? 1 : 0);
    std::size_t n_values = 0, n_intermediate = 0;
    for (const auto &t : trials) {
        n_values += t.values.size();
        n_intermediate += t.steps.size();
    }
    if (extra) n_intermediate += extra->steps.size();
    params_.reserve(n_trials * n_params);
    values_.reserve(n_values);
    intermediate_.reserve(n_intermediate);
    steps_.reserve(n_intermediate);
    system_attrs_.reserve(n_trials);
    trials_.reserve(n_trials);
    for (const auto &t : trials) add(t, n_params);
    if (extra) add(*extra, n_params);

    view_.struct_size = sizeof(hpo_study_view);
    view_.n_params = static_cast<int32_t>(n_params);
    view_.params = space_->infos();
    view_.n_objectives = static_cast<int32_t>(directions_.size());
    view_.directions = directions_.data();
    view_.n_trials = static_cast<int64_t>(trials_.size());
    view_.trials = trials_.data();
    view_.seed = seed;
}

void StudySnapshot::add(const TrialRecord &trial, std::size_t n_params) {
    hpo_trial_view view{};
    view.struct_size = sizeof(hpo_trial_view);
    view.id = trial.id;
    view.number = trial.number;
    view.state = trial.state;

    const std::size_t params_at = params_.size();
    params_.insert(params_.end(), trial.params.begin(), trial.params.end());
    params_.resize(params_at + n_params, std::numeric_limits<double>::quiet_NaN());
    view.params = params_.data() + params_at;

    if (trial.state == HPO_TRIAL_COMPLETE && !trial.values.empty()) {
        view.values = values_.data() + values_.size();
        values_.insert(values_.end(), trial.values.begin(), trial.values.end());
    }
    view.n_intermediate = static_cast<int64_t>(trial.steps.size());
    view.intermediate_steps = steps_.data() + steps_.size();
    view.intermediate_values = intermediate_.data() + intermediate_.size();
    steps_.insert(steps_.end(), trial.steps.begin(), trial.steps.end());
    intermediate_.insert(intermediate_.end(), trial.intermediate.begin(), trial.intermediate.end());

    system_attrs_.push_back(trial.system_attrs_text);
    view.system_attrs_json = system_attrs_.back().c_str();
    trials_.push_back(view);
}

}  // namespace hpo
