// The `random` sampler: each parameter independently from its prior (uniform, log-uniform,
// stepped, or a truncated normal). Thread-safe: it keeps no mutable state.
#pragma once

#include <trial_streams.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <span>

namespace hpo::random_sampler {

class RandomSampler {
public:
    // random takes no options: its schema is empty, so any option given is refused by name.
    static constexpr plugin_kit::About about{
        "random",
        "Independent draws from each parameter's prior; reproducible per (seed, trial, parameter)",
        "{}", HPO_PLUGIN_THREAD_SAFE};

    RandomSampler(const plugin_kit::Options &options, const plugin_kit::Host &host);

    // A draw from the stream of (seed, trial number, parameter index): the same trial gets the
    // same values whichever thread asks and in whichever order.
    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param_index) const;
    // Every listed parameter as sample_independent draws it, so that a declared space and
    // define-by-run give a trial the same values.
    void sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out) const;

private:
    samplers::TrialStreams streams_;
};

} // namespace hpo::random_sampler
