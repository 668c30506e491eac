// The tree-structured Parzen estimator (Bergstra et al., 2011, with Optuna's refinements):
// rank the finished trials, split them into good and bad, model each side with Parzen
// estimators l(x) and g(x), draw candidates from l and propose the one maximizing
// l(x)/g(x), which maximizes expected improvement under TPE's model.
//
// Stateless between calls: every proposal is a function of the study view and of random
// streams keyed by (seed, trial number, parameter), so one instance serves many threads
// and the same history gives the same proposal.
#pragma once

#include "tpe_options.hpp"

#include <trial_streams.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <span>

namespace hpo::tpe {

class TpeSampler {
public:
    static constexpr plugin_kit::About about{
        "tpe",
        "Tree-structured Parzen estimator: univariate or multivariate, several objectives, "
        "constant liar",
        kTpeOptionsSchema, HPO_PLUGIN_THREAD_SAFE};

    TpeSampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
        : TpeSampler(TpeOptions::from(options), host.seed()) {}
    TpeSampler(TpeOptions options, uint64_t seed) : options_(options), streams_(seed, 1) {}

    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param) const;
    // Univariate: each parameter of the subspace as sample_independent would choose it,
    // sharing one split. Multivariate: one joint proposal over the parameters every ended
    // trial had, NaN for the others (conditional ones) and for all during the startup
    // trials: the engine then samples those independently.
    void sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out) const;

private:
    double sample_univariate(const hpo_study_view &study, const TrialSplit &split,
                             int64_t trial_index, int32_t param) const;
    void sample_joint(const hpo_study_view &study, const TrialSplit &split, int64_t trial_index,
                      std::span<const int32_t> subspace, std::span<double> out) const;

    TpeOptions options_;
    samplers::TrialStreams streams_; // each skips a word, as tpe's streams always have
};

} // namespace hpo::tpe
