// A study of an evolutionary sampler run on the fake study as the engine runs it: each trial
// starts, the sampler's before_trial attributes are merged into the trial's and the study's,
// every parameter is proposed at once, the inactive ones cleared and those left undecided
// sampled one by one. What the unit tests of the samplers that keep state in the study
// (genetic, nsga2, cmaes) drive them with.
#pragma once

#include <sampler_adapter.hpp>

#include <hpo_test/fake_study.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

namespace hpo::test {

// Starts a trial and proposes its parameters; returns its index.
template <class Sampler>
int64_t ask_evolved(Sampler &sampler, FakeStudy &study) {
    const int64_t index = study.start_trial();
    const samplers::AttributeUpdate update = sampler.before_trial(study.view(), index);
    if (update.trial) {
        auto attrs = nlohmann::json::parse(study.trial(index).system_attrs);
        attrs.update(*update.trial);
        study.trial(index).system_attrs = attrs.dump();
    }
    if (update.study) {
        auto attrs = nlohmann::json::parse(study.view().system_attrs_json);
        attrs.update(*update.study);
        study.set_system_attrs(attrs.dump());
    }
    const std::vector<int32_t> all = study.all_params();
    std::vector<double> values(all.size());
    sampler.sample_relative(study.view(), index, all, values);
    // As the engine does: parents first, inactive parameters cleared, what sample_relative
    // left (NaN) asked of sample_independent.
    for (int32_t p = 0; p < study.n_params(); ++p) {
        double &value = values[static_cast<std::size_t>(p)];
        if (!study.is_active(p, values)) value = std::nan("");
        else if (std::isnan(value)) value = sampler.sample_independent(study.view(), index, p);
    }
    study.trial(index).params = values;
    return index;
}

// The study's system attributes as JSON.
inline nlohmann::json study_attrs(FakeStudy &study) {
    return nlohmann::json::parse(study.view().system_attrs_json);
}

} // namespace hpo::test
