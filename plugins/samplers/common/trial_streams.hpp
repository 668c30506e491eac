// Where a sampler's random draws come from: streams keyed by (the instance's seed, a trial's
// number, a stream), the stream being a parameter's index or a named purpose. A trial's number
// is stable across processes, unlike its place in a view, and the host's seed is the study's
// seed mixed with the plugin's name; so the same history and seed give the same proposal in
// any process, thread or order of calls.
#pragma once

#include <hpo/plugin.h>
#include <hpo_kit/random_stream.hpp>
#include <hpo_kit/study_view.hpp>

#include <cstdint>

namespace hpo::samplers {

using plugin_kit::RandomStream;

// Streams that are not a parameter's, named by purpose: they count down from the top of the
// word range, where no parameter index reaches, and come from this one list so that no two
// purposes of a sampler share a stream.
enum StreamPurpose : uint64_t {
    kJointProposal = ~0ull,        // tpe: one multivariate proposal
    kTrialChoice = ~0ull - 1,      // anneal: the past trial annealed around
    kInitialDesign = ~0ull - 2,    // gp: a random point of the initial design
    kDesignShift = ~0ull - 3,      // gp: the shift of the Sobol design (a stream of the study)
    kObjectiveWeights = ~0ull - 4, // gp: ParEGO's weights of several objectives
    kModelFit = ~0ull - 5,         // gp: the random starts of the hyperparameter fit
    kAcquisition = ~0ull - 6,      // gp: the starts of the acquisition optimizer
    kParentChoice = ~0ull - 7,     // genetic, nsga2: a child's parents and whether they cross
    kNiching = ~0ull - 8,          // nsga2: NSGA-III's ties among reference points (of a generation)
    kCmaSample = ~0ull - 9,        // cmaes: a trial's standard normal draws (a generation's, keyed by its opener)
    kCmaRestart = ~0ull - 10,      // cmaes: the mean of a restart (of the study, by restart)
};

class TrialStreams {
public:
    // `skip`: words every stream passes over at its start. tpe's and anneal's streams began
    // one word in before the samplers shared them; skipping it keeps each seed's proposals.
    explicit TrialStreams(uint64_t seed, uint64_t skip = 0) : seed_(seed), skip_(skip) {}

    // The key of a trial's stream, for code that derives streams of its own from it.
    uint64_t key(int64_t number, uint64_t stream) const {
        return plugin_kit::stream_key({seed_, static_cast<uint64_t>(number), stream});
    }
    // The key of a stream of the whole study, the same for every trial.
    uint64_t study_key(uint64_t stream) const { return plugin_kit::stream_key({seed_, stream}); }

    RandomStream stream(int64_t number, uint64_t stream) const {
        RandomStream draws(key(number, stream));
        for (uint64_t i = 0; i < skip_; ++i) draws.next();
        return draws;
    }
    // The stream of the trial at trial_index in the view.
    RandomStream stream(const hpo_study_view &study, int64_t trial_index, uint64_t stream) const {
        return this->stream(plugin_kit::trial_at(study, trial_index).number, stream);
    }

private:
    uint64_t seed_;
    uint64_t skip_;
};

} // namespace hpo::samplers
