// What a parameter learned from: the values it took in a group of trials, skipping the
// trials where it was inactive (NaN), so that a conditional parameter's estimator sees
// only the trials in which it existed.
#pragma once

#include "param_scale.hpp"
#include "trial_ranking.hpp"

#include <hpo/plugin.h>

#include <cstdint>
#include <span>
#include <vector>

namespace hpo::tpe {

// The stream of draws for the trial at trial_index: keyed by its number, which is stable
// across processes, unlike its place in a view.
inline RandomStream trial_stream(uint64_t seed, const hpo_study_view &study, int64_t trial_index,
                                 uint64_t stream) {
    return RandomStream(seed, static_cast<uint64_t>(study.trials[trial_index].number), stream);
}

// Throws std::invalid_argument unless `param` indexes the study's parameters and
// describes a domain a sampler can draw from.
void check_param_index(const hpo_study_view &study, int32_t param);

// The parameter's values in `trials` (indices into study.trials), oldest first; a
// categorical's choice indices as they are.
std::vector<double> active_values(const hpo_study_view &study, std::span<const int64_t> trials,
                                  int32_t param);
// The same in the scale's internal space, clamped into its support.
std::vector<double> internal_values(const hpo_study_view &study, std::span<const int64_t> trials,
                                    int32_t param, const ParamScale &scale);
// Whether every COMPLETE or PRUNED trial of the split had the parameter active.
bool active_in_every_ended_trial(const hpo_study_view &study, const TrialSplit &split,
                                 int32_t param);
// The rows of domain values of the trials where every parameter of `params` is active.
std::vector<double> complete_rows(const hpo_study_view &study, std::span<const int64_t> trials,
                                  std::span<const int32_t> params);

} // namespace hpo::tpe
