// What a parameter learned from: the values it took in a group of trials, skipping the
// trials where it was inactive (NaN), so that a conditional parameter's estimator sees
// only the trials in which it existed.
#pragma once

#include "trial_split.hpp"

#include <param_domain.hpp>

#include <hpo/plugin.h>

#include <cstdint>
#include <span>
#include <vector>

namespace hpo::tpe {

// The parameter's values in `trials` (indices into study.trials), oldest first; a
// categorical's choice indices as they are.
std::vector<double> active_values(const hpo_study_view &study, std::span<const int64_t> trials,
                                  int32_t param);
// The same in the domain's internal space, clamped into its support.
std::vector<double> internal_values(const hpo_study_view &study, std::span<const int64_t> trials,
                                    int32_t param, const samplers::ParamDomain &domain);
// Whether every COMPLETE or PRUNED trial of the split had the parameter active.
bool active_in_every_ended_trial(const hpo_study_view &study, const TrialSplit &split,
                                 int32_t param);
// The rows of domain values of the trials where every parameter of `params` is active.
std::vector<double> complete_rows(const hpo_study_view &study, std::span<const int64_t> trials,
                                  std::span<const int32_t> params);

} // namespace hpo::tpe
