// A study's state in the plugin ABI's shape (hpo_study_view), taken under the study's lock and
// then handed to samplers and schedulers without it: a plugin may take its time while other
// threads ask, report and tell. The trials come from a leased TrialViews buffer, so taking a
// snapshot costs what changed since the last one, not the history.
#pragma once

#include "space.hpp"
#include "trial_views.hpp"

#include <hpo/plugin.h>

#include <memory>
#include <string>
#include <vector>

namespace hpo {

class StudySnapshot {
public:
    StudySnapshot(std::shared_ptr<const Space> space, const std::vector<int32_t> &directions,
                  TrialViews::Lease trials, uint64_t seed, std::shared_ptr<const std::string> system_attrs);
    StudySnapshot(const StudySnapshot &) = delete;
    StudySnapshot &operator=(const StudySnapshot &) = delete;

    const hpo_study_view *view() const { return &view_; }
    int64_t size() const { return view_.n_trials; }
    // Updates one parameter of one trial in this snapshot alone, so that a sampler asked for
    // several parameters of one trial in turn sees those already chosen.
    void set_param(int64_t trial_index, std::size_t param_index, double value);

private:
    std::shared_ptr<const Space> space_;  // keeps hpo_param_info pointers alive
    std::vector<int32_t> directions_;
    TrialViews::Lease trials_;
    std::shared_ptr<const std::string> system_attrs_;  // the study's, as JSON text
    int64_t own_trial_ = -1;  // the trial whose parameters this snapshot holds a copy of
    std::vector<double> own_params_;
    hpo_study_view view_{};
};

}  // namespace hpo
