// The gp sampler: Bayesian optimization with a Gaussian-process surrogate, in the manner of
// scikit-optimize's gp_minimize.
//
// Each relative ask: until n_startup_trials observations exist, a point of the initial design
// (Sobol or random, indexed by trial number); then the study history is encoded
// (the samplers' space_encoding.hpp), its values minimized and, with several objectives, scalarized
// ParEGO-style with weights drawn per trial; the targets warped (output_transform.hpp) and
// standardized; the kernel fitted (hyperparameter_fit.hpp, on the schedule of
// model_cache.hpp); running trials given a lie
// (gp_options.hpp: constant liar or kriging believer) so parallel workers spread out; the
// acquisition maximized (acquisition_optimizer.hpp) and the best point decoded.
// Every random choice comes from a stream keyed by (instance seed, trial number, purpose).
//
// Not declared thread-safe: the model cache is shared between asks, so the engine serializes
// calls; each ask parallelizes inside itself with oneTBB.
#pragma once

#include "acquisition_optimizer.hpp"
#include "gp_options.hpp"
#include "model_cache.hpp"

#include <trial_streams.hpp>

#include <hpo/plugin.h>
#include <hpo_kit/plugin_library.hpp>

#include <cstdint>
#include <span>

namespace hpo::gp {

class GpSampler {
public:
    static constexpr plugin_kit::About about{
        "gp",
        "Gaussian-process Bayesian optimization (Matern-5/2 ARD, log-EI/PI/LCB, constant liar)",
        kGpOptionsSchema, 0};

    GpSampler(const plugin_kit::Options &options, const plugin_kit::Host &host)
        : GpSampler(GpOptions::from(options), host.seed()) {}
    GpSampler(GpOptions options, uint64_t seed) : options_(options), streams_(seed) {}

    // Writes one value per subspace entry (NaN for an inactive parameter).
    void sample_relative(const hpo_study_view &study, int64_t trial_index,
                         std::span<const int32_t> subspace, std::span<double> out);
    // A parameter outside the relative space: drawn uniformly (in log space when log).
    double sample_independent(const hpo_study_view &study, int64_t trial_index,
                              int32_t param_index) const;

    // The acquisition optimizer's budget; tests and benchmarks may shrink it.
    OptimizerSettings &optimizer_settings() { return optimizer_; }
    const ModelCache &cache() const { return cache_; }

private:
    std::vector<double> initial_design(const SpaceEncoding &encoding, int64_t number) const;

    GpOptions options_;
    samplers::TrialStreams streams_;
    OptimizerSettings optimizer_;
    FitSettings fit_;
    ModelCache cache_;
};

}  // namespace hpo::gp
