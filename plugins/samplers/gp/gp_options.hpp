// The gp sampler's options: checked against kGpOptionsSchema (what `hpo plugins` shows),
// which states their names, types, bounds and defaults once. GpOptions{} holds the same
// defaults for code that builds a sampler without options text.
#pragma once

#include "acquisition.hpp"
#include "output_transform.hpp"

#include <hpo_kit/options.hpp>

namespace hpo::gp {

enum class InitialDesign { Sobol, Random };

// What a pending (running) trial is assumed to have returned: the minimum, mean or maximum of
// the observed targets (constant liar), or the model's own mean there (kriging believer).
enum class Liar { Min, Mean, Max, Believer };

struct GpOptions {
    int n_startup_trials = 10;
    InitialDesign initial_design = InitialDesign::Sobol;
    AcquisitionSettings acquisition;
    Liar liar = Liar::Mean;
    int refit_every = 5;
    int refit_always_below = 50;
    OutputTransform output_transform = OutputTransform::Power;

    // From options checked against kGpOptionsSchema.
    static GpOptions from(const plugin_kit::Options &given);
};

inline constexpr const char kGpOptionsSchema[] = R"schema({
  "n_startup_trials": {"type": "integer", "default": 10, "minimum": 0, "maximum": 2147483647, "description": "observations before the GP is used; until then the initial design proposes"},
  "initial_design": {"type": "string", "enum": ["sobol", "random"], "default": "sobol", "description": "how the first trials are chosen: a shifted Sobol sequence indexed by trial number, or uniformly at random"},
  "acquisition": {"type": "string", "enum": ["ei", "pi", "lcb"], "default": "ei", "description": "log expected improvement, log probability of improvement, or lower confidence bound (scikit-optimize's acq_func)"},
  "xi": {"type": "number", "default": 0, "minimum": 0, "description": "ei, pi: improvement sought beyond the best, in standard deviations of the observed values"},
  "kappa": {"type": "number", "default": 1.96, "minimum": 0, "description": "lcb: weight of the posterior standard deviation"},
  "liar": {"type": "string", "enum": ["min", "mean", "max", "believer"], "default": "mean", "description": "value assumed for running trials: a constant (min, mean or max of the observed), or the GP's mean (kriging believer)"},
  "refit_every": {"type": "integer", "default": 5, "minimum": 1, "maximum": 2147483647, "description": "with refit_always_below observations or more, refit the kernel hyperparameters only after this many new observations"},
  "refit_always_below": {"type": "integer", "default": 50, "minimum": 0, "maximum": 2147483647, "description": "below this many observations the hyperparameters are refit at every ask"},
  "output_transform": {"type": "string", "enum": ["power", "log", "none"], "default": "power", "description": "warp of the observed values before standardizing: Yeo-Johnson with lambda fitted by maximum likelihood, log(1 + u), or none; u is the values shifted to start at 0 and divided by their standard deviation"}
})schema";

}  // namespace hpo::gp
