// A self-contained copy of a study's state in the plugin ABI's shape (hpo_study_view), taken
// under the study's lock and then handed to samplers and schedulers without it: a plugin may
// take its time while other threads ask, report and tell.
#pragma once

#include "space.hpp"
#include "trial_record.hpp"

#include <hpo/plugin.h>

#include <memory>
#include <string>
#include <vector>

namespace hpo {

class StudySnapshot {
public:
    // `extra`, if given, is a trial not yet in the study (one being created) appended at the
    // end of the trial list.
    StudySnapshot(std::shared_ptr<const Space> space, const std::vector<int32_t> &directions,
                  const std::vector<TrialRecord> &trials, uint64_t seed,
                  const TrialRecord *extra = nullptr);
    StudySnapshot(const StudySnapshot &) = delete;
    StudySnapshot &operator=(const StudySnapshot &) = delete;

    const hpo_study_view *view() const { return &view_; }
    int64_t size() const { return view_.n_trials; }
    // Updates one parameter of one trial in the copy, so that a sampler asked for several
    // parameters of one trial in turn sees those already chosen, without a new snapshot.
    void set_param(int64_t trial_index, std::size_t param_index, double value) {
        params_[static_cast<std::size_t>(trial_index) * space_->size() + param_index] = value;
    }

private:
    void add(const TrialRecord &trial, std::size_t n_params);

    std::shared_ptr<const Space> space_;  // keeps hpo_param_info pointers alive
    std::vector<int32_t> directions_;
    // Flat storage behind the views; reserved up front so pointers into it stay valid.
    std::vector<double> params_, values_, intermediate_;
    std::vector<int64_t> steps_;
    std::vector<std::string> system_attrs_;
    std::vector<hpo_trial_view> trials_;
    hpo_study_view view_{};
};

}  // namespace hpo
