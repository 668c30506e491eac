// Hand-built study views for scheduler tests: trials with scripted learning curves.
#pragma once

#include <hpo/plugin.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace hpo::test {

class FakeStudy {
public:
    explicit FakeStudy(hpo_direction direction = HPO_MINIMIZE, int32_t n_objectives = 1)
        : directions_(static_cast<size_t>(n_objectives), direction) {}

    // Adds a trial (numbered in order) and returns its index.
    int64_t add(hpo_trial_state state, const std::vector<std::pair<int64_t, double>> &curve = {},
                std::string system_attrs = "{}") {
        Trial &trial = trials_.emplace_back();
        trial.state = state;
        trial.system_attrs = std::move(system_attrs);
        for (const auto &[step, value] : curve) report(size() - 1, step, value);
        return size() - 1;
    }

    // Steps must come in increasing order, as the engine keeps them.
    void report(int64_t index, int64_t step, double value) {
        trials_[static_cast<size_t>(index)].steps.push_back(step);
        trials_[static_cast<size_t>(index)].values.push_back(value);
    }

    void set_state(int64_t index, hpo_trial_state state) {
        trials_[static_cast<size_t>(index)].state = state;
    }

    [[nodiscard]] int64_t size() const { return static_cast<int64_t>(trials_.size()); }

    // A view of the trials as they are now; valid until the next change.
    const hpo_study_view &view() {
        views_.clear();
        for (size_t i = 0; i < trials_.size(); ++i) {
            const Trial &trial = trials_[i];
            hpo_trial_view view{};
            view.struct_size = sizeof view;
            view.id = static_cast<int64_t>(i) + 100;
            view.number = static_cast<int64_t>(i);
            view.state = trial.state;
            view.n_intermediate = static_cast<int64_t>(trial.steps.size());
            view.intermediate_steps = trial.steps.data();
            view.intermediate_values = trial.values.data();
            view.system_attrs_json = trial.system_attrs.c_str();
            views_.push_back(view);
        }
        study_ = {};
        study_.struct_size = sizeof study_;
        study_.n_objectives = static_cast<int32_t>(directions_.size());
        study_.directions = directions_.data();
        study_.n_trials = size();
        study_.trials = views_.data();
        study_.seed = 7;
        return study_;
    }

private:
    struct Trial {
        hpo_trial_state state = HPO_TRIAL_RUNNING;
        std::vector<int64_t> steps;
        std::vector<double> values;
        std::string system_attrs;
    };

    std::vector<int32_t> directions_;
    std::deque<Trial> trials_;
    std::vector<hpo_trial_view> views_;
    hpo_study_view study_{};
};

} // namespace hpo::test
