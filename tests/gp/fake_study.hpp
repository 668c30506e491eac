// A study built by hand for the gp tests: parameters, trials and the hpo_study_view over them,
// without the engine.
#pragma once

#include <hpo/plugin.h>

#include <cmath>
#include <cstdint>
#include <deque>
#include <vector>

namespace hpo::gp::testing {

inline hpo_param_info float_param(const char *name, double low, double high, bool log = false) {
    hpo_param_info p{};
    p.struct_size = sizeof p;
    p.name = name;
    p.kind = HPO_PARAM_FLOAT;
    p.low = low;
    p.high = high;
    p.log = log ? 1 : 0;
    p.parent = -1;
    return p;
}

inline hpo_param_info int_param(const char *name, double low, double high) {
    hpo_param_info p = float_param(name, low, high);
    p.kind = HPO_PARAM_INT;
    p.step = 1;
    return p;
}

inline hpo_param_info categorical_param(const char *name, int n_choices) {
    hpo_param_info p = float_param(name, 0, n_choices - 1);
    p.kind = HPO_PARAM_CATEGORICAL;
    p.n_choices = n_choices;
    return p;
}

// Makes `param` active only when parameter `parent` takes one of `values` (which must outlive
// the parameter).
inline hpo_param_info conditional_on(hpo_param_info param, int32_t parent,
                                     const std::vector<double> &values) {
    param.parent = parent;
    param.n_parent_values = static_cast<int32_t>(values.size());
    param.parent_values = values.data();
    return param;
}

class FakeStudy {
public:
    explicit FakeStudy(std::vector<hpo_param_info> params, int n_objectives = 1)
        : params_(std::move(params)), directions_(static_cast<size_t>(n_objectives), HPO_MINIMIZE) {}

    // Adds a RUNNING trial with no values chosen yet; returns its index.
    int64_t start_trial() {
        params_of_.emplace_back(params_.size(), std::nan(""));
        values_of_.emplace_back();
        states_.push_back(HPO_TRIAL_RUNNING);
        return static_cast<int64_t>(states_.size()) - 1;
    }
    std::vector<double> &params_of(int64_t trial) { return params_of_[static_cast<size_t>(trial)]; }
    void complete(int64_t trial, std::vector<double> values) {
        values_of_[static_cast<size_t>(trial)] = std::move(values);
        states_[static_cast<size_t>(trial)] = HPO_TRIAL_COMPLETE;
    }
    void set_direction(int objective, hpo_direction d) { directions_[static_cast<size_t>(objective)] = d; }
    int64_t size() const { return static_cast<int64_t>(states_.size()); }

    // The view over the current trials; valid until the study changes.
    const hpo_study_view &view() {
        trials_.clear();
        for (size_t i = 0; i < states_.size(); ++i) {
            hpo_trial_view t{};
            t.struct_size = sizeof t;
            t.id = static_cast<int64_t>(i) + 100;
            t.number = static_cast<int64_t>(i);
            t.state = states_[i];
            t.params = params_of_[i].data();
            t.values = states_[i] == HPO_TRIAL_COMPLETE ? values_of_[i].data() : nullptr;
            t.system_attrs_json = "{}";
            trials_.push_back(t);
        }
        view_ = {};
        view_.struct_size = sizeof view_;
        view_.n_params = static_cast<int32_t>(params_.size());
        view_.params = params_.data();
        view_.n_objectives = static_cast<int32_t>(directions_.size());
        view_.directions = directions_.data();
        view_.n_trials = static_cast<int64_t>(trials_.size());
        view_.trials = trials_.data();
        return view_;
    }

    std::vector<int32_t> all_params() const {
        std::vector<int32_t> s(params_.size());
        for (size_t i = 0; i < s.size(); ++i)
            s[i] = static_cast<int32_t>(i);
        return s;
    }

private:
    std::vector<hpo_param_info> params_;
    std::vector<int32_t> directions_;
    std::deque<std::vector<double>> params_of_;  // a deque keeps each trial's data in place
    std::deque<std::vector<double>> values_of_;
    std::vector<int32_t> states_;
    std::vector<hpo_trial_view> trials_;
    hpo_study_view view_{};
};

}  // namespace hpo::gp::testing
