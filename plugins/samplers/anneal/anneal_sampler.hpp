// Simulated annealing as Hyperopt's anneal algorithm does it: pick a good past trial (the
// k-th best, k small and random) and sample every parameter in a neighbourhood of that
// trial's value, a neighbourhood that shrinks as the parameter gathers observations.
//
// - numeric, uniform prior: uniform over a window of the range's width times the
//   shrink factor, centred on the old value (in log space for a log parameter), cut to the
//   bounds, then rounded onto the step grid or the integers;
// - numeric, normal prior: the prior's sigma times the shrink factor, around the old value;
// - categorical: the old choice kept with probability 1 - shrink factor, else a uniform draw;
// - a parameter the chosen trial did not have (inactive there) is drawn from its prior,
//   and only trials where a parameter was active count as its observations.
//
// Stateless between calls: the chosen trial and each draw come from streams keyed by
// (seed, trial number, parameter), so every parameter of a trial anneals around the same
// past trial and the same history gives the same proposal.
#pragma once

#include "anneal_options.hpp"

#include <trial_streams.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <span>

namespace hpo::anneal {

class AnnealSampler {
public:
    static constexpr plugin_kit::About about{
        "anneal",
        "Simulated annealing (Hyperopt's): samples around a good past trial in a shrinking "
        "neighbourhood",
        kAnnealOptionsSchema, HPO_PLUGIN_THREAD_SAFE};

    AnnealSampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
        : AnnealSampler(AnnealOptions::from(options), host.seed()) {}
    AnnealSampler(AnnealOptions options, uint64_t seed) : options_(options), streams_(seed, 1) {}

    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param) const;
    // Every parameter of the subspace as sample_independent draws it, around the one trial
    // they all anneal around: the same proposal from one ranking of the history, not one per
    // parameter.
    void sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out) const;

    // The trial the new one anneals around (an index into study.trials), -1 during startup.
    int64_t chosen_trial(const hpo_study_view &study, int64_t trial_index) const;
    // The fraction of the prior's spread kept after n observations.
    double shrink_factor(int64_t n_observations) const;

private:
    // Parameter `param`'s value annealed around trial `chosen` (-1: none, a prior draw).
    double sample_around(const hpo_study_view &study, int64_t trial_index, int32_t param,
                         int64_t chosen) const;

    AnnealOptions options_;
    samplers::TrialStreams streams_; // each skips a word, as anneal's streams always have
};

} // namespace hpo::anneal
