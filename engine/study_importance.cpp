// Parameter importances: the study copies its space and the trials a request selects under
// its lock, then the forests are fitted outside it (engine/importance/).
#include "importance/evaluator.hpp"
#include "study.hpp"

namespace hpo {

json Study::param_importances(const json &options) {
    const importance::Request request = importance::Request::from_json(options);
    std::shared_ptr<const Space> space;
    std::vector<importance::TrialData> trials;
    std::size_t n_trials = 0;
    {
        std::lock_guard lock(mutex_);
        sync_locked();
        space = space_;
        n_trials = table_.size();
        for (const auto &trial : table_.all()) {
            if (!request.selects(trial.number, trial.state)) continue;
            trials.push_back({trial.number, trial.params, trial.values});
        }
    }
    return importance::evaluate(request, *space, config_.directions, trials, n_trials, config_.seed);
}

}  // namespace hpo
