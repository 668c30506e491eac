#include "study_snapshot.hpp"

#include <algorithm>

namespace hpo {

StudySnapshot::StudySnapshot(std::shared_ptr<const Space> space, const std::vector<int32_t> &directions,
                             TrialViews::Lease trials, uint64_t seed, std::shared_ptr<const std::string> system_attrs)
    : space_(std::move(space)), directions_(directions), trials_(std::move(trials)),
      system_attrs_(std::move(system_attrs)) {
    view_.struct_size = sizeof(hpo_study_view);
    view_.n_params = static_cast<int32_t>(space_->size());
    view_.params = space_->infos();
    view_.n_objectives = static_cast<int32_t>(directions_.size());
    view_.directions = directions_.data();
    view_.n_trials = trials_.n_trials();
    view_.trials = trials_.views();
    view_.seed = seed;
    view_.trial_stride = trials_.stride();
    view_.param_stride = sizeof(hpo_param_info);
    view_.system_attrs_json = system_attrs_->c_str();
}

void StudySnapshot::set_param(int64_t trial_index, std::size_t param_index, double value) {
    if (own_trial_ != trial_index) {
        // The shared block is never written: the first change copies this trial's parameters.
        const double *shared = HPO_STUDY_TRIAL(&view_, trial_index)->params;
        own_params_.assign(shared, shared + space_->size());
        own_trial_ = trial_index;
        trials_.override_params(trial_index, own_params_.data());
    }
    own_params_[param_index] = value;
}

}  // namespace hpo
