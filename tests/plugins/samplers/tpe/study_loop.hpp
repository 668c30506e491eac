// A small ask/tell loop over the shared fake study, enough to run a sampler through whole
// studies without the engine.
#pragma once

#include <hpo_test/fake_study.hpp>

#include <hpo/plugin.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace hpo::test {

// One proposal for a new RUNNING trial (its index is given): fills its params.
using Propose = std::function<void(FakeStudy &study, int64_t trial_index)>;

// Asks for every active parameter in order, through sample_independent-like calls.
inline Propose
propose_independently(std::function<double(const hpo_study_view &, int64_t, int32_t)> sample) {
    return [sample = std::move(sample)](FakeStudy &study, int64_t index) {
        for (int32_t p = 0; p < study.n_params(); ++p) {
            if (!study.is_active(p, study.trial(index).params)) continue;
            const double value = sample(study.view(), index, p);
            study.trial(index).params[static_cast<std::size_t>(p)] = value;
        }
    };
}

// n_trials rounds of ask (propose) and tell (objective's value, COMPLETE); returns the
// best value seen.
inline double run_study(FakeStudy &study, int64_t n_trials, const Propose &propose,
                        const std::function<double(const std::vector<double> &)> &objective) {
    double best = std::numeric_limits<double>::infinity();
    for (int64_t n = 0; n < n_trials; ++n) {
        const int64_t index = study.start_trial();
        propose(study, index);
        const double value = objective(study.trial(index).params);
        study.complete(index, {value});
        best = std::min(best, value);
    }
    return best;
}

} // namespace hpo::test
