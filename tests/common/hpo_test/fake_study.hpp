// A study built by hand and shown to a plugin as the engine shows it (hpo_study_view), so that
// samplers and schedulers are tested without the engine. The one fake study of every plugin
// test: parameters of every kind, priors and conditions, several objectives, trials with
// values, learning curves, system attributes and constraint values, the study's own system
// attributes. Views use the ABI's strides, and the trial structs they hand out are larger
// than hpo_trial_view, as a later ABI's would be: a plugin that indexes the arrays directly
// instead of through HPO_STUDY_TRIAL / HPO_STUDY_PARAM reads garbage and fails its tests.
//
// Pointers in a view stay valid until the study changes.
#pragma once

#include <hpo/plugin.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace hpo::test {

struct FakeTrial {
    int32_t state = HPO_TRIAL_COMPLETE;
    std::vector<double> params;        // one per parameter; missing ones are NaN (inactive)
    std::vector<double> values;        // one per objective when COMPLETE
    std::vector<int64_t> steps;        // intermediate values, in increasing step order
    std::vector<double> intermediate;
    std::string system_attrs = "{}";
    std::vector<double> constraints;   // feasible when every one is <= 0
};

class FakeStudy {
public:
    explicit FakeStudy(std::vector<int32_t> directions = {HPO_MINIMIZE}, uint64_t seed = 42)
        : directions_(std::move(directions)), seed_(seed) {}
    // Parameters point into storage the study owns: a copy would point into the original's.
    FakeStudy(const FakeStudy &) = delete;
    FakeStudy &operator=(const FakeStudy &) = delete;

    // ---- parameters; each returns its index -------------------------------------------

    int32_t add_float(const std::string &name, double low, double high, bool log = false,
                      double step = 0) {
        return add(name, HPO_PARAM_FLOAT, low, high, log, step);
    }
    int32_t add_int(const std::string &name, int64_t low, int64_t high, int64_t step = 1,
                    bool log = false) {
        return add(name, HPO_PARAM_INT, static_cast<double>(low), static_cast<double>(high), log,
                   static_cast<double>(step));
    }
    // Choices as JSON text: "\"rbf\"", "3", "null".
    int32_t add_categorical(const std::string &name, std::vector<std::string> choices) {
        const int32_t index =
            add(name, HPO_PARAM_CATEGORICAL, 0, static_cast<double>(choices.size()) - 1, false, 0);
        Extra &extra = extras_[static_cast<std::size_t>(index)];
        extra.choices = std::move(choices);
        for (const std::string &choice : extra.choices) extra.choice_pointers.push_back(choice.c_str());
        return index;
    }
    // n choices named "0", "1", ...
    int32_t add_categorical(const std::string &name, int32_t n_choices) {
        std::vector<std::string> choices;
        for (int32_t i = 0; i < n_choices; ++i) choices.push_back(std::to_string(i));
        return add_categorical(name, std::move(choices));
    }
    void set_normal_prior(int32_t param, double mu, double sigma) {
        params_[static_cast<std::size_t>(param)].prior = HPO_PRIOR_NORMAL;
        params_[static_cast<std::size_t>(param)].prior_mu = mu;
        params_[static_cast<std::size_t>(param)].prior_sigma = sigma;
    }
    // Parameter `child` is active only when `parent` takes one of `values` (internal values).
    void set_condition(int32_t child, int32_t parent, std::vector<double> values) {
        params_[static_cast<std::size_t>(child)].parent = parent;
        extras_[static_cast<std::size_t>(child)].parent_values = std::move(values);
    }
    void set_direction(int32_t objective, hpo_direction direction) {
        directions_[static_cast<std::size_t>(objective)] = direction;
    }
    void set_system_attrs(std::string attrs) { system_attrs_ = std::move(attrs); }

    // Whether parameter `param` is active given a trial's values of the parameters before it.
    bool is_active(int32_t param, const std::vector<double> &values) const {
        const hpo_param_info &info = params_[static_cast<std::size_t>(param)];
        if (info.parent < 0) return true;
        if (!is_active(info.parent, values)) return false;
        const double parent = values[static_cast<std::size_t>(info.parent)];
        for (const double allowed : extras_[static_cast<std::size_t>(param)].parent_values) {
            if (parent == allowed) return true;
        }
        return false;
    }

    // ---- trials ------------------------------------------------------------------------

    // Appends a trial (its number is its index) and returns its index.
    int64_t add_trial(FakeTrial trial) {
        trial.params.resize(params_.size(), std::nan(""));
        trials_.push_back(std::move(trial));
        return n_trials() - 1;
    }
    int64_t add_trial(int32_t state, std::vector<double> params = {}, std::vector<double> values = {}) {
        FakeTrial trial;
        trial.state = state;
        trial.params = std::move(params);
        trial.values = std::move(values);
        return add_trial(std::move(trial));
    }
    // A trial with a learning curve of (step, value) pairs.
    int64_t add_curve(int32_t state, std::initializer_list<std::pair<int64_t, double>> curve,
                      std::string system_attrs = "{}") {
        FakeTrial trial;
        trial.state = state;
        trial.system_attrs = std::move(system_attrs);
        const int64_t index = add_trial(std::move(trial));
        for (const auto &[step, value] : curve) report(index, step, value);
        return index;
    }
    // A RUNNING trial with nothing chosen yet, as the engine shows a trial being proposed.
    int64_t start_trial() { return add_trial(HPO_TRIAL_RUNNING); }
    void complete(int64_t index, std::vector<double> values) {
        FakeTrial &t = trial(index);
        t.state = HPO_TRIAL_COMPLETE;
        t.values = std::move(values);
    }
    // Steps must come in increasing order, as the engine keeps them.
    void report(int64_t index, int64_t step, double value) {
        trial(index).steps.push_back(step);
        trial(index).intermediate.push_back(value);
    }
    FakeTrial &trial(int64_t index) { return trials_[static_cast<std::size_t>(index)]; }
    const FakeTrial &trial(int64_t index) const { return trials_[static_cast<std::size_t>(index)]; }
    int64_t n_trials() const { return static_cast<int64_t>(trials_.size()); }
    int32_t n_params() const { return static_cast<int32_t>(params_.size()); }
    std::vector<int32_t> all_params() const {
        std::vector<int32_t> all(params_.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int32_t>(i);
        return all;
    }

    // ---- the view ------------------------------------------------------------------------

    // The study as a plugin receives it; valid until the study changes.
    const hpo_study_view &view() {
        param_block_.assign(params_.size() * kParamStride, std::byte{0});
        for (std::size_t i = 0; i < params_.size(); ++i) {
            hpo_param_info info = params_[i];
            const Extra &extra = extras_[i];
            info.name = extra.name.c_str();
            info.n_choices = static_cast<int32_t>(extra.choices.size());
            info.choices_json = extra.choice_pointers.empty() ? nullptr : extra.choice_pointers.data();
            info.n_parent_values = static_cast<int32_t>(extra.parent_values.size());
            info.parent_values = extra.parent_values.empty() ? nullptr : extra.parent_values.data();
            std::memcpy(&param_block_[i * kParamStride], &info, sizeof info);
        }
        trial_block_.assign(trials_.size() * kTrialStride, std::byte{0});
        for (std::size_t i = 0; i < trials_.size(); ++i) {
            FakeTrial &trial = trials_[i];
            trial.params.resize(params_.size(), std::nan(""));
            hpo_trial_view view{};
            view.struct_size = kTrialStride;
            view.id = static_cast<int64_t>(i) + 100;
            view.number = static_cast<int64_t>(i);
            view.state = trial.state;
            view.params = trial.params.data();
            view.values = trial.state == HPO_TRIAL_COMPLETE && !trial.values.empty() ? trial.values.data() : nullptr;
            view.n_intermediate = static_cast<int64_t>(trial.steps.size());
            view.intermediate_steps = trial.steps.data();
            view.intermediate_values = trial.intermediate.data();
            view.system_attrs_json = trial.system_attrs.c_str();
            view.n_constraints = static_cast<int32_t>(trial.constraints.size());
            view.constraints = trial.constraints.empty() ? nullptr : trial.constraints.data();
            std::memcpy(&trial_block_[i * kTrialStride], &view, sizeof view);
        }
        view_ = hpo_study_view{};
        view_.struct_size = sizeof view_;
        view_.n_params = n_params();
        view_.params = reinterpret_cast<const hpo_param_info *>(param_block_.data());
        view_.n_objectives = static_cast<int32_t>(directions_.size());
        view_.directions = directions_.data();
        view_.n_trials = n_trials();
        view_.trials = reinterpret_cast<const hpo_trial_view *>(trial_block_.data());
        view_.seed = seed_;
        view_.trial_stride = kTrialStride;
        view_.param_stride = kParamStride;
        view_.system_attrs_json = system_attrs_.c_str();
        return view_;
    }

private:
    // Strides beyond the structs' sizes, as a later ABI's grown structs would have, each kept
    // a multiple of 8 so the structs stay aligned.
    static constexpr uint32_t kTrialStride = sizeof(hpo_trial_view) + 24;
    static constexpr uint32_t kParamStride = sizeof(hpo_param_info) + 16;

    struct Extra {
        std::string name;
        std::vector<std::string> choices;
        std::vector<const char *> choice_pointers;
        std::vector<double> parent_values;
    };

    int32_t add(const std::string &name, int32_t kind, double low, double high, bool log, double step) {
        hpo_param_info info{};
        info.struct_size = sizeof(hpo_param_info);
        info.kind = kind;
        info.low = low;
        info.high = high;
        info.step = step;
        info.log = log ? 1 : 0;
        info.prior = HPO_PRIOR_UNIFORM;
        info.parent = -1;
        params_.push_back(info);
        extras_.push_back(Extra{name, {}, {}, {}});
        return n_params() - 1;
    }

    std::vector<hpo_param_info> params_;
    std::deque<Extra> extras_; // a deque: the name and choice strings never move
    std::vector<int32_t> directions_;
    uint64_t seed_;
    std::string system_attrs_ = "{}";
    std::deque<FakeTrial> trials_; // a deque: each trial's arrays stay where views point
    std::vector<std::byte> param_block_, trial_block_;
    hpo_study_view view_{};
};

} // namespace hpo::test
