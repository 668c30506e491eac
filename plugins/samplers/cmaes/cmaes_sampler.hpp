// CMA-ES for one objective over the study's numeric parameters (float and int, unconditional),
// each mapped onto [0, 1] in its internal space (log space for a log parameter); ints and
// stepped floats are snapped onto their grid, with a margin that keeps them moving
// (cma_distribution.hpp). Categorical and conditional parameters are left to the fallback,
// independent draws from their priors.
//
// State lives in the study, so every worker samples one distribution and a restart resumes it:
// - the study's system attribute "cmaes:state" holds the distribution, the numeric parameters
//   it covers, its generation (counted across restarts) and the number of restarts;
// - each trial records, when it starts, the generation it was sampled from
//   ("cmaes:generation") and its point in the cube ("cmaes:x"), the unsnapped sample CMA-ES
//   learns from.
// When a trial starts and popsize trials of the current generation have completed, the first
// popsize of them (by number) update the distribution, or, under IPOP, a stalled run restarts
// from a random mean with a population inc_popsize times larger. A worker never waits: trials
// started meanwhile join the generation in progress.
#pragma once

#include "cma_distribution.hpp"
#include "cmaes_options.hpp"

#include <sampler_adapter.hpp>
#include <trial_streams.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <span>
#include <vector>

namespace hpo::cmaes {

class CmaesSampler {
public:
    static constexpr plugin_kit::About about{
        "cmaes",
        "CMA-ES (Hansen) with IPOP restarts, separable and learning-rate-adapted variants, a "
        "margin for int and stepped parameters; state kept in the study",
        kCmaesOptionsSchema, HPO_PLUGIN_THREAD_SAFE};

    CmaesSampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
        : CmaesSampler(CmaesOptions::from(options), host.seed()) {}
    CmaesSampler(CmaesOptions options, uint64_t seed) : options_(options), streams_(seed) {}

    samplers::AttributeUpdate before_trial(const hpo_study_view &study, int64_t trial_index) const;
    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param) const;
    void sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out) const;

    // The parameters CMA-ES searches: numeric, unconditional, with a range to move in.
    static std::vector<int32_t> searched_params(const hpo_study_view &study);

private:
    struct Run; // the distribution and its bookkeeping, as kept on the trials

    Run start_run(const hpo_study_view &study, const std::vector<int32_t> &params) const;
    // Tells the run its generation's trials when popsize of them have completed.
    bool advance(const hpo_study_view &study, int64_t trial_index, Run &run) const;
    CmaSettings settings(const hpo_study_view &study, const std::vector<int32_t> &params) const;
    // The trial's values from its recorded point, one per parameter of the study: NaN for a
    // parameter it does not hold, all NaN when the trial has no point. One read of the
    // trial's point serves every parameter of a relative proposal.
    std::vector<double> decoded(const hpo_study_view &study, int64_t trial_index) const;

    // The distribution recorded by the trial that opened the newest generation.
    std::optional<nlohmann::json> newest_state(const hpo_study_view &study) const;

    CmaesOptions options_;
    samplers::TrialStreams streams_;
    // The newest distribution as last parsed, with the attributes' text it came from: the
    // trial holding it keeps that text unchanged for many asks, and comparing the text costs
    // far less than parsing it again (a covariance, a history of best values), which was most
    // of an ask's cost. Shared by the threads one instance serves.
    struct StateCache {
        std::mutex mutex;
        std::string attrs;
        std::optional<nlohmann::json> state;
    };
    mutable StateCache state_cache_;
};

} // namespace hpo::cmaes
