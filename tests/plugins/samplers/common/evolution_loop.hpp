// A study of an evolutionary sampler run on the fake study as the engine runs it: each trial
// starts, the sampler's before_trial attributes are merged into the trial's and the study's,
// every parameter is proposed at once and the inactive ones cleared. What the genetic and
// nsga2 unit tests drive generations with.
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
    for (int32_t p = 0; p < study.n_params(); ++p)
        if (!study.is_active(p, values)) values[static_cast<std::size_t>(p)] = std::nan("");
    study.trial(index).params = values;
    return index;
}

// The study's system attributes as JSON.
inline nlohmann::json study_attrs(FakeStudy &study) {
    return nlohmann::json::parse(study.view().system_attrs_json);
}

} // namespace hpo::test
