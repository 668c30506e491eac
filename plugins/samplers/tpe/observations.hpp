// What a parameter learned from: the values it took in a group of trials, skipping the
// trials where it was inactive (NaN), so that a conditional parameter's estimator sees
// only the trials in which it existed.
#pragma once

#include "trial_ranking.hpp"

#include <param_domain.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/random_stream.hpp>
#include <hpo_kit/study_view.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace hpo::tpe {

// Stream tags that are not parameter indices.
inline constexpr uint64_t kRelativeStream = ~0ull;        // one joint (multivariate) proposal
inline constexpr uint64_t kTrialChoiceStream = ~0ull - 1; // anneal's choice of a past trial

// The stream of draws for the trial at trial_index: keyed by its number, which is stable
// across processes, unlike its place in a view. tpe's own stream, before the kit's, began
// one SplitMix64 step (the golden gamma) past the key: starting there keeps every seed's
// proposals what they were.
inline samplers::RandomStream trial_stream(uint64_t seed, const hpo_study_view &study, int64_t trial_index,
                                 uint64_t stream) {
    const auto number = static_cast<uint64_t>(plugin_kit::trial_at(study, trial_index).number);
    return samplers::RandomStream(plugin_kit::stream_key({seed, number, stream}) + 0x9e3779b97f4a7c15ull);
}

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
