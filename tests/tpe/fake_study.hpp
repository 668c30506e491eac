// A study held in memory and shown to samplers as the engine would show it
// (hpo_study_view), with a small ask/tell loop: enough to test samplers without the engine.
#pragma once

#include <hpo/plugin.h>

#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace hpo::test {

struct FakeTrial {
    int32_t state = HPO_TRIAL_COMPLETE;
    std::vector<double> params;
    std::vector<double> values;
    std::vector<int64_t> steps; // intermediate values' steps
    std::vector<double> intermediate;
};

class FakeStudy {
public:
    explicit FakeStudy(std::vector<int32_t> directions = {HPO_MINIMIZE}, uint64_t seed = 1);

    int32_t add_float(const std::string &name, double low, double high, bool log = false,
                      double step = 0.0);
    int32_t add_int(const std::string &name, int64_t low, int64_t high, bool log = false,
                    int64_t step = 1);
    int32_t add_categorical(const std::string &name, int32_t n_choices);
    // Makes `child` active only when `parent` takes one of `values`.
    void set_condition(int32_t child, int32_t parent, std::vector<double> values);
    bool is_active(int32_t param, const std::vector<double> &params) const;

    // Appends a trial; params default to NaN (inactive) where not given.
    int64_t add_trial(FakeTrial trial);
    FakeTrial &trial(int64_t index) { return trials_[static_cast<std::size_t>(index)]; }
    int64_t n_trials() const { return static_cast<int64_t>(trials_.size()); }
    int32_t n_params() const { return static_cast<int32_t>(params_.size()); }

    // The view of the current trials; valid until the study changes.
    const hpo_study_view &view();

private:
    std::deque<std::string> names_; // stable addresses: params_ points into them
    std::vector<hpo_param_info> params_;
    std::vector<std::vector<double>> parent_values_;
    std::vector<int32_t> directions_;
    std::vector<FakeTrial> trials_;
    std::vector<hpo_trial_view> trial_views_;
    hpo_study_view view_{};
    uint64_t seed_;
};

// One proposal for a new RUNNING trial (its index is given): fills its params.
using Propose = std::function<void(FakeStudy &study, int64_t trial_index)>;

// Asks for every active parameter in order, through sample_independent-like calls.
Propose
propose_independently(std::function<double(const hpo_study_view &, int64_t, int32_t)> sample);

// n_trials rounds of ask (propose) and tell (objective's value, COMPLETE); returns the
// best value seen.
double run_study(FakeStudy &study, int64_t n_trials, const Propose &propose,
                 const std::function<double(const std::vector<double> &)> &objective);

} // namespace hpo::test
