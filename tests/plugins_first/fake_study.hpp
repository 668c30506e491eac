// Hand-built stand-ins for what the engine gives a plugin (hpo_host, hpo_study_view), so that
// plugin cores are tested without the engine. Pointers in a view stay valid until the
// FakeStudy changes.
#pragma once

#include <hpo/plugin.h>
#include <hpo_test/test_host.hpp>

#include <cmath>
#include <deque>
#include <string>
#include <vector>

namespace fake {

using Host = hpo::test::TestHost;

// A study's parameters and trials, and the read-only view of them a sampler receives.
class Study {
public:
    Study() = default;
    // Parameters point into storage the study owns: a copy would point into the original's.
    Study(const Study &) = delete;
    Study &operator=(const Study &) = delete;

    int add_float(const char *name, double low, double high, bool log = false, double step = 0) {
        return add(name, HPO_PARAM_FLOAT, low, high, log, step);
    }
    int add_int(const char *name, double low, double high, double step = 1, bool log = false) {
        return add(name, HPO_PARAM_INT, low, high, log, step);
    }
    // Choices as JSON text: "\"rbf\"", "3".
    int add_categorical(const char *name, std::vector<std::string> choices) {
        const int index = add(name, HPO_PARAM_CATEGORICAL, 0, double(choices.size()) - 1, false, 0);
        auto &texts = choice_texts_.emplace_back(std::move(choices));
        auto &pointers = choice_pointers_.emplace_back();
        for (const auto &text : texts) pointers.push_back(text.c_str());
        params_[index].n_choices = static_cast<int32_t>(texts.size());
        params_[index].choices_json = pointers.data();
        return index;
    }
    void set_normal_prior(int index, double mu, double sigma) {
        params_[index].prior = HPO_PRIOR_NORMAL;
        params_[index].prior_mu = mu;
        params_[index].prior_sigma = sigma;
    }
    // Parameter `child` is active only when `parent` takes one of `values` (internal values).
    void set_condition(int child, int parent, std::vector<double> values) {
        const auto &stored = parent_values_.emplace_back(std::move(values));
        params_[child].parent = parent;
        params_[child].n_parent_values = static_cast<int32_t>(stored.size());
        params_[child].parent_values = stored.data();
    }
    // A trial with the given state and parameter values (NaN for those not chosen); returns its
    // index, which is also its number.
    int64_t add_trial(int32_t state, std::vector<double> values = {}) {
        values.resize(params_.size(), std::nan(""));
        trial_params_.push_back(std::move(values));
        trial_states_.push_back(state);
        return static_cast<int64_t>(trial_params_.size()) - 1;
    }
    void set_value(int64_t trial, int param, double value) { trial_params_[trial][param] = value; }
    void set_state(int64_t trial, int32_t state) { trial_states_[trial] = state; }
    const hpo_param_info &param(int index) const { return params_[index]; }

    const hpo_study_view *view(uint64_t seed = 42) {
        trials_.clear();
        for (std::size_t i = 0; i < trial_params_.size(); ++i) {
            hpo_trial_view trial{};
            trial.struct_size = sizeof(hpo_trial_view);
            trial.id = trial.number = static_cast<int64_t>(i);
            trial.state = trial_states_[i];
            trial.params = trial_params_[i].data();
            trial.system_attrs_json = "{}";
            trials_.push_back(trial);
        }
        view_ = hpo_study_view{sizeof(hpo_study_view), static_cast<int32_t>(params_.size()),
                               params_.data(), 1, &minimize_, static_cast<int64_t>(trials_.size()),
                               trials_.data(), seed, sizeof(hpo_trial_view), sizeof(hpo_param_info), "{}"};
        return &view_;
    }

private:
    int add(const char *name, int32_t kind, double low, double high, bool log, double step) {
        hpo_param_info info{};
        info.struct_size = sizeof(hpo_param_info);
        info.name = name;
        info.kind = kind;
        info.low = low;
        info.high = high;
        info.step = step;
        info.log = log;
        info.prior = HPO_PRIOR_UNIFORM;
        info.parent = -1;
        params_.push_back(info);
        for (auto &values : trial_params_) values.push_back(std::nan(""));
        return static_cast<int>(params_.size()) - 1;
    }

    std::vector<hpo_param_info> params_;
    std::deque<std::vector<std::string>> choice_texts_;
    std::deque<std::vector<const char *>> choice_pointers_;
    std::deque<std::vector<double>> parent_values_;
    std::vector<std::vector<double>> trial_params_;
    std::vector<int32_t> trial_states_;
    std::vector<hpo_trial_view> trials_;
    int32_t minimize_ = HPO_MINIMIZE;
    hpo_study_view view_{};
};

}  // namespace fake
