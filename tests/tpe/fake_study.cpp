#include "fake_study.hpp"

#include <algorithm>
#include <limits>

namespace hpo::test {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

hpo_param_info blank_param(const std::string &name) {
    hpo_param_info info{};
    info.struct_size = sizeof(hpo_param_info);
    info.name = name.c_str();
    info.parent = -1;
    return info;
}

} // namespace

FakeStudy::FakeStudy(std::vector<int32_t> directions, uint64_t seed)
    : directions_(std::move(directions)), seed_(seed) {}

int32_t FakeStudy::add_float(const std::string &name, double low, double high, bool log,
                             double step) {
    names_.push_back(name);
    hpo_param_info info = blank_param(names_.back());
    info.kind = HPO_PARAM_FLOAT;
    info.low = low;
    info.high = high;
    info.log = log;
    info.step = step;
    params_.push_back(info);
    parent_values_.emplace_back();
    return n_params() - 1;
}

int32_t FakeStudy::add_int(const std::string &name, int64_t low, int64_t high, bool log,
                           int64_t step) {
    const int32_t index = add_float(name, static_cast<double>(low), static_cast<double>(high), log,
                                    static_cast<double>(step));
    params_.back().kind = HPO_PARAM_INT;
    return index;
}

int32_t FakeStudy::add_categorical(const std::string &name, int32_t n_choices) {
    const int32_t index = add_float(name, 0.0, n_choices - 1.0);
    params_.back().kind = HPO_PARAM_CATEGORICAL;
    params_.back().n_choices = n_choices;
    return index;
}

void FakeStudy::set_condition(int32_t child, int32_t parent, std::vector<double> values) {
    parent_values_[static_cast<std::size_t>(child)] = std::move(values);
    params_[static_cast<std::size_t>(child)].parent = parent;
}

bool FakeStudy::is_active(int32_t param, const std::vector<double> &params) const {
    const hpo_param_info &info = params_[static_cast<std::size_t>(param)];
    if (info.parent < 0) return true;
    const double parent = params[static_cast<std::size_t>(info.parent)];
    const auto &allowed = parent_values_[static_cast<std::size_t>(param)];
    return std::find(allowed.begin(), allowed.end(), parent) != allowed.end();
}

int64_t FakeStudy::add_trial(FakeTrial trial) {
    trial.params.resize(params_.size(), kNaN);
    trials_.push_back(std::move(trial));
    return n_trials() - 1;
}

const hpo_study_view &FakeStudy::view() {
    for (std::size_t i = 0; i < params_.size(); ++i) {
        params_[i].n_parent_values = static_cast<int32_t>(parent_values_[i].size());
        params_[i].parent_values = parent_values_[i].data();
    }
    trial_views_.resize(trials_.size());
    for (std::size_t i = 0; i < trials_.size(); ++i) {
        FakeTrial &t = trials_[i];
        t.params.resize(params_.size(), kNaN);
        hpo_trial_view &v = trial_views_[i];
        v = hpo_trial_view{};
        v.struct_size = sizeof(hpo_trial_view);
        v.id = static_cast<int64_t>(i);
        v.number = static_cast<int64_t>(i);
        v.state = t.state;
        v.params = t.params.data();
        v.values = t.state == HPO_TRIAL_COMPLETE ? t.values.data() : nullptr;
        v.n_intermediate = static_cast<int64_t>(t.intermediate.size());
        v.intermediate_steps = t.steps.data();
        v.intermediate_values = t.intermediate.data();
        v.system_attrs_json = "{}";
    }
    view_.struct_size = sizeof(hpo_study_view);
    view_.n_params = n_params();
    view_.params = params_.data();
    view_.n_objectives = static_cast<int32_t>(directions_.size());
    view_.directions = directions_.data();
    view_.n_trials = n_trials();
    view_.trials = trial_views_.data();
    view_.seed = seed_;
    return view_;
}

Propose
propose_independently(std::function<double(const hpo_study_view &, int64_t, int32_t)> sample) {
    return [sample = std::move(sample)](FakeStudy &study, int64_t index) {
        for (int32_t p = 0; p < study.n_params(); ++p) {
            if (!study.is_active(p, study.trial(index).params)) continue;
            const double value = sample(study.view(), index, p);
            study.trial(index).params[static_cast<std::size_t>(p)] = value;
        }
    };
}

double run_study(FakeStudy &study, int64_t n_trials, const Propose &propose,
                 const std::function<double(const std::vector<double> &)> &objective) {
    double best = std::numeric_limits<double>::infinity();
    for (int64_t n = 0; n < n_trials; ++n) {
        const int64_t index = study.add_trial({HPO_TRIAL_RUNNING, {}, {}, {}, {}});
        propose(study, index);
        const double value = objective(study.trial(index).params);
        study.trial(index).state = HPO_TRIAL_COMPLETE;
        study.trial(index).values = {value};
        best = std::min(best, value);
    }
    return best;
}

} // namespace hpo::test
